/*
 * The suppression side of deliv-bounce-classify over core/store: one
 * bounce record into the store, the --suppressed listing and the
 * --filter of addresses, each written through core/out.
 */
#ifndef BOUNCE_SUPPRESS_H
#define BOUNCE_SUPPRESS_H

#include <stdio.h>
#include <time.h>

#include "bounce/bounce.h"
#include "core/out.h"
#include "core/store.h"

/* The columns of the --suppressed listing and of the --filter output. */
const struct out_col	*bounce_supp_cols(size_t *ncols);
const struct out_col	*bounce_filter_cols(size_t *ncols);

/*
 * Record r (from message msgno of source) in db; r without a recipient
 * or of kind "none" is skipped.  Its time is r->ts, else now.  0 or -1.
 */
int	bounce_store_record(struct store *db, const struct bounce_rcpt *r,
	    const char *source, long msgno, time_t now, struct derr *e);

/* Write every address suppressed at now under pol to o.  0 or -1. */
int	bounce_list_suppressed(struct store *db, time_t now,
	    const struct store_policy *pol, struct out *o, struct derr *e);

/*
 * Read addresses one a line from fp ("#" comments and blank lines
 * skipped) and write to o those not suppressed at now.  0, or -1 on a
 * store error (e filled); a read error of fp is the caller's (ferror).
 */
int	bounce_filter(struct store *db, FILE *fp, time_t now,
	    const struct store_policy *pol, struct out *o, struct derr *e);

#endif
