/*
 * Fuzz lib/core/out: arbitrary bytes as fields of TSV and JSON records.  The
 * TSV line must keep its column count and the JSON must stay one line.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "core/out.h"
#include "core/util.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sbuf b = { 0 };
	size_t i, tabs = 0, nl = 0;

	out_tsv_escape(&b, (const char *)data, size);
	for (i = 0; i < b.len; i++) {
		tabs += b.s[i] == '\t';
		nl += b.s[i] == '\n' || b.s[i] == '\r';
	}
	if (tabs != 0 || nl != 0)
		abort();
	sbuf_reset(&b);
	out_json_escape(&b, (const char *)data, size);
	for (i = 0; i < b.len; i++)
		if ((unsigned char)b.s[i] < 0x20)
			abort();
	sbuf_free(&b);
	return 0;
}
