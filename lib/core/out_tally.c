/*
 * The tally of core/out: counts of the values of a tool's tally columns
 * over the records written, for the summary line at the end of a run
 * and for --summary's records.  See the tally in core/out.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/deliv.h"
#include "core/out.h"
#include "core/out_priv.h"
#include "core/util.h"

#define LINE_TOP	5	/* values (and groups) a line names */

struct count {
	char		*group;		/* NULL without a GROUP */
	char		*value;		/* NULL: "(other)" */
	size_t		 n;
	size_t		 seen;		/* first seen: the order of ties */
	size_t		 gseen;		/* its group's first seen */
};

struct item {
	char		 label[64];
	int		 col, group, fcol;	/* -1: none */
	char		*fval;
	struct count	*v;
	size_t		 nv, cap, ngroups;
	struct strpool	 str;		/* fval, the groups and values */
};

struct tally {
	struct item	*it;
	size_t		 n;
	struct sbuf	 a, b;		/* scratch */
};

static const struct out_col tcols[] = {
	{ "tally", OUT_STR }, { "group", OUT_STR }, { "value", OUT_STR },
	{ "count", OUT_INT }
};

const struct out_col *
tally_cols(size_t *n)
{
	*n = nitems(tcols);
	return tcols;
}

/* Column p[0..len) of cols, or -1; an empty name is -2. */
static int
col_of(const struct out_col *cols, size_t ncols, const char *p, size_t len)
{
	return len == 0 ? -2 : out_col_index(cols, ncols, p, len);
}

/* Parse [LABEL:][COL[/GROUP]][@FCOL=VALUE] at p[0..len) into it; 0, or
 * -1 when a name is not a column of cols. */
static int
parse_item(struct item *it, const char *p, size_t len,
    const struct out_col *cols, size_t ncols)
{
	const char *end = p + len, *c, *at, *eq, *sl;

	memset(it, 0, sizeof(*it));
	it->col = it->group = it->fcol = -1;
	if ((c = memchr(p, ':', len)) != NULL) {
		snprintf(it->label, sizeof(it->label), "%.*s", (int)(c - p), p);
		p = c + 1;
	}
	if ((at = memchr(p, '@', (size_t)(end - p))) != NULL) {
		if ((eq = memchr(at, '=', (size_t)(end - at))) == NULL ||
		    (it->fcol = col_of(cols, ncols, at + 1,
		    (size_t)(eq - at - 1))) < 0 ||
		    (it->fval = strpool_ndup(&it->str, eq + 1,
		    (size_t)(end - eq - 1))) == NULL)
			return -1;
		end = at;
	}
	if ((sl = memchr(p, '/', (size_t)(end - p))) != NULL) {
		if ((it->group = col_of(cols, ncols, sl + 1,
		    (size_t)(end - sl - 1))) < 0)
			return -1;
		end = sl;
	}
	if ((it->col = col_of(cols, ncols, p, (size_t)(end - p))) == -1)
		return -1;
	if (it->col == -2)
		it->col = -1;
	else if (it->label[0] == '\0')
		snprintf(it->label, sizeof(it->label), "%s",
		    cols[it->col].name);
	if (it->label[0] == '\0')
		snprintf(it->label, sizeof(it->label), "records");
	return 0;
}

static void
item_free(struct item *it)
{
	free(it->v);
	strpool_free(&it->str);
}

struct tally *
tally_new(const char *spec, const struct out_col *cols, size_t ncols)
{
	struct tally *t;
	const char *p, *q;
	size_t n = 1;

	for (p = spec; *p != '\0'; p++)
		n += *p == ',';
	if ((t = calloc(1, sizeof(*t))) == NULL ||
	    (t->it = calloc(n, sizeof(*t->it))) == NULL) {
		free(t);
		return NULL;
	}
	for (p = spec; *p != '\0'; p = *q ? q + 1 : q) {
		q = p + strcspn(p, ",");
		if (q == p)
			continue;
		if (parse_item(&t->it[t->n], p, (size_t)(q - p), cols,
		    ncols) == 0)
			t->n++;
		else
			item_free(&t->it[t->n]);
	}
	if (t->n == 0) {
		tally_free(t);
		return NULL;
	}
	return t;
}

void
tally_free(struct tally *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->n; i++)
		item_free(&t->it[i]);
	free(t->it);
	sbuf_free(&t->a);
	sbuf_free(&t->b);
	free(t);
}

/* Column c of w's current record as text in b; 0, 1 when unknown, -1. */
static int
text(const struct out *w, int c, struct sbuf *b)
{
	const struct field *f = &w->f[c];

	sbuf_reset(b);
	if (!f->set)
		return 1;
	if (out_field_text(b, f, w->cols[c].type) == -1 ||
	    (b->s == NULL && sbuf_adds(b, "") == -1))
		return -1;
	return 0;
}

