/*
 * Fuzz lib/bounce: arbitrary bytes as a file of messages (read by
 * lib/input as deliv-bounce-classify reads its operands), each message
 * classified with the phrase lists of the source tree (phrases/, or
 * DELIV_PHRASES), loaded once.
 */
#include <sys/mman.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "bounce.h"
#include "input.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

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
	struct derr e;

	(void)argc;
	(void)argv;
	g_mime_init();
	if ((dir = getenv("DELIV_PHRASES")) == NULL)
		dir = "phrases";
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
	struct input_opts io = { .stdin_if_empty = false };
	struct input *in;
	struct derr e;
	struct msg *m;
	char path[64];
	char *argv[1];
	size_t n;
	int fd, r;

	if ((fd = memfd_create("fuzz", 0)) == -1)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	argv[0] = path;
	if ((in = input_open(1, argv, &io)) == NULL) {
		close(fd);
		return 0;
	}
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
