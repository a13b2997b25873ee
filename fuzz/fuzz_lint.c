/*
 * Fuzz lib/lint/lint: arbitrary bytes as a file of messages (read by
 * lib/core/input as deliv-lint reads its operands), each message checked, as
 * a bulk and as a personal message, with the phrase lists of the source
 * tree (phrases/, or DELIV_PHRASES), loaded once.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

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
	if ((l = lint_new(dir, &e)) == NULL)
		fuzz_abort(&e);
	atexit(done);
	return 0;
}

static void
check(struct input *in, struct msg *m, void *arg)
{
	struct lint_result *res = arg;
	struct derr e;
	const char *raw;
	size_t rawlen;

	raw = input_msg_raw(in, m, &rawlen);
	(void)lint_message(l, m->mime, m->error, raw, rawlen, true, res, &e);
	(void)lint_message(l, m->mime, m->error, raw, rawlen, false, res, &e);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lint_result res = { 0 };

	fuzz_messages(data, size, check, &res);
	lint_result_free(&res);
	return 0;
}
