/*
 * Fuzz lib/dnscheck/bimi's record parser: arbitrary bytes (up to the
 * first NUL) as the TXT record at default._bimi.DOMAIN.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "dnscheck/bimi.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bimi_record b;
	char text[4097];

	if (fuzz_cstr(text, sizeof(text), data, size) == NULL)
		return 0;
	bimi_parse(text, &b);
	if (b.n > BIMI_MAX_FINDINGS || strlen(b.l) >= sizeof(b.l) ||
	    strlen(b.a) >= sizeof(b.a) || (b.declined && !b.valid))
		abort();
	return 0;
}
