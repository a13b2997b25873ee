/*
 * The DNS side of lib/auth/dmarc: where the record is (the domain or its
 * organizational domain), and the report destinations.  See auth/dmarc.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ldns/ldns.h>

#include "auth/dmarc.h"
#include "core/deliv.h"
#include "core/finding.h"
#include "net/dns.h"
#include "net/orgdom.h"

/* Is txt a DMARC record by RFC 7489 6.6.3 ("v" *WSP "=" *WSP "DMARC1")? */
static int
is_dmarc(const char *txt)
{
	const char *s = txt;

	if (*s != 'v' && *s != 'V')
		return 0;
	s++;
	s += strspn(s, " \t");
	if (*s++ != '=')
		return 0;
	s += strspn(s, " \t");
	return strncmp(s, "DMARC1", 6) == 0 &&
	    (s[6] == '\0' || s[6] == ';' || s[6] == ' ' || s[6] == '\t');
}

/*
 * The DMARC records at _dmarc.dom: 1 found (*rec owned), 0 none, -1
 * temperror (l has the record), -2 several (l has the record).  *other
 * counts the non-DMARC TXT records there; *spf is set when one is SPF.
 */
static int
fetch(struct dns *d, const char *dom, char **rec, size_t *other, int *spf,
    struct finding_list *l)
{
	char name[300], **txt;
	size_t n, i, k = 0, found = 0;
	int r;

	*rec = NULL;
	*other = 0;
	*spf = 0;
	if ((size_t)snprintf(name, sizeof(name), "_dmarc.%s", dom) >=
	    sizeof(name))
		return 0;
	if ((r = dns_txt_check(d, name, &txt, &n, l, "dmarc", name)) <= 0)
		return r;
	for (i = 0; i < n; i++) {
		if (is_dmarc(txt[i])) {
			found++;
			k = i;
		} else {
			(*other)++;
			if (strncasecmp(txt[i], "v=spf1", 6) == 0)
				*spf = 1;
		}
	}
	if (found > 1) {
		finding_add(l, "dmarc", name, FINDING_FAIL, txt[k], "%zu DMARC "
		    "records: receivers apply no DMARC policy (RFC 7489 "
		    "6.6.3)", found);
		dns_txt_free(txt);
		return -2;
	}
	if (found == 1 && (*rec = strdup(txt[k])) == NULL)
		l->nomem = 1;
	if (found == 0 && n > 0) {
		/* Not a DMARC record, but maybe meant as one: lint it. */
		for (i = 0; i < n; i++)
			if (*spf ? strncasecmp(txt[i], "v=spf1", 6) == 0 :
			    strcasestr(txt[i], "dmarc") != NULL ||
			    strncasecmp(txt[i], "v", 1) == 0)
				break;
		if (i < n) {
			if ((*rec = strdup(txt[i])) == NULL)
				l->nomem = 1;
			(*other)--;
		}
		dns_txt_free(txt);
		return *rec != NULL ? 1 : 0;
	}
	dns_txt_free(txt);
	return found == 1 ? 1 : 0;
}

/* Report destinations: authorization of external ones, MX of all. */
static void
destinations(struct dns *d, const struct orgdom *od, const char *dom,
    const struct dmarc_record *r, struct finding_list *l)
{
	struct derr e;
	ldns_rr_list *rrs;
	enum dns_result res;
	char name[600], **txt;
	size_t i, j, n, ok;
	int got;

	for (i = 0; i < r->nuri; i++) {
		const char *dd = r->uri[i].domain;
		const char *tag = r->uri[i].ruf ? "ruf" : "rua";

		for (j = 0; j < i; j++)
			if (strcasecmp(r->uri[j].domain, dd) == 0)
				break;
		if (j < i)
			continue;
		if (dmarc_external(od, dom, dd)) {
			snprintf(name, sizeof(name), "%s._report._dmarc.%s",
			    dom, dd);
			got = dns_txt_check(d, name, &txt, &n, l, "dmarc",
			    dd);
			if (got != -1) {
				for (ok = 0, j = 0; got == 1 && j < n;
				    j++)
					if (is_dmarc(txt[j]))
						ok = 1;
				if (ok)
					finding_add(l, "dmarc", dd, FINDING_PASS,
					    txt[0], "%s: external destination "
					    "%s authorizes reports for %s "
					    "(RFC 7489 7.1)", tag, dd, dom);
				else
					finding_add(l, "dmarc", dd, FINDING_WARN,
					    NULL, "%s: external destination %s "
					    "has no %s record: reports will "
					    "not be sent (RFC 7489 7.1)", tag,
					    dd, name);
				if (got == 1)
					dns_txt_free(txt);
			}
		}
		res = dns_query(d, dd, LDNS_RR_TYPE_MX, &rrs, &e);
		if (res == DNS_ANSWER) {
			ldns_rr_list_deep_free(rrs);
			continue;
		}
		if (res == DNS_NODATA &&
		    (res = dns_query(d, dd, LDNS_RR_TYPE_A, &rrs, &e)) ==
		    DNS_ANSWER) {
			ldns_rr_list_deep_free(rrs);
			continue;
		}
		if (res == DNS_TEMPERROR)
			finding_add(l, "dmarc", dd, FINDING_TEMPERROR, NULL,
			    "%s MX: %s", dd, e.what);
		else
			finding_add(l, "dmarc", dd, FINDING_WARN, NULL,
			    "%s: %s has "
			    "no MX and no address: reports cannot be "
			    "delivered", tag, dd);
	}
}

