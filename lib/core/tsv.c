/*
 * Reading tab-separated line files: lines under a cap, comments and blank
 * lines skipped, fields split, an optional header.  See core/tsv.h.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/deliv.h"
#include "core/tsv.h"
#include "core/util.h"

struct tsv {
	FILE		*fp;
	bool		 own;		/* opened by tsv_open() */
	char		*name;
	struct tsv_opts	 o;		/* defaults filled in */
	char		*buf;		/* the line */
	size_t		 cap;
	char		**f;		/* o.max_fields of them */
	unsigned long	 line;
	size_t		 rows;
	char		 where[300];
	char		**cols;		/* the header's names */
	size_t		 ncols;
	bool		 failed;
	struct derr	 err;		/* the error that stopped it */
};

/* Fill e and remember it; returns -1. */
static int __attribute__((format(printf, 4, 5)))
fail(struct tsv *t, struct derr *e, const char *where, const char *fmt, ...)
{
	va_list ap;

	t->failed = true;
	derr_set(&t->err, where, "%s", "");
	va_start(ap, fmt);
	vsnprintf(t->err.what, sizeof(t->err.what), fmt, ap);
	va_end(ap);
	if (e != NULL)
		*e = t->err;
	return -1;
}

static struct tsv *
tsv_new(FILE *fp, bool own, const char *name, const struct tsv_opts *o,
    struct derr *e)
{
	struct tsv *t;

	if ((t = calloc(1, sizeof(*t))) == NULL) {
		derr_set(e, name, "out of memory");
		if (own)
			fclose(fp);
		return NULL;
	}
	t->fp = fp;
	t->own = own;
	if (o != NULL)
		t->o = *o;
	if (t->o.max_fields == 0)
		t->o.max_fields = TSV_FIELDS_MAX;
	if (t->o.max_line == 0)
		t->o.max_line = TSV_LINE_MAX;
	if (t->o.max_rows == 0)
		t->o.max_rows = TSV_ROWS_MAX;
	if ((t->name = strdup(name)) == NULL ||
	    (t->f = calloc(t->o.max_fields, sizeof(*t->f))) == NULL) {
		derr_set(e, name, "out of memory");
		tsv_close(t);
		return NULL;
	}
	if (t->o.flags & TSV_HEADER) {
		struct tsv_row r;

		switch (tsv_next(t, &r, e)) {
		case 1:
			if (tsv_header(t, &r, e) == 0)
				return t;
			break;
		case 0:
			derr_set(e, name, "no header line");
			break;
		}
		tsv_close(t);
		return NULL;
	}
	return t;
}

struct tsv *
tsv_open(const char *path, const char *name, const struct tsv_opts *o,
    struct derr *e)
{
	FILE *fp;

	if (name == NULL)
		name = path;
	if ((fp = fopen(path, "r")) == NULL) {
		derr_set(e, name, "%s", strerror(errno));
		return NULL;
	}
	return tsv_new(fp, true, name, o, e);	/* closes fp on failure */
}

struct tsv *
tsv_stream(FILE *fp, const char *name, const struct tsv_opts *o,
    struct derr *e)
{
	return tsv_new(fp, false, name, o, e);
}

int
tsv_each(const char *path, const char *name, const struct tsv_opts *o,
    int (*fn)(void *, struct tsv_row *, struct derr *), void *arg,
    struct derr *e)
{
	struct tsv *in;
	struct tsv_row r;
	size_t n = 0;
	int rc;

	if ((in = tsv_open(path, name, o, e)) == NULL)
		return -1;
	while ((rc = tsv_next(in, &r, e)) == 1) {
		n++;
		if (fn(arg, &r, e) == -1) {
			rc = -1;
			break;
		}
	}
	if (rc == 0 && n == 0 && in->o.none != NULL) {
		derr_set(e, tsv_name(in), "%s", in->o.none);
		rc = -1;
	}
	tsv_close(in);
	return rc;
}

void
tsv_close(struct tsv *t)
{
	if (t == NULL)
		return;
	if (t->own && t->fp != NULL)
		fclose(t->fp);
	strv_free(t->cols, t->ncols);
	free(t->f);
	free(t->buf);
	free(t->name);
	free(t);
}

