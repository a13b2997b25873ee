/*
 * The record writer: TSV, JSON Lines and tables.  See core/out.h.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/deliv.h"
#include "core/out.h"
#include "core/util.h"

#define TABLE_CHUNK	1000	/* table rows aligned together */

struct field {
	bool		 set;
	long long	 i;
	double		 d;
	bool		 b;
	struct sbuf	 s;
};

struct out {
	FILE			*fp;
	struct out_opts		 o;
	const struct out_col	*cols;
	size_t			 ncols;
	struct field		*f;
	struct sbuf		 line;
	size_t			 count;
	bool			 header_done;
	bool			 color;
	int			 err;
	/* Table rows, each ncols cells, kept until the chunk is full. */
	char			**cells;
	size_t			 nrows;
};

int
out_opts_init(struct out_opts *o, const char *fmtenv)
{
	memset(o, 0, sizeof(*o));
	o->format = OUT_TSV;
	o->color = OUT_COLOR_AUTO;
	o->header = true;
	o->progress = -1;
	if (fmtenv == NULL || *fmtenv == '\0' || strcmp(fmtenv, "tsv") == 0)
		return 0;
	if (strcmp(fmtenv, "json") == 0)
		o->format = OUT_JSON;
	else if (strcmp(fmtenv, "table") == 0)
		o->format = OUT_TABLE;
	else
		return -1;
	return 0;
}

struct out *
out_open(FILE *fp, const struct out_opts *o, const struct out_col *cols,
    size_t ncols)
{
	struct out *w;

	if ((w = calloc(1, sizeof(*w))) == NULL)
		return NULL;
	if ((w->f = calloc(ncols, sizeof(*w->f))) == NULL) {
		free(w);
		return NULL;
	}
	w->fp = fp;
	w->o = *o;
	w->cols = cols;
	w->ncols = ncols;
	if (o->format == OUT_TABLE) {
		if (o->color == OUT_COLOR_ALWAYS)
			w->color = true;
		else if (o->color == OUT_COLOR_AUTO)
			w->color = !o->no_color_env && isatty(fileno(fp));
		w->cells = calloc(TABLE_CHUNK * ncols, sizeof(char *));
		if (w->cells == NULL) {
			free(w->f);
			free(w);
			return NULL;
		}
	}
	return w;
}

void
out_strn(struct out *w, size_t col, const char *s, size_t len)
{
	struct field *f;

	if (col >= w->ncols)
		return;
	f = &w->f[col];
	sbuf_reset(&f->s);
	if (s == NULL) {
		f->set = false;
		return;
	}
	if (sbuf_add(&f->s, s, len) == -1)
		w->err = 1;
	f->set = true;
}

