/*
 * Tables for people, for core/out: the rows of a chunk aligned in
 * columns cut to the width of the terminal (long values end in "…"), or
 * one "key: value" block a record (--table=long).  Control characters
 * and bidi controls are shown escaped (out_text_escape), nothing else.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/deliv.h"
#include "core/out.h"
#include "core/out_priv.h"
#include "core/util.h"

#define MIN_COL		4	/* no column is cut narrower */
#define ELLIPSIS	"\xe2\x80\xa6"

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

/* s (w columns wide) cut to max columns: its first max - 1 code points
 * and "…"; all of it when it fits or max is 0. */
static void
put_cut(FILE *fp, const char *s, size_t w, size_t max)
{
	const char *p = s;
	size_t k = 0;

	if (max == 0 || w <= max) {
		fputs(s, fp);
		return;
	}
	for (; *p != '\0'; p++)
		if (((unsigned char)*p & 0xc0) != 0x80 && k++ == max - 1)
			break;
	fwrite(s, 1, (size_t)(p - s), fp);
	fputs(ELLIPSIS, fp);
}

/*
 * Fit the natural widths nat[0..n) into the terminal's width: the narrow
 * columns keep theirs, the wide ones share the rest equally.
 */
static void
fit(size_t *wid, const size_t *nat, size_t n, size_t width)
{
	size_t *ord, left, share, i, j, t;

	for (i = 0; i < n; i++)
		wid[i] = nat[i];
	if (width == 0 || n == 0 || (ord = calloc(n, sizeof(*ord))) == NULL)
		return;
	for (i = 0; i < n; i++)
		ord[i] = i;
	for (i = 1; i < n; i++)		/* by natural width; n is small */
		for (j = i; j > 0 && nat[ord[j - 1]] > nat[ord[j]]; j--)
			t = ord[j], ord[j] = ord[j - 1], ord[j - 1] = t;
	left = width > 2 * (n - 1) ? width - 2 * (n - 1) : 0;
	for (i = 0; i < n; i++) {
		share = left / (n - i);
		if (share < MIN_COL)
			share = MIN_COL;
		wid[ord[i]] = nat[ord[i]] < share ? nat[ord[i]] : share;
		left = left > wid[ord[i]] ? left - wid[ord[i]] : 0;
	}
	free(ord);
}

/* Write one cell of width wid (padded unless last). */
static void
put_cell(struct out *w, const char *v, size_t wid, bool last, bool hdr)
{
	size_t vw = out_width(v), shown = vw > wid ? wid : vw;
	const char *sgr = w->color && !hdr ? cell_color(v) : NULL;

	if (sgr != NULL)
		fprintf(w->fp, "\033[%sm", sgr);
	put_cut(w->fp, v, vw, wid);
	if (sgr != NULL)
		fputs("\033[0m", w->fp);
	if (!last)
		fprintf(w->fp, "%*s", (int)(wid - shown), "");
}

static int
flush_columns(struct out *w)
{
	size_t *nat, *wid, r, k, n = w->nsel, c;

	if ((nat = calloc(2 * n + 1, sizeof(*nat))) == NULL)
		return -1;
	wid = nat + n;
	for (k = 0; k < n; k++) {
		if (w->o.header)
			nat[k] = out_width(w->cols[w->sel[k]].name);
		for (r = 0; r < w->nrows; r++) {
			c = out_width(w->cells[r * n + k]);
			if (c > nat[k])
				nat[k] = c;
		}
	}
	fit(wid, nat, n, w->width);
	if (w->o.header && !w->header_done) {
		if (w->color)
			fputs("\033[1m", w->fp);
		for (k = 0; k < n; k++) {
			if (k > 0)
				fputs("  ", w->fp);
			put_cell(w, w->cols[w->sel[k]].name, wid[k], k + 1 == n,
			    true);
		}
		fputs(w->color ? "\033[0m\n" : "\n", w->fp);
		w->header_done = true;
	}
	for (r = 0; r < w->nrows; r++) {
		for (k = 0; k < n; k++) {
			if (k > 0)
				fputs("  ", w->fp);
			put_cell(w, w->cells[r * n + k], wid[k], k + 1 == n,
			    false);
		}
		fputc('\n', w->fp);
	}
	free(nat);
	return 0;
}

/* --table=long: "key: value" a line, keys aligned, a blank line between
 * records; unknown values left out. */
static int
flush_long(struct out *w)
{
	size_t r, k, n = w->nsel, kw = 0, c;

	for (k = 0; k < n; k++)
		if ((c = out_width(w->cols[w->sel[k]].name)) > kw)
			kw = c;
	for (r = 0; r < w->nrows; r++) {
		if (w->header_done)
			fputc('\n', w->fp);
		w->header_done = true;
		for (k = 0; k < n; k++) {
			const char *v = w->cells[r * n + k];
			const char *sgr;

			if (v[0] == '\0')
				continue;
			fprintf(w->fp, "%*s: ", (int)kw,
			    w->cols[w->sel[k]].name);
			sgr = w->color ? cell_color(v + 1) : NULL;
			if (sgr != NULL)
				fprintf(w->fp, "\033[%sm%s\033[0m\n", sgr, v + 1);
			else
				fprintf(w->fp, "%s\n", v + 1);
		}
	}
	return 0;
}

int
out_table_flush(struct out *w)
{
	size_t i;
	int r;

	r = w->o.format == OUT_TABLE_LONG ? flush_long(w) : flush_columns(w);
	for (i = 0; i < w->nrows * w->nsel; i++) {
		free(w->cells[i]);
		w->cells[i] = NULL;
	}
	w->nrows = 0;
	return r;
}

int
out_table_add(struct out *w)
{
	struct sbuf b = { 0 };
	size_t k, c, i;
	bool lng = w->o.format == OUT_TABLE_LONG;
	int r = 0;

	for (k = 0; k < w->nsel; k++) {
		const struct field *f = &w->f[c = w->sel[k]];

		sbuf_reset(&b);
		/* In the long layout a set value starts with '+'. */
		if (!f->set)
			r |= sbuf_adds(&b, lng ? "" : "-");
		else {
			if (lng)
				r |= sbuf_addc(&b, '+');
			if (w->cols[c].type == OUT_STR)
				r |= out_text_escape(&b, f->s.s ? f->s.s : "",
				    f->s.len);
			else
				r |= out_field_text(&b, f, w->cols[c].type);
		}
		if (b.s == NULL)
			r |= sbuf_adds(&b, "");
		if (r != 0)
			break;
		w->cells[w->nrows * w->nsel + k] = b.s;
		b.s = NULL;
		b.len = b.cap = 0;
	}
	sbuf_free(&b);
	if (r != 0) {
		for (i = 0; i < k; i++) {
			free(w->cells[w->nrows * w->nsel + i]);
			w->cells[w->nrows * w->nsel + i] = NULL;
		}
		return -1;
	}
	if (++w->nrows == TABLE_CHUNK)
		return out_table_flush(w);
	return 0;
}
