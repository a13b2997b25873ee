/*
 * Fuzz lib/auth/dmarc's record parser: arbitrary bytes (up to the first NUL)
 * as the TXT record of _dmarc.mail.example.co.uk, with a small public
 * suffix list so that the external-destination rules are exercised.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth/dmarc.h"
#include "common.h"

static struct orgdom	*od;

static void
done(void)
{
	orgdom_free(od);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char path[] = "/tmp/fuzz_dmarc.XXXXXX";
	static const char psl[] = "com\nuk\nco.uk\n*.ck\n!www.ck\n";
	struct derr e;

	(void)argc;
	(void)argv;
	fuzz_tmpfile(path, psl, sizeof(psl) - 1);
	od = orgdom_load(path, &e);
	unlink(path);
	if (od == NULL)
		fuzz_abort(&e);
	atexit(done);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dmarc_record r;
	char text[4097];

	if (fuzz_cstr(text, sizeof(text), data, size) == NULL)
		return 0;
	memset(&r, 0, sizeof(r));
	dmarc_parse(text, "mail.example.co.uk", od, &r);
	if (r.n > DMARC_MAX_FINDINGS || r.nuri > DMARC_MAX_URIS)
		abort();
	return 0;
}
