/*
 * SPF (RFC 7208) check_host() and the record look-up.  See auth/spf.h.
 *
 * A record is parsed whole before anything is evaluated (a syntax error
 * anywhere is a permerror, §4.6; see spf_parse.c), then evaluated term
 * by term.  Limits: 10 DNS-querying terms (include, a, mx, ptr, exists,
 * redirect) over the whole evaluation, which also ends include/redirect
 * loops; 2 void lookups; 10 MX names per mx term; 10 PTR names per ptr
 * term or %{p}.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ldns/ldns.h>

#include "auth/spf.h"
#include "auth/spf_priv.h"
#include "core/deliv.h"
#include "core/ip.h"
#include "core/util.h"
#include "net/dns.h"

static const char *const results[] = {
	"none", "neutral", "pass", "fail", "softfail", "temperror", "permerror"
};

const char *
spf_result_str(enum spf_result r)
{
	return (unsigned)r < nitems(results) ? results[r] : "?";
}

/* Addresses */

static bool
ip_in_rr(const struct ipaddr *ip, const ldns_rr *rr, int bits)
{
	const ldns_rdf *f = ldns_rr_rdf(rr, 0);
	struct ipaddr a;

	memset(&a, 0, sizeof(a));
	if (f == NULL)
		return false;
	if (ldns_rdf_get_type(f) == LDNS_RDF_TYPE_A && ldns_rdf_size(f) == 4)
		a.af = 4;
	else if (ldns_rdf_get_type(f) == LDNS_RDF_TYPE_AAAA &&
	    ldns_rdf_size(f) == 16)
		a.af = 6;
	else
		return false;
	memcpy(a.b, ldns_rdf_data(f), ldns_rdf_size(f));
	return ip_in_prefix(ip, &a, bits);
}

/* DNS */

enum spf_result
spf_record(struct dns *d, const char *domain, char **record, struct derr *e)
{
	char **txt;
	size_t n, i, found = 0, which = 0;
	enum dns_result r;

	*record = NULL;
	r = dns_txt(d, domain, &txt, &n, e);
	if (r == DNS_TEMPERROR)
		return SPF_TEMPERROR;
	if (r != DNS_ANSWER) {
		derr_set(e, domain, "no SPF record (%s)", r == DNS_NXDOMAIN ?
		    "no such domain" : "no TXT record");
		return SPF_NONE;
	}
	for (i = 0; i < n; i++)
		if (spf_is_record(txt[i])) {
			found++;
			which = i;
		}
	if (found == 0) {
		dns_txt_free(txt);
		derr_set(e, domain, "no v=spf1 record among %zu TXT", n);
		return SPF_NONE;
	}
	if (found > 1) {
		dns_txt_free(txt);
		derr_set(e, domain, "%zu v=spf1 records", found);
		return SPF_PERMERROR;
	}
	*record = txt[which];
	txt[which] = txt[n - 1];
	txt[n - 1] = NULL;
	dns_txt_free(txt);
	return SPF_PASS;
}

/* Query for the client's address family; count a void lookup. */
static enum dns_result
addr_query(struct ctx *c, const char *name, int af, ldns_rr_list **rrs,
    bool count_void)
{
	struct derr e;
	enum dns_result r;

	r = dns_query(c->dns, name, af == 4 ? LDNS_RR_TYPE_A :
	    LDNS_RR_TYPE_AAAA, rrs, &e);
	if (r == DNS_TEMPERROR)
		snprintf(c->reason, sizeof(c->reason), "%.200s: %.300s", e.where,
		    e.what);
	if (count_void && (r == DNS_NXDOMAIN || r == DNS_NODATA))
		c->voids++;
	return r;
}

static char *
rdf_name(const ldns_rdf *f, char *buf, size_t len)
{
	char *s = ldns_rdf2str(f);

	snprintf(buf, len, "%s", s ? s : "");
	free(s);
	spf_strip_dot(buf);
	return buf;
}

