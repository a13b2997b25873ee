/*
 * lint's public face and driver: lint_new() and lint_free() (loading
 * each piece of data through the module that owns it), lint_message()
 * running the checks in order, and the results and their findings.
 * See lint/lint.h; the checks live in lines.c, headers.c, mime.c,
 * content.c, links.c and bulk.c.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/deliv.h"
#include "lint/lint.h"
#include "lint/lint_priv.h"
#include "net/orgdom.h"


const char *
lint_sev_name(enum lint_sev s)
{
	switch (s) {
	case LINT_ERROR:
		return "error";
	case LINT_WARN:
		return "warn";
	default:
		return "info";
	}
}

int
lint_sev_parse(const char *s)
{
	if (strcmp(s, "info") == 0)
		return LINT_INFO;
	if (strcmp(s, "warn") == 0 || strcmp(s, "warning") == 0)
		return LINT_WARN;
	if (strcmp(s, "error") == 0)
		return LINT_ERROR;
	return -1;
}

void
lint_result_free(struct lint_result *r)
{
	free(r->f);
	strpool_free(&r->str);
	memset(r, 0, sizeof(*r));
}

static void
result_reset(struct lint_result *r)
{
	strpool_free(&r->str);
	r->n = 0;
	r->score = 0;
	r->error = false;
}

/* Add a finding with explicit severity and points. */
void
lint_add(struct ctx *c, int id, enum lint_sev sev, double pts, const char *where,
    const char *fmt, ...)
{
	struct lint_result *r = c->r;
	struct lint_finding *f;
	va_list ap;
	int bad = 0;

	if ((f = array_add(&r->f, r->n, &r->cap, sizeof(*f), 16)) == NULL) {
		c->oom = 1;
		return;
	}
	f->check = &c->l->cat[id];
	f->sev = sev;
	f->points = pts;
	f->where = strpool_dup_null(&r->str, where, &bad);
	va_start(ap, fmt);
	f->detail = strpool_vprintf(&r->str, fmt, ap);
	va_end(ap);
	if (f->detail == NULL || bad) {
		c->oom = 1;
		return;
	}
	r->n++;
	r->score += pts;
	if (sev == LINT_ERROR)
		r->error = true;
}

struct lint *
lint_new(const struct lint_conf *conf, struct derr *e)
{
	struct lint *l;
	const struct lint_check *cat;
	char path[4096];
	size_t ncat;

	if ((l = zalloc(sizeof(*l), "lint", e)) == NULL)
		return NULL;
	cat = lint_checks(&ncat);
	memcpy(l->cat, cat, sizeof(l->cat));
	if (lint_weights_load(conf->weights, l->cat, ncat, e) == -1 ||
	    path_join(path, sizeof(path), conf->phrases, "spam.txt", e) == -1 ||
	    lint_spam_load(l, path, e) == -1 ||
	    path_join(path, sizeof(path), conf->phrases, "shorteners.txt",
	    e) == -1 ||
	    lint_shorteners_load(l, path, e) == -1 ||
	    (l->psl = orgdom_load(conf->psl, e)) == NULL ||
	    lint_patterns_new(l, e) == -1) {
		lint_free(l);
		return NULL;
	}
	return l;
}

void
lint_free(struct lint *l)
{
	if (l == NULL)
		return;
	lint_spam_free(l);
	lint_shorteners_free(l);
	orgdom_free(l->psl);
	lint_patterns_free(l);
	free(l);
}

/* The checks of a parsed message, in order; each stops at out of memory. */
static void (*const checks[])(struct ctx *) = {
	lint_check_headers, lint_check_parts, lint_check_raw_body,
	lint_check_structure, lint_check_content, lint_check_links,
	lint_check_bulk
};

int
lint_message(struct lint *l, GMimeMessage *msg, const char *why,
    const char *raw, size_t rawlen, bool bulk, struct lint_result *r,
    struct derr *e)
{
	struct ctx c;
	size_t k;

	memset(&c, 0, sizeof(c));
	c.l = l;
	c.r = r;
	c.msg = msg;
	c.e = e;
	c.bulk = bulk;
	result_reset(r);
	if (raw != NULL)
		lint_check_raw_lines(&c, raw, rawlen);
	if (msg == NULL) {
		lint_check_raw_body(&c);
		addc(&c, C_UNPARSEABLE, "message", "%s",
		    why ? why : "cannot be parsed");
		goto out;
	}
	for (k = 0; k < nitems(checks) && !c.oom; k++)
		checks[k](&c);
out:
	lint_unpad(l);
	for (k = 0; k < c.nparts; k++) {
		free(c.parts[k].text);
		html_doc_free(&c.parts[k].doc);
	}
	free(c.parts);
	free(c.from_domain);
	if (c.oom == 1)
		derr_set(e, "lint", "out of memory");
	/* Round the score so sums print the same everywhere. */
	r->score = round(r->score * 1000) / 1000;
	return c.oom ? -1 : 0;
}
