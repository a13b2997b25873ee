/*
 * Fuzz lib/core/input: arbitrary bytes as a file (mbox or message, any line
 * endings, gzip, xz or bzip2), every message parsed by GMime and its raw
 * bytes read back; then again with a small size cap (--max-size), which
 * must hand out every message over it with no bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "common.h"
#include "core/input.h"

static void
read_back(struct input *in, struct msg *m, void *arg)
{
	size_t len;

	(void)arg;
	(void)input_msg_raw(in, m, &len);
	if (m->mime != NULL)
		(void)g_mime_message_get_subject(m->mime);
}

/* Every message with the cap at max bytes. */
static void
capped(const uint8_t *data, size_t size, size_t max)
{
	struct input_opts io = { .max_size = max };
	struct input *in;
	struct derr e;
	struct msg *m;
	char path[64], *argv[1];
	size_t len;
	int fd, r;

	if ((fd = fuzz_memfd(data, size, path, sizeof(path))) == -1)
		return;
	argv[0] = path;
	if ((in = input_open(1, argv, &io)) != NULL) {
		while ((r = input_next(in, &m, &e)) != 0) {
			if (r != 1)
				continue;
			(void)input_msg_raw(in, m, &len);
			if (len > max)
				abort();
		}
		input_close(in);
	}
	close(fd);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_messages(data, size, read_back, NULL);
	capped(data, size, 512);
	return 0;
}
