/*
 * The message layer over GMime: a depth-limited walk of the MIME tree
 * that tells each node's content type and disposition, enclosed
 * messages left unparsed until asked for (their headers read raw), the
 * decoded bytes and the UTF-8 text of a part (text/html made text
 * through mail/html), and header look-ups.  Nothing here prints, exits
 * or keeps state between calls (mail_enclosed_as_leaves() sets GMime's
 * own table of part types, once).
 *
 * A walk that counts attachments and keeps the text parts, as a linter
 * would:
 *
 *	static int
 *	visit(void *arg, const struct mail_node *n)
 *	{
 *		struct mine *m = arg;
 *
 *		if (n->message != NULL || (n->leaf && (n->attachment ||
 *		    !n->text)))
 *			m->nattach++;
 *		else if (n->text)
 *			keep(m, n->path, n->alt, mail_part_text(
 *			    GMIME_TEXT_PART(n->obj), 0));
 *		return MAIL_WALK_NEXT;
 *	}
 *	...
 *	mail_walk(g_mime_message_get_mime_part(msg), 64, visit, &mine);
 */
#ifndef MAIL_MESSAGE_H
#define MAIL_MESSAGE_H

#include <stdbool.h>
#include <stddef.h>

#include <gmime/gmime.h>

#include "core/util.h"

/* One node of the MIME tree as mail_walk() shows it.  All borrowed. */
struct mail_node {
	GMimeObject	*obj;		/* the node itself */
	int		 depth;		/* 0 for the top it was given */
	const char	*path;		/* "1", "1.2", "2.1.3": positions from
					 * 1 under each multipart; "" for the
					 * top; the top of an enclosed message
					 * has its message part's path */
	const char	*type;		/* media type as written, "text" when
					 * no Content-Type; never NULL */
	const char	*subtype;	/* "plain" when no Content-Type; NULL
					 * when the type has none */
	bool		 multipart;	/* a multipart: its parts follow */
	GMimeMessage	*message;	/* a message/rfc822 (or global) part:
					 * the message it holds, else NULL */
	bool		 enclosed;	/* a message/rfc822 or message/global
					 * part left unparsed after
					 * mail_enclosed_as_leaves() (also a
					 * leaf; message NULL): read its
					 * headers with mail_enclosed_read()
					 * or walk it with MAIL_WALK_INTO */
	bool		 leaf;		/* a GMimePart: content of its own */
	bool		 text;		/* a GMimeTextPart (text slash any) */
	bool		 attachment;	/* Content-Disposition: attachment, or
					 * a filename given */
	const char	*filename;	/* g_mime_part_get_filename() */
	int		 alt;		/* 0, or the number (1, 2, ... in walk
					 * order) of the innermost
					 * multipart/alternative it is in */
};

/* What a visitor returns to mail_walk(). */
enum {
	MAIL_WALK_NEXT = 0,	/* go on: into a multipart's parts */
	MAIL_WALK_SKIP = 1,	/* go on, but not into this multipart */
	MAIL_WALK_INTO = 2	/* for a message part (or an enclosed
				 * one): walk the message it holds too
				 * (its top at depth + 1) */
};

/*
 * Called once per node, parents before children.  Returns one of
 * MAIL_WALK_*, or a negative value, which stops the walk.
 */
typedef int	(*mail_visitor)(void *arg, const struct mail_node *);

/*
 * Walk the tree under top (a message's g_mime_message_get_mime_part(),
 * or any part), depth first in order, visiting nodes of depth at most
 * max_depth; deeper ones are left out silently.  Enclosed messages are
 * walked only when the visitor says MAIL_WALK_INTO.  top NULL visits
 * nothing.  Returns 0, or the visitor's negative value that stopped it.
 */
int	mail_walk(GMimeObject *top, int max_depth, mail_visitor visit,
	    void *arg);

/*
 * From now on, in this process, GMime parses message/rfc822 and
 * message/global parts as leaves holding the enclosed message's bytes
 * (mail_node.enclosed), so that a program that reads only the enclosed
 * message's headers (a bounce's attached original) does not pay for
 * parsing and freeing the whole message.  mail_enclosed_read() reads
 * the headers; mail_walk() parses and walks the whole message when the
 * visitor says MAIL_WALK_INTO.  Transfer-encoded ones are leaves in any
 * case (GMime does not parse them) and are not enclosed.  This changes
 * GMime's table of part types, which is the process's: call it once,
 * before the first message is parsed.
 */
void	mail_enclosed_as_leaves(void);

/*
 * What a reader of an enclosed message's headers (mail_node.enclosed)
 * gets, without a GMimeMessage: read from its raw header block, split
 * as GMime's parser splits it inside the bounce, the values given to
 * GMime's own Message-ID and address parsers, so each field is what the
 * GMimeMessage getter named gives.  Its body is not read.
 */