/* Lint rec (found at _dmarc.at) and report it. */
static void
report(struct dns *d, const struct orgdom *od, const char *dom,
    const char *at, const char *rec, size_t other, struct finding_list *l)
{
	struct dmarc_record r;
	enum finding_status st;
	char name[300];
	size_t i, first;
	int pnone = 0;

	snprintf(name, sizeof(name), "_dmarc.%s", at);
	dmarc_parse(rec, at, od, &r);
	st = !r.valid ? FINDING_FAIL : other > 0 ? FINDING_WARN : FINDING_PASS;
	for (i = 0; i < r.n; i++)
		if (strcmp(r.f[i].code, "p-none") == 0)
			pnone = 1;
	if (pnone && st == FINDING_PASS)
		st = FINDING_WARN;
	first = l->n;
	if (r.p[0] == '\0')
		finding_add(l, "dmarc", name, st, rec, "invalid DMARC record: "
		    "no policy applies");
	else
		finding_add(l, "dmarc", name, st, rec, "%s%s policy p=%s sp=%s "
		    "pct=%d%s%s%s%s", r.valid ? "" : "invalid record; ",
		    strcmp(at, dom) == 0 ? "domain" : "organizational domain",
		    r.p, r.sp, r.pct, strcmp(at, dom) == 0 ? "" :
		    " (inherited by ", strcmp(at, dom) == 0 ? "" : dom,
		    strcmp(at, dom) == 0 ? "" : ")", pnone ? ": monitoring "
		    "only, failing mail is delivered" : "");
	if (other > 0)
		finding_add(l, "dmarc", name, FINDING_WARN, "unrelated-txt",
		    "%zu other TXT record%s at %s (ignored by receivers)",
		    other, other > 1 ? "s" : "", name);
	/*
	 * Each problem once: p=none is the record's row; an external
	 * destination's authorization is destinations()'s row.
	 */
	for (i = 0; i < r.n; i++)
		if (strcmp(r.f[i].code, "p-none") != 0 &&
		    (r.p[0] == '\0' || strncmp(r.f[i].code, "external-",
		    9) != 0))
			finding_add(l, "dmarc", name, r.f[i].level,
			    r.f[i].code, "%s", r.f[i].detail);
	if (r.p[0] != '\0')
		destinations(d, od, at, &r, l);
	/* The record's row has the worst status of all its rows. */
	for (i = first + 1; first < l->n && i < l->n; i++)
		if (l->v[i].status == FINDING_FAIL || (l->v[i].status ==
		    FINDING_WARN && st == FINDING_PASS))
			st = l->v[i].status;
	if (first < l->n && l->v[first].status != FINDING_FAIL)
		l->v[first].status = st;
}

void
dmarc_audit(struct dns *d, const struct orgdom *od, const char *dom,
    struct finding_list *l)
{
	struct derr e;
	char org[256], walk[256], *rec = NULL, **txt;
	const char *s, *at[2];
	size_t other, n, i, nat = 0;
	int r, spf;

	/* The domain, then its organizational domain (RFC 7489 6.6.3). */
	at[nat++] = dom;
	if (orgdom_get(od, dom, org, sizeof(org)) != NULL &&
	    strcasecmp(org, dom) != 0)
		at[nat++] = org;
	for (i = 0; i < nat; i++) {
		if ((r = fetch(d, at[i], &rec, &other, &spf, l)) < 0)
			return;
		if (r == 1) {
			report(d, od, dom, at[i], rec, other, l);
			free(rec);
			return;
		}
	}
	finding_add(l, "dmarc", dom, FINDING_FAIL, NULL, "no DMARC record at "
	    "_dmarc.%s%s%s", dom, strcasecmp(org, dom) != 0 ? " or _dmarc." :
	    "", strcasecmp(org, dom) != 0 ? org : "");
	/* A record at the domain itself is in the wrong place. */
	if (dns_txt(d, dom, &txt, &n, &e) == DNS_ANSWER) {
		for (i = 0; i < n; i++)
			if (is_dmarc(txt[i]))
				finding_add(l, "dmarc", dom, FINDING_INFO, txt[i],
				    "a DMARC record is published at %s: it "
				    "belongs at _dmarc.%s", dom, dom);
		dns_txt_free(txt);
	}
	/* DMARCbis: the DNS tree walk between the domain and its org. */
	for (s = strchr(dom, '.'); s != NULL && strcasecmp(s + 1, org) != 0;
	    s = strchr(s + 1, '.')) {
		snprintf(walk, sizeof(walk), "%s", s + 1);
		if (strchr(walk, '.') == NULL)
			break;
		if (fetch(d, walk, &rec, &other, &spf, l) == 1) {
			struct dmarc_record dr;

			dmarc_parse(rec, walk, od, &dr);
			finding_add(l, "dmarc", walk, FINDING_INFO, rec, "the "
			    "DMARCbis tree walk finds _dmarc.%s: sp=%s would "
			    "apply under DMARCbis", walk,
			    dr.sp[0] ? dr.sp : "(none)");
			free(rec);
			break;
		}
	}
}
