/*
 * Which program wrote a bounce (bounce/mta.c): the fingerprint table
 * data/bounce-mta.tsv (a pattern in one place of the bounce names its
 * writer) and the writer's own reasons, data/bounce-mta-reasons.tsv
 * (the same words meaning another reason when this writer says them).
 */
#ifndef BOUNCE_MTA_H
#define BOUNCE_MTA_H

#include "bounce/bounce_priv.h"

struct mtas;

/*
 * Load data_dir/bounce-mta.tsv and data_dir/bounce-mta-reasons.tsv
 * (reasons checked against the reasons table); a table that is not
 * there is empty.  NULL and e filled
 * ("data/bounce-mta.tsv:12", what) on an unreadable file or a bad line.
 */
struct mtas	*mtas_load(const char *data_dir, const struct reasons *,
		    struct derr *e);
void		 mtas_free(struct mtas *);

/* The writer of the message of c (its first matching row), or NULL. */
const char	*mtas_find(struct mtas *, struct ctx *c);

/*
 * The reason that writer mta means by reason (a row of
 * bounce-mta-reasons.tsv), or NULL when the row is none.
 */
const char	*mtas_reason(const struct mtas *, const char *mta,
		    const char *reason);

#endif
