/*
 * Fuzz the --filter input of deliv-bounce-classify (lib/bounce/suppress):
 * arbitrary bytes as a list of addresses (RFC 5322 address text parsed by
 * GMime, tabs, NULs, comments), looked up in a small read-only
 * suppression list made at start, the records written as TSV to
 * /dev/null; each line is also parsed alone by bounce_filter_addr().
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"
#include "bounce/suppress.h"
#include "core/out.h"
#include "core/store.h"

static struct store	*db;
static FILE		*sink;
static char		 dbpath[] = "/tmp/fuzz_filter.XXXXXX";

static void
done(void)
{
	store_close(db, NULL);
	if (sink != NULL)
		fclose(sink);
	unlink(dbpath);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char *const rcpt[] = { "a@example.net",
	    "b@example.com", "c@example.org" };
	struct store_event ev = { 0 };
	struct store *w;
	struct derr e;
	size_t i;

	(void)argc;
	(void)argv;
	fuzz_gmime_init();
	fuzz_tmpfile(dbpath, "", 0);
	if ((w = store_open(dbpath, 0, &e)) == NULL ||
	    store_begin(w, &e) == -1)
		fuzz_abort(&e);
	for (i = 0; i < sizeof(rcpt) / sizeof(rcpt[0]); i++) {
		ev.recipient = rcpt[i];
		ev.ts = 1794820321;
		ev.kind = i == 0 ? "hard" : "soft";
		if (store_add(w, &ev, &e) == -1)
			fuzz_abort(&e);
	}
	if (store_commit(w, &e) == -1 || store_close(w, &e) == -1)
		fuzz_abort(&e);
	if ((db = store_open(dbpath, STORE_RDONLY, &e)) == NULL)
		fuzz_abort(&e);
	if ((sink = fopen("/dev/null", "w")) == NULL)
		abort();
	atexit(done);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct out_col *cols;
	struct store_policy pol = { 0, 1, 7 };
	struct out_opts oo;
	struct out *o;
	struct derr e;
	char path[64], *argv[1], *a;
	const uint8_t *p, *nl;
	size_t ncols;
	int fd;

	cols = bounce_filter_cols(&ncols);
	out_opts_init(&oo, NULL);
	if ((fd = fuzz_memfd(data, size, path, sizeof(path))) == -1)
		return 0;
	argv[0] = path;
	if ((o = out_open(sink, &oo, cols, ncols)) != NULL) {
		(void)bounce_filter_files(db, 1, argv, 1794873600, &pol, o, &e);
		out_close(o);
	}
	close(fd);
	for (p = data; p < data + size; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(data + size - p))) == NULL)
			nl = data + size;
		if ((a = bounce_filter_addr((const char *)p, (size_t)(nl - p),
		    &e)) != NULL)
			free(a);
	}
	return 0;
}
