/*
 * DNS for the checks: a libldns resolver or zone files in memory.  See
 * dns.h.
 */
#include <errno.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
 * A domain name from text, label by label (no escapes: SPF and DKIM
 * names are raw text).  NULL when a label is empty or longer than 63
 * bytes, or the name longer than 255.
 */
ldns_rdf *
dns_name(const char *name)
{
	uint8_t wire[256];
	size_t len = 0, l;
	const char *p = name, *dot;

	if (strcmp(name, ".") == 0 || *name == '\0')
		return ldns_dname_new_frm_str(".");
	for (;;) {
		dot = strchr(p, '.');
		l = dot ? (size_t)(dot - p) : strlen(p);
		if (l == 0) {
			if (dot == NULL && p != name)
				break;		/* trailing dot */
			return NULL;
		}
		if (l > 63 || len + 1 + l + 1 > 255)
			return NULL;
		wire[len++] = (uint8_t)l;
		memcpy(wire + len, p, l);
		len += l;
		if (dot == NULL)
			break;
		p = dot + 1;
		if (*p == '\0')
			break;
	}
	wire[len++] = 0;
	return ldns_rdf_new_frm_data(LDNS_RDF_TYPE_DNAME, len, wire);
}

/* Zone backend */

static int
rr_cmp(const void *a, const void *b)
{
	const ldns_rr *x = *(ldns_rr *const *)a, *y = *(ldns_rr *const *)b;
	int c;

	if ((c = ldns_dname_compare(ldns_rr_owner(x), ldns_rr_owner(y))) != 0)
		return c;
	return (int)ldns_rr_get_type(x) - (int)ldns_rr_get_type(y);
}

