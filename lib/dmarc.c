/*
 * DMARC record checks.  See dmarc.h.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dcrec.h"
#include "deliv.h"
#include "dmarc.h"
#include "dns.h"
#include "orgdom.h"
#include "util.h"

#define DMARC_MAX_TAGS	32

struct tag {
	char	*name;
	char	*value;
};

static void	add(struct dmarc_record *, const char *, enum dcrec_status,
		    const char *, ...) __attribute__((format(printf, 4, 5)));

static void
add(struct dmarc_record *r, const char *code, enum dcrec_status lv,
    const char *fmt, ...)
{
	va_list ap;
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->f[i].code, code) == 0)
			return;
	if (r->n == DMARC_MAX_FINDINGS)
		return;
	r->f[r->n].code = code;
	r->f[r->n].level = lv;
	va_start(ap, fmt);
	vsnprintf(r->f[r->n].detail, sizeof(r->f[r->n].detail), fmt, ap);
	va_end(ap);
	if (lv == DCREC_FAIL)
		r->valid = 0;
	r->n++;
}

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

static int
is_policy(const char *v)
{
	return strcasecmp(v, "none") == 0 || strcasecmp(v, "quarantine") == 0
	    || strcasecmp(v, "reject") == 0;
}

static int
all_digits(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n == 0 || n > max)
		return 0;
	return strspn(s, "0123456789") == n;
}

/* Every colon-separated item of v is one of the words. */
static int
words_ok(const char *v, const char *const *words)
{
	char buf[256], *s, *t, *save = NULL;
	size_t i;

	if ((size_t)snprintf(buf, sizeof(buf), "%s", v) >= sizeof(buf))
		return 0;
	if (*trim(buf) == '\0')
		return 0;
	for (s = strtok_r(buf, ":", &save); s != NULL;
	    s = strtok_r(NULL, ":", &save)) {
		t = trim(s);
		for (i = 0; words[i] != NULL; i++)
			if (strcasecmp(t, words[i]) == 0)
				break;
		if (words[i] == NULL)
			return 0;
	}
	return 1;
}

/* Is d (the mailto domain) outside the organizational domain of dom? */
static int
external(const struct orgdom *od, const char *dom, const char *d)
{
	char a[256], b[256];

	if (od == NULL)
		return strcasecmp(dom, d) != 0;
	if (orgdom_get(od, dom, a, sizeof(a)) == NULL ||
	    orgdom_get(od, d, b, sizeof(b)) == NULL)
		return strcasecmp(dom, d) != 0;
	return strcasecmp(a, b) != 0;
}

