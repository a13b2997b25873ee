/*
 * dnscheck: the per-domain audit, in a fixed order of checks.  See
 * dnscheck.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ldns/ldns.h>

#include "auth/dkim.h"
#include "auth/dmarc.h"
#include "auth/dnsbl.h"
#include "auth/spf.h"
#include "core/deliv.h"
#include "core/finding.h"
#include "core/tsv.h"
#include "core/util.h"
#include "dnscheck/bimi.h"
#include "dnscheck/dane.h"
#include "dnscheck/dnscheck.h"
#include "dnscheck/dnssec.h"
#include "dnscheck/hosts.h"
#include "dnscheck/mtasts.h"
#include "net/dns.h"

static const struct {
	const char	*name;
	unsigned	 bit;
} names[] = {
	{ "a", DC_A }, { "mx", DC_MX }, { "ptr", DC_PTR }, { "spf", DC_SPF },
	{ "dkim", DC_DKIM }, { "dmarc", DC_DMARC }, { "mta-sts", DC_MTASTS },
	{ "tls-rpt", DC_TLSRPT }, { "dnsbl", DC_DNSBL },
	{ "dnssec", DC_DNSSEC }, { "dane", DC_DANE }, { "bimi", DC_BIMI }
};

int
dnscheck_names(const char *list, unsigned *mask, struct derr *e)
{
	char *buf, *s, *save = NULL;
	size_t i;

	*mask = 0;
	if ((buf = strdup(list)) == NULL) {
		derr_set(e, list, "out of memory");
		return -1;
	}
	for (s = strtok_r(buf, ", ", &save); s != NULL;
	    s = strtok_r(NULL, ", ", &save)) {
		for (i = 0; i < nitems(names); i++)
			if (strcasecmp(s, names[i].name) == 0)
				break;
		if (i == nitems(names)) {
			derr_set(e, s, "no such check (a, mx, ptr, spf, dkim, "
			    "dmarc, mta-sts, tls-rpt, dnsbl, dnssec, dane, bimi)");
			free(buf);
			return -1;
		}
		*mask |= names[i].bit;
	}
	free(buf);
	return 0;
}

static enum finding_status
lint_status(enum spf_level lv)
{
	switch (lv) {
	case SPF_LINT_FAIL:
		return FINDING_FAIL;
	case SPF_LINT_WARN:
		return FINDING_WARN;
	default:
		return FINDING_INFO;
	}
}

/*
 * --explain spf: one info row a node of the include/redirect tree (its
 * record the value), the detail indented two spaces a level and ending
 * with the node's result when it is not a usable record.
 */
static void
spf_tree(const struct spf_lint *sl, struct finding_list *l)
{
	const struct spf_node *v;
	size_t i;

	for (i = 0; i < sl->nnodes; i++) {
		v = &sl->nodes[i];
		finding_add(l, "spf-tree", v->domain, FINDING_INFO, v->record,
		    "%*s%s: %u lookup%s here, %u with its tree, %u void%s%s",
		    2 * v->depth, "", v->depth ? v->via : v->domain,
		    v->lookups, v->lookups == 1 ? "" : "s", v->total,
		    v->voids, v->result == SPF_PASS ? "" : ": ",
		    v->result == SPF_PASS ? "" : spf_result_str(v->result));
	}
}

/*
 * The domain's SPF record and its tree: one summary row whose status is
 * the worst of its findings (the lookup count and the limit are that
 * row), then the findings, then with --explain the tree.
 */
static void
check_spf(struct dns *d, const struct dnscheck_opts *o, const char *dom,
    struct finding_list *l)
{
	struct spf_lint sl;
	enum finding_status st;
	enum spf_level worst = SPF_LINT_INFO;
	size_t i;
	int over = 0, temp = 0, outside = 0;

