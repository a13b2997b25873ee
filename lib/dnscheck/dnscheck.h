/*
 * dnscheck: audit one domain (and the sending IPs given) through struct
 * dns: A/AAAA, MX, PTR, SPF, DKIM, DMARC, MTA-STS, TLS-RPT and DNS
 * lists, as a list of findings (lib/finding) in a fixed order.
 */
#ifndef DNSCHECK_H
#define DNSCHECK_H

#include <stddef.h>
#include <stdio.h>

#include "auth/dnsbl.h"
#include "core/deliv.h"
#include "core/finding.h"
#include "net/dns.h"
#include "net/orgdom.h"

/* The checks, by name for --only and --skip. */
enum {
	DC_A = 1 << 0,
	DC_MX = 1 << 1,
	DC_PTR = 1 << 2,
	DC_SPF = 1 << 3,
	DC_DKIM = 1 << 4,
	DC_DMARC = 1 << 5,
	DC_MTASTS = 1 << 6,
	DC_TLSRPT = 1 << 7,
	DC_DNSBL = 1 << 8,
	DC_DNSSEC = 1 << 9,	/* dnscheck/dnssec.h */
	DC_DANE = 1 << 10,	/* dnscheck/dane.h */
	DC_BIMI = 1 << 11,	/* dnscheck/bimi.h */
	DC_ALL = (1 << 12) - 1
};

/*
 * Parse a comma-separated list of check names (a, mx, ptr, spf, dkim,
 * dmarc, mta-sts, tls-rpt, dnsbl, dnssec, dane, bimi) into *mask.  0, or -1 with e filled.
 */
int	dnscheck_names(const char *list, unsigned *mask, struct derr *e);

struct mtasts_policy;

/* What to check, shared read-only by every thread. */
struct dnscheck_opts {
	unsigned		 checks;	/* DC_* */
	char *const		*ips;		/* --ip */
	size_t			 nips;
	const char		*helo;		/* --helo, or NULL */
	const char		*sender;	/* --sender, or NULL */
	char *const		*selectors;	/* --selector; none: common */
	size_t			 nselectors;
	const struct orgdom	*psl;
	const struct dnsbl	*lists;		/* NULL: no DNS lists */
	long long		 now;		/* the clock, for SPF %{t} */
	unsigned		 explain;	/* DC_SPF: the SPF tree */
	const ldns_rr_list	*anchors;	/* DNSSEC trust anchors, or NULL */
	const struct mtasts_policy *mtasts;	/* --mta-sts-policy, or NULL */
};

/*
 * Load what the DNSSEC, DANE and MTA-STS checks need into o: the trust
 * anchors of anchor_file (NULL: dns-root-data's root key, if installed)
 * and the MTA-STS policy file (NULL: none).  0, or -1 with e filled.
 * dnscheck_extras_free() frees them.  (dnscheck/extras.c)
 */
int	dnscheck_extras_load(struct dnscheck_opts *o, const char *anchor_file,
	    const char *policy_file, struct derr *e);
void	dnscheck_extras_free(struct dnscheck_opts *o);

/*
 * Audit domain and append its findings to l (at least one).  Thread-safe
 * with one struct dns per thread.
 */
void	dnscheck_domain(struct dns *, const struct dnscheck_opts *,
	    const char *domain, struct finding_list *l);

struct tsv;

/*
 * A list of domains read from fp (named name in errors), one a line;
 * tsv_close() it.  NULL with e filled when out of memory.
 */
struct tsv	*dnscheck_list_open(FILE *fp, const char *name, struct derr *e);

/*
 * The next domain of the list into *domain: the first word of a line;
 * blank lines and "#" comments skipped.  1; 0 at the end (*domain NULL);
 * -1 with e filled ("NAME:LINE: line longer than 65536 bytes").
 * *domain is valid until the next call.
 */
int	dnscheck_next_domain(struct tsv *list, const char **domain,
	    struct derr *e);

#endif
