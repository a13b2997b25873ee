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

#endif
