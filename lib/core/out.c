/*
 * The record writer: fields, TSV, JSON Lines, the choice of columns (-o)
 * and the escapers.  Tables are in out_table.c, the tally in
 * out_tally.c.  See core/out.h.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/deliv.h"
#include "core/out.h"
#include "core/out_priv.h"
#include "core/util.h"

int
out_opts_init(struct out_opts *o, const char *fmtenv)
{
	static const char *const formats[] = { [OUT_TSV] = "tsv",
	    [OUT_JSON] = "json", [OUT_TABLE] = "table",
	    [OUT_TABLE_LONG] = "table=long" };
	int i;

	memset(o, 0, sizeof(*o));
	o->format = OUT_TSV;
	o->color = OUT_COLOR_AUTO;
	o->header = true;
	o->progress = -1;
	o->summary = -1;
	if (fmtenv == NULL || *fmtenv == '\0')
		return 0;
	if ((i = str_index(fmtenv, formats, nitems(formats))) == -1)
		return -1;
	o->format = (enum out_format)i;
	return 0;
}

int
out_col_index(const struct out_col *cols, size_t ncols, const char *name,
    size_t len)
{
	size_t c;

	for (c = 0; c < ncols; c++)
		if (strlen(cols[c].name) == len &&
		    memcmp(cols[c].name, name, len) == 0)
			return (int)c;
	return -1;
}

/*
 * The columns to write: the -o list (every name must be a column: the
 * first that is not goes to *bad), else for a table the tool's list
 * (names not in the schema skipped), else all.  A list that starts with
 * "-" names the columns left out.  0, 1 (a bad name), -1 (out of memory).
 */
static int
choose(struct out *w, const char **bad, size_t *badlen)
{
	const char *list = w->o.columns, *p, *q;
	bool strict = true, *drop;
	size_t n;
	int c;

	if ((w->sel = calloc(w->ncols + 1, sizeof(*w->sel))) == NULL ||
	    (drop = calloc(w->ncols + 1, sizeof(*drop))) == NULL)
		return -1;
	if (list == NULL && w->o.format == OUT_TABLE) {
		list = w->o.table_cols;
		strict = false;
	}
	for (p = list && *list == '-' ? list + 1 : list; p != NULL &&
	    *p != '\0'; p = *q ? q + 1 : q) {
		q = p + strcspn(p, ",");
		if ((n = (size_t)(q - p)) == 0)
			continue;
		if ((c = out_col_index(w->cols, w->ncols, p, n)) == -1) {
			if (!strict)
				continue;
			*bad = p;
			*badlen = n;
			free(drop);
			return 1;
		}
		if (*list == '-')
			drop[c] = true;
		else if (w->nsel < w->ncols)
			w->sel[w->nsel++] = (size_t)c;
	}
	if (w->nsel == 0)
		for (n = 0; n < w->ncols; n++)
			if (!drop[n])
				w->sel[w->nsel++] = n;
	free(drop);
	return 0;
}

static void
out_free(struct out *w)
{
	size_t c;

	for (c = 0; c < w->ncols; c++)
		sbuf_free(&w->f[c].s);
	tally_free(w->tally);
	free(w->cells);
	free(w->sel);
	sbuf_free(&w->keys);
	free(w->keyoff);
	sbuf_free(&w->line);
	free(w->f);
	free(w);
}

/* w->keys and w->keyoff: the JSON keys of the written columns. */
static int
json_keys(struct out *w)
{
	size_t k;
	int r = 0;

	if ((w->keyoff = calloc(w->nsel + 1, sizeof(*w->keyoff))) == NULL)
		return -1;
	for (k = 0; k < w->nsel; k++) {
		w->keyoff[k] = w->keys.len;
		r |= sbuf_adds(&w->keys, k ? ",\"" : "\"");
		r |= out_json_escape(&w->keys, w->cols[w->sel[k]].name,
		    strlen(w->cols[w->sel[k]].name));
		r |= sbuf_adds(&w->keys, "\":");
	}
	w->keyoff[w->nsel] = w->keys.len;
	return r;
}