	memset(&sl, 0, sizeof(sl));
	if (spf_lint(d, dom, &sl) == -1) {
		l->nomem = 1;
		spf_lint_free(&sl);
		return;
	}
	for (i = 0; i < sl.n; i++) {
		if (strstr(sl.f[i].detail, DNS_NOT_IN_ZONES) != NULL) {
			outside = 1;	/* unknown, not wrong */
			continue;
		}
		if (sl.f[i].level > worst)
			worst = sl.f[i].level;
		if (strcmp(sl.f[i].code, "lookups") == 0)
			over = 1;
		if (strcmp(sl.f[i].code, "temperror") == 0 &&
		    strstr(sl.f[i].detail, DNS_NOT_IN_ZONES) == NULL)
			temp = 1;
	}
	switch (sl.status) {
	case SPF_PASS:
		st = worst == SPF_LINT_INFO ? FINDING_PASS : lint_status(worst);
		if (temp && st != FINDING_FAIL)
			st = FINDING_TEMPERROR;
		else if (outside && st == FINDING_PASS)
			st = FINDING_INFO;	/* never a pass on half a tree */
		finding_add(l, "spf", dom, st, sl.record, "one v=spf1 record; %u "
		    "DNS-querying terms in its tree (limit 10)%s", sl.lookups,
		    over ? ": receivers that reach the 11th give permerror" :
		    "");
		break;
	case SPF_NONE:
		finding_add(l, "spf", dom, FINDING_WARN, NULL, "no SPF record: "
		    "receivers cannot tell which IPs may send for %s", dom);
		break;
	case SPF_TEMPERROR:
		finding_add(l, "spf", dom, FINDING_TEMPERROR, sl.record, "the SPF "
		    "record or its tree could not be read");
		break;
	default:
		finding_add(l, "spf", dom, FINDING_FAIL, sl.record, "permerror: "
		    "receivers treat the SPF policy as broken");
		break;
	}
	for (i = 0; i < sl.n; i++) {
		if ((strcmp(sl.f[i].code, "none") == 0 &&
		    strcasecmp(sl.f[i].domain, dom) == 0) ||
		    (sl.status == SPF_PASS &&
		    strcmp(sl.f[i].code, "lookups") == 0))
			continue;
		finding_add(l, "spf", sl.f[i].domain,
		    strcmp(sl.f[i].code, "temperror") == 0 ? FINDING_TEMPERROR :
		    lint_status(sl.f[i].level), sl.f[i].code, "%s",
		    sl.f[i].detail);
	}
	if (o->explain & DC_SPF)
		spf_tree(&sl, l);
	spf_lint_free(&sl);
}

static void
check_spf_ip(struct dns *d, const struct dnscheck_opts *o, const char *dom,
    const char *ip, struct finding_list *l)
{
	struct spf_request req;
	struct spf_answer a;
	enum finding_status st;
	char sender[320];

	memset(&req, 0, sizeof(req));
	memset(&a, 0, sizeof(a));
	if (o->sender != NULL)
		req.sender = o->sender;
	else {
		snprintf(sender, sizeof(sender), "postmaster@%s", dom);
		req.sender = sender;
	}
	req.ip = ip;
	req.helo = o->helo;
	req.now = o->now;
	spf_check(d, &req, &a);
	switch (a.result) {
	case SPF_PASS:
		st = FINDING_PASS;
		break;
	case SPF_NEUTRAL:
	case SPF_NONE:
		st = FINDING_WARN;
		break;
	case SPF_TEMPERROR:
		st = FINDING_TEMPERROR;
		break;
	default:
		st = FINDING_FAIL;
		break;
	}
	if (a.result == SPF_FAIL && a.explanation != NULL)
		finding_add(l, "spf-result", ip, st, spf_result_str(a.result),
		    "%s", a.explanation);
	else if (a.reason[0] != '\0' && (a.result == SPF_PERMERROR ||
	    a.result == SPF_TEMPERROR || a.result == SPF_NONE))
		finding_add(l, "spf-result", ip, st, spf_result_str(a.result),
		    "%s", a.reason);
	else
		finding_add(l, "spf-result", ip, st, spf_result_str(a.result),
		    "%s for %s: %s", a.mechanism[0] ? a.mechanism : "no match",
		    a.domain, a.result == SPF_PASS ? "the IP may send" :
		    "the IP is not authorized");
	spf_answer_free(&a);
}

