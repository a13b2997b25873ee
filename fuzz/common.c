/*
 * The fuzz targets' shared helpers; see common.h.
 */
#include <sys/mman.h>

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"
#include "core/deliv.h"
#include "core/input.h"

char *
fuzz_cstr(char *buf, size_t len, const uint8_t *data, size_t size)
{
	if (size >= len)
		return NULL;
	memcpy(buf, data, size);
	buf[size] = '\0';
	return buf;
}

int
fuzz_memfd(const uint8_t *data, size_t size, char *path, size_t len)
{
	int fd;

	if ((fd = memfd_create("fuzz", 0)) == -1)
		return -1;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return -1;
	}
	snprintf(path, len, "/proc/self/fd/%d", fd);
	return fd;
}

void
fuzz_messages(const uint8_t *data, size_t size,
    void (*fn)(struct input *in, struct msg *m, void *arg), void *arg)
{
	struct input_opts io = { .stdin_if_empty = false };

	fuzz_messages_opts(data, size, &io, fn, arg);
}

void
fuzz_messages_opts(const uint8_t *data, size_t size,
    const struct input_opts *io,
    void (*fn)(struct input *in, struct msg *m, void *arg), void *arg)
{
	struct input *in;
	struct derr e;
	struct msg *m;
	char path[64];
	char *argv[1];
	int fd, r;

	if ((fd = fuzz_memfd(data, size, path, sizeof(path))) == -1)
		return;
	argv[0] = path;
	if ((in = input_open(1, argv, io)) != NULL) {
		while ((r = input_next(in, &m, &e)) != 0)
			if (r == 1)
				fn(in, m, arg);
		input_close(in);
	}
	close(fd);
}

void
fuzz_tmpfile(char *path, const char *text, size_t len)
{
	int fd;

	if ((fd = mkstemp(path)) == -1)
		abort();
	if (write(fd, text, len) != (ssize_t)len)
		abort();
	close(fd);
}

const char *
fuzz_tree_dir(const char *env, const char *argv0, const char *dir,
    char *buf, size_t len)
{
	const char *v, *slash;

	if ((v = getenv(env)) != NULL)
		return v;
	if (access(dir, R_OK) == 0 || (slash = strrchr(argv0, '/')) == NULL)
		return dir;
	snprintf(buf, len, "%.*s/../%s", (int)(slash - argv0), argv0, dir);
	return buf;
}

void
fuzz_abort(const struct derr *e)
{
	fprintf(stderr, "%s: %s: %s\n", program_invocation_short_name,
	    e->where, e->what);
	abort();
}

void
fuzz_gmime_init(void)
{
	static bool done;

	if (!done)
		g_mime_init();
	done = true;
}

/*
 * The initializer of a target that defines none: GMime started, as the
 * mail targets need (a target's own LLVMFuzzerInitialize replaces it).
 */
__attribute__((weak)) int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_gmime_init();
	return 0;
}