struct mail_enclosed {
	bool			 empty;		/* no message: an empty part */
	char			*message_id;	/* g_mime_message_get_message_id():
						 * the last Message-ID's, or NULL */
	InternetAddressList	*to;		/* g_mime_message_get_to(): every
						 * To's addresses (NULL if none),
						 * once mail_enclosed_addrs() */
	InternetAddressList	*from;		/* the same for From */
	char			**raw;		/* the To and From values not
						 * yet parsed: 'T' or 'F', the
						 * value */
	size_t			 nraw;
	bool			 report;	/* its top part is a
						 * multipart/report */
};

/*
 * Fill e from an enclosed part; free it with mail_enclosed_free().  An
 * empty part gives e->empty and nothing else.
 */
void	mail_enclosed_read(GMimeObject *part, struct mail_enclosed *e);
void	mail_enclosed_free(struct mail_enclosed *e);

/*
 * Parse the To and From values of e into e->to and e->from.  Reading
 * leaves them raw (GMime's address objects cost more than the rest of
 * the reading), unless one may come out otherwise than in the message;
 * the lists are the same whenever they are parsed.
 */
void	mail_enclosed_addrs(struct mail_enclosed *e);

/*
 * Fill e from a header block given as text, s[0..len) up to and with
 * its empty line (or ending in a newline), as the GMimeMessage that
 * g_mime_parser_construct_message() makes of it alone would give the
 * fields: 0, else -1 with e empty when only that message can tell (its
 * first line no field: GMime refuses the message or passes over a
 * From_ line; an address list with an unclosed comment).  Free e with
 * mail_enclosed_free().
 */
int	mail_headers_read(const char *s, size_t len, struct mail_enclosed *e);

/*
 * The content of a leaf part with its transfer encoding (base64,
 * quoted-printable) undone, no charset conversion: at most max bytes of
 * it appended to out.  0, or -1 when it has no content or GMime cannot
 * decode it, or out of memory.
 */
int	mail_part_bytes(GMimePart *part, struct sbuf *out, size_t max);

/* Flags of mail_part_text(). */
#define MAIL_TEXT_GMIME	0x1	/* exactly g_mime_text_part_get_text() */

/*
 * The text of a text part in UTF-8, up to its first NUL; malloc'd,
 * free() it; NULL when there is none or out of memory.  With flags 0:
 * a part in a charset other than us-ascii, utf-8, iso-8859-1,
 * iso-8859-15 or windows-1252, or with 8-bit bytes in one of those, is
 * converted by GMime (g_mime_text_part_get_text()); ASCII text in one
 * of those is taken as it is (the conversion could not change it), and
 * so is 8-bit text labelled us-ascii that is valid UTF-8 (a writer's
 * label over a reply it copied); a part without a charset parameter is
 * taken as it is, 8-bit bytes unconverted.  With MAIL_TEXT_GMIME: always GMime's conversion, even
 * of ASCII text (lint passes 0).
 */
char	*mail_part_text(GMimeTextPart *part, unsigned flags);

/*
 * The text a reader sees of a text part, appended to out: text/html
 * through html_lines() of mail/html.h (line breaks kept; use
 * html_scan() on mail_part_text() for the full analysis), any other
 * text as mail_part_text(part, 0) gives it.  0, or -1 when the part has no
 * text or out of memory.
 */
int	mail_part_visible(GMimeTextPart *part, struct sbuf *out);

/*
 * The text mail_part_visible() would append, as *s[0..*len) (no NUL in
 * it): in place when it can be (a part that is not transfer-encoded,
 * taken as it is), else in tmp, which the caller gives empty and frees.
 * 0, or -1 as mail_part_visible().
 */
int	mail_part_visible_text(GMimeTextPart *part, struct sbuf *tmp,
	    const char **s, size_t *len);

/*
 * The value of the first header called name (any case) of o, a message
 * or a part, as GMime gives it, or NULL.  A message's Content-* headers
 * are its top part's, as in GMime.  A message that core/input parsed
 * lean (input_opts.lean_headers) is read from its kept header block
 * (mail/lean), with the same answers.
 */
const char	*mail_header(GMimeObject *o, const char *name);

/*
 * Append the names of o's own headers to out, one a line, in order (as
 * above).  0, or -1 when out of memory.
 */
int		 mail_header_names(GMimeObject *o, struct sbuf *out);

/*
 * What g_mime_message_get_subject(), _get_message_id(), _get_date(),
 * _get_from() and _get_to() give, for a message parsed whole or lean.
 */
const char	*mail_message_subject(GMimeMessage *m);
const char	*mail_message_id(GMimeMessage *m);
GDateTime	*mail_message_date(GMimeMessage *m);
InternetAddressList *mail_message_from(GMimeMessage *m);
InternetAddressList *mail_message_to(GMimeMessage *m);

/*
 * The first header called name in o's own header list, and in *count
 * how many there are (0 and NULL when none).
 */
GMimeHeader	*mail_header_find(GMimeObject *o, const char *name,
		    int *count);

/*
 * The same for a message, in its own list and in its top part's list
 * (where GMime keeps the Content-* headers): the message's first one,
 * else the top part's; *count adds both lists.
 */
GMimeHeader	*mail_message_header(GMimeMessage *m, const char *name,
		    int *count);

#endif