/*
 * check_host()'s result for each --ip, whatever became of the domain's
 * own checks: the answer a receiver gets (RFC 7208 §4.3: none for a name
 * that is no domain; §4.4: temperror when its TXT times out).
 */
static void
spf_results(struct dns *d, const struct dnscheck_opts *o, const char *dom,
    struct finding_list *l)
{
	size_t i;

	if (!(o->checks & DC_SPF))
		return;
	for (i = 0; i < o->nips; i++)
		check_spf_ip(d, o, dom, o->ips[i], l);
}

/* Tags of "v=X; a=b; ..." (RFC 8461 / 8460 style); value of tag, or NULL. */
static int
tag_value(const char *rec, const char *tag, char *buf, size_t len)
{
	const char *p = rec, *e, *eq;
	size_t tl = strlen(tag), n;

	while (*p != '\0') {
		p += strspn(p, " \t;");
		e = p + strcspn(p, ";");
		eq = memchr(p, '=', (size_t)(e - p));
		if (eq != NULL) {
			n = (size_t)(eq - p);
			while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
				n--;
			if (n == tl && strncmp(p, tag, tl) == 0) {
				eq++;
				eq += strspn(eq, " \t");
				n = (size_t)(e - eq);
				while (n > 0 && (eq[n - 1] == ' ' ||
				    eq[n - 1] == '\t'))
					n--;
				snprintf(buf, len, "%.*s", (int)n, eq);
				return 1;
			}
		}
		p = e;
	}
	return 0;
}

/*
 * The TXT record at name whose text starts with version ("v=STSv1").
 * 1 found (*rec owned), 0 none, -1 temperror or several (recorded).
 */
static int
versioned_txt(struct dns *d, const char *check, const char *name,
    const char *version, char **rec, struct finding_list *l)
{
	struct derr e;
	size_t found;

	if (dns_txt_version(d, name, version, rec, &found, &e) ==
	    DNS_TEMPERROR) {
		finding_add(l, check, name, FINDING_TEMPERROR, NULL, "%s TXT: %s",
		    name, e.what);
		return -1;
	}
	if (found > 1) {
		finding_add(l, check, name, FINDING_WARN, *rec, "%zu %s records: "
		    "senders ignore them all", found, version);
		free(*rec);
		*rec = NULL;
		return -1;
	}
	return *rec != NULL;
}