/* Index of the first record whose owner is >= name. */
static size_t
zone_lower(const struct zone *z, const ldns_rdf *name)
{
	size_t lo = 0, hi = z->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ldns_dname_compare(ldns_rr_owner(z->rrs[mid]), name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool
dname_under(const ldns_rdf *name, const ldns_rdf *parent)
{
	return ldns_dname_compare(name, parent) == 0 ||
	    ldns_dname_is_subdomain(name, parent);
}

/*
 * The records at name: [*first, *end).  Return true when the name exists
 * (it has records, or names below it: an empty non-terminal).
 */
static bool
zone_at(const struct zone *z, const ldns_rdf *name, size_t *first,
    size_t *end)
{
	size_t i, j;

	i = zone_lower(z, name);
	for (j = i; j < z->n &&
	    ldns_dname_compare(ldns_rr_owner(z->rrs[j]), name) == 0; j++)
		;
	*first = i;
	*end = j;
	if (j > i)
		return true;
	return i < z->n && ldns_dname_is_subdomain(ldns_rr_owner(z->rrs[i]),
	    name);
}

static const struct zone *
zoneset_find(const struct zoneset *zs, const ldns_rdf *name)
{
	const struct zone *best = NULL;
	size_t i;

	for (i = 0; i < zs->n; i++)
		if (dname_under(name, zs->zones[i].origin) && (best == NULL ||
		    ldns_dname_label_count(zs->zones[i].origin) >
		    ldns_dname_label_count(best->origin)))
			best = &zs->zones[i];
	return best;
}

/*
 * Answer one name in the zones, as an authoritative server would.  Fills
 * [*first, *end) with the records at the name (or at the wildcard that
 * covers it) and *z with their zone.
 */
static enum dns_result
zone_lookup(const struct zoneset *zs, const ldns_rdf *name,
    const struct zone **zp, size_t *first, size_t *end)
{
	const struct zone *z;
	ldns_rdf *enc, *up, *wild;
	size_t i, j;
	bool found;

	if ((z = zoneset_find(zs, name)) == NULL)
		return DNS_NXDOMAIN;
	*zp = z;
	if (zone_at(z, name, first, end))
		return DNS_ANSWER;
	/* Closest encloser, then its wildcard (RFC 4592). */
	enc = ldns_dname_left_chop(name);
	while (enc != NULL) {
		if (zone_at(z, enc, &i, &j))
			break;
		up = NULL;
		if (ldns_dname_label_count(enc) >
		    ldns_dname_label_count(z->origin))
			up = ldns_dname_left_chop(enc);
		ldns_rdf_deep_free(enc);
		enc = up;
	}
	if (enc == NULL)
		return DNS_NXDOMAIN;
	wild = ldns_dname_new_frm_str("*");
	found = wild != NULL && ldns_dname_cat(wild, enc) == LDNS_STATUS_OK &&
	    zone_at(z, wild, first, end) && *end > *first;
	ldns_rdf_deep_free(wild);
	ldns_rdf_deep_free(enc);
	return found ? DNS_ANSWER : DNS_NXDOMAIN;
}

static enum dns_result
zones_query(struct dns *d, const ldns_rdf *qname, ldns_rr_type type,
    const char *qs, ldns_rr_list **rrs, struct derr *e)
{
	const struct zone *z = NULL;
	ldns_rdf *name, *next;
	ldns_rr *rr, *cname;
	enum dns_result r;
	size_t first, end, i, hops;
	bool timeout;

	name = ldns_rdf_clone(qname);
	for (hops = 0;; hops++) {
		r = zone_lookup(d->zs, name, &z, &first, &end);
		if (r != DNS_ANSWER)
			break;
		cname = NULL;
		timeout = false;
		for (i = first; i < end; i++) {
			rr = z->rrs[i];
			if (ldns_rr_get_type(rr) == type) {
				if (*rrs == NULL)
					*rrs = ldns_rr_list_new();
				rr = ldns_rr_clone(rr);
				ldns_rdf_deep_free(ldns_rr_owner(rr));
				ldns_rr_set_owner(rr, ldns_rdf_clone(name));
				ldns_rr_list_push_rr(*rrs, rr);
			} else if (ldns_rr_get_type(rr) == LDNS_RR_TYPE_CNAME)
				cname = rr;
			else if ((unsigned)ldns_rr_get_type(rr) ==
			    DNS_TIMEOUT_TYPE)
				timeout = true;
		}
		if (*rrs != NULL)
			break;
		if (timeout) {
			derr_set(e, qs, "timed out (zone marker)");
			r = DNS_TEMPERROR;
			break;
		}
		if (cname == NULL || type == LDNS_RR_TYPE_CNAME) {
			r = DNS_NODATA;
			break;
		}
		if (hops >= DNS_CNAME_MAX) {
			derr_set(e, qs, "CNAME loop");
			r = DNS_TEMPERROR;
			break;
		}
		next = ldns_rdf_clone(ldns_rr_rdf(cname, 0));
		ldns_rdf_deep_free(name);
		name = next;
	}
	ldns_rdf_deep_free(name);
	if (r != DNS_ANSWER && *rrs != NULL) {
		ldns_rr_list_deep_free(*rrs);
		*rrs = NULL;
	}
	return r;
}

static void
zone_clear(struct zone *z)
{
	free(z->rrs);
	if (z->list != NULL)
		ldns_rr_list_deep_free(z->list);
	if (z->origin != NULL)
		ldns_rdf_deep_free(z->origin);
}

static void
zoneset_unref(struct zoneset *zs)
{
	size_t i;

	if (zs == NULL || atomic_fetch_sub(&zs->refs, 1) != 1)
		return;
	for (i = 0; i < zs->n; i++)
		zone_clear(&zs->zones[i]);
	free(zs->zones);
	free(zs);
}

/* The origin a file's name suggests: "example.com.zone" -> example.com. */
static ldns_rdf *
file_origin(const char *path)
{
	const char *b = strrchr(path, '/');
	char buf[300];
	size_t l;

	b = b ? b + 1 : path;
	l = strlen(b);
	if (l > 5 && strcmp(b + l - 5, ".zone") == 0)
		l -= 5;
	if (l == 0 || l >= sizeof(buf) - 1)
		return NULL;
	memcpy(buf, b, l);
	buf[l] = '\0';
	if (strcmp(buf, "root") == 0 || strspn(buf, "0123456789") == l)
		return ldns_dname_new_frm_str(".");
	return dns_name(buf);
}

/*
 * Read a zone file record by record with libldns (as ldns_zone_new_frm_fp
 * does, but owning every record, so a syntax error leaks nothing).
 */
static int
zone_read(struct zone *z, FILE *fp, const char *path, const ldns_rdf *start,
    ldns_rdf **soa_owner, struct derr *e)
{
	ldns_rdf *origin, *prev = NULL;
	ldns_rr *rr, *soa = NULL;
	ldns_status st = LDNS_STATUS_OK;
	uint32_t ttl = 3600;
	char where[300];
	int line = 1;

	*soa_owner = NULL;
	origin = start ? ldns_rdf_clone(start) : NULL;
	if (origin != NULL)
		prev = ldns_rdf_clone(origin);
	z->list = ldns_rr_list_new();
	while (!feof(fp)) {
		rr = NULL;
		st = ldns_rr_new_frm_fp_l(&rr, fp, &ttl, &origin, &prev, &line);
		if (st == LDNS_STATUS_OK) {
			if (ldns_rr_get_type(rr) == LDNS_RR_TYPE_SOA &&
			    soa == NULL)
				soa = rr;
			ldns_rr_list_push_rr(z->list, rr);
			continue;
		}
		if (rr != NULL)
			ldns_rr_free(rr);
		if (st == LDNS_STATUS_SYNTAX_EMPTY ||
		    st == LDNS_STATUS_SYNTAX_TTL ||
		    st == LDNS_STATUS_SYNTAX_ORIGIN)
			continue;
		break;
	}
	if (st != LDNS_STATUS_OK && st != LDNS_STATUS_SYNTAX_EMPTY &&
	    st != LDNS_STATUS_SYNTAX_TTL && st != LDNS_STATUS_SYNTAX_ORIGIN) {
		snprintf(where, sizeof(where), "%s:%d", path, line);
		derr_set(e, where, "%s", st == LDNS_STATUS_SYNTAX_INCLUDE ?
		    "$INCLUDE is not supported" : ldns_get_errorstr_by_id(st));
	} else
		st = LDNS_STATUS_OK;
	if (st == LDNS_STATUS_OK && soa != NULL)
		*soa_owner = ldns_rdf_clone(ldns_rr_owner(soa));
	if (origin != NULL)
		ldns_rdf_deep_free(origin);
	if (prev != NULL)
		ldns_rdf_deep_free(prev);
	return st == LDNS_STATUS_OK ? 0 : -1;
}

static int
zone_load(struct zone *z, const char *path, const char *origin,
    struct derr *e)
{
	ldns_rdf *org, *given = NULL, *start, *soa;
	FILE *fp;
	size_t i, n;
	int rc;

	memset(z, 0, sizeof(*z));
	if ((fp = fopen(path, "r")) == NULL) {
		derr_set(e, path, "%s", strerror(errno));
		return -1;
	}
	if (origin != NULL && (given = dns_name(origin)) == NULL) {
		fclose(fp);
		derr_set(e, origin, "bad origin");
		return -1;
	}
	/* Relative names before any $ORIGIN: the given origin or the name. */
	start = given ? given : file_origin(path);
	rc = zone_read(z, fp, path, start, &soa, e);
	fclose(fp);
	/* The zone's origin: the given one, else the SOA's, else the name. */
	if (given != NULL) {
		org = given;
		if (start != given && start != NULL)
			ldns_rdf_deep_free(start);
		if (soa != NULL)
			ldns_rdf_deep_free(soa);
	} else if (soa != NULL) {
		org = soa;
		if (start != NULL)
			ldns_rdf_deep_free(start);
	} else
		org = start;
	if (rc == -1) {
		if (org != NULL)
			ldns_rdf_deep_free(org);
		return -1;
	}
	if (org == NULL) {
		derr_set(e, path, "no SOA and no origin");
		return -1;
	}
	z->origin = org;
	n = ldns_rr_list_rr_count(z->list);
	if ((z->rrs = calloc(n + 1, sizeof(*z->rrs))) == NULL) {
		derr_set(e, path, "%s", strerror(errno));
		return -1;
	}
	for (i = 0; i < n; i++) {
		z->rrs[z->n] = ldns_rr_list_rr(z->list, i);
		/* owners compare case-blind, but keep them canonical */
		ldns_dname2canonical(ldns_rr_owner(z->rrs[z->n]));
		z->n++;
	}
	qsort(z->rrs, z->n, sizeof(*z->rrs), rr_cmp);
	return 0;
}

struct dns *
dns_open_zones(char *const files[], size_t nfiles, const char *origin,
    struct derr *e)
{
	struct zoneset *zs;
	struct dns *d;
	size_t i;

	if ((zs = calloc(1, sizeof(*zs))) == NULL ||
	    (zs->zones = calloc(nfiles ? nfiles : 1, sizeof(*zs->zones))) ==
	    NULL || (d = calloc(1, sizeof(*d))) == NULL) {
		if (zs != NULL)
			free(zs->zones);
		free(zs);
		derr_set(e, "zones", "%s", strerror(ENOMEM));
		return NULL;
	}
	atomic_init(&zs->refs, 1);
	d->zs = zs;
	for (i = 0; i < nfiles; i++) {
		if (zone_load(&zs->zones[i], files[i], origin, e) == -1) {
			zone_clear(&zs->zones[i]);
			dns_free(d);
			return NULL;
		}
		zs->n++;
	}
	return d;
}

/* Resolver backend */

struct dns *
dns_open_resolver(const struct dns_opts *o, struct derr *e)
{
	struct dns_opts def = { NULL, 0, -1 };
	ldns_resolver *res = NULL;
	ldns_rdf *ns;
	ldns_status st;
	struct dns *d;
	char addr[128], *hash, *end;
	unsigned long port = 53;
	unsigned ms;
	int tries;

	if (o == NULL)
		o = &def;
	if (o->server != NULL) {
		if (strlen(o->server) >= sizeof(addr)) {
			derr_set(e, o->server, "bad server address");
			return NULL;
		}
		strcpy(addr, o->server);
		if ((hash = strchr(addr, '#')) != NULL) {
			*hash++ = '\0';
			errno = 0;
			port = strtoul(hash, &end, 10);
			if (*hash == '\0' || *end != '\0' || port == 0 ||
			    port > 65535) {
				derr_set(e, o->server, "bad port");
				return NULL;
			}
		}
		if (*addr == '[' && addr[strlen(addr) - 1] == ']') {
			memmove(addr, addr + 1, strlen(addr));
			addr[strlen(addr) - 1] = '\0';
		}
		ns = ldns_rdf_new_frm_str(strchr(addr, ':') ?
		    LDNS_RDF_TYPE_AAAA : LDNS_RDF_TYPE_A, addr);
		if (ns == NULL) {
			derr_set(e, o->server, "not an IP address");
			return NULL;
		}
		res = ldns_resolver_new();
		if (res == NULL) {
			ldns_rdf_deep_free(ns);
			derr_set(e, o->server, "%s", strerror(ENOMEM));
			return NULL;
		}
		st = ldns_resolver_push_nameserver(res, ns);
		ldns_rdf_deep_free(ns);
		if (st != LDNS_STATUS_OK) {
			ldns_resolver_deep_free(res);
			derr_set(e, o->server, "%s",
			    ldns_get_errorstr_by_id(st));
			return NULL;
		}
		ldns_resolver_set_port(res, (uint16_t)port);
	} else {
		st = ldns_resolver_new_frm_file(&res, NULL);
		if (st != LDNS_STATUS_OK) {
			derr_set(e, "resolv.conf", "%s",
			    ldns_get_errorstr_by_id(st));
			return NULL;
		}
	}
	ms = o->timeout_ms ? o->timeout_ms : 2000;
	tries = (o->retries < 0 ? 2 : o->retries) + 1;
	if (tries > 255)
		tries = 255;
	ldns_resolver_set_timeout(res, (struct timeval){ ms / 1000,
	    (ms % 1000) * 1000 });
	ldns_resolver_set_retry(res, (uint8_t)tries);
	ldns_resolver_set_retrans(res, 0);
	ldns_resolver_set_usevc(res, false);
	ldns_resolver_set_fallback(res, true);
	ldns_resolver_set_recursive(res, true);
	ldns_resolver_set_dnssec(res, false);
	/* EDNS with the DNS-flag-day buffer size: fewer answers go to TCP. */
	ldns_resolver_set_edns_udp_size(res, 1232);
	ldns_resolver_set_defnames(res, false);
	ldns_resolver_set_dnsrch(res, false);
	if ((d = calloc(1, sizeof(*d))) == NULL) {
		ldns_resolver_deep_free(res);
		derr_set(e, "resolver", "%s", strerror(ENOMEM));
		return NULL;
	}
	d->res = res;
	return d;
}

/* Does the answer belong to the query (id, and the same question)? */
static bool
answer_matches(const ldns_pkt *q, const ldns_pkt *a)
{
	ldns_rr_list *qq = ldns_pkt_question(q), *aq = ldns_pkt_question(a);
	ldns_rr *x, *y;

	if (ldns_pkt_id(q) != ldns_pkt_id(a) || !ldns_pkt_qr(a))
		return false;
	if (ldns_rr_list_rr_count(aq) != 1 || ldns_rr_list_rr_count(qq) != 1)
		return false;
	x = ldns_rr_list_rr(qq, 0);
	y = ldns_rr_list_rr(aq, 0);
	return ldns_rr_get_type(x) == ldns_rr_get_type(y) &&
	    ldns_rr_get_class(x) == ldns_rr_get_class(y) &&
	    ldns_dname_compare(ldns_rr_owner(x), ldns_rr_owner(y)) == 0;
}

/* One question to the server: the answer packet, or NULL (e filled). */
static ldns_pkt *
ask(struct dns *d, const ldns_rdf *name, ldns_rr_type type, const char *qs,
    struct derr *e)
{
	ldns_pkt *q = NULL, *a = NULL;
	ldns_status st;

	st = ldns_resolver_prepare_query_pkt(&q, d->res, name, type,
	    LDNS_RR_CLASS_IN, LDNS_RD);
	if (st != LDNS_STATUS_OK) {
		derr_set(e, qs, "%s", ldns_get_errorstr_by_id(st));
		return NULL;
	}
	d->nq++;
	st = ldns_resolver_send_pkt(&a, d->res, q);
	if (st != LDNS_STATUS_OK || a == NULL) {
		derr_set(e, qs, "%s", st == LDNS_STATUS_NETWORK_ERR ?
		    "timed out" : ldns_get_errorstr_by_id(st));
		ldns_pkt_free(q);
		if (a != NULL)
			ldns_pkt_free(a);
		return NULL;
	}
	if (!answer_matches(q, a)) {
		derr_set(e, qs, "answer does not match the question");
		ldns_pkt_free(q);
		ldns_pkt_free(a);
		return NULL;
	}
	ldns_pkt_free(q);
	return a;
}

static enum dns_result
resolver_query(struct dns *d, const ldns_rdf *qname, ldns_rr_type type,
    const char *qs, ldns_rr_list **rrs, struct derr *e)
{
	ldns_rdf *name;
	ldns_pkt *a = NULL;
	ldns_rr_list *ans;
	ldns_rr *rr, *cname;
	enum dns_result r = DNS_NODATA;
	ldns_lookup_table *lt;
	size_t i, hops = 0;

	name = ldns_rdf_clone(qname);
	for (;;) {
		if (a == NULL) {
			if ((a = ask(d, name, type, qs, e)) == NULL) {
				r = DNS_TEMPERROR;
				break;
			}
			switch (ldns_pkt_get_rcode(a)) {
			case LDNS_RCODE_NOERROR:
			case LDNS_RCODE_NXDOMAIN:
				break;
			default:
				lt = ldns_lookup_by_id(ldns_rcodes,
				    (int)ldns_pkt_get_rcode(a));
				derr_set(e, qs, "server answered %s",
				    lt ? lt->name : "an error");
				r = DNS_TEMPERROR;
				goto out;
			}
		}
		ans = ldns_pkt_answer(a);
		cname = NULL;
		for (i = 0; i < ldns_rr_list_rr_count(ans); i++) {
			rr = ldns_rr_list_rr(ans, i);
			if (ldns_dname_compare(ldns_rr_owner(rr), name) != 0 ||
			    ldns_rr_get_class(rr) != LDNS_RR_CLASS_IN)
				continue;
			if (ldns_rr_get_type(rr) == type) {
				if (*rrs == NULL)
					*rrs = ldns_rr_list_new();
				ldns_rr_list_push_rr(*rrs, ldns_rr_clone(rr));
			} else if (ldns_rr_get_type(rr) == LDNS_RR_TYPE_CNAME)
				cname = rr;
		}
		if (*rrs != NULL) {
			r = DNS_ANSWER;
			break;
		}
		if (cname == NULL || type == LDNS_RR_TYPE_CNAME) {
			r = ldns_pkt_get_rcode(a) == LDNS_RCODE_NXDOMAIN ?
			    DNS_NXDOMAIN : DNS_NODATA;
			break;
		}
		if (++hops > DNS_CNAME_MAX) {
			derr_set(e, qs, "CNAME loop");
			r = DNS_TEMPERROR;
			break;
		}
		ldns_rdf_deep_free(name);
		name = ldns_rdf_clone(ldns_rr_rdf(cname, 0));
		/* The target may be in this answer; if not, ask for it. */
		for (i = 0; i < ldns_rr_list_rr_count(ans); i++)
			if (ldns_dname_compare(ldns_rr_owner(
			    ldns_rr_list_rr(ans, i)), name) == 0)
				break;
		if (i == ldns_rr_list_rr_count(ans) &&
		    ldns_pkt_get_rcode(a) != LDNS_RCODE_NXDOMAIN) {
			ldns_pkt_free(a);
			a = NULL;
		}
	}
out:
	ldns_rdf_deep_free(name);
	if (a != NULL)
		ldns_pkt_free(a);
	return r;
}

/* Both */

enum dns_result
dns_query(struct dns *d, const char *qs, ldns_rr_type type,
    ldns_rr_list **rrs, struct derr *e)
{
	ldns_rdf *name;
	enum dns_result r;

	*rrs = NULL;
	if ((name = dns_name(qs)) == NULL) {
		derr_set(e, qs, "not a valid domain name");
		return DNS_NXDOMAIN;
	}
	if (d->zs != NULL) {
		d->nq++;
		r = zones_query(d, name, type, qs, rrs, e);
	} else
		r = resolver_query(d, name, type, qs, rrs, e);
	ldns_rdf_deep_free(name);
	return r;
}

enum dns_result
dns_txt(struct dns *d, const char *name, char ***txt, size_t *n,
    struct derr *e)
{
	ldns_rr_list *rrs;
	ldns_rr *rr;
	ldns_rdf *f;
	enum dns_result r;
	size_t i, j, k, len, l;
	char **v, *s;

	*txt = NULL;
	*n = 0;
	if ((r = dns_query(d, name, LDNS_RR_TYPE_TXT, &rrs, e)) != DNS_ANSWER)
		return r;
	k = ldns_rr_list_rr_count(rrs);
	if ((v = calloc(k + 1, sizeof(*v))) == NULL) {
		ldns_rr_list_deep_free(rrs);
		derr_set(e, name, "%s", strerror(ENOMEM));
		return DNS_TEMPERROR;
	}
	for (i = 0; i < k; i++) {
		rr = ldns_rr_list_rr(rrs, i);
		for (len = 0, j = 0; j < ldns_rr_rd_count(rr); j++)
			len += ldns_rdf_size(ldns_rr_rdf(rr, j));
		if ((s = v[i] = malloc(len + 1)) == NULL) {
			dns_txt_free(v);
			ldns_rr_list_deep_free(rrs);
			derr_set(e, name, "%s", strerror(ENOMEM));
			return DNS_TEMPERROR;
		}
		for (j = 0; j < ldns_rr_rd_count(rr); j++) {
			f = ldns_rr_rdf(rr, j);
			if (ldns_rdf_size(f) < 1)
				continue;
			l = ldns_rdf_data(f)[0];
			if (l > ldns_rdf_size(f) - 1)
				l = ldns_rdf_size(f) - 1;
			memcpy(s, ldns_rdf_data(f) + 1, l);
			s += l;
		}
		*s = '\0';
		/* A NUL byte would cut the text short: make it a DEL. */
		for (; s > v[i]; s--)
			if (s[-1] == '\0')
				s[-1] = 0x7f;
	}
	ldns_rr_list_deep_free(rrs);
	*txt = v;
	*n = k;
	return DNS_ANSWER;
}

void
dns_txt_free(char **txt)
{
	size_t i;

	if (txt == NULL)
		return;
	for (i = 0; txt[i] != NULL; i++)
		free(txt[i]);
	free(txt);
}

struct dns *
dns_dup(const struct dns *d)
{
	struct dns *c;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	if (d->zs != NULL) {
		atomic_fetch_add(&d->zs->refs, 1);
		c->zs = d->zs;
	} else if ((c->res = ldns_resolver_clone(d->res)) == NULL) {
		free(c);
		return NULL;
	}
	return c;
}

unsigned long
dns_queries(const struct dns *d)
{
	return d->nq;
}

void
dns_free(struct dns *d)
{
	if (d == NULL)
		return;
	if (d->res != NULL)
		ldns_resolver_deep_free(d->res);
	zoneset_unref(d->zs);
	free(d);
}