/* The PTR names of the client (at most 10), or NULL. */
static ldns_rr_list *
ptr_names(struct ctx *c, enum dns_result *res)
{
	ldns_rr_list *rrs = NULL;
	struct derr e;
	char s[300];

	if (ip_reverse(&c->ip, NULL, s, sizeof(s)) == -1) {
		*res = DNS_TEMPERROR;
		return NULL;
	}
	*res = dns_query(c->dns, s, LDNS_RR_TYPE_PTR, &rrs, &e);
	return rrs;
}

/*
 * Validated names (§5.5): each PTR name whose address records hold the
 * client.  Calls f for each; stops when f returns true.
 */
static bool
ptr_walk(struct ctx *c, ldns_rr_list *names,
    bool (*f)(const char *, void *), void *arg)
{
	ldns_rr_list *addrs;
	char name[256];
	size_t i, j, n;

	n = ldns_rr_list_rr_count(names);
	if (n > SPF_MAX_NAMES)
		n = SPF_MAX_NAMES;
	for (i = 0; i < n; i++) {
		rdf_name(ldns_rr_rdf(ldns_rr_list_rr(names, i), 0), name,
		    sizeof(name));
		if (addr_query(c, name, c->ip.af, &addrs, false) !=
		    DNS_ANSWER)
			continue;	/* errors skip the name (§5.5) */
		for (j = 0; j < ldns_rr_list_rr_count(addrs); j++)
			if (ip_in_rr(&c->ip, ldns_rr_list_rr(addrs, j),
			    c->ip.af == 4 ? 32 : 128))
				break;
		if (j < ldns_rr_list_rr_count(addrs) && f(name, arg)) {
			ldns_rr_list_deep_free(addrs);
			return true;
		}
		ldns_rr_list_deep_free(addrs);
	}
	return false;
}

struct pick {
	const char	*domain;
	char		 exact[256], sub[256], any[256];
};

static bool
pick_name(const char *name, void *arg)
{
	struct pick *p = arg;

	if (strcasecmp(name, p->domain) == 0) {
		snprintf(p->exact, sizeof(p->exact), "%s", name);
		return true;
	}
	if (*p->sub == '\0' && spf_name_under(name, p->domain))
		snprintf(p->sub, sizeof(p->sub), "%s", name);
	if (*p->any == '\0')
		snprintf(p->any, sizeof(p->any), "%s", name);
	return false;
}

/* %{p}: the validated name, preferring domain, then below it. */
int
spf_ptr_validated(struct ctx *c, const char *domain, char *out, size_t len)
{
	struct pick p;
	ldns_rr_list *names;
	enum dns_result r;

	if (*c->pdomain != '\0' && strcmp(c->pdomain, domain) == 0) {
		snprintf(out, len, "%s", c->pname);
		return 0;
	}
	memset(&p, 0, sizeof(p));
	p.domain = domain;
	names = ptr_names(c, &r);
	if (names != NULL) {
		ptr_walk(c, names, pick_name, &p);
		ldns_rr_list_deep_free(names);
	}
	snprintf(c->pname, sizeof(c->pname), "%s", *p.exact ? p.exact :
	    *p.sub ? p.sub : *p.any ? p.any : "unknown");
	snprintf(c->pdomain, sizeof(c->pdomain), "%s", domain);
	snprintf(out, len, "%s", c->pname);
	return 0;
}

static bool
match_under(const char *name, void *arg)
{
	return spf_name_under(name, arg);
}

/* Evaluation (§4.6, §5) */

static enum spf_result check_host(struct ctx *, const char *domain,
		    int depth, char **exp);

enum match { NOMATCH, MATCH, TEMP, PERM };

static enum match
perm(struct ctx *c, const struct term *t, const char *why)
{
	snprintf(c->reason, sizeof(c->reason), "%.200s: %.300s", t->text, why);
	return PERM;
}

