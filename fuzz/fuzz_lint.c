/*
 * Fuzz lib/lint/lint: arbitrary bytes as a file of messages (read by
 * lib/core/input as deliv-lint reads its operands), each message checked, as
 * a bulk and as a personal message, with the phrase lists and the check
 * weights of the source tree (phrases/ or DELIV_PHRASES, data/ or
 * DELIV_DATA), loaded once, and no Public Suffix List.
 */
#include <sys/mman.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/input.h"
#include "lint/lint.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct lint	*l;

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
	g_mime_init();
	if ((conf.phrases = getenv("DELIV_PHRASES")) == NULL)
		conf.phrases = tree_dir((*argv)[0], "phrases", buf,
		    sizeof(buf));
	if ((data = getenv("DELIV_DATA")) == NULL)
		data = tree_dir((*argv)[0], "data", dbuf, sizeof(dbuf));
	snprintf(weights, sizeof(weights), "%s/lint-weights.tsv", data);
	conf.weights = weights;
	if ((l = lint_new(&conf, &e)) == NULL) {
		fprintf(stderr, "fuzz_lint: %s: %s\n", e.where, e.what);
		abort();
	}
	atexit(done);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input_opts io = { .stdin_if_empty = false };
	struct lint_result res = { 0 };
	struct input *in;
	struct derr e;
	struct msg *m;
	const char *raw;
	char path[64];
	char *argv[1];
	size_t rawlen;
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
