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
#define DNS_ZONE_MAX	(64 << 20)	/* bytes in a zone file, at most */

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

#define DNS_CACHE_MAX	20000	/* questions cached per handle */
#define DNS_CACHE_BUCKETS 1024

/* One question asked of the network and its outcome. */
struct dns_centry {
	struct dns_centry	*next;
	ldns_rr_type		 type;
	enum dns_result		 r;
	ldns_rr_list		*rrs;
	char			*what;		/* the error, or NULL */
	char			 name[];	/* lower case, no final dot */
};

struct dns {
	ldns_resolver		*res;	/* resolver backend (with zs: --live) */
	struct zoneset		*zs;	/* zone backend */
	unsigned long		 nq;
	struct dns_centry	*cache[DNS_CACHE_BUCKETS];
	size_t			 ncache;
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

/* 1 when a zone of zs holds name. */
int		dns_zones_cover(const struct zoneset *zs, const ldns_rdf *name);

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