static enum match
count_lookup(struct ctx *c, const struct term *t)
{
	if (++c->lookups > SPF_MAX_LOOKUPS)
		return perm(c, t, "more than 10 DNS-querying terms");
	return NOMATCH;
}

static enum match
void_check(struct ctx *c, const struct term *t)
{
	if (c->voids > SPF_MAX_VOIDS)
		return perm(c, t, "more than 2 void lookups");
	return NOMATCH;
}

static enum match
match_addrs(struct ctx *c, const struct term *t, const char *name,
    bool count_void)
{
	ldns_rr_list *rrs;
	enum dns_result r;
	size_t i;
	int bits;

	bits = c->ip.af == 4 ? (t->cidr4 >= 0 ? t->cidr4 : 32) :
	    (t->cidr6 >= 0 ? t->cidr6 : 128);
	r = addr_query(c, name, c->ip.af, &rrs, count_void);
	if (r == DNS_TEMPERROR)
		return TEMP;
	if (r != DNS_ANSWER)
		return count_void ? void_check(c, t) : NOMATCH;
	for (i = 0; i < ldns_rr_list_rr_count(rrs); i++)
		if (ip_in_rr(&c->ip, ldns_rr_list_rr(rrs, i), bits))
			break;
	r = i < ldns_rr_list_rr_count(rrs) ? DNS_ANSWER : DNS_NODATA;
	ldns_rr_list_deep_free(rrs);
	return r == DNS_ANSWER ? MATCH : NOMATCH;
}

static enum match
eval_term(struct ctx *c, const char *domain, const struct term *t,
    int depth)
{
	ldns_rr_list *rrs;
	struct derr e;
	enum dns_result r;
	enum spf_result sr;
	enum match m;
	char name[300], mx[256];
	const char *why = NULL;
	size_t i, n;
	int rc;

	switch (t->m) {
	case M_ALL:
		return MATCH;
	case M_IP4:
	case M_IP6:
		return ip_in_prefix(&c->ip, &t->net, t->cidr4) ? MATCH :
		    NOMATCH;
	default:
		break;
	}
	if ((m = count_lookup(c, t)) != NOMATCH)
		return m;
	if ((rc = spf_target(c, domain, t, name, sizeof(name), &why)) == -1)
		return perm(c, t, why);
	if (rc == 1)
		return NOMATCH;		/* not a usable name: no match */
	switch (t->m) {
	case M_A:
		return match_addrs(c, t, name, true);
	case M_EXISTS:
		r = dns_query(c->dns, name, LDNS_RR_TYPE_A, &rrs, &e);
		ldns_rr_list_deep_free(rrs);
		if (r == DNS_TEMPERROR) {
			snprintf(c->reason, sizeof(c->reason), "%.200s: %.300s",
			    e.where, e.what);
			return TEMP;
		}
		if (r == DNS_ANSWER)
			return MATCH;
		c->voids++;
		return void_check(c, t);
	case M_MX:
		r = dns_query(c->dns, name, LDNS_RR_TYPE_MX, &rrs, &e);
		if (r == DNS_TEMPERROR) {
			snprintf(c->reason, sizeof(c->reason), "%.200s: %.300s",
			    e.where, e.what);
			return TEMP;
		}
		if (r != DNS_ANSWER) {
			c->voids++;
			return void_check(c, t);
		}
		n = ldns_rr_list_rr_count(rrs);
		if (n > SPF_MAX_NAMES) {
			ldns_rr_list_deep_free(rrs);
			return perm(c, t, "more than 10 MX names");
		}
		m = NOMATCH;
		for (i = 0; i < n && m == NOMATCH; i++) {
			rdf_name(ldns_rr_rdf(ldns_rr_list_rr(rrs, i), 1), mx,
			    sizeof(mx));
			if (*mx == '\0' || strcmp(mx, ".") == 0)
				continue;	/* null MX (RFC 7505) */
			m = match_addrs(c, t, mx, false);
		}
		ldns_rr_list_deep_free(rrs);
		return m;
	case M_PTR:
		rrs = ptr_names(c, &r);
		if (r == DNS_NXDOMAIN || r == DNS_NODATA) {
			c->voids++;
			return void_check(c, t);
		}
		if (rrs == NULL)
			return NOMATCH;	/* errors: no match (§5.5) */
		m = ptr_walk(c, rrs, match_under, name) ? MATCH : NOMATCH;
		ldns_rr_list_deep_free(rrs);
		return m;
	case M_INCLUDE:
		sr = check_host(c, name, depth + 1, NULL);
		switch (sr) {
		case SPF_PASS:
			return MATCH;
		case SPF_FAIL:
		case SPF_SOFTFAIL:
		case SPF_NEUTRAL:
			return NOMATCH;
		case SPF_TEMPERROR:
			return TEMP;
		case SPF_NONE:
			return perm(c, t, "the included domain has no SPF "
			    "record");
		default:
			return PERM;
		}
	default:
		return NOMATCH;
	}
}

