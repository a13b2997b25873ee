/*
 * Fuzz lib/core/input's raw path against GMime: arbitrary bytes as a
 * file, read once with every message parsed by GMime and once raw
 * (raw_only with raw_verify, as deliv-header-trace reads), must hand out
 * the same messages with the same bytes and the same error: a message
 * the raw path calls sound is one GMime parses.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"
#include "core/input.h"

#define MAX_MSGS	256

/* What a read of the file gives: per message, its error and bytes. */
struct seen {
	size_t		 n;
	bool		 has_error[MAX_MSGS];
	char		 error[MAX_MSGS][24];	/* its first bytes */
	size_t		 len[MAX_MSGS];
	uint32_t	 sum[MAX_MSGS];
};

static void
read_all(const char *path, bool raw, struct seen *s)
{
	struct input_opts io = { .raw_only = raw, .raw_verify = raw };
	char *argv[1] = { (char *)path };
	struct input *in;
	struct derr e;
	struct msg *m;
	const char *p;
	size_t len, i;
	uint32_t h;
	int r;

	memset(s, 0, sizeof(*s));
	if ((in = input_open(1, argv, &io)) == NULL)
		return;
	while ((r = input_next(in, &m, &e)) != 0 && s->n < MAX_MSGS) {
		if (r != 1)
			continue;
		p = input_msg_raw(in, m, &len);
		for (h = 2166136261u, i = 0; i < len; i++)
			h = (h ^ (unsigned char)p[i]) * 16777619u;
		if ((s->has_error[s->n] = m->error != NULL))
			snprintf(s->error[s->n], sizeof(s->error[0]), "%s",
			    m->error);
		s->len[s->n] = len;
		s->sum[s->n++] = h;
	}
	input_close(in);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct seen a, b;
	char path[64];
	size_t i;
	int fd;

	if ((fd = fuzz_memfd(data, size, path, sizeof(path))) == -1)
		return 0;
	read_all(path, false, &a);
	read_all(path, true, &b);
	close(fd);
	if (a.n != b.n)
		abort();
	for (i = 0; i < a.n; i++)
		if (a.has_error[i] != b.has_error[i] ||
		    strcmp(a.error[i], b.error[i]) != 0 ||
		    a.len[i] != b.len[i] || a.sum[i] != b.sum[i])
			abort();
	return 0;
}
