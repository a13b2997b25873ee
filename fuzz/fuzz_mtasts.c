/*
 * Fuzz lib/dnscheck/mtasts's policy parser (RFC 8461 3.2): arbitrary
 * bytes, NULs and CRs included, as a policy file; and its mx: patterns
 * matched against a host name.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "dnscheck/mtasts.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct mtasts_policy p;
	size_t i;

	mtasts_policy_parse((const char *)data, size, "fuzz", &p);
	if (p.nerr > MTASTS_MAX_ERRORS || p.nmx > MTASTS_MAX_MX ||
	    p.max_age > MTASTS_MAX_AGE)
		abort();
	for (i = 0; i < p.nmx; i++) {
		if (strlen(p.mx[i]) >= sizeof(p.mx[i]))
			abort();
		(void)mtasts_mx_match(p.mx[i], "mx1.example.com");
	}
	return 0;
}