/* The exp= text, expanded; NULL when there is none to use (§6.2). */
static char *
explain(struct ctx *c, const char *domain, const struct term *t)
{
	struct sbuf sb = { 0 };
	struct derr e;
	char name[300], **txt;
	const char *why;
	size_t n;

	if (t == NULL ||
	    spf_target(c, domain, t, name, sizeof(name), &why) != 0)
		return NULL;
	if (dns_txt(c->dns, name, &txt, &n, &e) != DNS_ANSWER)
		return NULL;
	if (n == 1 && spf_expand(c, domain, txt[0], strlen(txt[0]), EXP_TEXT,
	    &sb, &why) == 0 && sb.s != NULL) {
		dns_txt_free(txt);
		return sb.s;
	}
	dns_txt_free(txt);
	sbuf_free(&sb);
	return NULL;
}

static enum spf_result
qual_result(char q)
{
	switch (q) {
	case '-':
		return SPF_FAIL;
	case '~':
		return SPF_SOFTFAIL;
	case '?':
		return SPF_NEUTRAL;
	default:
		return SPF_PASS;
	}
}

/*
 * check_host() for domain.  exp (may be NULL) receives the explanation
 * of a fail decided by this record or its redirect.
 */
static enum spf_result
check_host(struct ctx *c, const char *domain0, int depth, char **exp)
{
	struct rec rec;
	struct derr e;
	enum spf_result r;
	enum match m = NOMATCH;
	const struct term *t = NULL;
	char domain[300], *record, name[300];
	const char *why = NULL;
	size_t i;
	int rc;

	snprintf(domain, sizeof(domain), "%s", domain0);
	spf_strip_dot(domain);
	if (!spf_domain_ok(domain, true)) {
		snprintf(c->reason, sizeof(c->reason), "%s: not a domain name",
		    domain);
		return SPF_NONE;
	}
	r = spf_record(c->dns, domain, &record, &e);
	if (r != SPF_PASS) {
		snprintf(c->reason, sizeof(c->reason), "%.200s: %.300s", e.where,
		    e.what);
		return r;
	}
	if (depth == 0 && c->record == NULL)
		c->record = strdup(record);
	if (spf_rec_parse(record, &rec, &e) == -1) {
		snprintf(c->reason, sizeof(c->reason), "%.200s: %.100s: %.200s",
		    domain, e.where, e.what);
		free(record);
		return SPF_PERMERROR;
	}
	for (i = 0; i < rec.n; i++) {
		t = &rec.t[i];
		if (t->m == M_REDIRECT || t->m == M_EXP || t->m == M_OTHER)
			continue;
		if ((m = eval_term(c, domain, t, depth)) != NOMATCH)
			break;
	}
	if (m == MATCH) {
		r = qual_result(t->qual);
		if (depth == 0)
			snprintf(c->mech, sizeof(c->mech), "%s", t->text);
		if (r == SPF_FAIL && exp != NULL)
			*exp = explain(c, domain, rec.exp);
	} else if (m == TEMP) {
		r = SPF_TEMPERROR;
	} else if (m == PERM) {
		r = SPF_PERMERROR;
	} else if (rec.redirect != NULL) {
		t = rec.redirect;
		if (depth == 0)
			snprintf(c->mech, sizeof(c->mech), "%s", t->text);
		if (count_lookup(c, t) == PERM)
			r = SPF_PERMERROR;
		else if ((rc = spf_target(c, domain, t, name, sizeof(name),
		    &why)) == -1) {
			perm(c, t, why);
			r = SPF_PERMERROR;
		} else if (rc == 1) {
			perm(c, t, "not a domain name");
			r = SPF_PERMERROR;
		} else {
			r = check_host(c, name, depth + 1, exp);
			if (r == SPF_NONE) {
				perm(c, t, "the target has no SPF record");
				r = SPF_PERMERROR;
			}
		}
	} else {
		r = SPF_NEUTRAL;
		if (depth == 0)
			snprintf(c->mech, sizeof(c->mech), "default");
	}
	spf_rec_free(&rec);
	free(record);
	return r;
}

