/*
 * Plain-text bounces and text helpers (bounce/text.c): the recipients
 * named in a bounce's words and their paragraphs.
 */
#ifndef BOUNCE_TEXT_H
#define BOUNCE_TEXT_H

#include "bounce/bounce_priv.h"

/* Emit the records of a plain-text bounce.  The emitter's value, or -1. */
int	bnc_text(struct ctx *);

/*
 * The first address (RE_ADDR) of t[0..len) from off, searched '@' by
 * '@': 1 and [*s, *e), or 0.
 */
int	bnc_find_addr(struct bounce *, const char *t, size_t len, size_t off,
	    size_t *s, size_t *e);

/* An address as written in a field, without "<>" (malloc'd, or NULL). */
char	*bnc_clean_addr(const char *v);

/* Is address a one of the mailboxes of l? */
bool	bnc_in_list(InternetAddressList *l, const char *a);

/*
 * Is a one of the parties' own addresses: the bounce's To or From, the
 * original's sender, or an address of the list whose bounce address the
 * bounce went to (verp_list_own())?  Never a failed recipient.
 */
bool	bnc_own_addr(struct ctx *, const char *a);

/*
 * The record that says more recipients were named than RCPT_MAX: no
 * recipient, the count left out in its diagnostic, "cap:RCPT_MAX" in
 * matched.  The emitter's value.
 */
int	bnc_emit_cap(struct ctx *, size_t more);

/* matched with a note after it, in c->note ("soft.txt:12; NOTE"). */
const char	*bnc_note(struct ctx *, const char *matched, const char *note);

/* How much of the bounce text the whole-text phrase checks read. */
size_t	bnc_text_head(const struct parts *);

#endif
