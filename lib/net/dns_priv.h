/*
 * The DNS modules' shared insides (not an API): the handle, the loaded
 * zones, and the two back ends' query functions that dns.c's common API
 * calls (dns_zone.c, dns_resolver.c).
 */
#ifndef NET_DNS_PRIV_H
#define NET_DNS_PRIV_H

#include <stdatomic.h>

#include <ldns/ldns.h>

#include "core/deliv.h"
#include "net/dns.h"

#define DNS_CNAME_MAX	16	/* CNAMEs followed before calling it a loop */
#define DNS_TIMEOUT_TYPE 65280	/* private-use type: "this query times out" */

/* One loaded zone: its origin and its records sorted by (owner, type). */
struct zone {
	ldns_rdf	 *origin;
	ldns_rr		**rrs;
	size_t		  n;
	ldns_rr_list	 *list;		/* owns the records */
};

struct zoneset {
	atomic_int	 refs;
	struct zone	*zones;
	size_t		 n;
};

struct dns {
	ldns_resolver	*res;		/* resolver backend, or */
	struct zoneset	*zs;		/* zone backend */
	unsigned long	 nq;
};

/*
 * One question to a back end, qname parsed from the text qs (for the
 * messages).  As dns_query() in net/dns.h.
 */
enum dns_result	dns_zones_query(struct dns *d, const ldns_rdf *qname,
		    ldns_rr_type type, const char *qs, ldns_rr_list **rrs,
		    struct derr *e);
enum dns_result	dns_resolver_query(struct dns *d, const ldns_rdf *qname,
		    ldns_rr_type type, const char *qs, ldns_rr_list **rrs,
		    struct derr *e);

/*
 * The RRSIGs covering type covered at qname in the zones (a DS's from
 * the parent zone), wildcards expanded; *sigs owned, maybe empty, on
 * DNS_ANSWER.  For net/dns_signed.c.
 */
enum dns_result	dns_zones_sigs(struct dns *d, const ldns_rdf *qname,
		    ldns_rr_type covered, ldns_rr_list **sigs);

/* Drop one reference to zs, freeing it with the last (NULL: nothing). */
void		dns_zoneset_unref(struct zoneset *zs);

#endif
