/*
 * The reasons table, data/reasons.tsv: each reason's kind and the RFC
 * 3463 codes whose reason it is, loaded and checked line by line at
 * start, and the check of the phrase lists' tags against it.  See
 * bounce/table.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "bounce/table.h"
#include "core/tsv.h"
#include "core/util.h"

static const char *const kind_names[] = { "hard", "soft", "undetermined",
    "bycode", "choice" };

struct reason {
	char			*name;
	enum reason_kind	 kind;
};

/* An RFC 3463 code "X.1.1" of a reason (matches 4.1.1 and 5.1.1). */
struct reason_code {
	char		 code[12];
	size_t		 reason;	/* index in reasons.r */
};

struct reasons {
	struct reason		*r;
	size_t			 n;
	struct reason_code	*c;
	size_t			 nc;
	struct strpool		 str;	/* the names */
};

void
reasons_free(struct reasons *t)
{
	if (t == NULL)
		return;
	strpool_free(&t->str);
	free(t->r);
	free(t->c);
	free(t);
}

static ssize_t
reason_find(const struct reasons *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->r[i].name, name) == 0)
			return (ssize_t)i;
	return -1;
}

enum reason_kind
reasons_kind(const struct reasons *t, const char *name)
{
	ssize_t i = reason_find(t, name);

	return i < 0 ? REASON_UNKNOWN : t->r[i].kind;
}

/* "X.1.1", "X.7.30": the form of a status code column entry. */
static bool
code_ok(const char *c)
{
	const char *p = c;
	int part, n;

	if (strlen(c) >= sizeof(((struct reason_code *)0)->code) ||
	    (p[0] != 'X' && p[0] != '4' && p[0] != '5') || p[1] != '.')
		return false;
	for (p += 2, part = 0; part < 2; part++) {
		for (n = 0; isdigit((unsigned char)*p); p++)
			n++;
		if (n < 1 || n > 3 || (part == 0 && *p++ != '.'))
			return false;
	}
	return *p == '\0';
}

static int
add_codes(struct reasons *t, char *codes, const char *where,
    struct derr *e)
{
	struct reason_code *v;
	char *c, *save = NULL;
	size_t i;

	if (strcmp(codes, "-") == 0)
		return 0;
	for (c = strtok_r(codes, ",", &save); c != NULL;
	    c = strtok_r(NULL, ",", &save)) {
		if (!code_ok(c)) {
			derr_set(e, where,
			    "bad status code \"%s\" (want X.n.n, 4.n.n or "
			    "5.n.n)", c);
			return -1;
		}
		for (i = 0; i < t->nc; i++)
			if (strcmp(t->c[i].code, c) == 0) {
				derr_set(e, where, "status code %s given twice",
				    c);
				return -1;
			}
		if ((v = reallocarray(t->c, t->nc + 1, sizeof(*v))) == NULL) {
			derr_set(e, where, "out of memory");
			return -1;
		}
		t->c = v;
		snprintf(v[t->nc].code, sizeof(v[t->nc].code), "%s", c);
		v[t->nc++].reason = t->n;
	}
	return 0;
}

/*
 * One line "reason<TAB>kind<TAB>codes<TAB>meaning" of the table into
 * arg, a struct reasons: the row's fields, the last holding the rest of
 * the line.
 */
