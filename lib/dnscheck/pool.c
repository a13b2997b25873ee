/*
 * dnscheck's worker threads.  See dnscheck_pool.h.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "core/deliv.h"
#include "auth/dnsbl.h"
#include "core/finding.h"
#include "dnscheck/dnscheck.h"
#include "dnscheck/pool.h"
#include "net/dns.h"

struct dnscheck_pool;

struct worker {
	pthread_t		 t;
	struct dns		*d;
	struct dnscheck_pool		*p;
};

struct dnscheck_pool {
	struct worker			*w;
	size_t				 n;
	const struct dns_opts		*reopen;
	/* The batch being checked. */
	const struct dnscheck_opts	*o;
	char *const			*dom;
	struct finding_list		*res;
	size_t				 ndom;
	atomic_size_t			 next;
};

static void
refresh(struct dnscheck_pool *p, struct worker *w)
{
	struct derr e;
	struct dns *d;

	if (p->reopen != NULL && (d = dns_open_resolver(p->reopen, &e)) !=
	    NULL) {
		dns_free(w->d);
		w->d = d;
	}
}

static void *
work(void *arg)
{
	struct worker *w = arg;
	struct dnscheck_pool *p = w->p;
	size_t i, j;

	while ((i = atomic_fetch_add(&p->next, 1)) < p->ndom) {
		dnscheck_domain(w->d, p->o, p->dom[i], &p->res[i]);
		for (j = 0; j < p->res[i].n; j++)
			if (p->res[i].v[j].status == FINDING_TEMPERROR) {
				refresh(p, w);
				break;
			}
	}
	return NULL;
}

struct dnscheck_pool *
dnscheck_pool_new(struct dns *d, size_t n, const struct dns_opts *reopen,
    struct derr *e)
{
	struct dnscheck_pool *p;
	size_t i;

	if (n == 0)
		n = 1;
	if ((p = calloc(1, sizeof(*p))) == NULL ||
	    (p->w = calloc(n, sizeof(*p->w))) == NULL) {
		free(p);
		dns_free(d);
		derr_set(e, "threads", "out of memory");
		return NULL;
	}
	p->n = n;
	p->reopen = reopen;
	p->w[0].d = d;
	for (i = 0; i < n; i++) {
		p->w[i].p = p;
		if (i > 0 && (p->w[i].d = dns_dup(d)) == NULL) {
			dnscheck_pool_free(p);
			derr_set(e, "threads", "out of memory");
			return NULL;
		}
	}
	return p;
}

struct dns *
dnscheck_pool_dns(struct dnscheck_pool *p)
{
	return p->w[0].d;
}

void
dnscheck_pool_refresh(struct dnscheck_pool *p)
{
	refresh(p, &p->w[0]);
}

void
dnscheck_pool_run(struct dnscheck_pool *p, const struct dnscheck_opts *o,
    char *const dom[], size_t n, struct finding_list res[])
{
	size_t i, started;

	p->o = o;
	p->dom = dom;
	p->res = res;
	p->ndom = n;
	atomic_store(&p->next, 0);
	if (p->n == 1 || n == 1) {
		work(&p->w[0]);
		return;
	}
	/* The threads that start share out every domain between them. */
	for (started = 0; started < p->n; started++)
		if (pthread_create(&p->w[started].t, NULL, work,
		    &p->w[started]) != 0)
			break;
	for (i = 0; i < started; i++)
		pthread_join(p->w[i].t, NULL);
	if (started == 0)
		work(&p->w[0]);
}

void
dnscheck_pool_free(struct dnscheck_pool *p)
{
	if (p == NULL)
		return;
	while (p->n > 0)
		dns_free(p->w[--p->n].d);
	free(p->w);
	free(p);
}

void
dnscheck_pool_selftest(struct dnscheck_pool *p, struct dnsbl *lists,
    int with_ips)
{
	dnsbl_selftest(lists, dnscheck_pool_dns(p), with_ips, 1);
	dnscheck_pool_refresh(p);
}
