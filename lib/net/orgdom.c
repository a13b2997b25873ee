/*
 * Public Suffix List look-up.  See net/orgdom.h.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/deliv.h"
#include "core/tsv.h"
#include "core/util.h"
#include "net/orgdom.h"

/* A sorted list of rules: "com", "co.uk", "*.ck", "!www.ck". */
struct rules {
	char	**v;
	size_t	  n;
	size_t	  cap;
};

struct orgdom {
	struct rules	icann;		/* the ICANN section (and rules outside both) */
	struct rules	priv;		/* the PRIVATE section: blogspot.com, ... */
};

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Append a copy of s; 0, or -1 when out of memory. */
static int
rules_add(struct rules *r, const char *s)
{
	char **v;

	if ((v = array_room(r->v, r->n, &r->cap, sizeof(*v), 1024)) == NULL)
		return -1;
	r->v = v;
	if ((r->v[r->n] = strdup(s)) == NULL)
		return -1;
	r->n++;
	return 0;
}

struct orgdom *
orgdom_load(const char *path, struct derr *e)
{
	static const struct tsv_opts opts = { .flags = TSV_NOSPLIT |
	    TSV_TRIM, .max_rows = TSV_UNLIMITED };
	struct orgdom *o;
	struct rules *to;
	struct tsv *in;
	struct tsv_row r;
	char *s;
	int rc;

	if ((o = calloc(1, sizeof(*o))) == NULL) {
		derr_set(e, "orgdom", "%s", strerror(errno));
		return NULL;
	}
	if (path == NULL)
		return o;
	if ((in = tsv_open(path, NULL, &opts, e)) == NULL) {
		free(o);
		return NULL;
	}
	to = &o->icann;
	while ((rc = tsv_next(in, &r, e)) == 1) {
		s = r.f[0];
		if (s[0] == '/' && s[1] == '/') {
			if (strstr(s, "===BEGIN PRIVATE DOMAINS===") != NULL)
				to = &o->priv;
			else if (strstr(s, "===END PRIVATE DOMAINS===") != NULL)
				to = &o->icann;
			continue;
		}
		s[strcspn(s, " \t")] = '\0';
		if (rules_add(to, str_lower(s)) == -1) {
			derr_set(e, path, "%s", strerror(ENOMEM));
			rc = -1;
			break;
		}
	}
	tsv_close(in);
	if (rc == -1) {
		orgdom_free(o);
		return NULL;
	}
	if (o->icann.n > 0)	/* qsort() of NULL is undefined */
		qsort(o->icann.v, o->icann.n, sizeof(*o->icann.v), cmp);
	if (o->priv.n > 0)
		qsort(o->priv.v, o->priv.n, sizeof(*o->priv.v), cmp);
	return o;
}

static int
has1(const struct rules *r, const char *k)
{
	return r->n > 0 && bsearch(&k, r->v, r->n, sizeof(*r->v), cmp) != NULL;
}

static int
has(const struct orgdom *o, bool icann, const char *prefix, const char *s)
{
	char buf[300];

	if ((size_t)snprintf(buf, sizeof(buf), "%s%s", prefix, s) >=
	    sizeof(buf))
		return 0;
	return has1(&o->icann, buf) || (!icann && has1(&o->priv, buf));
}

static char *
get(const struct orgdom *o, bool icann, const char *name, char *buf,
    size_t len)
{
	char d[256], *s, *parent, *ps = NULL, *org;
	size_t l;

	if ((l = strlen(name)) >= sizeof(d))
		return NULL;
	memcpy(d, name, l + 1);
	while (l > 0 && d[l - 1] == '.')
		d[--l] = '\0';
	str_lower(d);
	if (o == NULL) {
		if ((size_t)snprintf(buf, len, "%s", orgdom_guess(d)) >= len)
			return NULL;
		return buf;
	}
	for (s = d; s != NULL; s = parent) {
		parent = strchr(s, '.');
		if (parent != NULL)
			parent++;
		if (has(o, icann, "!", s)) {
			ps = parent;
			break;
		}
		if (has(o, icann, "", s) ||
		    (parent != NULL && has(o, icann, "*.", parent))) {
			ps = s;
			break;
		}
	}
	if (ps == NULL)			/* the default rule "*" */
		ps = strrchr(d, '.') ? strrchr(d, '.') + 1 : d;
	/* The label before the public suffix. */
	org = ps;
	if (ps > d) {
		org = ps - 1;		/* the dot */
		while (org > d && org[-1] != '.')
			org--;
	}
	if ((size_t)snprintf(buf, len, "%s", org) >= len)
		return NULL;
	return buf;
}

char *
orgdom_get(const struct orgdom *o, const char *name, char *buf, size_t len)
{
	return get(o, false, name, buf, len);
}

char *
orgdom_get_icann(const struct orgdom *o, const char *name, char *buf,
    size_t len)
{
	return get(o, true, name, buf, len);
}

static void
rules_free(struct rules *r)
{
	strv_free(r->v, r->n);
}

void
orgdom_free(struct orgdom *o)
{
	if (o == NULL)
		return;
	rules_free(&o->icann);
	rules_free(&o->priv);
	free(o);
}

const char *
orgdom_guess(const char *h)
{
	const char *p = h + strlen(h), *dots[3] = { NULL, NULL, NULL };
	int k = 0;

	while (p > h && k < 3) {
		p--;
		if (*p == '.')
			dots[k++] = p;
	}
	if (k < 2)
		return h;
	/* "example.co.uk": keep three labels. */
	if (dots[0] - dots[1] - 1 <= 3 && strlen(dots[0] + 1) == 2)
		return k == 3 ? dots[2] + 1 : h;
	return dots[1] + 1;
}
