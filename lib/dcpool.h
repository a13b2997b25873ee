/*
 * dnscheck's threads: N workers, one DNS handle each, checking a batch of
 * domains into one finding list per domain (so the caller writes them in
 * input order).
 */
#ifndef DCPOOL_H
#define DCPOOL_H

#include <stddef.h>

#include "dcrec.h"
#include "deliv.h"
#include "dns.h"
#include "dnscheck.h"

struct dcpool;

/*
 * A pool of n workers over d (owned from now on; the others get
 * dns_dup()s).  reopen, when not NULL, are the resolver options to open a
 * fresh resolver with after a domain that had a temperror (libldns keeps
 * a server that timed out as unreachable for good); it must outlive the
 * pool.  NULL (e filled) when out of memory.
 */
struct dcpool	*dcpool_new(struct dns *d, size_t n,
		    const struct dns_opts *reopen, struct derr *e);

/* The first worker's handle, for work before the batches (borrowed). */
struct dns	*dcpool_dns(struct dcpool *);

/* Give the first worker a fresh resolver (when reopen was given). */
void	dcpool_refresh(struct dcpool *);

/*
 * Check dom[0..n) with o, filling res[i] for dom[i] (res zeroed by the
 * caller).  If threads cannot start, fewer (or the caller) do the work.
 */
void	dcpool_run(struct dcpool *, const struct dnscheck_opts *o,
	    char *const dom[], size_t n, struct dcrec_list res[]);

void	dcpool_free(struct dcpool *);

#endif
