/*
 * Fuzz lib/core/input: arbitrary bytes as a file (mbox or message, any line
 * endings), every message parsed by GMime and its raw bytes read back.
 */
#include <sys/mman.h>

#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "core/input.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Hold GMime initialised: it cannot be initialised again once shut down. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	g_mime_init();
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
	size_t len;
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
		(void)input_msg_raw(in, m, &len);
		if (m->mime != NULL)
			(void)g_mime_message_get_subject(m->mime);
	}
	input_close(in);
	close(fd);
	return 0;
}