/* Check the URIs of rua= or ruf=. */
static void
uris(struct dmarc_record *r, char *v, int ruf, const char *dom,
    const struct orgdom *od)
{
	const char *tag = ruf ? "ruf" : "rua";
	char *u, *next, *at, *bang, *q, *ext = NULL;
	size_t n = 0, sl;
	int bad = 0;

	for (u = v; u != NULL; u = next) {
		if ((next = strchr(u, ',')) != NULL)
			*next++ = '\0';
		u = trim(u);
		n++;
		if ((bang = strrchr(u, '!')) != NULL) {
			sl = strspn(bang + 1, "0123456789");
			if (sl > 0 && (bang[1 + sl] == '\0' ||
			    (strchr("kmgtKMGT", bang[1 + sl]) != NULL &&
			    bang[2 + sl] == '\0'))) {
				*bang = '\0';
				add(r, "size-limit", DCREC_INFO, "%s: a size "
				    "limit on a report URI (obsolete in "
				    "DMARCbis)", tag);
			}
		}
		/* A URI has a scheme (RFC 3986): ALPHA *( ALPHA / DIGIT /
		   "+" / "-" / "." ) ":". */
		sl = 0;
		if (isalpha((unsigned char)u[0]))
			sl = strspn(u, "abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");
		if (sl == 0 || u[sl] != ':') {
			add(r, "rua-bad-uri", DCREC_FAIL, "%s: \"%s\" is not a "
			    "URI (mailto:address expected)", tag, u);
			bad = 1;
			continue;
		}
		if (strncasecmp(u, "mailto:", 7) != 0) {
			add(r, "rua-not-mailto", DCREC_WARN, "%s: \"%s\": "
			    "receivers only send reports to mailto: URIs",
			    tag, u);
			continue;
		}
		q = u + 7;
		if ((at = strchr(q, '@')) == NULL || at == q ||
		    at[1] == '\0' || strchr(q, '/') != NULL) {
			if (ruf)
				add(r, "ruf-bad-address", DCREC_WARN, "ruf: "
				    "\"%s\" is not a mail address", u);
			else
				add(r, "rua-bad-uri", DCREC_FAIL, "rua: \"%s\""
				    " is not a mail address", u);
			bad = 1;
			continue;
		}
		at[1 + strcspn(at + 1, "?")] = '\0';
		if (r->nuri < DMARC_MAX_URIS) {
			snprintf(r->uri[r->nuri].domain,
			    sizeof(r->uri[r->nuri].domain), "%s", at + 1);
			r->uri[r->nuri].ruf = ruf;
			r->nuri++;
		}
		if (dom != NULL && external(od, dom, at + 1) && ext == NULL)
			ext = at + 1;
	}
	/* An invalid list sends no reports at all: no authorization then. */
	if (ext != NULL && !bad) {
		if (ruf)
			add(r, "external-ruf-needs-authorization", DCREC_INFO,
			    "ruf: %s is outside %s: it must publish "
			    "%s._report._dmarc.%s (RFC 7489 7.1)", ext, dom,
			    dom, ext);
		else
			add(r, "external-rua-needs-authorization", DCREC_INFO,
			    "rua: %s is outside %s: it must publish "
			    "%s._report._dmarc.%s (RFC 7489 7.1)", ext, dom,
			    dom, ext);
	}
	if (n > 2)
		add(r, "more-than-two-uris", DCREC_WARN, "%s: %zu URIs; "
		    "receivers need only send to two (RFC 7489 6.2)", tag, n);
}

void
dmarc_parse(const char *txt, const char *dom, const struct orgdom *od,
    struct dmarc_record *r)
{
	static const char *const fo_words[] = { "0", "1", "d", "s", NULL };
	static const char *const rf_words[] = { "afrf", "iodef", NULL };
	struct tag t[DMARC_MAX_TAGS];
	const char *p = NULL, *sp = NULL, *rua = NULL;
	char *buf, *spec, *next, *eq;
	size_t nt = 0, i, j;
	int fatal = 0, dup = 0, pi = -1, ni;

