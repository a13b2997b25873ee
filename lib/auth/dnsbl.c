/*
 * DNSBL queries and the meaning of their answers.  See auth/dnsbl.h.
 */
#include <arpa/inet.h>
#include <netinet/in.h>

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ldns/ldns.h>

#include "auth/dnsbl.h"
#include "auth/dnsbl_priv.h"
#include "core/deliv.h"
#include "core/finding.h"
#include "core/ip.h"
#include "core/util.h"
#include "net/dns.h"

const char *
dnsbl_class_str(enum dnsbl_class c)
{
	static const char *names[] = { "not-listed", "listed", "allow",
	    "reputation", "error", "invalid", "unreliable" };

	return names[c];
}

/*
 * The meaning of one answer address: class and text appended to why.
 */
static enum dnsbl_class
classify_one(const struct list *l, uint32_t a, struct sbuf *why)
{
	const struct row *best = NULL, *r;
	enum dnsbl_class c;
	size_t i;
	int any = 0;

	if ((a >> 24) != 127) {
		sbuf_adds(why, "answer outside 127.0.0.0/8 (a resolver "
		    "rewriting NXDOMAIN?): not a listing");
		return DNSBL_INVALID;
	}
	for (i = 0; i < l->nrows; i++) {
		r = &l->rows[i];
		if (r->pattern || a < r->lo || a > r->hi)
			continue;
		if (best == NULL || (r->cls == R_ERROR && best->cls !=
		    R_ERROR) || (r->hi - r->lo < best->hi - best->lo &&
		    !(best->cls == R_ERROR && r->cls != R_ERROR)))
			best = r;
	}
	if (best == NULL && l->bitmask && (a >> 8) == 0x7f0000) {
		for (i = 0; i < l->nrows; i++) {
			r = &l->rows[i];
			if (!r->pattern && r->lo == r->hi && (r->lo >> 8) ==
			    0x7f0000 && (r->lo & 0xff) != 0 &&
			    (a & r->lo & 0xff) == (r->lo & 0xff)) {
				if (r->cls == R_ERROR) {
					sbuf_reset(why);
					sbuf_adds(why, r->meaning);
					return DNSBL_ERROR;
				}
				if (any++)
					sbuf_adds(why, "; ");
				sbuf_adds(why, r->meaning);
			}
		}
		if (any)
			return DNSBL_LISTED;
	}
	if (best == NULL)
		for (i = 0; i < l->nrows; i++) {
			r = &l->rows[i];
			if (r->pattern && a >= r->lo && a <= r->hi) {
				best = r;
				break;
			}
		}
	if (best == NULL) {
		sbuf_printf(why, "code %u.%u.%u.%u (not in the list file)",
		    a >> 24, a >> 16 & 0xff, a >> 8 & 0xff, a & 0xff);
		return l->allowlist ? DNSBL_ALLOW : DNSBL_LISTED;
	}
	sbuf_adds(why, best->meaning);
	switch (best->cls) {
	case R_ERROR:
		c = DNSBL_ERROR;
		break;
	case R_ALLOW:
		c = DNSBL_ALLOW;
		break;
	case R_REPUTATION:
		c = DNSBL_REPUTATION;
		break;
	default:
		c = DNSBL_LISTED;
		break;
	}
	return c;
}

static int
rank(enum dnsbl_class c)
{
	switch (c) {
	case DNSBL_ERROR:
		return 5;
	case DNSBL_INVALID:
		return 4;
	case DNSBL_LISTED:
		return 3;
	case DNSBL_ALLOW:
		return 2;
	case DNSBL_REPUTATION:
		return 1;
	default:
		return 0;
	}
}

/*
 * Ask name (A) and classify: the answers joined into val, the meanings
 * into why.  DNS_TEMPERROR leaves the reason in why.
 */
static enum dnsbl_class
ask(const struct list *l, struct dns *d, const char *name, struct sbuf *val,
    struct sbuf *why, enum dns_result *res)
{
	struct derr e;
	struct sbuf one = { 0 };
	ldns_rr_list *rrs;
	ldns_rdf *f;
	enum dnsbl_class c = DNSBL_NOT_LISTED, ci;
	uint32_t a;
	size_t i;

