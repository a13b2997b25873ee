/*
 * Fuzz lib/auth/dkim's key-record check: arbitrary bytes (up to the first NUL)
 * as the TXT record of a DKIM selector: tags, key type, base64 public
 * key decoded and parsed by OpenSSL.
 */
#include <stdint.h>
#include <string.h>

#include "auth/dkim.h"
#include "common.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dkim_key k;
	char text[8193];
	char detail[256];

	if (fuzz_cstr(text, sizeof(text), data, size) == NULL)
		return 0;
	memset(&k, 0, sizeof(k));
	(void)dkim_key_check(text, &k, detail, sizeof(detail));
	return 0;
}
