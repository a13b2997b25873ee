/*
 * dnscheck's BIMI check (see dnscheck/bimi.h): the tag list of a
 * v=BIMI1 record, the l= and a= URIs, and the DMARC policy in force for
 * the domain (lib/auth/dmarc's parser).
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
#include "dnscheck/bimi.h"
#include "net/dns.h"
#include "net/orgdom.h"

static void __attribute__((format(printf, 3, 4)))
add(struct bimi_record *b, enum finding_status level, const char *fmt, ...)
{
	va_list ap;

	if (level == FINDING_FAIL)
		b->valid = 0;
	if (b->n == BIMI_MAX_FINDINGS)
		return;
	b->f[b->n].level = level;
	va_start(ap, fmt);
	vsnprintf(b->f[b->n].detail, sizeof(b->f[b->n].detail), fmt, ap);
	va_end(ap);
	b->n++;
}

/* An https: URI with a host; 0 when it is one, else -1. */
static int
https_uri(const char *u)
{
	return strncasecmp(u, "https://", 8) == 0 && u[8] != '\0' &&
	    u[8] != '/' ? 0 : -1;
}

/* Does the URI's path (before ? or #) end with ext? */
static int
path_ends(const char *u, const char *ext)
{
	size_t n = strcspn(u, "?#"), e = strlen(ext);

	return n >= e && strncasecmp(u + n - e, ext, e) == 0;
}

static void
check_uri(struct bimi_record *b, char tag, const char *u)
{
	const char *ext = tag == 'l' ? ".svg" : ".pem";

	if (strlen(u) >= sizeof(b->l))
		add(b, FINDING_FAIL, "%c= longer than %zu bytes", tag,
		    sizeof(b->l) - 1);
	else if (https_uri(u) == -1)
		add(b, FINDING_FAIL, "%c= is not an https: URI: receivers "
		    "fetch %s over HTTPS only", tag, tag == 'l' ? "the logo" :
		    "the evidence");
	else if (!path_ends(u, ext))
		add(b, FINDING_WARN, "%c= does not name a %s file: %s",
		    tag, ext, tag == 'l' ? "the logo must be SVG Tiny PS" :
		    "the evidence is a PEM certificate (VMC or CMC)");
}

