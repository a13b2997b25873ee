/*
 * Fuzz lib/bounce/bounce: arbitrary bytes as a file of messages (read by
 * lib/core/input as deliv-bounce-classify reads its operands), each message
 * classified with the phrase lists of the source tree (phrases/, or
 * DELIV_PHRASES), loaded once.
 */
#include <sys/mman.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bounce/bounce.h"
#include "core/input.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct bounce	*b;

/*
 * dir of the source tree: from the working directory (fuzz/run runs from
 * the top), else beside the executable's folder (build-fuzz/../dir).
 */
static const char *
tree_dir(const char *argv0, const char *dir, char *buf, size_t len)
{
	const char *slash;

	if (access(dir, R_OK) == 0 || (slash = strrchr(argv0, '/')) == NULL)
		return dir;
	snprintf(buf, len, "%.*s/../%s", (int)(slash - argv0), argv0, dir);
	return buf;
}

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
	g_mime_init();
	if ((dir = getenv("DELIV_PHRASES")) == NULL)
		dir = tree_dir((*argv)[0], "phrases", buf, sizeof(buf));
	if ((data = getenv("DELIV_DATA")) == NULL)
		data = tree_dir((*argv)[0], "data", dbuf, sizeof(dbuf));
	if ((b = bounce_new(dir, data, &e)) == NULL) {
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
