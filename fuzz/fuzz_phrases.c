/*
 * Fuzz lib/core/phrases: the first half of the input as a phrase file, the
 * second half as text to match.
 */
#include <stdint.h>
#include <stdio.h>

#include "common.h"
#include "core/phrases.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct phr_hit hit;
	struct derr e;
	struct phr *p;
	size_t half = size / 2, start = 0;
	int r;

	if ((p = phr_load_mem((const char *)data, half, "fuzz.txt", &e)) ==
	    NULL)
		return 0;
	while ((r = phr_match(p, (const char *)data + half, size - half,
	    start, &hit, &e)) == 1) {
		if (hit.end > size - half || hit.start > hit.end)
			__builtin_trap();
		start = hit.end > start ? hit.end : start + 1;
	}
	phr_free(p);
	return 0;
}
