/*
 * Fuzz lib/bounce/bounce: arbitrary bytes as a file of messages (read by
 * lib/core/input as deliv-bounce-classify reads its operands), each message
 * classified with the phrase lists of the source tree (phrases/, or
 * DELIV_PHRASES), loaded once.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

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
	const char *dir;
	char buf[512];
	struct derr e;

	(void)argc;
	fuzz_gmime_init();
	dir = fuzz_tree_dir("DELIV_PHRASES", (*argv)[0], "phrases", buf,
	    sizeof(buf));
	if ((b = bounce_new(dir, &e)) == NULL) {
		fprintf(stderr, "fuzz_bounce: %s: %s\n", e.where, e.what);
		abort();
	}
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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input *in;
	struct derr e;
	struct msg *m;
	size_t n;
	int fd, r;

	if ((in = fuzz_input(data, size, &fd)) == NULL)
		return 0;
	while ((r = input_next(in, &m, &e)) != 0) {
		if (r == -1)
			continue;
		n = 0;
		(void)bounce_classify(b, m->mime, m->error, count, &n, &e);
	}
	input_close(in);
	close(fd);
	return 0;
}