struct out *
out_open(FILE *fp, const struct out_opts *o, const struct out_col *cols,
    size_t ncols)
{
	const char *bad = NULL;
	size_t badlen = 0;
	struct out *w;
	char name[64];
	int r;

	if ((w = calloc(1, sizeof(*w))) == NULL)
		return NULL;
	if ((w->f = calloc(ncols + 1, sizeof(*w->f))) == NULL) {
		free(w);
		return NULL;
	}
	w->fp = fp;
	w->o = *o;
	w->cols = cols;
	w->ncols = ncols;
	if ((r = choose(w, &bad, &badlen)) != 0) {
		out_free(w);
		if (r == 1 && o->bad_column != NULL) {
			snprintf(name, sizeof(name), "%.*s", (int)badlen, bad);
			o->bad_column(name, cols, ncols);
		}
		return NULL;
	}
	if (o->tally != NULL && (o->summary == 1 || (o->summary == -1 &&
	    o->tally_line != NULL)))
		w->tally = tally_new(o->tally, cols, ncols);
	if (o->format == OUT_JSON && json_keys(w) == -1) {
		out_free(w);
		return NULL;
	}
	if (o->format == OUT_TABLE || o->format == OUT_TABLE_LONG) {
		if (o->color == OUT_COLOR_ALWAYS)
			w->color = true;
		else if (o->color == OUT_COLOR_AUTO)
			w->color = !o->no_color_env && isatty(fileno(fp));
		w->width = o->width > 0 ? (size_t)o->width : 0;
		w->cells = calloc(TABLE_CHUNK * w->nsel, sizeof(char *));
		if (w->cells == NULL) {
			out_free(w);
			return NULL;
		}
	}
	return w;
}

/* Empty b, keeping its memory (sbuf_reset() without the call: a record
 * sets and clears a score of fields). */
static void
clear(struct sbuf *b)
{
	b->len = 0;
	if (b->s != NULL)
		b->s[0] = '\0';
}

void
out_strn(struct out *w, size_t col, const char *s, size_t len)
{
	struct field *f;

	if (col >= w->ncols)
		return;
	f = &w->f[col];
	if (s == NULL) {
		clear(&f->s);
		f->set = false;
		return;
	}
	f->set = true;
	if (len < f->s.cap) {	/* the buffer of the last record fits */
		memcpy(f->s.s, s, len);
		f->s.s[len] = '\0';
		f->s.len = len;
	} else {
		clear(&f->s);
		if (sbuf_add(&f->s, s, len) == -1)
			w->err = 1;
	}
}

void
out_str(struct out *w, size_t col, const char *s)
{
	out_strn(w, col, s, s ? strlen(s) : 0);
}

void
out_strv(struct out *w, size_t col, const char *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		out_str(w, col + i, v[i]);
}

void
out_int(struct out *w, size_t col, long long v)
{
	if (col >= w->ncols)
		return;
	w->f[col].set = true;
	w->f[col].i = v;
	w->f[col].d = (double)v;
}

void
out_num(struct out *w, size_t col, double v)
{
	if (col >= w->ncols)
		return;
	w->f[col].set = !isnan(v) && !isinf(v);
	w->f[col].d = v;
}

void
out_bool(struct out *w, size_t col, bool v)
{
	if (col >= w->ncols)
		return;
	w->f[col].set = true;
	w->f[col].b = v;
}

/* The code point of the valid UTF-8 sequence at s[0..len) in *cp and its
 * length, or 0 if invalid. */
static size_t
utf8_dec(const unsigned char *s, size_t len, uint32_t *cp)
{
	size_t n, i;
	uint32_t c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, c = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, c = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, c = s[0] & 0x07;
	else
		return 0;
	if (n > len)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 ||
	    c > 0x10ffff)) || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/* Whether code point c is a bidirectional control or a line or paragraph
 * separator: text that reorders or breaks what a terminal shows. */
