/*
 * What the modules of bounce/ share and nobody else sees: the classifier
 * (struct bounce), what one message holds once taken apart (struct
 * parts), the state of one classification (struct ctx), the fixed
 * patterns and the size limits.
 */
#ifndef BOUNCE_PRIV_H
#define BOUNCE_PRIV_H

#include <stdbool.h>
#include <stddef.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "bounce/bounce.h"
#include "core/phrase_index.h"
#include "core/phrases.h"
#include "core/util.h"
#include "mail/dsn.h"
#include "mail/message.h"
#include "mail/received.h"

#define DIAG_MAX	1024	/* bytes of diagnostic kept per record */
#define TEXT_MAX	(256 * 1024)	/* bytes of bounce text searched */
#define DSN_MAX		(64 * 1024 * 1024)	/* bytes of delivery-status read */
#define CUT_VS_AFTER	(4 * 1024 * 1024)	/* bytes of text searched
						 * for a cut before Vectorscan */
#define RCPT_MAX	10000	/* recipients reported per message; the
				 * rest are counted in one record */
#define OWN_MAX		32	/* recipients of a notice up to which each
				 * keeps its own lines (reasons.c whole_set(),
				 * text.c own_places()) */

/* The fixed patterns, compiled once by bounce_new() (bounce.c). */
enum { RE_ADDR, RE_STATUS, RE_SMTP, RE_MSGID, RE_DATA, RE_RCPT, RE_CONN,
	RE_MAIL, RE_WRAP, RE_USRERR, RE_COUNT };

struct reasons;
struct mtas;
struct memo;

#define MEMO_SLOTS	256	/* bnc_index_match()'s answers kept */
#define MEMO_TEXT	1024	/* bytes of a text whose answer is kept */

/* The phrase lists, phrases/NAME (names in bounce.c's lists[]); PL_CUES:
 * the generic cue words, read when no soft or hard phrase matched. */
enum { PL_SOFT, PL_HARD, PL_SUBJECT, PL_VACATION, PL_CUT, PL_NOADDR,
	PL_NOTRCPT, PL_NOTICE, PL_CUES, PL_COUNT };

struct bounce {
	struct phr		*pl[PL_COUNT];
	struct phrase_index	*ix[PL_COUNT];	/* each list by word; not PL_CUT */
	struct reasons		*reasons;	/* data/reasons.tsv */
	struct mtas		*mtas;		/* data/bounce-mta*.tsv */
	pcre2_code		*re[RE_COUNT];
	pcre2_match_data	*md;
	pcre2_match_context	*lim;	/* with an offset limit: RE_ADDR's
					 * in bnc_re_find_by() */
	char			 status[16];
	char			 matched[64];
	bool			 dsn;	/* classifying a DSN's recipient */
	bool			 code_status;	/* its Status only the
					 * reporting MTA's reading of a
					 * bare reply code (report.c) */
	struct memo		*memo;	/* MEMO_SLOTS answers (bounce.c) */
	size_t			 cut_bytes;	/* text searched for a cut */
	bool			 cut_vs_tried;	/* ix[PL_CUT] asked for */
	struct rcvd_parser	*rcvd;	/* Received: parser, made when
					 * first asked (alias.c) */
	bool			 rcvd_failed;	/* and could not be */
	size_t			 nmerr;	/* phrase match errors (a match or
					 * depth limit) in this message */
	struct derr		 merr;	/* the first of them */
};

/* What one message holds, gathered in one walk (parts.c). */
struct parts {
	struct sbuf	 text;		/* bounce text, UTF-8, LF */
	struct sbuf	 orig;		/* original message text after cut */
	struct dsn	 dsn;		/* delivery-status fields */
	struct dsn	 arf;		/* feedback-report fields */
	bool		 has_dsn;
	bool		 has_arf;
	bool		 from_mdn;	/* dsn read from a Sieve reject's
					 * disposition notification */
	bool		 receipt;	/* a disposition notification that
					 * says no rejection: a receipt */
	char		*orig_msgid;
	char		**orig_to;	/* recipients of the original */
	size_t		 norig_to;
	char		*orig_from;
	struct mail_enclosed *pend;	/* originals whose To and From are
					 * not yet parsed: bnc_parts_addrs() */
	size_t		 npend;
	char		**list;		/* the list's own addresses and
					 * "<list-id>"s (parts.c) */
	size_t		 nlist;
};

/* One classification under way. */
struct ctx {
	struct bounce		*b;
	GMimeMessage		*m;
	struct parts		*p;
	struct bounce_rcpt	 base;
	bounce_emit		 emit;
	void			*arg;
	bounce_emit		 user_emit;	/* the caller's, after the
						 * writer's own reasons */
	void			*user_arg;
	struct derr		*e;
	struct sbuf		 diag;
	char			 note[128];	/* matched with a note */
	const char		*whole;		/* the text the whole-text
						 * fallback reads, wlen bytes;
						 * NULL: all of p->text */
	size_t			 wlen;
	char			*verp;		/* bounce/verp's member, once
						 * verp_done; or NULL */
	const char		*verp_field;	/* where it was */
	bool			 verp_done;
};

/*
 * The member a list's VERP return path names, the bounce's own recipient
 * (bounce/verp.h's verp_member(), asked once a message), or NULL.
 */
const char	*bnc_verp(struct ctx *);

/*
 * Match fixed pattern which in s[0..len) from start: 1 and the offsets
 * of group (of the whole match when the group did not take part), or 0.
 */
int	bnc_re_find(struct bounce *, int which, const char *s, size_t len,
	    size_t start, size_t *mstart, size_t *mend, int group);

/*
 * RE_ADDR in s[0..len) from start, a match that starts no later than
 * limit: 1 and its offsets, or 0.
 */
int	bnc_re_find_by(struct bounce *, const char *s, size_t len,
	    size_t start, size_t limit, size_t *mstart, size_t *mend);

/*
 * Does list PL_... of b match s[0..len)?  1 with *mstart set to where
 * the leftmost match starts, else 0.  A match error (a phrase left out)
 * is counted in b (bnc_match_err()), so that the message's records say
 * their matching failed.
 */
int	bnc_list_find(struct bounce *, int list, const char *s, size_t len,
	    size_t *mstart);

/*
 * phrase_index_match() of idx (the soft or hard list) whose match errors
 * (a phrase left out on a match or depth limit) are counted in b.
 */
int	bnc_index_match(struct bounce *, struct phrase_index *idx,
	    const char *s, size_t len, struct phr_hit *, struct derr *);

/*
 * Does subject s open as a person's answer or forward does ("Re:",
 * "Fwd:", "AW:", ... after an optional list tag)?
 */
bool	bnc_reply_subject(const char *s);

/*
 * Subject s past up to three tags a relay or a list put in front of it
 * ("[External] ", "[news] "), and its spaces; does it open with pre
 * (caseless) there or after one of those tags?
 */
const char *bnc_untagged(const char *s);
bool	bnc_subject_opens(const char *s, const char *pre);

/* Count a match error of the message being classified; keep the first. */
void	bnc_match_err(struct bounce *, const struct derr *);

#endif