/*
 * t->where = "NAME:LINE" for the line just started, as snprintf() would
 * write it (cut to fit) but without its cost on every line of a long
 * list such as the Public Suffix List.
 */
static void
set_where(struct tsv *t)
{
	char num[24];
	size_t n, d, k = sizeof(num);
	unsigned long l = t->line;

	do
		num[--k] = (char)('0' + l % 10);
	while ((l /= 10) > 0);
	n = strlen(t->name);
	if (n > sizeof(t->where) - 1)
		n = sizeof(t->where) - 1;
	memcpy(t->where, t->name, n);
	if (n < sizeof(t->where) - 1)
		t->where[n++] = ':';
	d = sizeof(num) - k;
	if (d > sizeof(t->where) - 1 - n)
		d = sizeof(t->where) - 1 - n;
	memcpy(t->where + n, num + k, d);
	t->where[n + d] = '\0';
}

/*
 * The next line into t->buf, its newline and trailing CRs cut: 1, 0 at
 * the end, -1 with e filled.  Never holds more
 * than max_line + 2 bytes.  With TSV_NUL_ENDS a NUL byte ends the text
 * and the rest of the line is read and dropped.
 */
static int
read_line(struct tsv *t, struct derr *e)
{
	size_t n = 0, ncap, dropped = 0;
	int c;
	char *nb;
	bool started = false, cut = false;

	for (;;) {
		if ((c = getc_unlocked(t->fp)) == EOF) {
			if (ferror(t->fp))
				return fail(t, e, t->name, "%s",
				    strerror(errno));
			if (!started)
				return 0;
			break;
		}
		if (!started) {
			started = true;
			t->line++;
			set_where(t);
		}
		if (c == '\n')
			break;
		if (c == '\0' && !(t->o.flags & TSV_NUL_ENDS))
			return fail(t, e, t->where, "a NUL byte");
		if (c == '\0' || cut) {
			cut = true;	/* the rest of the line goes */
			if (n + ++dropped > t->o.max_line)	/* counts */
				return fail(t, e, t->where, "line longer "
				    "than %zu bytes", t->o.max_line);
			continue;
		}
		/* One byte over the cap, for a CR that goes. */
		if (n > t->o.max_line)
			return fail(t, e, t->where, "line longer than %zu "
			    "bytes", t->o.max_line);
		if (n + 1 >= t->cap) {
			ncap = t->cap ? t->cap * 2 : 256;
			if (ncap > t->o.max_line + 2)
				ncap = t->o.max_line + 2;
			if ((nb = realloc(t->buf, ncap)) == NULL)
				return fail(t, e, t->where, "out of memory");
			t->buf = nb;
			t->cap = ncap;
		}
		t->buf[n++] = (char)c;
	}
	if (t->buf == NULL && (t->buf = malloc(t->cap = 1)) == NULL)
		return fail(t, e, t->where, "out of memory");
	while (n > 0 && t->buf[n - 1] == '\r')
		n--;
	t->buf[n] = '\0';
	if (n > t->o.max_line)
		return fail(t, e, t->where, "line longer than %zu bytes",
		    t->o.max_line);
	return 1;
}

int
tsv_next(struct tsv *t, struct tsv_row *r, struct derr *e)
{
	unsigned fl = t->o.flags;
	char *s;
	int rc;

	if (t->failed) {
		if (e != NULL)
			*e = t->err;
		return -1;
	}
	for (;;) {
		if ((rc = read_line(t, e)) != 1)
			return rc;
		s = t->buf;
		if (fl & TSV_TRIM)
			s = str_trim(s);
		if (s[strspn(s, " \t")] == '\0' && !(fl & TSV_KEEP_BLANK))
			continue;
		if (s[0] == '#' && !(fl & TSV_KEEP_COMMENTS))
			continue;
		break;
	}
	if (t->rows++ == t->o.max_rows)
		return fail(t, e, t->where, "more than %zu rows",
		    t->o.max_rows);
	t->f[0] = s;
	r->f = t->f;
	r->n = 1;
	r->line = t->line;
	r->where = t->where;
	if (fl & TSV_NOSPLIT)
		return 1;
	return tsv_split(t, r, e) == -1 ? -1 : 1;
}