static int
add_line(void *arg, struct tsv_row *r, struct derr *e)
{
	struct reasons *t = arg;
	char **f = r->f;
	const char *where = r->where, *c;
	size_t n = r->n;
	int k;
	struct reason *v;

	if (n < 4) {
		derr_set(e, where, "%zu fields, want 4 (reason, kind, status "
		    "codes, meaning) separated by tabs", n);
		return -1;
	}
	if (strchr(f[3], '\t') != NULL || *f[3] == '\0') {
		derr_set(e, where, "want 4 fields: reason, kind, status codes, "
		    "meaning");
		return -1;
	}
	for (c = f[0]; *c != '\0'; c++)
		if (!(islower((unsigned char)*c) || *c == '|'))
			break;
	if (*f[0] == '\0' || *c != '\0') {
		derr_set(e, where, "bad reason \"%s\" (a-z and |)", f[0]);
		return -1;
	}
	if (reason_find(t, f[0]) >= 0) {
		derr_set(e, where, "reason %s given twice", f[0]);
		return -1;
	}
	if ((k = str_index(f[1], kind_names, nitems(kind_names))) == -1) {
		derr_set(e, where, "bad kind \"%s\" (hard, soft, undetermined, "
		    "bycode, choice)", f[1]);
		return -1;
	}
	if ((k == REASON_CHOICE) != (strchr(f[0], '|') != NULL)) {
		derr_set(e, where, "a reason with \"|\" is of kind choice, "
		    "and only it");
		return -1;
	}
	if (add_codes(t, f[2], where, e) == -1)
		return -1;
	if ((v = reallocarray(t->r, t->n + 1, sizeof(*v))) == NULL ||
	    (v[t->n].name = strpool_dup(&t->str, f[0])) == NULL) {
		if (v != NULL)
			t->r = v;
		derr_set(e, where, "out of memory");
		return -1;
	}
	t->r = v;
	v[t->n++].kind = (enum reason_kind)k;
	return 0;
}

/* Each part of a choice "a|b" is a reason of the table. */
static int
check_choices(const struct reasons *t, const char *name, struct derr *e)
{
	char part[64];
	const char *p, *bar;
	size_t i;

	for (i = 0; i < t->n; i++) {
		if (t->r[i].kind != REASON_CHOICE)
			continue;
		for (p = t->r[i].name; ; p = bar + 1) {
			bar = strchr(p, '|');
			snprintf(part, sizeof(part), "%.*s", bar ? (int)(bar -
			    p) : (int)strlen(p), p);
			if (reasons_kind(t, part) >= REASON_BYCODE) {
				derr_set(e, name, "choice %s: %s is no reason "
				    "of the table", t->r[i].name, part);
				return -1;
			}
			if (bar == NULL)
				break;
		}
	}
	return 0;
}

struct reasons *
reasons_load(const char *path, const char *name, struct derr *e)
{
	static const struct tsv_opts o = { .flags = TSV_REST,
	    .max_fields = 4, .none = "no reasons" };
	struct reasons *t;

	if ((t = zalloc(sizeof(*t), name, e)) == NULL ||
	    tsv_each(path, name, &o, add_line, t, e) == -1 ||
	    check_choices(t, name, e) == -1) {
		reasons_free(t);
		return NULL;
	}
	return t;
}

int
reasons_check_phrases(const struct reasons *t, const struct phr *p,
    struct derr *e)
{
	struct phr_hit h;
	char where[300];
	size_t i;

	for (i = 0; i < phr_count(p); i++) {
		phr_entry(p, i, &h, NULL);
		if (reason_find(t, h.tag) < 0) {
			snprintf(where, sizeof(where), "%s:%lu", h.file,
			    h.line);
			derr_set(e, where, "unknown reason \"%s\" (not in "
			    "data/reasons.tsv)", h.tag);
			return -1;
		}
	}
	return 0;
}

const char *
reasons_of_status(const struct reasons *t, const char *st)
{
	size_t i;

	if (st == NULL || strlen(st) < 5)
		return NULL;
	/* a code of one class ("4.4.4") before the code of both ("X.4.4") */
	for (i = 0; i < t->nc; i++)
		if (t->c[i].code[0] != 'X' && strcmp(t->c[i].code, st) == 0)
			return t->r[t->c[i].reason].name;
	for (i = 0; i < t->nc; i++)
		if (t->c[i].code[0] == 'X' &&
		    strcmp(t->c[i].code + 1, st + 1) == 0)
			return t->r[t->c[i].reason].name;
	return NULL;
}
