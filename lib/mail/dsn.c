/*
 * RFC 3464 delivery-status field groups.  See mail/dsn.h.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/util.h"
#include "mail/dsn.h"

/*
 * Room for element n of an array of n: its size doubles when n is 0, 4,
 * 8, 16, ... (it holds 4, then the next power of two), not at each one.
 */
static bool
full(size_t n)
{
	return n == 0 || (n >= 4 && (n & (n - 1)) == 0);
}

static size_t
room(size_t n)
{
	return n == 0 ? 4 : 2 * n;
}

static int
new_group(struct dsn *d)
{
	struct dsn_group *g;

	if (full(d->n)) {
		if ((g = reallocarray(d->g, room(d->n), sizeof(*g))) == NULL)
			return -1;
		d->g = g;
	}
	memset(&d->g[d->n], 0, sizeof(*g));
	d->n++;
	return 0;
}

static int
add_field(struct dsn_group *g, const char *name, size_t nlen,
    const char *val, size_t vlen)
{
	struct dsn_field *f;
	char *v;

	if (full(g->n)) {
		if ((f = reallocarray(g->f, room(g->n), sizeof(*f))) == NULL)
			return -1;
		g->f = f;
	}
	f = &g->f[g->n];
	if ((f->name = strndup(name, nlen)) == NULL)
		return -1;
	if ((v = strndup(val, vlen)) == NULL) {
		free(f->name);
		return -1;
	}
	f->value = v;
	g->n++;
	return 0;
}

/* Append a continuation line to the last field of g. */
static int
continue_field(struct dsn_group *g, const char *s, size_t len)
{
	struct dsn_field *f = &g->f[g->n - 1];
	size_t old = strlen(f->value);
	char *v;

	while (len > 0 && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	if ((v = realloc(f->value, old + len + 2)) == NULL)
		return -1;
	if (old > 0)
		v[old++] = ' ';
	memcpy(v + old, s, len);
	v[old + len] = '\0';
	f->value = v;
	return 0;
}

static bool
is_name_char(unsigned char c)
{
	return isalnum(c) || c == '-' || c == '_';
}

/*
 * A recipient field that the current group already has starts the next
 * recipient's group (some MTAs leave out the blank line).
 */
static bool
repeats(const struct dsn *d, const char *name, size_t len)
{
	static const char *const per_rcpt[] = { "Final-Recipient",
	    "Original-Recipient", "Action", "Status" };
	const struct dsn_group *g;
	size_t i, j;

	if (d->n == 0)
		return false;
	g = &d->g[d->n - 1];
	for (i = 0; i < nitems(per_rcpt); i++) {
		if (strlen(per_rcpt[i]) != len ||
		    strncasecmp(per_rcpt[i], name, len) != 0)
			continue;
		for (j = 0; j < g->n; j++)
			if (strcasecmp(g->f[j].name, per_rcpt[i]) == 0)
				return true;
	}
	return false;
}

/* The first CR or LF in p[0..end), or end. */
static const char *
line_end(const char *p, const char *end)
{
	const char *nl, *cr;

	if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
		nl = end;
	if ((cr = memchr(p, '\r', (size_t)(nl - p))) != NULL)
		return cr;
	return nl;
}

int
dsn_parse(const char *s, size_t len, struct dsn *d, struct derr *e)
{
	const char *p = s, *end = s + len, *eol, *colon, *v;
	size_t llen, vlen;
	bool blank_before = true, in_field = false;
	int r = 0;

	while (p < end && r == 0) {
		eol = line_end(p, end);
		llen = (size_t)(eol - p);
		for (v = p; v < eol && (*v == ' ' || *v == '\t'); v++)
			;
		if (v == eol) {
			blank_before = true;
			in_field = false;
		} else if ((*p == ' ' || *p == '\t') && in_field) {
			r = continue_field(&d->g[d->n - 1], p, llen);
		} else {
			for (colon = p; colon < eol &&
			    is_name_char((unsigned char)*colon); colon++)
				;
			in_field = false;
			if (colon < eol && *colon == ':' && colon > p) {
				if (((blank_before || d->n == 0) &&
				    (d->n == 0 || d->g[d->n - 1].n > 0)) ||
				    repeats(d, p, (size_t)(colon - p)))
					r = new_group(d);
				blank_before = false;
				if (r == 0) {
					v = colon + 1;
					while (v < eol && (*v == ' ' ||
					    *v == '\t'))
						v++;
					vlen = (size_t)(eol - v);
					while (vlen > 0 && isspace(
					    (unsigned char)v[vlen - 1]))
						vlen--;
					r = add_field(&d->g[d->n - 1], p,
					    (size_t)(colon - p), v, vlen);
					in_field = r == 0;
				}
			}
		}
		p = eol;
		if (p < end && *p == '\r')
			p++;
		if (p < end && *p == '\n')
			p++;
	}
	if (r != 0) {
		derr_set(e, "delivery-status", "out of memory");
		return -1;
	}
	return 0;
}

const char *
dsn_get(const struct dsn_group *g, const char *name)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		if (str_caseeq(g->f[i].name, name))
			return g->f[i].value;
	return NULL;
}

const char *
dsn_untype(const char *v)
{
	const char *semi;
	size_t i;

	if ((semi = strchr(v, ';')) == NULL)
		return v;
	for (i = 0; v + i < semi; i++)
		if (!is_name_char((unsigned char)v[i]) && v[i] != ' ')
			return v;
	semi++;
	while (*semi == ' ' || *semi == '\t')
		semi++;
	return semi;
}

size_t
dsn_nrcpt(const struct dsn *d)
{
	size_t i, n = 0;

	for (i = 0; i < d->n; i++)
		if (dsn_get(&d->g[i], "Final-Recipient") != NULL ||
		    dsn_get(&d->g[i], "Original-Recipient") != NULL)
			n++;
	return n;
}

void
dsn_free(struct dsn *d)
{
	size_t i, j;

	for (i = 0; i < d->n; i++) {
		for (j = 0; j < d->g[i].n; j++) {
			free(d->g[i].f[j].name);
			free(d->g[i].f[j].value);
		}
		free(d->g[i].f);
	}
	free(d->g);
	d->g = NULL;
	d->n = 0;
}