/* The value of n hex digits at s, or -1. */
static long
hex(const char *s, int n)
{
	long v = 0;
	int i;

	for (i = 0; i < n; i++) {
		if (!isxdigit((unsigned char)s[i]))
			return -1;
		v = v * 16 + (isdigit((unsigned char)s[i]) ? s[i] - '0' :
		    (tolower((unsigned char)s[i]) - 'a' + 10));
	}
	return v;
}

/*
 * Decode lib/out's TSV escapes in place: \t \n \r \\, \xHH (a byte) and
 * \uHHHH (a code point, as UTF-8); another "\x" is x, but "\x00" (a NUL)
 * stays as written.
 */
static void
unescape(char *s)
{
	char *o = s;
	long v;

	for (; *s != '\0'; s++) {
		if (*s != '\\' || s[1] == '\0') {
			*o++ = *s;
			continue;
		}
		s++;
		if (*s == 'x' && hex(s + 1, 2) == 0) {
			*o++ = '\\';		/* a NUL stays "\x00" */
			*o++ = 'x';
		} else if (*s == 'x' && (v = hex(s + 1, 2)) > 0) {
			*o++ = (char)v;
			s += 2;
		} else if (*s == 'u' && (v = hex(s + 1, 4)) > 0 &&
		    (v < 0xd800 || v > 0xdfff)) {
			if (v < 0x80)
				*o++ = (char)v;
			else if (v < 0x800) {
				*o++ = (char)(0xc0 | (v >> 6));
				*o++ = (char)(0x80 | (v & 0x3f));
			} else {
				*o++ = (char)(0xe0 | (v >> 12));
				*o++ = (char)(0x80 | ((v >> 6) & 0x3f));
				*o++ = (char)(0x80 | (v & 0x3f));
			}
			s += 4;
		} else
			*o++ = *s == 't' ? '\t' : *s == 'n' ? '\n' :
			    *s == 'r' ? '\r' : *s;
	}
	*o = '\0';
}

int
tsv_split(struct tsv *t, struct tsv_row *r, struct derr *e)
{
	const struct tsv_opts *o = &t->o;
	char *p = r->f[0];
	size_t n = 1, i;

	for (; (p = strchr(p, '\t')) != NULL; p++)
		n++;
	if ((o->flags & TSV_REST) && n > o->max_fields)
		n = o->max_fields;
	if (n < o->min_fields || n > o->max_fields) {
		if (o->min_fields == o->max_fields)
			return fail(t, e, r->where, "%zu fields, not %zu "
			    "(tab-separated)", n, o->min_fields);
		return fail(t, e, r->where, "%zu fields, %s than %zu "
		    "(tab-separated)", n, n < o->min_fields ? "fewer" : "more",
		    n < o->min_fields ? o->min_fields : o->max_fields);
	}
	for (i = 1, p = r->f[0]; i < n; i++) {
		p = strchr(p, '\t');
		*p++ = '\0';
		r->f[i] = p;
	}
	r->n = n;
	for (i = 0; i < n; i++) {
		if (o->flags & TSV_TRIM)
			r->f[i] = str_trim(r->f[i]);
		if (o->flags & TSV_UNESCAPE)
			unescape(r->f[i]);
	}
	return 0;
}

int
tsv_header(struct tsv *t, const struct tsv_row *r, struct derr *e)
{
	char **c;

	if ((c = calloc(r->n, sizeof(*c))) == NULL)
		return fail(t, e, r->where, "out of memory");
	strv_free(t->cols, t->ncols);
	t->cols = c;
	for (t->ncols = 0; t->ncols < r->n; t->ncols++)
		if ((c[t->ncols] = strdup(r->f[t->ncols])) == NULL)
			return fail(t, e, r->where, "out of memory");
	return 0;
}

size_t
tsv_ncols(const struct tsv *t)
{
	return t->ncols;
}

int
tsv_col(const struct tsv *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->ncols; i++)
		if (strcmp(t->cols[i], name) == 0)
			return (int)i;
	return -1;
}

const char *
tsv_get(const struct tsv *t, const struct tsv_row *r, const char *name)
{
	int i = tsv_col(t, name);

	return i < 0 || (size_t)i >= r->n ? NULL : r->f[i];
}

const char *
tsv_name(const struct tsv *t)
{
	return t->name;
}

const char *
tsv_where(const struct tsv *t)
{
	return t->line > 0 ? t->where : t->name;
}
