/*
 * The address checks of dnscheck: A/AAAA of the domain and of its MX
 * hosts, the MX set (RFC 5321 5.1, RFC 7505), and the PTR of each
 * sending IP (forward-confirmed, generic-looking, HELO).  See
 * dnscheck/hosts.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ldns/ldns.h>

#include "core/deliv.h"
#include "core/finding.h"
#include "core/ip.h"
#include "core/util.h"
#include "dnscheck/dnscheck.h"
#include "dnscheck/hosts.h"
#include "net/dns.h"

#define MX_MAX	32		/* MX hosts examined */
#define PTR_MAX	10		/* PTR names of one IP examined */
#define ADDR_MAX 32		/* addresses of one host listed */

/* The addresses of a host. */
struct host {
	char		 name[256];
	int		 pref;
	struct sbuf	 addrs;		/* "192.0.2.1 2001:db8::1" */
	int		 n;		/* number of addresses listed */
	int		 more;		/* the ones past ADDR_MAX */
	int		 nxdomain;	/* both A and AAAA: no such name */
	int		 temp;		/* a query failed */
	char		 why[512];
	int		 cname;		/* the name is a CNAME */
	char		 target[256];	/* its target */
};

/* Text of an rdf (a name without its final dot) into buf. */
static void
rdf_text(const ldns_rdf *f, char *buf, size_t len)
{
	char *s;
	size_t l;

	buf[0] = '\0';
	if (f == NULL || (s = ldns_rdf2str(f)) == NULL)
		return;
	l = strlen(s);
	if (l > 1 && s[l - 1] == '.')
		s[l - 1] = '\0';
	snprintf(buf, len, "%s", s);
	free(s);
}

static void
resolve(struct dns *d, const char *name, struct host *h)
{
	static const ldns_rr_type types[] = { LDNS_RR_TYPE_A,
	    LDNS_RR_TYPE_AAAA };
	struct derr e;
	ldns_rr_list *rrs;
	enum dns_result r;
	char buf[64];
	size_t i, t;
	int nx = 0;

	for (t = 0; t < nitems(types); t++) {
		r = dns_query(d, name, types[t], &rrs, &e);
		if (r == DNS_TEMPERROR) {
			h->temp = 1;
			snprintf(h->why, sizeof(h->why), "%s", e.what);
			continue;
		}
		if (r == DNS_NXDOMAIN)
			nx++;
		if (r != DNS_ANSWER)
			continue;
		for (i = 0; i < ldns_rr_list_rr_count(rrs); i++) {
			if (h->n == ADDR_MAX) {
				h->more++;
				continue;
			}
			rdf_text(ldns_rr_rdf(ldns_rr_list_rr(rrs, i), 0), buf,
			    sizeof(buf));
			sbuf_printf(&h->addrs, "%s%s", h->n ? " " : "", buf);
			h->n++;
		}
		ldns_rr_list_deep_free(rrs);
	}
	if (h->more > 0)
		sbuf_printf(&h->addrs, " (and %d more: only %d listed)",
		    h->more, ADDR_MAX);
	h->nxdomain = nx == 2;
	if (dns_query(d, name, LDNS_RR_TYPE_CNAME, &rrs, &e) == DNS_ANSWER) {
		h->cname = 1;
		rdf_text(ldns_rr_rdf(ldns_rr_list_rr(rrs, 0), 0), h->target,
		    sizeof(h->target));
		ldns_rr_list_deep_free(rrs);
	}
}

/* Does name look like an IP address (an IP literal as MX target)? */
static int
ip_literal(const char *name)
{
	struct ipaddr a;
	char s[256];
	size_t l;

	snprintf(s, sizeof(s), "%s", name);
	l = strlen(s);
	if (l > 0 && s[l - 1] == '.')
		s[l - 1] = '\0';
	if (s[0] == '[')
		return 1;
	return ip_parse(s, &a) == 0;
}