void
bimi_parse(const char *txt, struct bimi_record *b)
{
	char *buf, *t, *save = NULL, *eq, *name, *val;
	int first = 1, seen_l = 0, seen_a = 0, *seen;

	memset(b, 0, sizeof(*b));
	b->valid = 1;
	if ((buf = strdup(txt)) == NULL) {
		add(b, FINDING_FAIL, "out of memory");
		return;
	}
	for (t = strtok_r(buf, ";", &save); t != NULL;
	    t = strtok_r(NULL, ";", &save)) {
		t = str_trim(t);
		if (*t == '\0')
			continue;
		if ((eq = strchr(t, '=')) == NULL) {
			add(b, FINDING_FAIL, "\"%.40s\" is not a tag=value "
			    "pair", t);
			continue;
		}
		*eq = '\0';
		name = str_trim(t);
		val = str_trim(eq + 1);
		if (first) {
			first = 0;
			if (strcmp(name, "v") != 0 || strcmp(val, "BIMI1") != 0)
				add(b, FINDING_FAIL, "the record does not start "
				    "with v=BIMI1");
			continue;
		}
		if (strcmp(name, "l") == 0 || strcmp(name, "a") == 0) {
			seen = *name == 'l' ? &seen_l : &seen_a;
			if ((*seen)++) {
				add(b, FINDING_FAIL, "%s= given twice", name);
				continue;
			}
			snprintf(*name == 'l' ? b->l : b->a, sizeof(b->l),
			    "%s", val);
			if (*val != '\0')
				check_uri(b, *name, val);
		} else if (strcmp(name, "v") == 0)
			add(b, FINDING_FAIL, "v= given twice");
		else if (name[0] == '\0' || strspn(name,
		    "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(name))
			add(b, FINDING_FAIL, "\"%.40s\" is not a tag name",
			    name);
	}
	free(buf);
	if (first)
		add(b, FINDING_FAIL, "an empty record");
	else if (!seen_l)
		add(b, FINDING_FAIL, "no l= tag (the logo's location)");
	else if (b->l[0] == '\0' && b->a[0] == '\0')
		b->declined = b->valid;
	else if (b->l[0] == '\0')
		add(b, FINDING_FAIL, "l= is empty but a= is not");
	else if (b->a[0] == '\0')
		add(b, FINDING_INFO, "no a= (evidence document): Gmail and "
		    "Apple Mail show no logo without a VMC or CMC");
}

/*
 * The v=BIMI1 record at selector._bimi.name into *rec (owned).  1 one,
 * 0 none, -1 DNS or several (recorded).
 */
static int
find_record(struct dns *d, const char *name, char **rec,
    struct finding_list *l)
{
	char q[300];
	struct derr e;
	size_t found;

	snprintf(q, sizeof(q), "default._bimi.%s", name);
	if (dns_txt_version(d, q, "v=BIMI1", rec, &found, &e) ==
	    DNS_TEMPERROR) {
		finding_add(l, "bimi", q, FINDING_TEMPERROR, NULL, "%s TXT: %s",
		    q, e.what);
		return -1;
	}
	if (found > 1) {
		finding_add(l, "bimi", q, FINDING_FAIL, *rec, "%zu v=BIMI1 "
		    "records: receivers ignore them all", found);
		free(*rec);
		*rec = NULL;
		return -1;
	}
	return *rec != NULL;
}

/* The DMARC record of name into r: 1 found, 0 none, -1 DNS. */
static int
dmarc_of(struct dns *d, const char *name, struct dmarc_record *r)
{
	char q[300], **txt;
	struct derr e;
	size_t n, i;
	int found = 0;

	snprintf(q, sizeof(q), "_dmarc.%s", name);
	switch (dns_txt(d, q, &txt, &n, &e)) {
	case DNS_TEMPERROR:
		return -1;
	case DNS_ANSWER:
		break;
	default:
		return 0;
	}
	for (i = 0; i < n && !found; i++)
		if (strncmp(txt[i], "v=DMARC1", 8) == 0) {
			dmarc_parse(txt[i], name, NULL, r);
			found = 1;
		}
	dns_txt_free(txt);
	return found;
}

/* Receivers show a logo only under an enforced DMARC policy. */
static void
check_dmarc(struct dns *d, const char *dom, const char *org,
    struct finding_list *l)
{
	struct dmarc_record r;
	const char *p, *where = dom;
	int k;

	memset(&r, 0, sizeof(r));
	if ((k = dmarc_of(d, dom, &r)) == 0 && strcmp(dom, org) != 0) {
		where = org;
		memset(&r, 0, sizeof(r));
		k = dmarc_of(d, org, &r);
	}
	if (k == -1) {
		finding_add(l, "bimi", dom, FINDING_TEMPERROR, NULL, "the DMARC "
		    "record could not be read");
		return;
	}
	p = where == dom ? r.p : r.sp;
	if (k == 0 || !r.valid)
		finding_add(l, "bimi", dom, FINDING_FAIL, NULL, "no valid DMARC "
		    "record: receivers show no BIMI logo without "
		    "p=quarantine or p=reject");
	else if (strcasecmp(p, "quarantine") != 0 && strcasecmp(p, "reject")
	    != 0)
		finding_add(l, "bimi", dom, FINDING_FAIL, p, "DMARC policy %s "
		    "for %s: receivers show a BIMI logo only under "
		    "quarantine or reject", *p ? p : "none", dom);
	else if (r.pct != 100)
		finding_add(l, "bimi", dom, FINDING_FAIL, p, "DMARC pct=%d: "
		    "receivers show a BIMI logo only with pct=100", r.pct);
	else
		finding_add(l, "bimi", dom, FINDING_PASS, p, "DMARC p=%s with "
		    "pct=100, as BIMI requires", p);
}

void
bimi_audit(struct dns *d, const struct orgdom *psl, const char *dom,
    struct finding_list *l)
{
	struct bimi_record b;
	char org[256], q[300], *rec;
	const char *at = dom;
	size_t i;
	int r;

	if (orgdom_get(psl, dom, org, sizeof(org)) == NULL)
		snprintf(org, sizeof(org), "%s", dom);
	if ((r = find_record(d, dom, &rec, l)) == 0 &&
	    strcmp(dom, org) != 0) {
		at = org;
		r = find_record(d, org, &rec, l);
	}
	if (r == -1)
		return;
	snprintf(q, sizeof(q), "default._bimi.%s", r == 0 ? dom : at);
	if (r == 0) {
		finding_add(l, "bimi", q, FINDING_INFO, NULL, "no BIMI record: "
		    "receivers show no brand logo for %s", dom);
		return;
	}
	bimi_parse(rec, &b);
	for (i = 0; i < b.n; i++)
		finding_add(l, "bimi", q, b.f[i].level, rec, "%s",
		    b.f[i].detail);
	if (b.declined)
		finding_add(l, "bimi", q, FINDING_INFO, rec, "the domain "
		    "declines BIMI (l= and a= empty)");
	else if (b.valid) {
		finding_add(l, "bimi", q, FINDING_PASS, rec, "BIMI record; logo "
		    "%s", b.l);
		check_dmarc(d, dom, org, l);
	}
	free(rec);
}