	memset(r, 0, sizeof(*r));
	r->valid = 1;
	r->pct = 100;
	if (*txt == '\0') {
		add(r, "empty", DCREC_FAIL, "empty record");
		return;
	}
	if (*txt == ' ' || *txt == '\t') {
		add(r, "leading-whitespace", DCREC_FAIL, "the record must "
		    "start with v=DMARC1, not white space");
		return;
	}
	if (strncasecmp(txt, "v=spf1", 6) == 0 &&
	    (txt[6] == ' ' || txt[6] == '\0')) {
		add(r, "spf-record-at-dmarc", DCREC_FAIL, "an SPF record "
		    "where the DMARC record should be");
		return;
	}
	if ((buf = strdup(txt)) == NULL) {
		add(r, "empty", DCREC_FAIL, "out of memory");
		return;
	}
	for (spec = buf; spec != NULL && nt < DMARC_MAX_TAGS; spec = next) {
		if ((next = strchr(spec, ';')) != NULL)
			*next++ = '\0';
		if (*trim(spec) == '\0')
			continue;
		if ((eq = strchr(spec, '=')) == NULL) {
			t[nt].name = trim(spec);
			t[nt].value = NULL;
		} else {
			*eq = '\0';
			t[nt].name = trim(spec);
			t[nt].value = trim(eq + 1);
		}
		nt++;
	}
	/* v=DMARC1 first, exactly (the tag name is case-insensitive). */
	if (nt == 0 || strcasecmp(t[0].name, "v") != 0) {
		for (i = 0; i < nt; i++)
			if (strcasecmp(t[i].name, "v") == 0 &&
			    t[i].value != NULL && strcmp(t[i].value,
			    "DMARC1") == 0)
				break;
		if (i < nt)
			add(r, "v-not-first", DCREC_FAIL, "v=DMARC1 must be "
			    "the first tag (RFC 7489 6.4)");
		else
			add(r, "bad-version", DCREC_FAIL, "the record does not "
			    "start with v=DMARC1");
		goto out;
	}
	if (t[0].value == NULL || strcmp(t[0].value, "DMARC1") != 0) {
		add(r, "bad-version", DCREC_FAIL, "v=%s: the version must be "
		    "DMARC1 (RFC 7489 6.4)", t[0].value ? t[0].value : "");
		goto out;
	}
	for (i = 1; i < nt; i++) {
		const char *n = t[i].name, *v = t[i].value;

		for (j = 1; j < i; j++)
			if (strcasecmp(t[j].name, n) == 0)
				break;
		if (j < i) {
			add(r, "duplicate-tag", DCREC_FAIL, "%s= given twice",
			    n);
			dup = 1;
			continue;
		}
		if (v == NULL) {
			add(r, "unknown-tag", DCREC_WARN, "\"%s\" is not "
			    "tag=value", n);
			continue;
		}
		if (strcasecmp(n, "p") == 0) {
			p = v;
			pi = (int)i;
			if (!is_policy(v)) {
				add(r, "bad-p", DCREC_FAIL, "p=%s: none, "
				    "quarantine or reject expected", v);
				fatal = 1;
			}
		} else if (strcasecmp(n, "sp") == 0) {
			sp = v;
			if (!is_policy(v)) {
				add(r, "bad-sp", DCREC_FAIL, "sp=%s: none, "
				    "quarantine or reject expected", v);
				fatal = 1;
			}
		} else if (strcasecmp(n, "np") == 0) {
			add(r, "dmarcbis-tag", DCREC_INFO, "np= is a DMARCbis "
			    "tag; RFC 7489 receivers ignore it");
		} else if (strcasecmp(n, "psd") == 0 || strcasecmp(n, "t") ==
		    0) {
			add(r, "dmarcbis-tag", DCREC_INFO, "%s= is a DMARCbis "
			    "tag; RFC 7489 receivers ignore it", n);
		} else if (strcasecmp(n, "adkim") == 0 ||
		    strcasecmp(n, "aspf") == 0) {
			if (strcasecmp(v, "r") != 0 && strcasecmp(v, "s") != 0) {
				add(r, strcasecmp(n, "adkim") == 0 ?
				    "bad-adkim" : "bad-aspf", DCREC_FAIL,
				    "%s=%s: r or s expected", n, v);
				fatal = 1;
			}
		} else if (strcasecmp(n, "pct") == 0) {
			if (!all_digits(v, 3) || atoi(v) > 100) {
				add(r, "bad-pct", DCREC_FAIL, "pct=%s: 0 to "
				    "100 expected", v);
				fatal = 1;
			} else if ((r->pct = atoi(v)) < 100)
				add(r, "pct-partial", DCREC_WARN, "pct=%d: "
				    "the policy applies to %d%% of failing "
				    "mail only", r->pct, r->pct);
		} else if (strcasecmp(n, "ri") == 0) {
			if (!all_digits(v, 32)) {
				add(r, "bad-ri", DCREC_FAIL, "ri=%s: seconds "
				    "expected", v);
				fatal = 1;
			} else
				add(r, "removed-in-dmarcbis", DCREC_INFO,
				    "ri= is removed in DMARCbis");
		} else if (strcasecmp(n, "rf") == 0) {
			if (!words_ok(v, rf_words)) {
				add(r, "bad-rf", DCREC_FAIL, "rf=%s: afrf "
				    "expected", v);
				fatal = 1;
			} else
				add(r, "removed-in-dmarcbis", DCREC_INFO,
				    "rf= is removed in DMARCbis");
		} else if (strcasecmp(n, "fo") == 0) {
			if (!words_ok(v, fo_words))
				add(r, "bad-fo", DCREC_FAIL, "fo=%s: 0, 1, d "
				    "or s (colon-separated) expected", v);
			else if (strchr(v, '0') != NULL &&
			    strchr(v, '1') != NULL)
				add(r, "fo-redundant", DCREC_INFO, "fo=%s: 1 "
				    "already covers 0", v);
		} else if (strcasecmp(n, "rua") == 0) {
			rua = v;
			uris(r, t[i].value, 0, dom, od);
		} else if (strcasecmp(n, "ruf") == 0) {
			uris(r, t[i].value, 1, dom, od);
		} else
			add(r, "unknown-tag", DCREC_WARN, "unknown tag %s=", n);
	}
	if (p == NULL) {
		add(r, "no-p", DCREC_FAIL, "no p= tag (RFC 7489 6.3)");
		fatal = 1;
	}
	if (p == NULL || !is_policy(p)) {
		for (i = 0; i < r->n; i++)
			if (strcmp(r->f[i].code, "rua-bad-uri") == 0)
				break;
		if (rua != NULL && i == r->n) {
			add(r, "fallback-none-because-rua", DCREC_INFO, "with "
			    "a valid rua=, receivers treat the record as "
			    "p=none (RFC 7489 6.6.3)");
			snprintf(r->p, sizeof(r->p), "none");
			snprintf(r->sp, sizeof(r->sp), "none");
		}
		goto out;
	}
	if (fatal)
		goto out;
	snprintf(r->p, sizeof(r->p), "%s", p);
	snprintf(r->sp, sizeof(r->sp), "%s", sp ? sp : p);
	str_lower(r->p);
	str_lower(r->sp);
	if (dup)
		goto out;
	if (strcmp(r->p, "none") == 0)
		add(r, "p-none", DCREC_WARN, "p=none: monitoring only, failing "
		    "mail is delivered");
	else if (strcmp(r->sp, "none") == 0)
		add(r, "sp-none", DCREC_WARN, "sp=none: subdomains are not "
		    "protected");
	if (rua == NULL)
		add(r, "no-rua", DCREC_WARN, "no rua=: no aggregate reports "
		    "come back");
	ni = pi;
	if (ni != 1)
		add(r, "p-not-second", DCREC_WARN, "p= should follow v= "
		    "(RFC 7489 6.4)");
out:
	free(buf);
}

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
    struct dcrec_list *l)
{
	struct derr e;
	char name[300], **txt;
	size_t n, i, k = 0, found = 0;