static void
check_mtasts(struct dns *d, const char *dom, struct finding_list *l)
{
	struct derr e;
	ldns_rr_list *rrs;
	char name[300], id[128], *rec;
	size_t n;
	int r;

	snprintf(name, sizeof(name), "_mta-sts.%s", dom);
	if ((r = versioned_txt(d, "mta-sts", name, "v=STSv1", &rec, l)) < 0)
		return;
	if (r == 0) {
		finding_add(l, "mta-sts", name, FINDING_INFO, NULL, "no MTA-STS "
		    "record (RFC 8461): senders may deliver to %s without "
		    "TLS", dom);
		return;
	}
	n = 0;
	if (!tag_value(rec, "id", id, sizeof(id)) || (n = strlen(id)) == 0 ||
	    n > 32 || strspn(id, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != n)
		finding_add(l, "mta-sts", name, FINDING_WARN, rec, "id= missing or "
		    "not 1 to 32 letters and digits (RFC 8461 3.1)");
	else {
		snprintf(name, sizeof(name), "mta-sts.%s", dom);
		if (dns_query(d, name, LDNS_RR_TYPE_A, &rrs, &e) ==
		    DNS_ANSWER || dns_query(d, name, LDNS_RR_TYPE_AAAA, &rrs,
		    &e) == DNS_ANSWER) {
			ldns_rr_list_deep_free(rrs);
			finding_add(l, "mta-sts", name + 8, FINDING_PASS, rec,
			    "MTA-STS record id=%s; the policy host %s "
			    "resolves", id, name);
		} else
			finding_add(l, "mta-sts", name + 8, FINDING_WARN, rec,
			    "MTA-STS record id=%s, but the policy host %s has "
			    "no address: the policy cannot be fetched", id,
			    name);
	}
	free(rec);
}

static void
check_tlsrpt(struct dns *d, const char *dom, struct finding_list *l)
{
	char name[300], rua[1024], *rec, *u, *save = NULL;
	int r, bad = 0;

	snprintf(name, sizeof(name), "_smtp._tls.%s", dom);
	if ((r = versioned_txt(d, "tls-rpt", name, "v=TLSRPTv1", &rec,
	    l)) < 0)
		return;
	if (r == 0) {
		finding_add(l, "tls-rpt", name, FINDING_INFO, NULL, "no TLS-RPT "
		    "record (RFC 8460): no reports of TLS failures to %s",
		    dom);
		return;
	}
	if (!tag_value(rec, "rua", rua, sizeof(rua)) || rua[0] == '\0')
		bad = 1;
	else
		for (u = strtok_r(rua, ",", &save); u != NULL;
		    u = strtok_r(NULL, ",", &save)) {
			u = str_trim(u);
			if (!((strncasecmp(u, "mailto:", 7) == 0 &&
			    strchr(u, '@') != NULL) ||
			    strncasecmp(u, "https://", 8) == 0))
				bad = 1;
		}
	if (bad)
		finding_add(l, "tls-rpt", name, FINDING_WARN, rec,
		    "rua= missing or "
		    "not mailto:/https: URIs (RFC 8460 3)");
	else
		finding_add(l, "tls-rpt", name, FINDING_PASS, rec, "TLS-RPT "
		    "record");
	free(rec);
}

static void
check_dkim(struct dns *d, const struct dnscheck_opts *o, const char *dom,
    struct finding_list *l)
{
	size_t i;
	int found = 0, r;

	if (o->nselectors > 0) {
		for (i = 0; i < o->nselectors; i++)
			dkim_audit(d, dom, o->selectors[i], 1, l);
		return;
	}
	for (i = 0; dkim_common_selectors[i] != NULL; i++) {
		r = dkim_audit(d, dom, dkim_common_selectors[i], 0, l);
		if (r == -1)
			return;		/* one temperror is enough */
		found += r;
	}
	if (found == 0)
		finding_add(l, "dkim", NULL, FINDING_WARN, NULL, "no DKIM key at "
		    "the %zu common selectors (default, google, selector1, "
		    "...): give --selector", i);
}

/* Lower-case the domain, drop a final dot; -1 if it is no domain name. */
static int
normalize(const char *in, char *out, size_t len)
{
	size_t n, lab = 0, i;

	if ((size_t)snprintf(out, len, "%s", in) >= len)
		return -1;
	n = strlen(out);
	if (n > 1 && out[n - 1] == '.')
		out[--n] = '\0';
	if (n == 0 || n > 253)
		return -1;
	for (i = 0; i < n; i++) {
		if (out[i] == '.') {
			if (lab == 0)
				return -1;
			lab = 0;
			continue;
		}
		if (!isalnum((unsigned char)out[i]) && out[i] != '-' &&
		    out[i] != '_')
			return -1;
		if (++lab > 63)
			return -1;
	}
	str_lower(out);
	return 0;
}

/*
 * Zone files alone (no --live) know nothing of the names outside them:
 * what rests on such a name is info, not a temperror (nothing failed).
 */
static void
outside_info(struct finding_list *l, size_t from)
{
	for (; from < l->n; from++)
		if (l->v[from].status == FINDING_TEMPERROR &&
		    strstr(l->v[from].detail, DNS_NOT_IN_ZONES) != NULL)
			l->v[from].status = FINDING_INFO;
}

void
dnscheck_domain(struct dns *d, const struct dnscheck_opts *o,
    const char *in, struct finding_list *l)
{
	struct derr e, e2;
	ldns_rr_list *rrs = NULL;
	enum dns_result r;
	char dom[256];
	size_t i, before = l->n;

	if (normalize(in, dom, sizeof(dom)) == -1) {
		finding_add(l, "dns", in, FINDING_FAIL, NULL, "not a valid domain "
		    "name");
		spf_results(d, o, in, l);
		return;
	}
	/*
	 * A server that never answers, or no such domain: say so once, not
	 * per check (the DNS lists alone are asked all the same).
	 */
	r = DNS_ANSWER;
	if ((o->checks & ~DC_DNSBL) != 0 && !dns_covers(d, dom)) {
		finding_add(l, "dns", dom, FINDING_INFO, NULL, "not in the zone "
		    "files: nothing checked (--live asks DNS for it)");
		spf_results(d, o, dom, l);
		outside_info(l, before);
		return;
	}
	if ((o->checks & ~DC_DNSBL) != 0)
		r = dns_query(d, dom, LDNS_RR_TYPE_SOA, &rrs, &e);
	ldns_rr_list_deep_free(rrs);
	if (r == DNS_TEMPERROR) {
		r = dns_query(d, dom, LDNS_RR_TYPE_A, &rrs, &e2);
		ldns_rr_list_deep_free(rrs);
		if (r == DNS_TEMPERROR) {
			finding_add(l, "dns", dom, FINDING_TEMPERROR, NULL, "DNS "
			    "does not answer for %s (%s): nothing checked",
			    dom, e.what);
			spf_results(d, o, dom, l);
			return;
		}
	}
	if (r == DNS_NXDOMAIN) {
		finding_add(l, "dns", dom, FINDING_FAIL, NULL, "the domain does "
		    "not exist (NXDOMAIN)");
		spf_results(d, o, dom, l);
		outside_info(l, before);
		return;
	}
	dnscheck_hosts_run(d, o, dom, l);
	if (o->checks & DC_SPF) {
		check_spf(d, o, dom, l);
		spf_results(d, o, dom, l);
	}
	if (o->checks & DC_DKIM)
		check_dkim(d, o, dom, l);
	if (o->checks & DC_DMARC)
		dmarc_audit(d, o->psl, dom, l);
	if (o->checks & DC_MTASTS) {
		check_mtasts(d, dom, l);
		mtasts_audit(d, o->mtasts, dom, l);	/* the policy file */
	}
	if (o->checks & DC_TLSRPT)
		check_tlsrpt(d, dom, l);
	/* Beyond the usual checkers (issue 18 item 9): see each header. */
	if (o->checks & (DC_DNSSEC | DC_DANE)) {
		struct dnssec_ctx dx = { d, o->anchors, o->now };

		if (o->checks & DC_DNSSEC)
			dnssec_audit(&dx, dom, l);
		if (o->checks & DC_DANE)
			dane_audit(&dx, dom, l);
	}
	if (o->checks & DC_BIMI)
		bimi_audit(d, o->psl, dom, l);
	if ((o->checks & DC_DNSBL) && o->lists != NULL) {
		dnsbl_audit_domain(o->lists, d, dom, l);
		for (i = 0; i < o->nips; i++)
			dnsbl_audit_ip(o->lists, d, o->ips[i], l);
	}
	if (l->n == before)
		finding_add(l, "dns", dom, FINDING_INFO, NULL, "no check selected "
		    "applies");
	outside_info(l, before);
}

struct tsv *
dnscheck_list_open(FILE *fp, const char *name, struct derr *e)
{
	static const struct tsv_opts o = { .flags = TSV_NOSPLIT | TSV_TRIM,
	    .max_rows = TSV_UNLIMITED };

	return tsv_stream(fp, name, &o, e);
}

int
dnscheck_next_domain(struct tsv *list, const char **domain, struct derr *e)
{
	struct tsv_row r;
	int rc;

	*domain = NULL;
	if ((rc = tsv_next(list, &r, e)) != 1)
		return rc;
	r.f[0][strcspn(r.f[0], " \t")] = '\0';
	*domain = r.f[0];
	return 1;
}