	sbuf_reset(val);
	sbuf_reset(why);
	*res = dns_query(d, name, LDNS_RR_TYPE_A, &rrs, &e);
	if (*res == DNS_TEMPERROR) {
		sbuf_adds(why, e.what);
		return DNSBL_NOT_LISTED;
	}
	if (*res != DNS_ANSWER) {
		sbuf_adds(val, "NXDOMAIN");
		return DNSBL_NOT_LISTED;
	}
	for (i = 0; i < ldns_rr_list_rr_count(rrs); i++) {
		f = ldns_rr_rdf(ldns_rr_list_rr(rrs, i), 0);
		if (f == NULL || ldns_rdf_size(f) != 4)
			continue;
		memcpy(&a, ldns_rdf_data(f), 4);
		a = ntohl(a);
		sbuf_printf(val, "%s%u.%u.%u.%u", val->len ? "," : "",
		    a >> 24, a >> 16 & 0xff, a >> 8 & 0xff, a & 0xff);
		sbuf_reset(&one);
		ci = classify_one(l, a, &one);
		/* Precedence: error > invalid > listed > allow > rest. */
		if (rank(ci) > rank(c)) {
			sbuf_reset(why);
			c = ci;
		}
		if (ci == c && one.s != NULL && (why->s == NULL ||
		    strstr(why->s, one.s) == NULL))
			sbuf_printf(why, "%s%s", why->len ? "; " : "", one.s);
	}
	sbuf_free(&one);
	ldns_rr_list_deep_free(rrs);
	return c;
}

/* The query name of ip for zone: reversed octets or nibbles. */
static int
ip_name(const char *ip, const char *zone, char *buf, size_t len)
{
	struct ipaddr a;

	if (ip_parse(ip, &a) == -1)
		return -1;
	return ip_reverse(&a, zone, buf, len);
}

void
dnsbl_selftest(struct dnsbl *b, struct dns *d, int ip, int domain)
{
	struct sbuf val = { 0 }, why = { 0 };
	enum dns_result res;
	enum dnsbl_class c;
	struct list *l;
	char name[300];
	size_t i;

	for (i = 0; i < b->n; i++) {
		l = &b->l[i];
		if (l->defunct || (l->domain ? !domain : !ip))
			continue;
		/* Must be listed: 127.0.0.2 or TEST. */
		snprintf(name, sizeof(name), "%s.%s", l->domain ? "test" :
		    "2.0.0.127", l->zone);
		c = ask(l, d, name, &val, &why, &res);
		snprintf(l->stanswer, sizeof(l->stanswer), "%s",
		    val.s ? val.s : "");
		if (res == DNS_TEMPERROR) {
			l->st = ST_TEMP;
			snprintf(l->stwhy, sizeof(l->stwhy), "self-test "
			    "query %s: %s", name, why.s ? why.s : "");
			continue;
		}
		if (c == DNSBL_ERROR) {
			l->st = ST_ERROR;
			snprintf(l->stwhy, sizeof(l->stwhy), "%s refused its "
			    "own test entry %s (%s): %s", l->zone, name,
			    val.s ? val.s : "", why.s ? why.s : "");
			continue;
		}
		if (res != DNS_ANSWER || c == DNSBL_INVALID) {
			l->st = ST_UNRELIABLE;
			snprintf(l->stwhy, sizeof(l->stwhy), "%s does not list "
			    "its test entry %s (%s): not a working DNSxL, or "
			    "not answering us (RFC 5782 5)", l->zone, name,
			    val.s ? val.s : "");
			continue;
		}
		/* Must not be listed: 127.0.0.1 or INVALID. */
		snprintf(name, sizeof(name), "%s.%s", l->domain ? "invalid" :
		    "1.0.0.127", l->zone);
		c = ask(l, d, name, &val, &why, &res);
		if (res == DNS_ANSWER && c != DNSBL_ERROR) {
			l->st = ST_UNRELIABLE;
			snprintf(l->stanswer, sizeof(l->stanswer), "%s",
			    val.s ? val.s : "");
			snprintf(l->stwhy, sizeof(l->stwhy), "%s lists %s "
			    "(%s), which must never be listed: it answers for "
			    "everything (RFC 5782 5)", l->zone, name,
			    val.s ? val.s : "");
			continue;
		}
		l->st = ST_OK;
	}
	sbuf_free(&val);
	sbuf_free(&why);
}

