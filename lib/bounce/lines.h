/*
 * bounce/lines: a recipient's paragraph of a notice, and its own lines
 * of one that names several (an entry of a list of recipients and the
 * reply under it).
 */
#ifndef BOUNCE_LINES_H
#define BOUNCE_LINES_H

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>

#include "bounce/bounce_priv.h"

/* Is c a byte of an address's local part (RE_ADDR's, or UTF-8)? */
bool	bnc_local_char(unsigned char c);

/* The paragraph of t around offset at: [*ps, *pe). */
void	bnc_paragraph(const char *t, size_t len, size_t at, size_t *ps,
	    size_t *pe);

/*
 * The start of the line holding offset at, looked for at most LINE_LOOK
 * bytes back; (size_t)-1 when it starts further back.
 */
#define LINE_LOOK	1000
size_t	bnc_near_line_start(const char *t, size_t at);

/*
 * The recipient named at t[at..at+alen) in its paragraph t[*ps..*pe)
 * (bnc_paragraph()), narrowed to its own lines when its address opens
 * its line (an entry: "  a@x", "<a@x>: ..."): those after an earlier
 * line that names another address of addrs (lower case; NULL: none),
 * up to a later line that does.  Whether it is such an entry.
 */
bool	bnc_own_lines(struct bounce *, GHashTable *addrs, const char *t,
	    size_t at, size_t alen, size_t *ps, size_t *pe);

/*
 * The lines of recipient a of a plain-text notice t[0..len) into out:
 * its first place t[ps..pe), then, with 2 to OWN_MAX recipients (addrs),
 * up to four later places before sig where a opens an entry, each with
 * its own lines up to the next notice line of nt (a list of recipients,
 * then each one's reply further on: Exchange 2007 and later).  0, or -1
 * out of memory.
 */
struct notices;
struct sbuf;
int	bnc_own_places(struct ctx *, const char *t, size_t len, size_t sig,
	    const struct notices *nt, GHashTable *addrs, const char *a,
	    size_t ps, size_t pe, struct sbuf *out);

/*
 * Is the address at t[at] (its line [ls, le)) alone on its line and
 * indented less than the line above, which opens with a reply code: the
 * next entry after the reply of the entry above, never introduced by
 * that reply's words?
 */
bool	bnc_under_reply(const char *t, size_t ls, size_t at, size_t le);

/*
 * Is the address at t[at] (its line [ls, le)) the value of a field, the
 * line "LABEL : addr", under a line that is a field "LABEL : value" too:
 * a listing of fields, one a line (Coremail's notice, "主题/Subject :
 * \tSUBJECT" over "收件人/To : \tADDR"), never a sentence wrapped there?
 */
bool	bnc_under_field(const char *t, size_t ls, size_t at);

/*
 * s[0..len) with white space collapsed and the continuation markers of
 * multi-line SMTP replies dropped, at most max (or DIAG_MAX) bytes.
 */
void	bnc_one_line_max(struct sbuf *out, const char *s, size_t len,
	    size_t max);
void	bnc_one_line(struct sbuf *out, const char *s, size_t len);

#endif
