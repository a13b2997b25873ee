/*
 * dnscheck's threads: N workers, one DNS handle each, checking a batch of
 * domains into one finding list per domain (so the caller writes them in
 * input order).
 */
#ifndef DNSCHECK_POOL_H
#define DNSCHECK_POOL_H

#include <stddef.h>

#include "core/deliv.h"
#include "core/finding.h"
#include "dnscheck/dnscheck.h"
#include "net/dns.h"

struct dnscheck_pool;

/*
 * A pool of n workers over d (owned from now on; the others get
 * dns_dup()s).  reopen, when not NULL, are the resolver options to open a
 * fresh resolver with after a domain that had a temperror; it must
 * outlive the pool.  net/dns's own sockets keep no state after a
 * timeout, so deliv-dnscheck passes NULL (and keeps each handle's
 * cache).  NULL (e filled) when out of memory.
 */
struct dnscheck_pool	*dnscheck_pool_new(struct dns *d, size_t n,
		    const struct dns_opts *reopen, struct derr *e);

/* The first worker's handle, for work before the batches (borrowed). */
struct dns	*dnscheck_pool_dns(struct dnscheck_pool *);

/* Give the first worker a fresh resolver (when reopen was given). */
void	dnscheck_pool_refresh(struct dnscheck_pool *);

/*
 * The DNS lists' self-test (dnsbl_selftest, with_ips as there) on the
 * first worker, then a fresh resolver for it: a timeout there sticks.
 */
void	dnscheck_pool_selftest(struct dnscheck_pool *, struct dnsbl *lists,
	    int with_ips);

/*
 * Check dom[0..n) with o, filling res[i] for dom[i] (res zeroed by the
 * caller).  If threads cannot start, fewer (or the caller) do the work.
 */
void	dnscheck_pool_run(struct dnscheck_pool *, const struct dnscheck_opts *o,
	    char *const dom[], size_t n, struct finding_list res[]);

void	dnscheck_pool_free(struct dnscheck_pool *);

#endif