static bool
same(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Count value v (NULL: other) in group g (may be NULL) of it. */
static int
count(struct item *it, const char *g, const char *v)
{
	struct count *c;
	size_t i;

	for (i = 0; i < it->nv; i++)
		if (same(it->v[i].group, g) && same(it->v[i].value, v)) {
			it->v[i].n++;
			return 0;
		}
	if (it->nv >= OUT_TALLY_MAX && v != NULL)
		return count(it, g, NULL);
	if ((c = array_add(&it->v, it->nv, &it->cap, sizeof(*c), 16)) == NULL)
		return -1;
	if ((g != NULL && (c->group = strpool_dup(&it->str, g)) == NULL) ||
	    (v != NULL && (c->value = strpool_dup(&it->str, v)) == NULL))
		return -1;
	c->n = 1;
	c->seen = it->nv;
	for (i = 0; i < it->nv; i++)
		if (same(it->v[i].group, g))
			break;
	c->gseen = i < it->nv ? it->v[i].gseen : it->ngroups++;
	it->nv++;
	return 0;
}

int
tally_add(struct tally *t, const struct out *w)
{
	struct item *it;
	size_t i;
	int r;

	for (i = 0; i < t->n; i++) {
		it = &t->it[i];
		if (it->fcol >= 0 && ((r = text(w, it->fcol, &t->a)) == -1 ||
		    r == 1 || strcmp(t->a.s, it->fval) != 0)) {
			if (r == -1)
				return -1;
			continue;
		}
		if (it->col < 0) {
			if (count(it, NULL, "") == -1)
				return -1;
			continue;
		}
		if ((r = text(w, it->col, &t->a)) == -1)
			return -1;
		if (r == 1)
			continue;
		if (it->group >= 0 && (r = text(w, it->group, &t->b)) == -1)
			return -1;
		if (count(it, it->group >= 0 && r == 0 ? t->b.s : NULL,
		    t->a.s) == -1)
			return -1;
	}
	return 0;
}

/* Groups in the order first seen; in a group most first, ties in the
 * order first seen. */
static int
by_count(const void *a, const void *b)
{
	const struct count *x = a, *y = b;

	if (x->gseen != y->gseen)
		return x->gseen < y->gseen ? -1 : 1;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return x->seen < y->seen ? -1 : x->seen > y->seen;
}

static void
sort_item(struct item *it)
{
	qsort(it->v, it->nv, sizeof(*it->v), by_count);
}

/* Append text s escaped for a terminal. */
static int
add_text(struct sbuf *b, const char *s)
{
	return out_text_escape(b, s, strlen(s));
}

/* One item's part of the line. */
static int
item_line(struct item *it, struct sbuf *b)
{
	size_t i, j, shown, ng = 0, more;
	int r = 0;

	if (it->col < 0)
		return sbuf_printf(b, "; %s: %zu", it->label,
		    it->nv ? it->v[0].n : 0);
	r |= sbuf_printf(b, "; %s:", it->label);
	for (i = 0; i < it->nv; i++) {
		/* The first value of a group not shown yet starts it. */
		for (j = 0; j < i; j++)
			if (same(it->v[j].group, it->v[i].group))
				break;
		if (j < i)
			continue;
		if (++ng > LINE_TOP) {
			r |= sbuf_adds(b, " (more groups)");
			break;
		}
		if (it->v[i].group != NULL) {
			r |= sbuf_adds(b, ng > 1 ? ", " : " ");
			r |= add_text(b, it->v[i].group);
			r |= sbuf_adds(b, ":");
		}
		for (j = i, shown = more = 0; j < it->nv; j++) {
			if (!same(it->v[j].group, it->v[i].group))
				continue;
			if (shown == LINE_TOP) {
				more++;
				continue;
			}
			r |= sbuf_adds(b, shown++ ? ", " : " ");
			r |= add_text(b, it->v[j].value ? it->v[j].value :
			    "(other)");
			r |= sbuf_printf(b, " %zu", it->v[j].n);
		}
		if (more > 0)
			r |= sbuf_printf(b, " (+%zu more)", more);
	}
	return r;
}

int
tally_line(struct tally *t, size_t nrec, struct sbuf *b)
{
	size_t i;
	int r = 0;

	r |= sbuf_printf(b, "%zu record%s", nrec, nrec == 1 ? "" : "s");
	for (i = 0; t != NULL && i < t->n; i++) {
		sort_item(&t->it[i]);
		r |= item_line(&t->it[i], b);
	}
	return r;
}

int
tally_write(struct tally *t, size_t nrec, struct out *w)
{
	const struct item *it;
	size_t i, j;
	int r = 0;

	out_str(w, 0, "records");
	out_int(w, 3, (long long)nrec);
	r |= out_end(w);
	for (i = 0; t != NULL && i < t->n; i++) {
		it = &t->it[i];
		sort_item(&t->it[i]);
		if (it->col < 0) {
			out_str(w, 0, it->label);
			out_int(w, 3, it->nv ? (long long)it->v[0].n : 0);
			r |= out_end(w);
			continue;
		}
		for (j = 0; j < it->nv; j++) {
			out_str(w, 0, it->label);
			out_str(w, 1, it->v[j].group);
			out_str(w, 2, it->v[j].value ? it->v[j].value :
			    "(other)");
			out_int(w, 3, (long long)it->v[j].n);
			r |= out_end(w);
		}
	}
	return r;
}
