/*
 * Fuzz lib/warmup/results: arbitrary bytes as deliv-warmup-plan's --results
 * input (any recognised format: bounce-classify TSV or JSON Lines,
 * counts TSV, ...), with the provider table of the source tree's data/
 * (or DELIV_DATA); the same bytes are also read as a --mix-from list
 * and through lib/core/tsv with a header, trimmed and unescaped, as the
 * warm-up readers use it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "common.h"
#include "core/tsv.h"
#include "warmup/mix.h"
#include "warmup/provider.h"
#include "warmup/results.h"

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
	char buf[512], path[600];
	struct derr e;

	(void)argc;
	dir = fuzz_tree_dir("DELIV_DATA", (*argv)[0], "data", buf, sizeof(buf));
	snprintf(path, sizeof(path), "%s/providers.tsv", dir);
	if ((pt = prov_load(path, &e)) == NULL)
		fuzz_abort(&e);
	atexit(done);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct warm_mix mix = { 0 };
	struct warm_results *w;
	struct derr e;
	FILE *fp;
	size_t n;

	if (size == 0)
		return 0;
	if ((w = warm_results_new()) == NULL)
		return 0;
	if ((fp = fmemopen((void *)(uintptr_t)data, size, "r")) != NULL) {
		if (warm_results_read(w, fp, "fuzz", pt, &e) >= 0) {
			(void)warm_results_entries(w, &n);
			(void)warm_results_first_day(w);
		}
		fclose(fp);
	}
	warm_results_free(w);
	if ((fp = fmemopen((void *)(uintptr_t)data, size, "r")) != NULL) {
		(void)warm_results_count_recipients(fp, "fuzz", pt, &mix, &e);
		fclose(fp);
	}
	if ((fp = fmemopen((void *)(uintptr_t)data, size, "r")) != NULL) {
		static const struct tsv_opts o = { .flags = TSV_HEADER |
		    TSV_TRIM | TSV_UNESCAPE | TSV_REST, .max_fields = 8,
		    .max_line = 4096, .max_rows = 1000 };
		struct tsv_row r;
		struct tsv *t;

		if ((t = tsv_stream(fp, "fuzz", &o, &e)) != NULL) {
			while (tsv_next(t, &r, &e) == 1)
				(void)tsv_get(t, &r, "recipient");
			tsv_close(t);
		}
		fclose(fp);
	}
	return 0;
}
