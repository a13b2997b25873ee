/*
 * The SPF record linter: walks a domain's record and its includes and
 * redirects, reporting what check_host() would stumble on and what is
 * merely risky.  See auth/spf.h (spf_lint).
 */
#include <stdarg.h>
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

/* Linter */

struct lint {
	struct dns	*dns;
	struct spf_lint	*l;
	const char	*stack[SPF_LINT_DEPTH];
	int		 depth;
	size_t		 node;		/* the record being read */
	bool		 nomem;
};

/* A node for domain reached by via; its index, or -1 (nomem). */
static long
node_add(struct lint *w, const char *domain, const char *via)
{
	struct spf_node *v;

	if ((v = reallocarray(w->l->nodes, w->l->nnodes + 1,
	    sizeof(*v))) == NULL) {
		w->nomem = true;
		return -1;
	}
	w->l->nodes = v;
	v += w->l->nnodes;
	memset(v, 0, sizeof(*v));
	v->depth = w->depth;
	v->result = SPF_PASS;
	snprintf(v->domain, sizeof(v->domain), "%s", domain);
	if (w->depth > 0)
		snprintf(v->via, sizeof(v->via), "%s", via);
	return (long)w->l->nnodes++;
}

static void
finding(struct lint *w, enum spf_level lv, const char *code,
    const char *domain, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void
finding(struct lint *w, enum spf_level lv, const char *code,
    const char *domain, const char *fmt, ...)
{
	struct spf_finding *f;
	va_list ap;

	f = reallocarray(w->l->f, w->l->n + 1, sizeof(*f));
	if (f == NULL) {
		w->nomem = true;
		return;
	}
	w->l->f = f;
	f += w->l->n++;
	memset(f, 0, sizeof(*f));
	f->level = lv;
	f->code = code;
	snprintf(f->domain, sizeof(f->domain), "%s", domain);
	va_start(ap, fmt);
	vsnprintf(f->detail, sizeof(f->detail), fmt, ap);
	va_end(ap);
}

static bool
has_macro(const struct term *t)
{
	return t->arg != NULL && memchr(t->arg, '%', t->arglen) != NULL;
}

static void lint_walk(struct lint *, const char *domain, const char *via);

/* One DNS lookup of the ten (RFC 7208 4.6.4), in the total and the
 * record's node. */
static void
count_lookup(struct lint *w)
{
	w->l->lookups++;
	w->l->nodes[w->node].lookups++;
}

static void
lint_void(struct lint *w, const char *name, ldns_rr_type type)
{
	ldns_rr_list *rrs;
	struct derr e;
	enum dns_result r;

	r = dns_query(w->dns, name, type, &rrs, &e);
	ldns_rr_list_deep_free(rrs);
	if (r == DNS_NXDOMAIN || r == DNS_NODATA) {
		w->l->voids++;
		w->l->nodes[w->node].voids++;
	}
}

static void
lint_record(struct lint *w, const char *domain, const char *record)
{
	struct rec rec;
	struct derr e;
	const struct term *t, *allterm = NULL;
	char name[300];
	bool all = false, has_all = false;
	size_t i;
	int top = w->depth == 1;

	if (strlen(record) > SPF_LONG_RECORD)
		finding(w, SPF_LINT_WARN, "long-record", domain,
		    "the record is %zu bytes, over %d: it may not fit a "
		    "UDP answer", strlen(record), SPF_LONG_RECORD);
	if (spf_rec_parse(record, &rec, &e) == -1) {
		finding(w, SPF_LINT_FAIL, "syntax", domain, "%s: %s", e.where,
		    e.what);
		w->l->status = SPF_PERMERROR;
		w->l->nodes[w->node].result = SPF_PERMERROR;
		return;
	}
	for (i = 0; i < rec.n; i++)
		if (rec.t[i].m == M_ALL)
			has_all = true;
	for (i = 0; i < rec.n; i++) {
		t = &rec.t[i];
		snprintf(name, sizeof(name), "%.*s", (int)t->arglen,
		    t->arg ? t->arg : "");
		if (t->arg == NULL || t->arglen == 0)
			snprintf(name, sizeof(name), "%s", domain);
		if (allterm != NULL && t->m != M_EXP && t->m != M_OTHER &&
		    t->m != M_REDIRECT)
			finding(w, SPF_LINT_WARN, "after-all", domain,
			    "%s comes after %s and is never evaluated",
			    t->text, allterm->text);
		switch (t->m) {
		case M_ALL:
			all = true;
			if (allterm == NULL)
				allterm = t;
			if (t->qual == '+')
				finding(w, SPF_LINT_FAIL, "all-pass", domain,
				    "%s lets any host on the Internet send as "
				    "this domain", t->text);
			else if (t->qual == '?' && top)
				finding(w, SPF_LINT_WARN, "all-neutral",
				    domain, "%s: hosts not listed get "
				    "neutral, which protects nothing",
				    t->text);
			break;
		case M_PTR:
			count_lookup(w);
			finding(w, SPF_LINT_WARN, "ptr", domain, "%s: the ptr "
			    "mechanism is slow and unreliable; RFC 7208 "
			    "§5.5 says not to use it", t->text);
			break;
		case M_A:
		case M_EXISTS:
		case M_MX:
			count_lookup(w);
			if (!has_macro(t))
				lint_void(w, name, t->m == M_MX ?
				    LDNS_RR_TYPE_MX : LDNS_RR_TYPE_A);
			break;
		case M_REDIRECT:
			all = true;		/* decides the default */
			if (has_all)
				break;		/* never used: see below */
			/* FALLTHROUGH */
		case M_INCLUDE:
			count_lookup(w);
			if (!has_macro(t))
				lint_walk(w, name, t->text);
			break;
		default:
			break;
		}
	}
	if (!all && top)
		finding(w, SPF_LINT_INFO, "no-all", domain, "no all mechanism "
		    "and no redirect: unlisted hosts get neutral");
	if (allterm != NULL && rec.redirect != NULL)
		finding(w, SPF_LINT_WARN, "redirect-ignored", domain,
		    "%s is never used: %s always matches first",
		    rec.redirect->text, allterm->text);
	spf_rec_free(&rec);
}

static void
lint_walk(struct lint *w, const char *domain, const char *via)
{
	struct derr e;
	enum spf_result r;
	char *record;
	unsigned before = w->l->lookups;
	size_t up = w->node;
	long k;
	int i;

	for (i = 0; i < w->depth; i++)
		if (strcasecmp(w->stack[i], domain) == 0) {
			if ((k = node_add(w, domain, via)) != -1)
				w->l->nodes[k].result = SPF_PERMERROR;
			finding(w, SPF_LINT_FAIL, "loop", domain, "%s comes "
			    "back to %s: an include/redirect loop", via,
			    domain);
			w->l->status = SPF_PERMERROR;
			return;
		}
	if (w->depth == SPF_LINT_DEPTH || w->l->lookups > 5 * SPF_MAX_LOOKUPS)
		return;
	if ((k = node_add(w, domain, via)) == -1)
		return;
	r = spf_record(w->dns, domain, &record, &e);
	w->l->nodes[k].result = r;
	if (r != SPF_PASS) {
		if (w->depth == 0) {
			if (r == SPF_NONE)
				finding(w, SPF_LINT_INFO, "none", domain,
				    "%s", e.what);
			else if (r == SPF_PERMERROR)
				finding(w, SPF_LINT_FAIL, "multiple", domain,
				    "%s: a receiver gets permerror", e.what);
			else
				finding(w, SPF_LINT_WARN, "temperror",
				    domain, "%s", e.what);
			w->l->status = r;
		} else if (r == SPF_TEMPERROR) {
			finding(w, SPF_LINT_WARN, "temperror", domain,
			    "%s: %s", via, e.what);
		} else {
			finding(w, SPF_LINT_FAIL, "include-none", domain,
			    "%s: %s: a receiver gets permerror", via,
			    r == SPF_NONE ? "no SPF record" :
			    "several SPF records");
			w->l->status = SPF_PERMERROR;
		}
		return;
	}
	if (w->depth == 0)
		w->l->record = strdup(record);
	if ((w->l->nodes[k].record = strdup(record)) == NULL)
		w->nomem = true;
	w->stack[w->depth++] = domain;
	w->node = (size_t)k;
	lint_record(w, domain, record);
	w->node = up;
	w->depth--;
	w->l->nodes[k].total = w->l->lookups - before;
	free(record);
}

int
spf_lint(struct dns *d, const char *domain, struct spf_lint *l)
{
	struct lint w;

	memset(l, 0, sizeof(*l));
	memset(&w, 0, sizeof(w));
	w.dns = d;
	w.l = l;
	l->status = SPF_PASS;
	lint_walk(&w, domain, domain);
	if (l->lookups > SPF_MAX_LOOKUPS) {
		finding(&w, SPF_LINT_FAIL, "lookups", domain, "%u DNS-querying "
		    "terms in the record and its includes, over the limit of "
		    "10: receivers that reach the 11th give permerror",
		    l->lookups);
	}
	if (l->voids > SPF_MAX_VOIDS)
		finding(&w, SPF_LINT_WARN, "void-lookups", domain, "%u terms "
		    "name domains with no records, over the limit of 2",
		    l->voids);
	if (w.nomem) {
		spf_lint_free(l);
		return -1;
	}
	return 0;
}

void
spf_lint_free(struct spf_lint *l)
{
	size_t i;

	free(l->record);
	free(l->f);
	for (i = 0; i < l->nnodes; i++)
		free(l->nodes[i].record);
	free(l->nodes);
	memset(l, 0, sizeof(*l));
}
