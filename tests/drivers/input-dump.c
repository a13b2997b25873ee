/*
 * input-dump: a test driver for lib/core/input and lib/core/out.  For each message
 * of the operands, one record: source, msgno, envelope, error, the
 * Subject (decoded), the number of header lines and the size in bytes.
 * INPUT_DUMP_RAW=1 in the environment: no GMime parse (raw_only), the
 * size only; INPUT_DUMP_MAX=N: the size cap of a message (max_size).
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>

#include "common/driver.h"
#include "core/cli.h"
#include "core/input.h"
#include "core/out.h"

static const struct out_col cols[] = {
	{ "source", OUT_STR }, { "msgno", OUT_INT }, { "envelope", OUT_STR },
	{ "error", OUT_STR }, { "subject", OUT_STR }, { "headers", OUT_INT },
	{ "bytes", OUT_INT }
};

int
main(int argc, char *argv[])
{
	struct input_opts io = { .stdin_if_empty = true };
	struct out_opts oo;
	struct derr e;
	struct cli_progress *prog;
	struct input *in;
	struct out *out;
	struct msg *m;
	long long done, total;
	size_t len;
	long n = 0;
	int i, r;

	io.raw_only = getenv("INPUT_DUMP_RAW") != NULL;
	if (getenv("INPUT_DUMP_MAX") != NULL)
		io.max_size = strtoul(getenv("INPUT_DUMP_MAX"), NULL, 10);
	i = drv_out_opts(argc, argv, "h", &oo,
	    "input-dump [--json] [file ...]");
	argc -= i;
	argv += i;
	if ((out = out_open(stdout, &oo, cols, nitems(cols))) == NULL ||
	    (in = input_open(argc, argv, &io)) == NULL)
		err(2, "out of memory");
	prog = cli_progress_start(&oo, "messages");
	while ((r = input_next(in, &m, &e)) != 0) {
		input_position(in, &done, &total);
		cli_progress_tick(prog, ++n, done, total);
		if (r == -1) {
			warnx("%s: %s", e.where, e.what);
			continue;
		}
		out_str(out, 0, m->source);
		out_int(out, 1, m->msgno);
		out_str(out, 2, m->envelope);
		out_str(out, 3, m->error);
		if (m->mime != NULL) {
			out_str(out, 4, g_mime_message_get_subject(m->mime));
			out_int(out, 5, g_mime_header_list_get_count(
			    g_mime_object_get_header_list(
			    GMIME_OBJECT(m->mime))));
		}
		if (m->mime != NULL || io.raw_only) {
			input_msg_raw(in, m, &len);
			out_int(out, 6, (long long)len);
		}
		out_end(out);
	}
	cli_progress_end(prog);
	r = input_errors(in);
	input_close(in);
	if (out_close(out) == -1 || r > 0)
		return 2;
	return 0;
}
