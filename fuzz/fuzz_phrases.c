/*
 * Fuzz lib/core/phrases and lib/core/phrase_index: the first half of the
 * input as a phrase file, the second half as text to match; the index
 * must find the same hits as phr_match() (a phrase at a match error
 * aside: the index leaves it out and counts it).
 */
#include <stdint.h>
#include <stdio.h>

#include "common.h"
#include "core/phrase_index.h"
#include "core/phrases.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct phrase_index *ix;
	struct phr_hit hit, ih;
	struct derr e;
	struct phr *p;
	const char *t = (const char *)data + size / 2;
	size_t half = size / 2, n = size - half, start = 0;
	int r, ir;

	if ((p = phr_load_mem((const char *)data, half, "fuzz.txt", &e)) ==
	    NULL)
		return 0;
	if ((ix = phrase_index_new(p, &e)) == NULL ||
	    phrase_index_scan(ix, t, n, &e) == -1) {
		phrase_index_free(ix);
		phr_free(p);
		return 0;
	}
	for (;;) {
		r = phr_match(p, t, n, start, &hit, &e);
		ir = phrase_index_next(ix, 0, start, &ih, &e);
		if (r == -1 || phrase_index_errors(ix, NULL) > 0)
			break;
		if (r != ir || (r == 1 && (hit.line != ih.line ||
		    hit.start != ih.start || hit.end != ih.end)))
			__builtin_trap();
		if (r != 1)
			break;
		if (hit.end > n || hit.start > hit.end)
			__builtin_trap();
		start = hit.end > start ? hit.end : start + 1;
	}
	phrase_index_free(ix);
	phr_free(p);
	return 0;
}