static bool
is_bidi(uint32_t c)
{
	return c == 0x061c || c == 0x200e || c == 0x200f ||
	    (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
	    c == 0x2028 || c == 0x2029;
}

/*
 * Are the eight bytes at p all printable ASCII other than '\\' and '"'
 * (nothing any escaper changes)?  The bit tests of "any byte zero" and
 * "any byte less than n" (n <= 128) on one 64-bit word.
 */
static bool
plain8(const unsigned char *p)
{
	const uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80;
	uint64_t x;

#define ANY_ZERO(v)	(((v) - ones) & ~(v) & high)
	memcpy(&x, p, 8);
	return ((x - ones * 0x20) & ~x & high) == 0 && (x & high) == 0 &&
	    ANY_ZERO(x ^ (ones * 0x7f)) == 0 &&
	    ANY_ZERO(x ^ (ones * '\\')) == 0 &&
	    ANY_ZERO(x ^ (ones * '"')) == 0;
#undef ANY_ZERO
}

/* The length of the run at u that no escaper changes: printable ASCII
 * other than '\\' and '"', eight bytes at a time, then byte by byte. */
static size_t
plain_run(const unsigned char *u, size_t len)
{
	size_t i = 0;

	while (i + 8 <= len && plain8(u + i))
		i += 8;
	while (i < len && u[i] >= 0x20 && u[i] < 0x7f && u[i] != '\\' &&
	    u[i] != '"')
		i++;
	return i;
}

enum esc_mode { ESC_TSV, ESC_JSON, ESC_TEXT };

/*
 * The one escaper.  TSV: \t \n \r \\, other C0 and DEL as \xHH, C1 as
 * \u00HH.  JSON: RFC 8259's escapes, DEL and C1 as \u00HH.  Text (for
 * people): \t \n \r, C0 and DEL as \xHH, C1 and the bidi controls as
 * \uHHHH, a backslash as itself.  In all three invalid UTF-8 is U+FFFD.
 */
static int
escape(struct sbuf *b, const char *s, size_t len, enum esc_mode m)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, j, n;
	uint32_t cp;
	char tmp[8];
	const char *esc;

	for (i = j = 0; i < len; i += n) {
		/* the common case first: printable ASCII with no escape */
		i += plain_run(u + i, len - i);
		if (i == len)
			break;
		n = 1;
		esc = tmp;
		if (u[i] >= 0x20 && u[i] < 0x7f) {
			if (u[i] == '\\' && m != ESC_TEXT)
				esc = "\\\\";
			else if (u[i] == '"' && m == ESC_JSON)
				esc = "\\\"";
			else
				continue;
		} else if (u[i] == '\t')
			esc = "\\t";
		else if (u[i] == '\n')
			esc = "\\n";
		else if (u[i] == '\r')
			esc = "\\r";
		else if (m == ESC_JSON && u[i] == '\b')
			esc = "\\b";
		else if (m == ESC_JSON && u[i] == '\f')
			esc = "\\f";
		else if (u[i] < 0x80)
			snprintf(tmp, sizeof(tmp), m == ESC_JSON ? "\\u%04x" :
			    "\\x%02x", u[i]);
		else if ((n = utf8_dec(u + i, len - i, &cp)) == 0) {
			n = 1;
			esc = "\xef\xbf\xbd";
		} else if (cp < 0xa0 || (m == ESC_TEXT && is_bidi(cp)))
			snprintf(tmp, sizeof(tmp), "\\u%04x", (unsigned)cp);
		else
			continue;
		if (sbuf_add(b, s + j, i - j) == -1 || sbuf_adds(b, esc) == -1)
			return -1;
		j = i + n;
	}
	return sbuf_add(b, s + j, len - j);
}

int
out_tsv_escape(struct sbuf *b, const char *s, size_t len)
{
	return escape(b, s, len, ESC_TSV);
}

int
out_json_escape(struct sbuf *b, const char *s, size_t len)
{
	return escape(b, s, len, ESC_JSON);
}

int
out_text_escape(struct sbuf *b, const char *s, size_t len)
{
	return escape(b, s, len, ESC_TEXT);
}