enum spf_result
spf_check(struct dns *d, const struct spf_request *req, struct spf_answer *a)
{
	struct ctx *c;
	struct sbuf sb = { 0 };
	const char *at, *domain, *why;
	enum spf_result r;

	memset(a, 0, sizeof(*a));
	if ((c = calloc(1, sizeof(*c))) == NULL) {
		a->result = SPF_TEMPERROR;
		snprintf(a->reason, sizeof(a->reason), "%s", strerror(errno));
		return a->result;
	}
	c->dns = d;
	c->req = req;
	snprintf(c->helo, sizeof(c->helo), "%s", req->helo ? req->helo : "");
	if (req->sender != NULL && *req->sender != '\0') {
		if ((at = strrchr(req->sender, '@')) != NULL) {
			snprintf(c->local, sizeof(c->local), "%.*s",
			    (int)(at - req->sender), req->sender);
			snprintf(c->odomain, sizeof(c->odomain), "%s", at + 1);
		} else
			snprintf(c->odomain, sizeof(c->odomain), "%s",
			    req->sender);
		if (*c->local == '\0')
			snprintf(c->local, sizeof(c->local), "postmaster");
	} else {
		snprintf(c->local, sizeof(c->local), "postmaster");
		snprintf(c->odomain, sizeof(c->odomain), "%s", c->helo);
	}
	snprintf(c->sender, sizeof(c->sender), "%s@%s", c->local, c->odomain);
	domain = req->domain ? req->domain : c->odomain;
	snprintf(a->domain, sizeof(a->domain), "%.255s", domain);
	spf_strip_dot(a->domain);
	if (req->ip == NULL || ip_parse(req->ip, &c->ip) ==
	    -1) {
		a->result = SPF_PERMERROR;
		snprintf(a->reason, sizeof(a->reason), "%s: not an IP address",
		    req->ip ? req->ip : "(none)");
		free(c);
		return a->result;
	}
	ip_unmap(&c->ip);
	r = check_host(c, a->domain, 0, &a->explanation);
	if (r == SPF_FAIL && a->explanation == NULL &&
	    req->default_exp != NULL &&
	    spf_expand(c, a->domain, req->default_exp, strlen(req->default_exp),
	    EXP_TEXT, &sb, &why) == 0)
		a->explanation = sb.s;
	else
		sbuf_free(&sb);
	if (r == SPF_PERMERROR || r == SPF_TEMPERROR || r == SPF_NONE)
		snprintf(a->reason, sizeof(a->reason), "%s", c->reason);
	a->record = c->record;
	snprintf(a->mechanism, sizeof(a->mechanism), "%s", c->mech);
	a->lookups = c->lookups;
	a->voids = c->voids;
	a->result = r;
	free(c);
	return r;
}

void
spf_answer_free(struct spf_answer *a)
{
	free(a->record);
	free(a->explanation);
	a->record = a->explanation = NULL;
}
