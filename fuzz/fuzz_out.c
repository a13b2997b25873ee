/*
 * Fuzz lib/core/out: arbitrary bytes as fields of TSV and JSON records and
 * table cells.  No escaper may let a control character through: no C0
 * byte (so no tab or newline to forge a column or a record), no DEL, no
 * C1 (U+0080-U+009F in UTF-8); the text escaper (tables) no bidi control
 * either.
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
	return 0;
}