size_t
out_width(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* v in decimal, as "%lld" writes it, without printf. */
static int
add_int(struct sbuf *b, long long v)
{
	char buf[24], *p = buf + sizeof(buf);
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v :
	    (unsigned long long)v;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		*--p = '-';
	return sbuf_add(b, p, (size_t)(buf + sizeof(buf) - p));
}

int
out_field_text(struct sbuf *b, const struct field *f, enum out_type t)
{
	switch (t) {
	case OUT_INT:
		return add_int(b, f->i);
	case OUT_NUM:
		return sbuf_printf(b, "%.10g", f->d);
	case OUT_BOOL:
		return sbuf_adds(b, f->b ? "true" : "false");
	case OUT_STR:
	default:
		return sbuf_add(b, f->s.s ? f->s.s : "", f->s.len);
	}
}

/*
 * Start w->line with room for the fields as they are and more bytes, so
 * that put() seldom has to grow it; -1 when out of memory.
 */
static int
line_begin(struct out *w, size_t more)
{
	size_t k;

	for (k = 0; k < w->nsel; k++)
		more += w->f[w->sel[k]].s.len + 24;
	w->line.len = 0;
	return sbuf_reserve(&w->line, more);
}

/* Append s[0..n) to b, leaving room for a NUL after it; -1 when out of
 * memory. */
static int
put(struct sbuf *b, const char *s, size_t n)
{
	if (n >= b->cap - b->len && sbuf_reserve(b, n) == -1)
		return -1;
	memcpy(b->s + b->len, s, n);
	b->len += n;
	return 0;
}

/* A string field: copied as it is when no byte needs escaping. */
static int
put_str(struct sbuf *b, const struct field *f, enum esc_mode m)
{
	if (f->s.len == 0)
		return 0;
	if (plain_run((const unsigned char *)f->s.s, f->s.len) == f->s.len)
		return put(b, f->s.s, f->s.len);
	return escape(b, f->s.s, f->s.len, m);
}

/*
 * The record as one TSV line or one JSON object: a TSV field is empty
 * where a JSON one is null, and a JSON string is quoted.
 */
static int
write_line(struct out *w)
{
	struct sbuf *b = &w->line;
	bool json = w->o.format == OUT_JSON;
	size_t k, c;
	int r = 0;

	if (line_begin(w, json ? w->keys.len + 4 : w->nsel + 1) == -1)
		return -1;
	if (json)
		r |= put(b, "{", 1);
	for (k = 0; k < w->nsel; k++) {
		const struct field *f = &w->f[c = w->sel[k]];

		if (json)
			r |= put(b, w->keys.s + w->keyoff[k],
			    w->keyoff[k + 1] - w->keyoff[k]);
		else if (k > 0)
			r |= put(b, "\t", 1);
		if (!f->set)
			r |= json ? put(b, "null", 4) : 0;
		else if (w->cols[c].type != OUT_STR)
			r |= out_field_text(b, f, w->cols[c].type);
		else if (!json)
			r |= put_str(b, f, ESC_TSV);
		else {
			r |= put(b, "\"", 1);
			r |= put_str(b, f, ESC_JSON);
			r |= put(b, "\"", 1);
		}
	}
	r |= json ? put(b, "}\n", 2) : put(b, "\n", 1);
	if (r == 0)
		b->s[b->len] = '\0';
	return r;
}

static void
write_header(struct out *w)
{
	size_t k;

	w->header_done = true;
	if (!w->o.header || w->o.format != OUT_TSV)
		return;
	for (k = 0; k < w->nsel; k++)
		fprintf(w->fp, "%s%s", k ? "\t" : "", w->cols[w->sel[k]].name);
	fputc('\n', w->fp);
}

int
out_end(struct out *w)
{
	size_t c;
	int r = 0;

	if (w->tally != NULL && tally_add(w->tally, w) == -1)
		r = -1;
	if (w->o.summary == 1)
		;	/* only the tally is written, at the end */
	else if (w->o.format == OUT_TABLE || w->o.format == OUT_TABLE_LONG)
		r |= out_table_add(w);
	else {
		if (!w->header_done)
			write_header(w);
		r = write_line(w);
		if (r == 0 && fwrite(w->line.s, 1, w->line.len, w->fp) !=
		    w->line.len)
			r = -1;
	}
	for (c = 0; c < w->ncols; c++) {
		w->f[c].set = false;
		clear(&w->f[c].s);
	}
	if (r != 0 || w->err) {
		w->err = 1;
		return -1;
	}
	w->count++;
	return 0;
}

size_t
out_count(const struct out *w)
{
	return w->count;
}

/* The tally at the end: records (--summary), or the line for stderr. */
static int
finish_tally(struct out *w)
{
	struct out_opts o = w->o;
	const struct out_col *tc;
	struct sbuf b = { 0 };
	struct out *t;
	size_t n;
	int r;

	if (w->o.summary == 1) {
		o.columns = o.table_cols = o.tally = NULL;
		o.summary = 0;
		tc = tally_cols(&n);
		if ((t = out_open(w->fp, &o, tc, n)) == NULL)
			return -1;
		r = tally_write(w->tally, w->count, t);
		return out_close(t) == -1 ? -1 : r;
	}
	if (w->tally == NULL || w->o.tally_line == NULL)
		return 0;
	if ((r = tally_line(w->tally, w->count, &b)) == 0)
		w->o.tally_line(b.s);
	sbuf_free(&b);
	return r;
}

int
out_close(struct out *w)
{
	int r = 0;

	if (w == NULL)
		return 0;
	if (w->o.summary != 1) {
		if (!w->header_done && w->o.format == OUT_TSV)
			write_header(w);
		if ((w->o.format == OUT_TABLE ||
		    w->o.format == OUT_TABLE_LONG) && (w->nrows > 0 ||
		    (!w->header_done && w->o.header)))
			r = out_table_flush(w);
	}
	if (fflush(w->fp) == EOF || ferror(w->fp) || w->err)
		r = -1;
	if (r == 0 && (w->o.summary == 1 || w->tally != NULL) &&
	    finish_tally(w) == -1)
		r = -1;
	out_free(w);
	return r;
}