static int
pref_cmp(const void *a, const void *b)
{
	const struct host *x = a, *y = b;

	if (x->pref != y->pref)
		return x->pref < y->pref ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Does the domain exist, and its own addresses: the "a" check. */
static void
check_a(const struct host *dom, const struct host *mx, size_t nmx,
    unsigned checks, struct finding_list *l)
{
	size_t i;

	if (dom->temp && dom->n == 0)
		finding_add(l, "a", dom->name, FINDING_TEMPERROR, NULL,
		    "A/AAAA: %s", dom->why);
	else if (dom->n > 0)
		finding_add(l, "a", dom->name, FINDING_PASS, dom->addrs.s,
		    "%d address%s", dom->n, dom->n > 1 ? "es" : "");
	else
		finding_add(l, "a", dom->name, FINDING_INFO, NULL, "no A/AAAA "
		    "record at the domain (only needed for a web site or an "
		    "implicit MX)");
	if (!(checks & DC_A))
		return;
	for (i = 0; i < nmx; i++) {
		if (strcmp(mx[i].name, ".") == 0 || ip_literal(mx[i].name))
			continue;
		if (mx[i].n > 0)
			finding_add(l, "a", mx[i].name, FINDING_PASS,
			    mx[i].addrs.s, "MX host: %d address%s", mx[i].n,
			    mx[i].n > 1 ? "es" : "");
		else if (mx[i].temp)
			finding_add(l, "a", mx[i].name, FINDING_TEMPERROR, NULL,
			    "MX host A/AAAA: %s", mx[i].why);
		else
			finding_add(l, "a", mx[i].name, FINDING_FAIL, NULL,
			    "MX host has no A/AAAA record%s", mx[i].nxdomain ?
			    " (no such name)" : "");
	}
}

static void
check_mx(struct dns *d, const char *dom, const struct host *da,
    struct host *mx, size_t nmx, int nmx_all, struct finding_list *l)
{
	struct sbuf v = { 0 };
	size_t i, j, same;
	int null = 0;

	(void)d;
	for (i = 0; i < nmx; i++) {
		sbuf_printf(&v, "%s%d %s", i ? ", " : "", mx[i].pref,
		    mx[i].name);
		if (strcmp(mx[i].name, ".") == 0)
			null++;
	}
	if (null > 0 && nmx > 1)
		finding_add(l, "mx", dom, FINDING_FAIL, v.s, "a null MX (RFC 7505) "
		    "must be the only MX record");
	else if (null > 0) {
		finding_add(l, "mx", dom, mx[0].pref == 0 ? FINDING_INFO :
		    FINDING_WARN, v.s, "null MX (RFC 7505): the domain accepts "
		    "no mail%s", mx[0].pref == 0 ? "" : " (its preference "
		    "should be 0)");
		sbuf_free(&v);
		return;
	} else
		finding_add(l, "mx", dom, FINDING_PASS, v.s, "%d MX record%s",
		    nmx_all, nmx_all > 1 ? "s" : "");
	for (i = 0; i < nmx; i++) {
		struct host *h = &mx[i];

		if (strcmp(h->name, ".") == 0)
			continue;
		for (j = 0; j < i; j++)
			if (strcasecmp(mx[j].name, h->name) == 0)
				break;
		if (j < i) {
			finding_add(l, "mx", h->name, FINDING_WARN, NULL, "listed "
			    "twice in the MX set (preferences %d and %d)",
			    mx[j].pref, h->pref);
			continue;
		}
		for (same = 0, j = 0; j < nmx; j++)
			if (mx[j].pref == h->pref)
				same++;
		if (same > 1 && (i == 0 || mx[i - 1].pref != h->pref))
			finding_add(l, "mx", dom, FINDING_INFO, NULL,
			    "%zu MX hosts "
			    "share preference %d: mail is spread between "
			    "them", same, h->pref);
		if (ip_literal(h->name))
			finding_add(l, "mx", h->name, FINDING_FAIL, NULL, "MX "
			    "target is an IP address: it must be a host name "
			    "(RFC 5321 5.1)");
		else if (h->cname)
			finding_add(l, "mx", h->name, FINDING_WARN, h->target,
			    "MX target is a CNAME (to %s): it must be a host "
			    "name with an address (RFC 2181 10.3)",
			    h->target);
		else if (h->n > 0)
			finding_add(l, "mx", h->name, FINDING_PASS, h->addrs.s,
			    "MX target resolves");
		else if (h->temp)
			finding_add(l, "mx", h->name, FINDING_TEMPERROR, NULL,
			    "MX target A/AAAA: %s", h->why);
		else
			finding_add(l, "mx", h->name, FINDING_FAIL, NULL,
			    "MX target "
			    "does not resolve%s", h->nxdomain ?
			    " (no such name)" : " (no A/AAAA)");
	}
	(void)da;
	sbuf_free(&v);
}

/* Does a PTR name look generic (dynamic pool, the IP in the name)? */
static int
generic_name(const char *name, const char *ip, char *why, size_t len)
{
	static const char *words[] = { "dynamic", "dyn", "dhcp", "pool",
	    "dsl", "adsl", "xdsl", "cable", "ppp", "pppoe", "dial", "dialup",
	    "client", "broadband", "customer", "cust", "dyndns", "unassigned",
	    "static", "host", "ip", "res", "residential", "nat", "user",
	    "fibre", "fiber", "ftth", "mobile", "wireless", "catv", NULL };
	char lower[256], first[256], a[4][4], pat[64], *p, *tok, *save = NULL;
	size_t i;
	int n;

	snprintf(lower, sizeof(lower), "%s", name);
	str_lower(lower);
	/* The address in the name: 192-0-2-10, 10.2.0.192, 192.0.2.10. */
	if (strchr(ip, ':') == NULL && sscanf(ip, "%3[0-9].%3[0-9].%3[0-9]."
	    "%3[0-9]", a[0], a[1], a[2], a[3]) == 4) {
		static const char seps[] = "-._";

		for (i = 0; seps[i] != '\0'; i++) {
			snprintf(pat, sizeof(pat), "%s%c%s%c%s%c%s", a[0],
			    seps[i], a[1], seps[i], a[2], seps[i], a[3]);
			if (strstr(lower, pat) != NULL)
				goto ip;
			snprintf(pat, sizeof(pat), "%s%c%s%c%s%c%s", a[3],
			    seps[i], a[2], seps[i], a[1], seps[i], a[0]);
			if (strstr(lower, pat) != NULL)
				goto ip;
		}
	}
	/* A keyword as a word of the first label(s). */
	snprintf(first, sizeof(first), "%s", lower);
	if ((p = strrchr(first, '.')) != NULL)
		*p = '\0';	/* drop the TLD */
	if ((p = strrchr(first, '.')) != NULL)
		*p = '\0';	/* and the registered name */
	for (tok = strtok_r(first, ".-_", &save); tok != NULL;
	    tok = strtok_r(NULL, ".-_", &save)) {
		for (n = 0; isalpha((unsigned char)tok[n]); n++)
			;
		for (i = 0; words[i] != NULL; i++)
			if ((size_t)n == strlen(words[i]) &&
			    strncmp(tok, words[i], (size_t)n) == 0 &&
			    (tok[n] == '\0' ||
			    isdigit((unsigned char)tok[n]))) {
				snprintf(why, len, "\"%s\" in the name",
				    words[i]);
				return 1;
			}
	}
	return 0;
ip:
	snprintf(why, len, "the address is in the name");
	return 1;
}

/* Is ip (text) among the addresses of h? */
static int
has_addr(const struct host *h, const char *ip)
{
	struct ipaddr x, y;
	char buf[4096], *tok, *save = NULL;

	if (h->addrs.s == NULL || ip_parse(ip, &x) == -1)
		return 0;
	snprintf(buf, sizeof(buf), "%s", h->addrs.s);
	for (tok = strtok_r(buf, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save))
		if (ip_parse(tok, &y) == 0 && x.af == y.af &&
		    memcmp(x.b, y.b, 16) == 0)
			return 1;
	return 0;
}

static void
check_ptr(struct dns *d, const char *ip, const char *helo,
    struct finding_list *l)
{
	struct derr e;
	struct host h;
	struct ipaddr a;
	ldns_rr_list *rrs = NULL;
	enum dns_result r;
	char rname[300], name[256], why[128], *first = NULL;
	size_t i, n;
	int match = 0;

	if (ip_parse(ip, &a) == -1 || ip_reverse(&a, NULL, rname,
	    sizeof(rname)) == -1) {
		finding_add(l, "ptr", ip, FINDING_FAIL, NULL, "not an IP address");
		return;
	}
	r = dns_query(d, rname, LDNS_RR_TYPE_PTR, &rrs, &e);
	if (r == DNS_TEMPERROR) {
		finding_add(l, "ptr", ip, FINDING_TEMPERROR, NULL, "%s PTR: %s",
		    rname, e.what);
		goto out;
	}
	if (r != DNS_ANSWER) {
		finding_add(l, "ptr", ip, FINDING_FAIL, NULL, "no PTR record at "
		    "%s: many receivers reject mail from an IP without "
		    "reverse DNS", rname);
		goto out;
	}
	n = ldns_rr_list_rr_count(rrs);
	if (n > PTR_MAX)
		finding_add(l, "ptr", ip, FINDING_WARN, NULL, "%zu PTR records "
		    "at %s: only the first %d checked (one is best)", n,
		    rname, PTR_MAX);
	for (i = 0; i < n && i < PTR_MAX; i++) {
		rdf_text(ldns_rr_rdf(ldns_rr_list_rr(rrs, i), 0), name,
		    sizeof(name));
		memset(&h, 0, sizeof(h));
		snprintf(h.name, sizeof(h.name), "%s", name);
		resolve(d, name, &h);
		if (has_addr(&h, ip))
			finding_add(l, "ptr", ip, n > 1 ? FINDING_WARN :
			    FINDING_PASS, name, "forward-confirmed: %s resolves "
			    "back to %s%s", name, ip, n > 1 ? "; several PTR "
			    "records (one is best)" : "");
		else if (h.temp && h.n == 0)
			finding_add(l, "ptr", ip, FINDING_TEMPERROR, name, "%s "
			    "A/AAAA: %s", name, h.why);
		else
			finding_add(l, "ptr", ip, FINDING_FAIL, name, "not "
			    "forward-confirmed: %s resolves to %s, not %s",
			    name, h.addrs.s ? h.addrs.s : "nothing", ip);
		sbuf_free(&h.addrs);
		if (generic_name(name, ip, why, sizeof(why)))
			finding_add(l, "ptr", ip, FINDING_WARN, name, "%s looks "
			    "generic or dynamic (%s): receivers may treat the "
			    "IP as an end-user address", name, why);
		if (helo != NULL && strcasecmp(helo, name) == 0)
			match = 1;
		if (first == NULL)
			first = strdup(name);
	}
	if (helo != NULL) {
		char hn[256];

		snprintf(hn, sizeof(hn), "%s", helo);
		if (hn[0] != '\0' && hn[strlen(hn) - 1] == '.')
			hn[strlen(hn) - 1] = '\0';
		if (!match)
			for (i = 0; i < n && i < PTR_MAX && !match; i++) {
				rdf_text(ldns_rr_rdf(ldns_rr_list_rr(rrs, i),
				    0), name, sizeof(name));
				match = strcasecmp(hn, name) == 0;
			}
		if (match)
			finding_add(l, "ptr", ip, FINDING_PASS, helo, "the HELO "
			    "name matches the PTR");
		else
			finding_add(l, "ptr", ip, FINDING_WARN, helo, "the HELO "
			    "name %s does not match the PTR %s", helo,
			    first ? first : "");
	}
out:
	free(first);
	ldns_rr_list_deep_free(rrs);
}

void
dnscheck_hosts_run(struct dns *d, const struct dnscheck_opts *o, const char *dom,
    struct finding_list *l)
{
	struct host da, mx[MX_MAX];
	struct derr e;
	ldns_rr_list *rrs = NULL;
	ldns_rr *rr;
	enum dns_result r = DNS_NODATA;
	size_t nmx = 0, i;
	int total = 0;

	memset(&da, 0, sizeof(da));
	snprintf(da.name, sizeof(da.name), "%s", dom);
	if (o->checks & (DC_A | DC_MX)) {
		resolve(d, dom, &da);
		r = dns_query(d, dom, LDNS_RR_TYPE_MX, &rrs, &e);
		if (r == DNS_ANSWER) {
			total = (int)ldns_rr_list_rr_count(rrs);
			for (i = 0; i < (size_t)total && nmx < MX_MAX; i++) {
				rr = ldns_rr_list_rr(rrs, i);
				memset(&mx[nmx], 0, sizeof(mx[nmx]));
				mx[nmx].pref = ldns_rdf2native_int16(
				    ldns_rr_rdf(rr, 0));
				rdf_text(ldns_rr_rdf(rr, 1), mx[nmx].name,
				    sizeof(mx[nmx].name));
				nmx++;
			}
			qsort(mx, nmx, sizeof(mx[0]), pref_cmp);
			for (i = 0; i < nmx; i++)
				if (strcmp(mx[i].name, ".") != 0 &&
				    !ip_literal(mx[i].name))
					resolve(d, mx[i].name, &mx[i]);
		}
	}
	if (o->checks & DC_A)
		check_a(&da, mx, nmx, o->checks, l);
	if (o->checks & DC_MX) {
		if (r == DNS_TEMPERROR)
			finding_add(l, "mx", dom, FINDING_TEMPERROR, NULL, "MX: %s",
			    e.what);
		else if (r == DNS_NXDOMAIN)
			finding_add(l, "mx", dom, FINDING_FAIL, NULL, "the domain "
			    "does not exist (NXDOMAIN)");
		else if (r == DNS_NODATA && da.n > 0)
			finding_add(l, "mx", dom, FINDING_WARN, da.addrs.s,
			    "no MX: "
			    "mail goes to the domain's own address (implicit "
			    "MX, RFC 5321 5.1); publish an MX or a null MX");
		else if (r == DNS_NODATA && da.temp)
			finding_add(l, "mx", dom, FINDING_TEMPERROR, NULL, "no MX, "
			    "and A/AAAA: %s", da.why);
		else if (r == DNS_NODATA)
			finding_add(l, "mx", dom, FINDING_FAIL, NULL,
			    "no MX and no "
			    "address: the domain cannot receive mail (bounces, "
			    "replies, DMARC reports)");
		else
			check_mx(d, dom, &da, mx, nmx, total, l);
	}
	if (o->checks & DC_PTR)
		for (i = 0; i < o->nips; i++)
			check_ptr(d, o->ips[i], o->helo, l);
	for (i = 0; i < nmx; i++)
		sbuf_free(&mx[i].addrs);
	sbuf_free(&da.addrs);
	ldns_rr_list_deep_free(rrs);
}
