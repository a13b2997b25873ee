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
#include "core/util.h"

/* Open the record writer on fp (out_open with this module's columns). */
struct out	*dnscheck_record_open(FILE *fp, const struct out_opts *oo);

/*
 * What a run has seen, for the exit status and the closing tally: set
 * min (and tally) before the first write.
 */
struct dnscheck_sum {
	int	 min;		/* write only findings this bad: FINDING_PASS
				   (all), FINDING_WARN or FINDING_FAIL;
				   temperrors are always written */
	int	 tally;		/* keep one summary line per domain */
	int	 fail;		/* some finding was a fail */
	int	 temperror;	/* something could not be checked */
	struct sbuf lines;	/* the summary lines, "DOMAIN: fail (...)\n" */
};

/* Parse --min-status (pass, warn, fail) into *min; 0, or -1. */
int	dnscheck_min_status(const char *s, int *min);

/*
 * Write the findings of dom[0..n) (res[i] for dom[i]) in that order, the
 * ones at or above sum->min, then free res[i] and dom[i]; sum counts
 * them.  0, or -1 (e filled: the domain) when a list ran out of memory.
 */
int	dnscheck_record_write(struct out *, char *dom[],
	    struct finding_list res[], size_t n, struct dnscheck_sum *sum,
	    struct derr *e);

/*
 * The exit status the findings call for: 2 when something could not be
 * checked (DNS timeout, SERVFAIL, REFUSED), else 1 when something
 * fails, else 0.
 */
int	dnscheck_exit(const struct dnscheck_sum *);

void	dnscheck_sum_free(struct dnscheck_sum *);

#endif
