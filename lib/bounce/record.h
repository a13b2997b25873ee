/*
 * The records of deliv-bounce-classify as core/out writes them: the
 * columns and one bounce_rcpt as a row.
 */
#ifndef BOUNCE_RECORD_H
#define BOUNCE_RECORD_H

#include "bounce/bounce.h"
#include "core/out.h"

/* The columns of a bounce record. */
const struct out_col	*bounce_record_cols(size_t *ncols);

/*
 * Write r, found in message msgno of source, as one row of o.  0, or -1
 * when the row could not be written (out_end()).
 */
int	bounce_record_out(struct out *o, const char *source, long msgno,
	    const struct bounce_rcpt *r);

#endif
