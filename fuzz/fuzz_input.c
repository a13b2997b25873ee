/*
 * Fuzz lib/core/input: arbitrary bytes as a file (mbox or message, any line
 * endings), every message parsed by GMime and its raw bytes read back.
 */
#include <stdint.h>

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

static void
read_back(struct input *in, struct msg *m, void *arg)
{
	size_t len;

	(void)arg;
	(void)input_msg_raw(in, m, &len);
	if (m->mime != NULL)
		(void)g_mime_message_get_subject(m->mime);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_messages(data, size, read_back, NULL);
	return 0;
}
