/*
 * Fuzz lib/lint/lint: arbitrary bytes as a file of messages (read by
 * lib/core/input as deliv-lint reads its operands), each message checked, as
 * a bulk and as a personal message, with the phrase lists and the check
 * weights of the source tree (phrases/ or DELIV_PHRASES, data/ or
 * DELIV_DATA), loaded once, and no Public Suffix List.
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
	struct lint_conf conf = { 0 };
	const char *data;
	char buf[512], dbuf[512], weights[600];
	struct derr e;

	(void)argc;
	fuzz_gmime_init();
	conf.phrases = fuzz_tree_dir("DELIV_PHRASES", (*argv)[0], "phrases",
	    buf, sizeof(buf));
	data = fuzz_tree_dir("DELIV_DATA", (*argv)[0], "data", dbuf,
	    sizeof(dbuf));
	snprintf(weights, sizeof(weights), "%s/lint-weights.tsv", data);
	conf.weights = weights;
	if ((l = lint_new(&conf, &e)) == NULL)
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
