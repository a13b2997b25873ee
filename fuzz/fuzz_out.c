/*
 * Fuzz lib/core/out: arbitrary bytes as fields of TSV and JSON records and
 * table cells.  No escaper may let a control character through: no C0
 * byte (so no tab or newline to forge a column or a record), no DEL, no
 * C1 (U+0080-U+009F in UTF-8); the text escaper (tables) no bidi control
 * either.  And a record as out_end() writes it (its fast path for fields
 * that need no escape) is byte for byte the escapers' own.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "core/out.h"
#include "core/util.h"

/* Abort when b holds a control character (or, bidi, a bidi control). */
static void
check(const struct sbuf *b, int bidi)
{
	const unsigned char *u = (const unsigned char *)b->s;
	size_t i;

	for (i = 0; i < b->len; i++) {
		if (u[i] < 0x20 || u[i] == 0x7f)
			abort();
		if (u[i] == 0xc2 && i + 1 < b->len && u[i + 1] >= 0x80 &&
		    u[i + 1] <= 0x9f)
			abort();
		if (bidi && u[i] == 0xe2 && i + 2 < b->len &&
		    ((u[i + 1] == 0x80 && (u[i + 2] == 0xae ||
		    u[i + 2] == 0xa8 || u[i + 2] == 0xa9)) ||
		    (u[i + 1] == 0x81 && u[i + 2] >= 0xa6 && u[i + 2] <= 0xa9)))
			abort();
	}
}

static const struct out_col cols[] = {
	{ "a", OUT_STR }, { "n", OUT_INT }, { "b", OUT_STR }, { "c", OUT_STR },
};

/* A JSON member's value as the escaper writes it: "s", or null. */
static void
json_value(struct sbuf *b, const char *s, size_t len)
{
	if (s == NULL) {
		sbuf_adds(b, "null");
		return;
	}
	sbuf_addc(b, '"');
	out_json_escape(b, s, len);
	sbuf_addc(b, '"');
}

/*
 * The data as fields a, b and c (cut at its first and second 0xff byte;
 * c unset when there is no second), one record in format f, against
 * the same record built with the escapers.
 */
static void
record(const char *d, size_t size, enum out_format f)
{
	struct out_opts o;
	struct out *w;
	struct sbuf want = { 0 };
	const char *p1, *p2 = NULL;
	size_t l1, l2 = 0, l3 = 0;
	char *got = NULL;
	size_t gotlen = 0;
	FILE *fp;

	p1 = memchr(d, 0xff, size);
	l1 = p1 ? (size_t)(p1 - d) : size;
	if (p1 != NULL) {
		p1++;
		p2 = memchr(p1, 0xff, size - l1 - 1);
		l2 = p2 ? (size_t)(p2 - p1) : size - l1 - 1;
		if (p2 != NULL) {
			p2++;
			l3 = size - l1 - l2 - 2;
		}
	}
	if ((fp = open_memstream(&got, &gotlen)) == NULL)
		return;
	out_opts_init(&o, NULL);
	o.format = f;
	o.header = false;
	o.summary = 0;
	if ((w = out_open(fp, &o, cols, 4)) == NULL) {
		fclose(fp);
		free(got);
		return;
	}
	out_strn(w, 0, d, l1);
	out_int(w, 1, -42);
	out_strn(w, 2, p1, l2);
	out_strn(w, 3, p2, l3);
	if (out_end(w) == -1)
		abort();
	out_close(w);
	fclose(fp);
	if (f == OUT_TSV) {
		out_tsv_escape(&want, d, l1);
		sbuf_adds(&want, "\t-42\t");
		out_tsv_escape(&want, p1 ? p1 : "", l2);
		sbuf_addc(&want, '\t');
		if (p2 != NULL)
			out_tsv_escape(&want, p2, l3);
		sbuf_addc(&want, '\n');
	} else {
		sbuf_adds(&want, "{\"a\":\"");
		out_json_escape(&want, d, l1);
		sbuf_adds(&want, "\",\"n\":-42,\"b\":");
		json_value(&want, p1, l2);
		sbuf_adds(&want, ",\"c\":");
		json_value(&want, p2, l3);
		sbuf_adds(&want, "}\n");
	}
	if (gotlen != want.len || (gotlen > 0 && memcmp(got, want.s,
	    gotlen) != 0))
		abort();
	sbuf_free(&want);
	free(got);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sbuf b = { 0 };

	out_tsv_escape(&b, (const char *)data, size);
	check(&b, 0);
	sbuf_reset(&b);
	out_json_escape(&b, (const char *)data, size);
	check(&b, 0);
	sbuf_reset(&b);
	out_text_escape(&b, (const char *)data, size);
	check(&b, 1);
	sbuf_free(&b);
	record((const char *)data, size, OUT_TSV);
	record((const char *)data, size, OUT_JSON);
	return 0;
}
