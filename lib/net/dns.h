/*
 * DNS for the checks: one interface, two backends.  A libldns resolver
 * (system resolv.conf or --server ADDR[#PORT]) or zone files loaded in
 * memory that answer as an authoritative server would (CNAME chasing,
 * wildcards, NXDOMAIN/NODATA), with no network.  SPF, DKIM, DMARC, DNSBL
 * and MX logic only ever see struct dns.
 */
#ifndef DNS_H
#define DNS_H

#include <stddef.h>

#include <ldns/ldns.h>

#include "core/deliv.h"
#include "core/finding.h"

/* The outcome of a query. */
enum dns_result {
	DNS_ANSWER = 0,		/* records of the type were found */
	DNS_NODATA,		/* the name exists, no records of the type */
	DNS_NXDOMAIN,		/* the name does not exist */
	DNS_TEMPERROR		/* timeout, SERVFAIL, network error */
};

struct dns_opts {
	const char	*server;	/* "ADDR[#PORT]", NULL: resolv.conf */
	unsigned	 timeout_ms;	/* per try; 0: default (2000) */
	int		 retries;	/* tries after the first; -1: default (2) */
};

struct dns;

/*
 * A resolver.  NULL (e filled) when resolv.conf or --server is bad.
 * "ADDR[#PORT]": IPv4 or IPv6 ("[::1]#5353" or "::1#5353").  Queries go
 * with RD and EDNS0 (1232-byte UDP buffer), no DNSSEC, no search list; a
 * truncated UDP answer is asked again over TCP.
 */
struct dns	*dns_open_resolver(const struct dns_opts *, struct derr *e);

/*
 * Zone files, answering alone.  origin may be NULL (taken from each
 * file's SOA, or from its name minus ".zone").  NULL (e filled with
 * "file:line") when a file cannot be read or parsed.
 */
struct dns	*dns_open_zones(char *const files[], size_t nfiles,
		    const char *origin, struct derr *e);

/*
 * Zones plus live DNS (--zone ... --live): names inside the zones are
 * answered from them, every other name by a resolver opened with o.
 * 0, or -1 (e filled) as dns_open_resolver.
 */
int		 dns_add_live(struct dns *zones, const struct dns_opts *o,
		    struct derr *e);

/* The reason of a DNS_TEMPERROR for a name outside the zone files. */
#define DNS_NOT_IN_ZONES	"not in the zone files"

/*
 * 1 when d can answer for name: a resolver, or zone files holding it (or
 * with --live).  Zone files alone answer DNS_TEMPERROR ("not in the zone
 * files") for a name outside them, never NXDOMAIN.
 */
int		 dns_covers(const struct dns *, const char *name);

/*
 * Another handle to the same source, for a second thread (a resolver is
 * duplicated; zones are shared read-only and reference-counted, so the
 * handles may be freed in any order).  Make the copies before the
 * threads start: a handle is used by one thread at a time.  NULL when
 * out of memory.
 */
struct dns	*dns_dup(const struct dns *);

/*
 * Ask name (absolute or not; a trailing dot is optional) for type.  On
 * DNS_ANSWER *rrs is an owned list (ldns_rr_list_deep_free) of the
 * records of that type, CNAMEs already followed; otherwise *rrs is NULL.
 * DNS_TEMPERROR fills e with the reason: a timeout, SERVFAIL, REFUSED,
 * an answer whose id or question does not match, a CNAME loop (over 16
 * links).  A name that is not a valid domain name is DNS_NXDOMAIN.  In
 * zone mode a name outside every zone is DNS_TEMPERROR ("not in the zone
 * files"), and a name holding a record of the private-use type 65280 but
 * none of the asked type gives DNS_TEMPERROR ("timed out"), as the SPF
 * test suite's zones expect.  Answers from the network are cached per
 * handle (DNS_CACHE_MAX questions, then the cache starts over): no
 * question goes out twice, failures included.
 */
enum dns_result	 dns_query(struct dns *, const char *name, ldns_rr_type,
		    ldns_rr_list **rrs, struct derr *e);

/*
 * TXT records of name, each record's strings concatenated (RFC 7208
 * §3.3; a NUL byte inside becomes 0x7f so the text cannot be cut short).
 * On DNS_ANSWER *txt is an owned NULL-terminated array of owned strings
 * (free with dns_txt_free) and *n its length.
 */
enum dns_result	 dns_txt(struct dns *, const char *name, char ***txt,
		    size_t *n, struct derr *e);
/*
 * dns_txt() for a check: 1 with the records as dns_txt() gives them, 0
 * none (NXDOMAIN, NODATA), or -1 temperror, added to l as check's
 * finding about subject, "NAME TXT: why".
 */
int		 dns_txt_check(struct dns *, const char *name, char ***txt,
		    size_t *n, struct finding_list *l, const char *check,
		    const char *subject);
void		 dns_txt_free(char **txt);

/*
 * The TXT record at name that starts with version and then ';', a blank
 * or its end ("v=BIMI1"): DNS_ANSWER with *count such records, *rec a
 * copy of the last one (owned; NULL when *count is 0); otherwise what
 * dns_txt() returned, *rec NULL and *count 0 (out of memory is
 * DNS_TEMPERROR with e filled).
 */
enum dns_result	 dns_txt_version(struct dns *, const char *name,
		    const char *version, char **rec, size_t *count,
		    struct derr *e);

/*
 * A domain name from text split at dots, no escapes (names in SPF, DKIM
 * and DMARC are raw text); a trailing dot is optional.  NULL when a label
 * is empty or over 63 bytes or the name over 255.  Free with
 * ldns_rdf_deep_free.
 */
ldns_rdf	*dns_name(const char *name);

/* Number of queries sent so far (for the SPF lookup limits and stats). */
unsigned long	 dns_queries(const struct dns *);

void	dns_free(struct dns *);

#endif