void
out_str(struct out *w, size_t col, const char *s)
{
	out_strn(w, col, s, s ? strlen(s) : 0);
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

/* Length of the valid UTF-8 sequence at s[0..len), or 0 if invalid. */
static size_t
utf8_len(const unsigned char *s, size_t len)
{
	uint32_t cp;
	size_t n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (n > len)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 ||
	    cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

int
out_tsv_escape(struct sbuf *b, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, j, n;

	for (i = j = 0; i < len; i++) {
		const char *esc;

		switch (s[i]) {
		case '\t': esc = "\\t"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\\': esc = "\\\\"; break;
		default:
			if (u[i] < 0x80)
				continue;
			/* Valid UTF-8 passes; an invalid byte is U+FFFD. */
			if ((n = utf8_len(u + i, len - i)) != 0) {
				i += n - 1;
				continue;
			}
			esc = "\xef\xbf\xbd";
			break;
		}
		if (sbuf_add(b, s + j, i - j) == -1 || sbuf_adds(b, esc) == -1)
			return -1;
		j = i + 1;
	}
	return sbuf_add(b, s + j, i - j);
}

int
out_json_escape(struct sbuf *b, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n;
	char tmp[8];

	while (i < len) {
		if (u[i] >= 0x20 && u[i] < 0x80 && u[i] != '"' &&
		    u[i] != '\\') {
			size_t j = i;

			while (j < len && u[j] >= 0x20 && u[j] < 0x80 &&
			    u[j] != '"' && u[j] != '\\')
				j++;
			if (sbuf_add(b, s + i, j - i) == -1)
				return -1;
			i = j;
			continue;
		}
		if (u[i] >= 0x80) {
			if ((n = utf8_len(u + i, len - i)) == 0) {
				if (sbuf_adds(b, "\xef\xbf\xbd") == -1)
					return -1;
				i++;
			} else {
				if (sbuf_add(b, s + i, n) == -1)
					return -1;
				i += n;
			}
			continue;
		}
		switch (u[i]) {
		case '"': strcpy(tmp, "\\\""); break;
		case '\\': strcpy(tmp, "\\\\"); break;
		case '\n': strcpy(tmp, "\\n"); break;
		case '\r': strcpy(tmp, "\\r"); break;
		case '\t': strcpy(tmp, "\\t"); break;
		case '\b': strcpy(tmp, "\\b"); break;
		case '\f': strcpy(tmp, "\\f"); break;
		default:
			snprintf(tmp, sizeof(tmp), "\\u%04x", u[i]);
			break;
		}
		if (sbuf_adds(b, tmp) == -1)
			return -1;
		i++;
	}
	return 0;
}

/* Append field f of type t as plain text (no escaping). */
static int
field_text(struct sbuf *b, const struct field *f, enum out_type t)
{
	switch (t) {
	case OUT_INT:
		return sbuf_printf(b, "%lld", f->i);
	case OUT_NUM:
		return sbuf_printf(b, "%.10g", f->d);
	case OUT_BOOL:
		return sbuf_adds(b, f->b ? "true" : "false");
	case OUT_STR:
	default:
		return sbuf_add(b, f->s.s ? f->s.s : "", f->s.len);
	}
}

static int
write_tsv(struct out *w)
{
	size_t c;
	int r = 0;

	sbuf_reset(&w->line);
	for (c = 0; c < w->ncols; c++) {
		const struct field *f = &w->f[c];

		if (c > 0)
			r |= sbuf_addc(&w->line, '\t');
		if (!f->set)
			continue;
		if (w->cols[c].type == OUT_STR)
			r |= out_tsv_escape(&w->line, f->s.s ? f->s.s : "",
			    f->s.len);
		else
			r |= field_text(&w->line, f, w->cols[c].type);
	}
	r |= sbuf_addc(&w->line, '\n');
	return r;
}

static int
write_json(struct out *w)
{
	size_t c;
	int r = 0;

	sbuf_reset(&w->line);
	r |= sbuf_addc(&w->line, '{');
	for (c = 0; c < w->ncols; c++) {
		const struct field *f = &w->f[c];

		r |= sbuf_adds(&w->line, c ? ",\"" : "\"");
		r |= out_json_escape(&w->line, w->cols[c].name,
		    strlen(w->cols[c].name));
		r |= sbuf_adds(&w->line, "\":");
		if (!f->set)
			r |= sbuf_adds(&w->line, "null");
		else if (w->cols[c].type == OUT_STR) {
			r |= sbuf_addc(&w->line, '"');
			r |= out_json_escape(&w->line, f->s.s ? f->s.s : "",
			    f->s.len);
			r |= sbuf_addc(&w->line, '"');
		} else
			r |= field_text(&w->line, f, w->cols[c].type);
	}
	r |= sbuf_adds(&w->line, "}\n");
	return r;
}

/* Display width of a UTF-8 string (one column per code point). */
static size_t
width(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

static const char *
cell_color(const char *v)
{
	static const struct {
		const char *word, *sgr;
	} map[] = {
		{ "pass", "32" }, { "ok", "32" }, { "warm", "32" },
		{ "ramp", "32" }, { "info", "36" }, { "warn", "33" },
		{ "soft", "33" }, { "hold", "33" }, { "fail", "31;1" },
		{ "error", "31;1" }, { "hard", "31;1" }, { "backoff", "31" },
		{ "permerror", "31" }, { "temperror", "35" },
		{ "untrusted", "31" }, { "trusted", "32" }
	};
	size_t i;

	for (i = 0; i < nitems(map); i++)
		if (strcmp(v, map[i].word) == 0)
			return map[i].sgr;
	return NULL;
}

static int
table_flush(struct out *w)
{
	size_t *wid, r, c, k;
	const char *sgr;

	if ((wid = calloc(w->ncols, sizeof(*wid))) == NULL)
		return -1;
	for (c = 0; c < w->ncols; c++) {
		if (w->o.header)
			wid[c] = width(w->cols[c].name);
		for (r = 0; r < w->nrows; r++) {
			k = width(w->cells[r * w->ncols + c]);
			if (k > wid[c])
				wid[c] = k;
		}
	}
	if (w->o.header && !w->header_done) {
		if (w->color)
			fputs("\033[1m", w->fp);
		for (c = 0; c < w->ncols; c++)
			fprintf(w->fp, "%s%-*s", c ? "  " : "",
			    c + 1 < w->ncols ? (int)wid[c] : 0,
			    w->cols[c].name);
		fputs(w->color ? "\033[0m\n" : "\n", w->fp);
		w->header_done = true;
	}
	for (r = 0; r < w->nrows; r++) {
		for (c = 0; c < w->ncols; c++) {
			char *v = w->cells[r * w->ncols + c];
			size_t pad = wid[c] - width(v);

			if (c > 0)
				fputs("  ", w->fp);
			sgr = w->color ? cell_color(v) : NULL;
			if (sgr != NULL)
				fprintf(w->fp, "\033[%sm%s\033[0m", sgr, v);
			else
				fputs(v, w->fp);
			if (c + 1 < w->ncols)
				fprintf(w->fp, "%*s", (int)pad, "");
			free(v);
			w->cells[r * w->ncols + c] = NULL;
		}
		fputc('\n', w->fp);
	}
	w->nrows = 0;
	free(wid);
	return 0;
}

static int
table_add(struct out *w)
{
	struct sbuf b = { 0 };
	size_t c, i;
	int r = 0;

	for (c = 0; c < w->ncols; c++) {
		const struct field *f = &w->f[c];

		sbuf_reset(&b);
		if (!f->set)
			r |= sbuf_adds(&b, "-");
		else if (w->cols[c].type == OUT_STR) {
			/* Valid UTF-8, control characters shown escaped. */
			r |= out_json_escape(&b, f->s.s ? f->s.s : "",
			    f->s.len);
		} else
			r |= field_text(&b, f, w->cols[c].type);
		if (b.s == NULL)
			r |= sbuf_adds(&b, "");
		if (r != 0)
			break;
		w->cells[w->nrows * w->ncols + c] = b.s;
		b.s = NULL;
		b.len = b.cap = 0;
	}
	sbuf_free(&b);
	if (r != 0) {
		for (i = 0; i < c; i++) {
			free(w->cells[w->nrows * w->ncols + i]);
			w->cells[w->nrows * w->ncols + i] = NULL;
		}
		return -1;
	}
	if (++w->nrows == TABLE_CHUNK)
		return table_flush(w);
	return 0;
}

static void
write_header(struct out *w)
{
	size_t c;

	w->header_done = true;
	if (!w->o.header || w->o.format != OUT_TSV)
		return;
	for (c = 0; c < w->ncols; c++)
		fprintf(w->fp, "%s%s", c ? "\t" : "", w->cols[c].name);
	fputc('\n', w->fp);
}

int
out_end(struct out *w)
{
	size_t c;
	int r;

	if (!w->header_done && w->o.format == OUT_TSV)
		write_header(w);
	if (w->o.format == OUT_TABLE)
		r = table_add(w);
	else {
		r = w->o.format == OUT_JSON ? write_json(w) : write_tsv(w);
		if (r == 0 && fwrite(w->line.s, 1, w->line.len, w->fp) !=
		    w->line.len)
			r = -1;
	}
	for (c = 0; c < w->ncols; c++) {
		w->f[c].set = false;
		sbuf_reset(&w->f[c].s);
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

int
out_close(struct out *w)
{
	size_t c;
	int r = 0;

	if (w == NULL)
		return 0;
	if (!w->header_done && w->o.format == OUT_TSV)
		write_header(w);
	if (w->o.format == OUT_TABLE && (w->nrows > 0 ||
	    (!w->header_done && w->o.header)))
		r = table_flush(w);
	if (fflush(w->fp) == EOF || ferror(w->fp) || w->err)
		r = -1;
	for (c = 0; c < w->ncols; c++)
		sbuf_free(&w->f[c].s);
	free(w->cells);
	sbuf_free(&w->line);
	free(w->f);
	free(w);
	return r;
}
