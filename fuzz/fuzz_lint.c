/*
 * Fuzz lib/lint/lint: arbitrary bytes as a file of messages (read by
 * lib/core/input as deliv-lint reads its operands), each message checked, as
 * a bulk and as a personal message, with the phrase lists of the source
 * tree (phrases/, or DELIV_PHRASES), loaded once.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "common.h"
#include "core/input.h"
#include "lint/lint.h"

static struct lint	*l;

static void
done(void)
{
	lint_free(l);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir;
	char buf[512];
	struct derr e;

	(void)argc;
	fuzz_gmime_init();
	dir = fuzz_tree_dir("DELIV_PHRASES", (*argv)[0], "phrases", buf,
	    sizeof(buf));
	if ((l = lint_new(dir, &e)) == NULL) {
		fprintf(stderr, "fuzz_lint: %s: %s\n", e.where, e.what);
		abort();
	}
	atexit(done);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lint_result res = { 0 };
	struct input *in;
	struct derr e;
	struct msg *m;
	const char *raw;
	size_t rawlen;
	int fd, r;

	if ((in = fuzz_input(data, size, &fd)) == NULL)
		return 0;
	while ((r = input_next(in, &m, &e)) != 0) {
		if (r == -1)
			continue;
		raw = input_msg_raw(in, m, &rawlen);
		(void)lint_message(l, m->mime, m->error, raw, rawlen, true,
		    &res, &e);
		(void)lint_message(l, m->mime, m->error, raw, rawlen, false,
		    &res, &e);
	}
	lint_result_free(&res);
	input_close(in);
	close(fd);
	return 0;
}
