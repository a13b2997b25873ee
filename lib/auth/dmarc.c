/*
 * DMARC record checks.  See auth/dmarc.h.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auth/dmarc.h"
#include "core/deliv.h"
#include "core/finding.h"
#include "core/util.h"
#include "net/dns.h"
#include "net/orgdom.h"

#define DMARC_MAX_TAGS	32

struct tag {
	char	*name;
	char	*value;
};

static void	add(struct dmarc_record *, const char *, enum finding_status,
		    const char *, ...) __attribute__((format(printf, 4, 5)));

static void
add(struct dmarc_record *r, const char *code, enum finding_status lv,
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
	if (lv == FINDING_FAIL)
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

/*
 * A tag DMARCbis removes, value v, valid when ok: a finding code
 * (expected saying what is) and 1 when it is not, else an info and 0.
 */
static int
removed_tag(struct dmarc_record *r, const char *tag, const char *v, int ok,
    const char *code, const char *expected)
{
	if (!ok) {
		add(r, code, FINDING_FAIL, "%s=%s: %s expected", tag, v,
		    expected);
		return 1;
	}
	add(r, "removed-in-dmarcbis", FINDING_INFO, "%s= is removed in "
	    "DMARCbis", tag);
	return 0;
}

int
dmarc_external(const struct orgdom *od, const char *dom, const char *d)
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
				add(r, "size-limit", FINDING_INFO, "%s: a size "
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
			add(r, "rua-bad-uri", FINDING_WARN, "%s: \"%s\" is not a "
			    "URI (mailto:address expected)", tag, u);
			bad = 1;
			continue;
		}
		if (strncasecmp(u, "mailto:", 7) != 0) {
			add(r, "rua-not-mailto", FINDING_WARN, "%s: \"%s\": "
			    "receivers only send reports to mailto: URIs",
			    tag, u);
			continue;
		}
		q = u + 7;
		if ((at = strchr(q, '@')) == NULL || at == q ||
		    at[1] == '\0' || strchr(q, '/') != NULL) {
			if (ruf)
				add(r, "ruf-bad-address", FINDING_WARN, "ruf: "
				    "\"%s\" is not a mail address", u);
			else
				add(r, "rua-bad-uri", FINDING_WARN, "rua: \"%s\""
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
		if (dom != NULL && ext == NULL &&
		    dmarc_external(od, dom, at + 1))
			ext = at + 1;
	}
	/* An invalid list sends no reports at all: no authorization then. */
	if (ext != NULL && !bad) {
		if (ruf)
			add(r, "external-ruf-needs-authorization", FINDING_INFO,
			    "ruf: %s is outside %s: it must publish "
			    "%s._report._dmarc.%s (RFC 7489 7.1)", ext, dom,
			    dom, ext);
		else
			add(r, "external-rua-needs-authorization", FINDING_INFO,
			    "rua: %s is outside %s: it must publish "
			    "%s._report._dmarc.%s (RFC 7489 7.1)", ext, dom,
			    dom, ext);
	}
	if (n > 2)
		add(r, "more-than-two-uris", FINDING_WARN, "%s: %zu URIs; "
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
		add(r, "empty", FINDING_FAIL, "empty record");
		return;
	}
	if (*txt == ' ' || *txt == '\t') {
		add(r, "leading-whitespace", FINDING_FAIL, "the record must "
		    "start with v=DMARC1, not white space");
		return;
	}
	if (strncasecmp(txt, "v=spf1", 6) == 0 &&
	    (txt[6] == ' ' || txt[6] == '\0')) {
		add(r, "spf-record-at-dmarc", FINDING_FAIL, "an SPF record "
		    "where the DMARC record should be");
		return;
	}
	if ((buf = strdup(txt)) == NULL) {
		add(r, "empty", FINDING_FAIL, "out of memory");
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
			add(r, "v-not-first", FINDING_FAIL, "v=DMARC1 must be "
			    "the first tag (RFC 7489 6.4)");
		else
			add(r, "bad-version", FINDING_FAIL, "the record does not "
			    "start with v=DMARC1");
		goto out;
	}
	if (t[0].value == NULL || strcmp(t[0].value, "DMARC1") != 0) {
		add(r, "bad-version", FINDING_FAIL, "v=%s: the version must be "
		    "DMARC1 (RFC 7489 6.4)", t[0].value ? t[0].value : "");
		goto out;
	}
	for (i = 1; i < nt; i++) {
		const char *n = t[i].name, *v = t[i].value;

		for (j = 1; j < i; j++)
			if (strcasecmp(t[j].name, n) == 0)
				break;
		if (j < i) {
			add(r, "duplicate-tag", FINDING_FAIL, "%s= given twice",
			    n);
			dup = 1;
			continue;
		}
		if (v == NULL) {
			add(r, "unknown-tag", FINDING_WARN, "\"%s\" is not "
			    "tag=value", n);
			continue;
		}
		if (strcasecmp(n, "p") == 0) {
			p = v;
			pi = (int)i;
			if (!is_policy(v)) {
				add(r, "bad-p", FINDING_FAIL, "p=%s: none, "
				    "quarantine or reject expected", v);
				fatal = 1;
			}
		} else if (strcasecmp(n, "sp") == 0) {
			sp = v;
			if (!is_policy(v)) {
				add(r, "bad-sp", FINDING_FAIL, "sp=%s: none, "
				    "quarantine or reject expected", v);
				fatal = 1;
			}
		} else if (strcasecmp(n, "np") == 0) {
			add(r, "dmarcbis-tag", FINDING_INFO, "np= is a DMARCbis "
			    "tag; RFC 7489 receivers ignore it");
		} else if (strcasecmp(n, "psd") == 0 || strcasecmp(n, "t") ==
		    0) {
			add(r, "dmarcbis-tag", FINDING_INFO, "%s= is a DMARCbis "
			    "tag; RFC 7489 receivers ignore it", n);
		} else if (strcasecmp(n, "adkim") == 0 ||
		    strcasecmp(n, "aspf") == 0) {
			if (strcasecmp(v, "r") != 0 &&
			    strcasecmp(v, "s") != 0) {
				add(r, strcasecmp(n, "adkim") == 0 ?
				    "bad-adkim" : "bad-aspf", FINDING_FAIL,
				    "%s=%s: r or s expected", n, v);
				fatal = 1;
			}
		} else if (strcasecmp(n, "pct") == 0) {
			if (!all_digits(v, 3) || atoi(v) > 100) {
				add(r, "bad-pct", FINDING_FAIL, "pct=%s: 0 to "
				    "100 expected", v);
				fatal = 1;
			} else if ((r->pct = atoi(v)) < 100)
				add(r, "pct-partial", FINDING_WARN, "pct=%d: "
				    "the policy applies to %d%% of failing "
				    "mail only", r->pct, r->pct);
		} else if (strcasecmp(n, "ri") == 0) {
			fatal |= removed_tag(r, "ri", v, all_digits(v, 32),
			    "bad-ri", "seconds");
		} else if (strcasecmp(n, "rf") == 0) {
			fatal |= removed_tag(r, "rf", v, words_ok(v, rf_words),
			    "bad-rf", "afrf");
		} else if (strcasecmp(n, "fo") == 0) {
			if (!words_ok(v, fo_words))
				add(r, "bad-fo", FINDING_FAIL, "fo=%s: 0, 1, d "
				    "or s (colon-separated) expected", v);
			else if (strchr(v, '0') != NULL &&
			    strchr(v, '1') != NULL)
				add(r, "fo-redundant", FINDING_INFO, "fo=%s: 1 "
				    "already covers 0", v);
		} else if (strcasecmp(n, "rua") == 0) {
			rua = v;
			uris(r, t[i].value, 0, dom, od);
		} else if (strcasecmp(n, "ruf") == 0) {
			uris(r, t[i].value, 1, dom, od);
		} else
			add(r, "unknown-tag", FINDING_WARN, "unknown tag %s=", n);
	}
	if (p == NULL) {
		add(r, "no-p", FINDING_FAIL, "no p= tag (RFC 7489 6.3)");
		fatal = 1;
	}
	if (p == NULL || !is_policy(p)) {
		for (i = 0; i < r->n; i++)
			if (strcmp(r->f[i].code, "rua-bad-uri") == 0)
				break;
		if (rua != NULL && i == r->n) {
			add(r, "fallback-none-because-rua", FINDING_INFO, "with "
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
		add(r, "p-none", FINDING_WARN, "p=none: monitoring only, failing "
		    "mail is delivered");
	else if (strcmp(r->sp, "none") == 0)
		add(r, "sp-none", FINDING_WARN, "sp=none: subdomains are not "
		    "protected");
	if (rua == NULL)
		add(r, "no-rua", FINDING_WARN, "no rua=: no aggregate reports "
		    "come back");
	ni = pi;
	if (ni != 1)
		add(r, "p-not-second", FINDING_WARN, "p= should follow v= "
		    "(RFC 7489 6.4)");
out:
	free(buf);
}
