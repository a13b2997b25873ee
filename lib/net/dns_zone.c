/*
 * The zone-file back end of net/dns.h: zone files loaded into memory,
 * sorted, and answered from (CNAMEs, wildcards, NXDOMAIN and NODATA,
 * the private "times out" type).  See net/dns_priv.h.
 */
#include <errno.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <ldns/ldns.h>

#include "core/deliv.h"
#include "net/dns.h"
#include "net/dns_priv.h"

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

/* parent: a zone's own apex belongs to the zone above (DS, RFC 4035). */
static const struct zone *
zoneset_find(const struct zoneset *zs, const ldns_rdf *name, bool parent)
{
	const struct zone *best = NULL;
	size_t i;

	for (i = 0; i < zs->n; i++)
		if (dname_under(name, zs->zones[i].origin) && !(parent &&
		    ldns_dname_compare(name, zs->zones[i].origin) == 0) &&
		    (best == NULL ||
		    ldns_dname_label_count(zs->zones[i].origin) >
		    ldns_dname_label_count(best->origin)))
			best = &zs->zones[i];
	return best;
}

int
dns_zones_cover(const struct zoneset *zs, const ldns_rdf *name)
{
	return zoneset_find(zs, name, false) != NULL;
}

/*
 * Answer one name in the zones, as an authoritative server would.  Fills
 * [*first, *end) with the records at the name (or at the wildcard that
 * covers it) and *z with their zone.
 */
