/*
 * The record deliv-warmup-plan writes: one per day and provider (and per
 * day for "old" and "all"), its columns and its writer.  See
 * deliv-warmup-plan(1).
 */
#ifndef WARM_RECORD_H
#define WARM_RECORD_H

#include <stdio.h>

#include "core/out.h"
#include "warmup/warmup.h"

/* Open the record writer on fp (out_open with this module's columns). */
struct out	*warm_record_open(FILE *fp, const struct out_opts *oo);

/* Write the rows of pl.  0, or -1 on a write error. */
int	warm_record_write(struct out *, const struct warm_plan *pl);

#endif
