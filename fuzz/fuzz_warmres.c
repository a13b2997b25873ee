/*
 * Fuzz lib/warmres: arbitrary bytes as deliv-warmup-plan's --results
 * input (any recognised format: bounce-classify TSV or JSON Lines,
 * counts TSV, ...), with the provider table of the source tree's data/
 * (or DELIV_DATA); the same bytes are also read as a --mix-from list.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "provider.h"
#include "warmmix.h"
#include "warmres.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct prov_table	*pt;

static void
done(void)
{
	prov_free(pt);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir;
	char path[512];
	struct derr e;

	(void)argc;
	(void)argv;
	if ((dir = getenv("DELIV_DATA")) == NULL)
		dir = "data";
	snprintf(path, sizeof(path), "%s/providers.tsv", dir);
	if ((pt = prov_load(path, &e)) == NULL) {
		fprintf(stderr, "fuzz_warmres: %s: %s\n", e.where, e.what);
		abort();
	}
	atexit(done);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct warm_mix mix = { 0 };
	struct wres *w;
	struct derr e;
	FILE *fp;
	size_t i;

	if (size == 0)
		return 0;
	if ((w = wres_new()) == NULL)
		return 0;
	if ((fp = fmemopen((void *)(uintptr_t)data, size, "r")) != NULL) {
		if (wres_read(w, fp, "fuzz", pt, &e) >= 0) {
			for (i = 0; i < wres_n(w); i++)
				(void)wres_entry(w, i);
			(void)wres_first_day(w);
		}
		fclose(fp);
	}
	wres_free(w);
	if ((fp = fmemopen((void *)(uintptr_t)data, size, "r")) != NULL) {
		(void)wres_count_recipients(fp, "fuzz", pt, &mix, &e);
		fclose(fp);
	}
	return 0;
}
