/*
 * DNS for the checks, the common API over two back ends: name parsing,
 * queries, TXT strings, copies and counts.  See net/dns.h; the back
 * ends are dns_zone.c (zone files in memory) and dns_resolver.c.
 */
#include <ctype.h>
#include <errno.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>

#include "core/deliv.h"
#include "net/dns.h"
#include "net/dns_priv.h"

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

/* The cache of network answers */

static unsigned
cache_hash(const char *name, ldns_rr_type type)
{
	unsigned h = 2166136261u ^ (unsigned)type;

	for (; *name != '\0'; name++)
		h = (h ^ (unsigned char)*name) * 16777619u;
	return h % DNS_CACHE_BUCKETS;
}

static void
cache_clear(struct dns *d)
{
	struct dns_centry *c, *next;
	size_t i;

	for (i = 0; i < DNS_CACHE_BUCKETS; i++) {
		for (c = d->cache[i]; c != NULL; c = next) {
			next = c->next;
			ldns_rr_list_deep_free(c->rrs);
			free(c->what);
			free(c);
		}
		d->cache[i] = NULL;
	}
	d->ncache = 0;
}

/* The key of qs: lower case, no final dot (into key, at least 256). */
static void
cache_key(const char *qs, char *key)
{
	size_t n = strlen(qs), i;

	if (n > 1 && qs[n - 1] == '.')
		n--;
	for (i = 0; i < n && i < 255; i++)
		key[i] = (char)tolower((unsigned char)qs[i]);
	key[i] = '\0';
}

static const struct dns_centry *
cache_get(const struct dns *d, const char *key, ldns_rr_type type)
{
	const struct dns_centry *c;

	for (c = d->cache[cache_hash(key, type)]; c != NULL; c = c->next)
		if (c->type == type && strcmp(c->name, key) == 0)
			return c;
	return NULL;
}

/* Remember an outcome (nothing when out of memory: it is a cache). */
static void
cache_put(struct dns *d, const char *key, ldns_rr_type type,
    enum dns_result r, const ldns_rr_list *rrs, const struct derr *e)
{
	struct dns_centry *c;
	unsigned h = cache_hash(key, type);

	if (d->ncache >= DNS_CACHE_MAX)
		cache_clear(d);
	if ((c = calloc(1, sizeof(*c) + strlen(key) + 1)) == NULL)
		return;
	strcpy(c->name, key);
	c->type = type;
	c->r = r;
	if ((rrs != NULL && (c->rrs = ldns_rr_list_clone(rrs)) == NULL) ||
	    (r == DNS_TEMPERROR && (c->what = strdup(e->what)) == NULL)) {
		ldns_rr_list_deep_free(c->rrs);
		free(c);
		return;
	}
	c->next = d->cache[h];
	d->cache[h] = c;
	d->ncache++;
}

/* Both */

enum dns_result
dns_query(struct dns *d, const char *qs, ldns_rr_type type,
    ldns_rr_list **rrs, struct derr *e)
{
	const struct dns_centry *c;
	ldns_rdf *name;
	enum dns_result r;
	char key[256];

	*rrs = NULL;
	if ((name = dns_name(qs)) == NULL) {
		derr_set(e, qs, "not a valid domain name");
		return DNS_NXDOMAIN;
	}
	if (d->zs != NULL && dns_zones_cover(d->zs, name)) {
		d->nq++;
		r = dns_zones_query(d, name, type, qs, rrs, e);
	} else if (d->res == NULL) {
		derr_set(e, qs, "%s", DNS_NOT_IN_ZONES);
		r = DNS_TEMPERROR;
	} else if (cache_key(qs, key), (c = cache_get(d, key, type)) != NULL) {
		r = c->r;
		if (c->rrs != NULL && (*rrs = ldns_rr_list_clone(c->rrs)) ==
		    NULL) {
			derr_set(e, qs, "%s", strerror(ENOMEM));
			r = DNS_TEMPERROR;
		} else if (c->what != NULL)
			derr_set(e, qs, "%s", c->what);
	} else {
		r = dns_resolver_query(d, name, type, qs, rrs, e);
		cache_put(d, key, type, r, *rrs, e);
	}
	ldns_rdf_deep_free(name);
	return r;
}

int
dns_covers(const struct dns *d, const char *qs)
{
	ldns_rdf *name;
	int r;

	if (d->res != NULL)
		return 1;
	if ((name = dns_name(qs)) == NULL)
		return 1;	/* dns_query says what is wrong with it */
	r = dns_zones_cover(d->zs, name);
	ldns_rdf_deep_free(name);
	return r;
}

int
dns_add_live(struct dns *d, const struct dns_opts *o, struct derr *e)
{
	struct dns *r;

	if ((r = dns_open_resolver(o, e)) == NULL)
		return -1;
	d->res = r->res;
	r->res = NULL;
	dns_free(r);
	return 0;
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

int
dns_txt_check(struct dns *d, const char *name, char ***txt, size_t *n,
    struct finding_list *l, const char *check, const char *subject)
{
	struct derr e;

	switch (dns_txt(d, name, txt, n, &e)) {
	case DNS_ANSWER:
		return 1;
	case DNS_TEMPERROR:
		finding_add(l, check, subject, FINDING_TEMPERROR, NULL,
		    "%s TXT: %s", name, e.what);
		return -1;
	default:
		return 0;
	}
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

enum dns_result
dns_txt_version(struct dns *d, const char *name, const char *version,
    char **rec, size_t *count, struct derr *e)
{
	enum dns_result r;
	size_t n, i, vl = strlen(version);
	char **txt, c;

	*rec = NULL;
	*count = 0;
	if ((r = dns_txt(d, name, &txt, &n, e)) != DNS_ANSWER)
		return r;
	for (i = 0; i < n; i++) {
		c = txt[i][vl];
		if (strncmp(txt[i], version, vl) != 0 || (c != ';' &&
		    c != ' ' && c != '\t' && c != '\0'))
			continue;
		(*count)++;
		free(*rec);
		if ((*rec = strdup(txt[i])) == NULL) {
			*count = 0;
			dns_txt_free(txt);
			derr_set(e, name, "%s", strerror(ENOMEM));
			return DNS_TEMPERROR;
		}
	}
	dns_txt_free(txt);
	return DNS_ANSWER;
}

struct dns *
dns_dup(const struct dns *d)
{
	struct dns *c;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	if (d->res != NULL && (c->res = ldns_resolver_clone(d->res)) == NULL) {
		free(c);
		return NULL;
	}
	if (d->zs != NULL) {
		atomic_fetch_add(&d->zs->refs, 1);
		c->zs = d->zs;
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
	dns_zoneset_unref(d->zs);
	cache_clear(d);
	free(d);
}
