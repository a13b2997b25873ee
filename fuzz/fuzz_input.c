/*
 * Fuzz lib/core/input: arbitrary bytes as a file (mbox or message, any line
 * endings), every message parsed by GMime and its raw bytes read back.
 */
#include <stdint.h>
#include <unistd.h>

#include "common.h"
#include "core/input.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_gmime_init();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input *in;
	struct derr e;
	struct msg *m;
	size_t len;
	int fd, r;

	if ((in = fuzz_input(data, size, &fd)) == NULL)
		return 0;
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