/* A list that failed its self-test: one record, 1; else 0. */
static int
unusable(const struct list *l, const char *subject, struct finding_list *out)
{
	switch (l->st) {
	case ST_UNRELIABLE:
		finding_add(out, "dnsbl", subject, FINDING_WARN, l->stanswer,
		    "unreliable on %s: %s; its answers are ignored", l->zone,
		    l->stwhy);
		return 1;
	case ST_ERROR:
		finding_add(out, "dnsbl", subject, FINDING_TEMPERROR, l->stanswer,
		    "error on %s: %s; not a listing (use your own resolver or "
		    "a key)", l->zone, l->stwhy);
		return 1;
	default:
		return 0;
	}
}

static void
report(const struct list *l, struct dns *d, const char *subject,
    const char *name, struct finding_list *out)
{
	struct sbuf val = { 0 }, why = { 0 };
	enum dns_result res;
	enum dnsbl_class c;
	char **txt;
	size_t n;
	struct derr e;

	c = ask(l, d, name, &val, &why, &res);
	if (res == DNS_TEMPERROR) {
		finding_add(out, "dnsbl", subject, FINDING_TEMPERROR, NULL,
		    "temperror on %s: %s", l->zone, why.s ? why.s : "");
		goto out;
	}
	switch (c) {
	case DNSBL_NOT_LISTED:
		finding_add(out, "dnsbl", subject, l->allowlist ? FINDING_INFO :
		    FINDING_PASS, val.s, "not-listed on %s", l->zone);
		break;
	case DNSBL_LISTED:
		if (dns_txt(d, name, &txt, &n, &e) == DNS_ANSWER) {
			sbuf_printf(&why, " (%s)", txt[0]);
			dns_txt_free(txt);
		}
		finding_add(out, "dnsbl", subject, FINDING_FAIL, val.s,
		    "listed on %s: %s", l->zone, why.s ? why.s : "");
		break;
	case DNSBL_ALLOW:
		finding_add(out, "dnsbl", subject, FINDING_PASS, val.s,
		    "allow on %s: %s", l->zone, why.s ? why.s : "");
		break;
	case DNSBL_REPUTATION:
		finding_add(out, "dnsbl", subject, FINDING_INFO, val.s,
		    "reputation on %s: %s", l->zone, why.s ? why.s : "");
		break;
	case DNSBL_ERROR:
		finding_add(out, "dnsbl", subject, FINDING_TEMPERROR, val.s,
		    "error on %s: %s; not a listing", l->zone,
		    why.s ? why.s : "");
		break;
	case DNSBL_INVALID:
	case DNSBL_UNRELIABLE:
		finding_add(out, "dnsbl", subject, FINDING_WARN, val.s,
		    "invalid on %s: %s", l->zone, why.s ? why.s : "");
		break;
	}
out:
	sbuf_free(&val);
	sbuf_free(&why);
}

/*
 * Private and reserved addresses are not sent to lists (RFC 5782 §6);
 * the test entries 127.0.0.1 and 127.0.0.2 are.
 */
static int
private_ip(const char *ip)
{
	struct ipaddr a;

	if (ip_parse(ip, &a) == -1)
		return 0;
	if (a.af == 4 && a.b[0] == 127 && a.b[1] == 0 && a.b[2] == 0 &&
	    (a.b[3] == 1 || a.b[3] == 2))
		return 0;
	return (ip_special(&a) & IP_NOT_LISTED) != 0;
}

void
dnsbl_audit_ip(const struct dnsbl *b, struct dns *d, const char *ip,
    struct finding_list *out)
{
	char name[300];
	size_t i;

	if (private_ip(ip)) {
		finding_add(out, "dnsbl", ip, FINDING_INFO, NULL, "private or "
		    "reserved address: not sent to blocklists");
		return;
	}
	for (i = 0; i < b->n; i++) {
		const struct list *l = &b->l[i];

		if (l->domain || l->defunct || unusable(l, ip, out))
			continue;
		if (ip_name(ip, l->zone, name, sizeof(name)) == -1) {
			finding_add(out, "dnsbl", ip, FINDING_FAIL, NULL, "%s: not "
			    "an IP address", ip);
			return;
		}
		report(l, d, ip, name, out);
	}
}

void
dnsbl_audit_domain(const struct dnsbl *b, struct dns *d, const char *dom,
    struct finding_list *out)
{
	char name[300];
	size_t i;

	for (i = 0; i < b->n; i++) {
		const struct list *l = &b->l[i];

		if (!l->domain || l->defunct || unusable(l, dom, out))
			continue;
		if ((size_t)snprintf(name, sizeof(name), "%s.%s", dom,
		    l->zone) >= sizeof(name))
			continue;
		report(l, d, dom, name, out);
	}
}
