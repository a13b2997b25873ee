/*
 * Fuzz lib/bounce/bounce: arbitrary bytes as a file of messages (read by
 * lib/core/input as deliv-bounce-classify reads its operands, lean), each message
 * classified with the phrase lists of the source tree (phrases/, or
 * DELIV_PHRASES), loaded once.
 */
#include <stdint.h>
#include <stdlib.h>

#include "bounce/bounce.h"
#include "common.h"
#include "core/input.h"

static struct bounce	*b;

static void
done(void)
{
	bounce_free(b);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir, *data;
	char buf[512], dbuf[512];
	struct derr e;

	(void)argc;
	fuzz_gmime_init();
	dir = fuzz_tree_dir("DELIV_PHRASES", (*argv)[0], "phrases", buf,
	    sizeof(buf));
	data = fuzz_tree_dir("DELIV_DATA", (*argv)[0], "data", dbuf,
	    sizeof(dbuf));
	if ((b = bounce_new(dir, data, &e)) == NULL)
		fuzz_abort(&e);
	atexit(done);
	return 0;
}

static int
count(void *arg, const struct bounce_rcpt *r)
{
	(void)r;
	(*(size_t *)arg)++;
	return 0;
}

static void
classify(struct input *in, struct msg *m, void *arg)
{
	struct derr e;
	size_t n = 0;

	(void)in;
	(void)arg;
	(void)bounce_classify(b, m->mime, m->error, count, &n, &e);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input_opts io = { .lean_headers = true };

	fuzz_messages_opts(data, size, &io, classify, NULL);
	return 0;
}
