/*
 * The record deliv-dnscheck writes: its columns, and the writer of a
 * domain's findings.  See deliv-dnscheck(1).
 */
#ifndef DNSCHECK_RECORD_H
#define DNSCHECK_RECORD_H

#include <stddef.h>
#include <stdio.h>

#include "core/deliv.h"
#include "core/finding.h"
#include "core/out.h"

/* Open the record writer on fp (out_open with this module's columns). */
struct out	*dnscheck_record_open(FILE *fp, const struct out_opts *oo);

/*
 * Write the findings of dom[0..n) (res[i] for dom[i]) in that order, then
 * free res[i] and dom[i].  Sets *found when a finding is a fail.  0, or
 * -1 (e filled: the domain) when a list ran out of memory.
 */
int	dnscheck_record_write(struct out *, char *dom[],
	    struct finding_list res[], size_t n, int *found, struct derr *e);

#endif