	*rec = NULL;
	*other = 0;
	*spf = 0;
	if ((size_t)snprintf(name, sizeof(name), "_dmarc.%s", dom) >=
	    sizeof(name))
		return 0;
	switch (dns_txt(d, name, &txt, &n, &e)) {
	case DNS_TEMPERROR:
		dcrec_add(l, "dmarc", name, DCREC_TEMPERROR, NULL, "%s TXT: %s",
		    name, e.what);
		return -1;
	case DNS_NODATA:
	case DNS_NXDOMAIN:
		return 0;
	case DNS_ANSWER:
		break;
	}
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
		dcrec_add(l, "dmarc", name, DCREC_FAIL, txt[k], "%zu DMARC "
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
    const struct dmarc_record *r, struct dcrec_list *l)
{
	struct derr e;
	ldns_rr_list *rrs;
	enum dns_result res;
	char name[600], **txt;
	size_t i, j, n, ok;

	for (i = 0; i < r->nuri; i++) {
		const char *dd = r->uri[i].domain;
		const char *tag = r->uri[i].ruf ? "ruf" : "rua";

		for (j = 0; j < i; j++)
			if (strcasecmp(r->uri[j].domain, dd) == 0)
				break;
		if (j < i)
			continue;
		if (external(od, dom, dd)) {
			snprintf(name, sizeof(name), "%s._report._dmarc.%s",
			    dom, dd);
			res = dns_txt(d, name, &txt, &n, &e);
			if (res == DNS_TEMPERROR)
				dcrec_add(l, "dmarc", dd, DCREC_TEMPERROR, NULL,
				    "%s TXT: %s", name, e.what);
			else {
				for (ok = 0, j = 0; res == DNS_ANSWER && j < n;
				    j++)
					if (is_dmarc(txt[j]))
						ok = 1;
				if (ok)
					dcrec_add(l, "dmarc", dd, DCREC_PASS,
					    txt[0], "%s: external destination "
					    "%s authorizes reports for %s "
					    "(RFC 7489 7.1)", tag, dd, dom);
				else
					dcrec_add(l, "dmarc", dd, DCREC_WARN,
					    NULL, "%s: external destination %s "
					    "has no %s record: reports will "
					    "not be sent (RFC 7489 7.1)", tag,
					    dd, name);
				if (res == DNS_ANSWER)
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
			dcrec_add(l, "dmarc", dd, DCREC_TEMPERROR, NULL,
			    "%s MX: %s", dd, e.what);
		else
			dcrec_add(l, "dmarc", dd, DCREC_WARN, NULL, "%s: %s has "
			    "no MX and no address: reports cannot be "
			    "delivered", tag, dd);
	}
}

/* Lint rec (found at _dmarc.at) and report it. */
static void
report(struct dns *d, const struct orgdom *od, const char *dom,
    const char *at, const char *rec, size_t other, struct dcrec_list *l)
{
	struct dmarc_record r;
	enum dcrec_status st;
	char name[300];
	size_t i;

	snprintf(name, sizeof(name), "_dmarc.%s", at);
	dmarc_parse(rec, at, od, &r);
	if (!r.valid)
		st = DCREC_FAIL;
	else if (strcmp(r.p, "none") == 0 || other > 0)
		st = DCREC_WARN;
	else
		st = DCREC_PASS;
	if (r.p[0] == '\0')
		dcrec_add(l, "dmarc", name, st, rec, "invalid DMARC record: "
		    "no policy applies");
	else
		dcrec_add(l, "dmarc", name, st, rec, "%s%s policy p=%s sp=%s "
		    "pct=%d%s%s%s", r.valid ? "" : "invalid record; ",
		    strcmp(at, dom) == 0 ? "domain" : "organizational domain",
		    r.p, r.sp, r.pct, strcmp(at, dom) == 0 ? "" :
		    " (inherited by ", strcmp(at, dom) == 0 ? "" : dom,
		    strcmp(at, dom) == 0 ? "" : ")");
	if (other > 0)
		dcrec_add(l, "dmarc", name, DCREC_WARN, "unrelated-txt",
		    "%zu other TXT record%s at %s (ignored by receivers)",
		    other, other > 1 ? "s" : "", name);
	for (i = 0; i < r.n; i++)
		dcrec_add(l, "dmarc", name, r.f[i].level, r.f[i].code, "%s",
		    r.f[i].detail);
	if (r.p[0] != '\0')
		destinations(d, od, at, &r, l);
}

void
dmarc_audit(struct dns *d, const struct orgdom *od, const char *dom,
    struct dcrec_list *l)
{
	struct derr e;
	char org[256], walk[256], *rec = NULL, **txt;
	const char *s;
	size_t other, n, i;
	int r, spf;

	if ((r = fetch(d, dom, &rec, &other, &spf, l)) < 0)
		return;
	if (r == 1) {
		report(d, od, dom, dom, rec, other, l);
		free(rec);
		return;
	}
	if (spf)
		dcrec_add(l, "dmarc", dom, DCREC_FAIL, "spf-record-at-dmarc",
		    "_dmarc.%s answers with an SPF record (a wildcard TXT?), "
		    "not a DMARC record", dom);
	/* The organizational domain (RFC 7489 6.6.3). */
	if (orgdom_get(od, dom, org, sizeof(org)) != NULL &&
	    strcasecmp(org, dom) != 0) {
		if ((r = fetch(d, org, &rec, &other, &spf, l)) < 0)
			return;
		if (r == 1) {
			report(d, od, dom, org, rec, other, l);
			free(rec);
			return;
		}
	}
	dcrec_add(l, "dmarc", dom, DCREC_FAIL, NULL, "no DMARC record at "
	    "_dmarc.%s%s%s", dom, strcasecmp(org, dom) != 0 ? " or _dmarc." :
	    "", strcasecmp(org, dom) != 0 ? org : "");
	/* A record at the domain itself is in the wrong place. */
	if (dns_txt(d, dom, &txt, &n, &e) == DNS_ANSWER) {
		for (i = 0; i < n; i++)
			if (is_dmarc(txt[i]))
				dcrec_add(l, "dmarc", dom, DCREC_INFO, txt[i],
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
			dcrec_add(l, "dmarc", walk, DCREC_INFO, rec, "the "
			    "DMARCbis tree walk finds _dmarc.%s: sp=%s would "
			    "apply under DMARCbis", walk,
			    dr.sp[0] ? dr.sp : "(none)");
			free(rec);
			break;
		}
	}
}