static enum dns_result
zone_lookup(const struct zoneset *zs, const ldns_rdf *name, bool parent,
    const struct zone **zp, size_t *first, size_t *end)
{
	const struct zone *z;
	ldns_rdf *enc, *up, *wild;
	size_t i, j;
	bool found;

	if ((z = zoneset_find(zs, name, parent)) == NULL)
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

enum dns_result
dns_zones_query(struct dns *d, const ldns_rdf *qname, ldns_rr_type type,
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
		r = zone_lookup(d->zs, name, type == LDNS_RR_TYPE_DS, &z, &first,
		    &end);
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

enum dns_result
dns_zones_sigs(struct dns *d, const ldns_rdf *qname, ldns_rr_type covered,
    ldns_rr_list **sigs)
{
	const struct zone *z = NULL;
	enum dns_result r;
	ldns_rr *rr;
	size_t first, end, i;

	r = zone_lookup(d->zs, qname, covered == LDNS_RR_TYPE_DS, &z, &first,
	    &end);
	if (r != DNS_ANSWER)
		return r;
	*sigs = ldns_rr_list_new();
	for (i = first; i < end; i++) {
		rr = z->rrs[i];
		if (ldns_rr_get_type(rr) != LDNS_RR_TYPE_RRSIG ||
		    ldns_rr_rrsig_typecovered(rr) == NULL ||
		    ldns_rdf2rr_type(ldns_rr_rrsig_typecovered(rr)) != covered)
			continue;
		rr = ldns_rr_clone(rr);
		ldns_rdf_deep_free(ldns_rr_owner(rr));
		ldns_rr_set_owner(rr, ldns_rdf_clone(qname));
		ldns_rr_list_push_rr(*sigs, rr);
	}
	return DNS_ANSWER;
}

static void
zone_clear(struct zone *z)
{
	free(z->rrs);
	ldns_rr_list_deep_free(z->list);
	ldns_rdf_deep_free(z->origin);
}

void
dns_zoneset_unref(struct zoneset *zs)
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
	int line = 1, at = 1;

	*soa_owner = NULL;
	origin = start ? ldns_rdf_clone(start) : NULL;
	if (origin != NULL)
		prev = ldns_rdf_clone(origin);
	z->list = ldns_rr_list_new();
	while (!feof(fp)) {
		rr = NULL;
		at = line;	/* ldns counts the record's own newline */
		st = ldns_rr_new_frm_fp_l(&rr, fp, &ttl, &origin, &prev, &line);
		/* libldns reads "hello world" as a record of type 0 */
		if (st == LDNS_STATUS_OK && ldns_rr_get_type(rr) == 0)
			st = LDNS_STATUS_SYNTAX_TYPE_ERR;
		if (st == LDNS_STATUS_OK) {
			if (ldns_rr_get_type(rr) == LDNS_RR_TYPE_SOA &&
			    soa == NULL)
				soa = rr;
			ldns_rr_list_push_rr(z->list, rr);
			continue;
		}
		ldns_rr_free(rr);
		if (st == LDNS_STATUS_SYNTAX_EMPTY ||
		    st == LDNS_STATUS_SYNTAX_TTL ||
		    st == LDNS_STATUS_SYNTAX_ORIGIN)
			continue;
		break;
	}
	if (st != LDNS_STATUS_OK && st != LDNS_STATUS_SYNTAX_EMPTY &&
	    st != LDNS_STATUS_SYNTAX_TTL && st != LDNS_STATUS_SYNTAX_ORIGIN) {
		snprintf(where, sizeof(where), "%s:%d", path, at);
		derr_set(e, where, "%s", st == LDNS_STATUS_SYNTAX_INCLUDE ?
		    "$INCLUDE is not supported" : ldns_get_errorstr_by_id(st));
	} else
		st = LDNS_STATUS_OK;
	if (st == LDNS_STATUS_OK && ldns_rr_list_rr_count(z->list) == 0) {
		derr_set(e, path, "no records: not a zone file");
		st = LDNS_STATUS_ERR;
	}
	if (st == LDNS_STATUS_OK && soa != NULL)
		*soa_owner = ldns_rdf_clone(ldns_rr_owner(soa));
	ldns_rdf_deep_free(origin);
	ldns_rdf_deep_free(prev);
	return st == LDNS_STATUS_OK ? 0 : -1;
}

/*
 * What libldns lets through: a NUL byte (it ends a string early, so a
 * TXT record would lose its tail) and a quote still open at the end of
 * the file.  0, or -1 with e filled ("file:line").
 */
static int
zone_scan(const char *buf, size_t len, const char *path, struct derr *e)
{
	char where[300];
	size_t i, line = 1, qline = 0;
	bool comment = false;

	for (i = 0; i < len; i++) {
		if (buf[i] == '\0') {
			snprintf(where, sizeof(where), "%s:%zu", path, line);
			derr_set(e, where, "a NUL byte: not a zone file");
			return -1;
		}
		if (buf[i] == '\n') {
			line++;
			comment = false;
		} else if (comment)
			continue;
		else if (buf[i] == '\\' && i + 1 < len && buf[i + 1] != '\0')
			i += buf[i + 1] != '\n' ? 1 : 0;
		else if (buf[i] == '"')
			qline = qline ? 0 : line;
		else if (buf[i] == ';' && qline == 0)
			comment = true;
	}
	if (qline != 0) {
		snprintf(where, sizeof(where), "%s:%zu", path, qline);
		derr_set(e, where, "a quote that is never closed");
		return -1;
	}
	return 0;
}

/*
 * The file at path in memory (*buf, *len: owned), if it is a regular
 * file no larger than DNS_ZONE_MAX.  0, or -1 with e filled.
 */
static int
zone_slurp(const char *path, char **buf, size_t *len, struct derr *e)
{
	struct stat sb;
	FILE *fp;
	size_t n;

	*buf = NULL;
	if ((fp = fopen(path, "r")) == NULL || fstat(fileno(fp), &sb) == -1) {
		derr_set(e, path, "%s", strerror(errno));
		if (fp != NULL)
			fclose(fp);
		return -1;
	}
	if (!S_ISREG(sb.st_mode) || sb.st_size > DNS_ZONE_MAX) {
		fclose(fp);
		derr_set(e, path, S_ISREG(sb.st_mode) ? "larger than %d MB: "
		    "not read" : "not a regular file", DNS_ZONE_MAX >> 20);
		return -1;
	}
	if ((*buf = malloc((size_t)sb.st_size + 1)) == NULL) {
		fclose(fp);
		derr_set(e, path, "%s", strerror(ENOMEM));
		return -1;
	}
	n = fread(*buf, 1, (size_t)sb.st_size + 1, fp);
	if (ferror(fp) || n > (size_t)sb.st_size) {
		derr_set(e, path, "%s", ferror(fp) ? strerror(errno) :
		    "grew while read");
		fclose(fp);
		free(*buf);
		*buf = NULL;
		return -1;
	}
	fclose(fp);
	(*buf)[n] = '\0';
	*len = n;
	return 0;
}

static int
zone_load(struct zone *z, const char *path, const char *origin,
    struct derr *e)
{
	ldns_rdf *org, *given = NULL, *start, *soa;
	FILE *fp;
	char *buf;
	size_t i, n, len;
	int rc;

	memset(z, 0, sizeof(*z));
	if (zone_slurp(path, &buf, &len, e) == -1)
		return -1;
	if (zone_scan(buf, len, path, e) == -1) {
		free(buf);
		return -1;
	}
	if (len == 0 || (fp = fmemopen(buf, len, "r")) == NULL) {
		derr_set(e, path, "%s", len == 0 ? "empty: not a zone file" :
		    strerror(errno));
		free(buf);
		return -1;
	}
	if (origin != NULL && (given = dns_name(origin)) == NULL) {
		fclose(fp);
		free(buf);
		derr_set(e, origin, "bad origin");
		return -1;
	}
	/* Relative names before any $ORIGIN: the given origin or the name. */
	start = given ? given : file_origin(path);
	rc = zone_read(z, fp, path, start, &soa, e);
	fclose(fp);
	free(buf);
	/* The zone's origin: the given one, else the SOA's, else the name. */
	if (given != NULL) {
		org = given;
		if (start != given)
			ldns_rdf_deep_free(start);
		ldns_rdf_deep_free(soa);
	} else if (soa != NULL) {
		org = soa;
		ldns_rdf_deep_free(start);
	} else
		org = start;
	if (rc == -1) {
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
