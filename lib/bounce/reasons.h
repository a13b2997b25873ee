/*
 * The reason of a failure (bounce/reasons.c): the classification of one
 * recipient's text by phrase, enhanced status code, SMTP reply code.
 */
#ifndef BOUNCE_REASONS_H
#define BOUNCE_REASONS_H

#include "bounce/bounce_priv.h"

/* The reason of an RFC 3463 code by the table, or NULL. */
const char	*bnc_status_reason(const struct bounce *, const char *status);

/* "file:line" of a phrase hit, kept in b->matched. */
const char	*bnc_hit_matched(struct bounce *, const struct phr_hit *);

/* Classify text; ctx is the wider text that tells the SMTP command. */
int	bnc_reason_ctx(struct bounce *, const char *text, const char *ctx,
	    struct bounce_rcpt *, struct derr *);

/*
 * Classify r with its own text (own), the text of its paragraph (near,
 * or NULL) and the whole bounce text; status and smtp as found in
 * report fields (NULL, 0 when none).  0, or -1 on a match error.
 */
int	bnc_classify_text(struct ctx *, struct bounce_rcpt *, const char *own,
	    const char *near, const char *status, int smtp);

/*
 * The wider text that tells the SMTP command a reply answered, and
 * what it was found to say (-1: not asked yet): a text shared by many
 * recipients is searched once.
 */
struct cmdtext {
	const char	*s;	/* NULL: none */
	size_t		 len;
	int		 rcpt;	/* RE_RCPT in it */
	int		 data;	/* RE_DATA in it */
};

/*
 * The whole text as the fallback of bnc_classify_text() reads it for
 * the many recipients of one notice: every address of addrs (lower case
 * keys; the caller's) blanked out at once, and what it said, by the
 * reply code a recipient's own text gave.  A notice that lists
 * thousands of recipients is classified whole once, not once for each.
 * Zero it and set addrs before use; bnc_whole_free() after.
 */
struct bnc_whole {
	GHashTable	*addrs;
	bool		 made;	/* w is of src[0..slen) */
	const char	*src;
	size_t		 slen;
	struct sbuf	 w;
	struct cmdtext	 x;	/* of w */
	GHashTable	*ans;	/* reply code -> the fallback's answer */
};

/* bnc_classify_text() of a recipient of wh's notice (no near, status). */
int	bnc_classify_listed(struct ctx *, struct bnc_whole *wh,
	    struct bounce_rcpt *, const char *own);
/*
 * bnc_classify_text() of one of the many recipients of a DSN: its whole
 * text (every recipient of addrs blanked) classified once per reply
 * code and status, not once for each.
 */
int	bnc_classify_group(struct ctx *, struct bnc_whole *wh,
	    struct bounce_rcpt *, const char *own, const char *near,
	    const char *status, int smtp);
void	bnc_whole_free(struct bnc_whole *wh);

#endif
