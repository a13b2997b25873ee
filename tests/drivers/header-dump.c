/*
 * header-dump: a test driver for the lean parse of lib/core/input and
 * lib/mail/lean (input_opts.lean_headers, core/headblock).  For each
 * message of the operands, one record of what the tools read of its
 * own header through lib/mail: Subject, Message-Id and Date as
 * mail_message_*() give them, From and To as strings, every header name
 * (mail_header_names(), joined by spaces) and the values of a few
 * fields (mail_header()), and whether the message was parsed lean.
 * HEADER_DUMP_LEAN=1 in the environment parses lean; the records must
 * be the same either way but for the last column.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/driver.h"
#include "core/headblock.h"
#include "core/input.h"
#include "core/out.h"
#include "core/util.h"
#include "mail/message.h"

static const struct out_col cols[] = {
	{ "msgno", OUT_INT }, { "error", OUT_STR }, { "subject", OUT_STR },
	{ "message_id", OUT_STR }, { "date", OUT_INT }, { "from", OUT_STR },
	{ "to", OUT_STR }, { "names", OUT_STR }, { "received", OUT_STR },
	{ "x_failed_recipients", OUT_STR }, { "content_type", OUT_STR },
	{ "lean", OUT_INT }
};

/* A list as a string ("" for an empty one). */
static void
addrs(struct out *out, size_t col, InternetAddressList *l)
{
	char *s = l != NULL ? internet_address_list_to_string(l, NULL,
	    FALSE) : NULL;

	out_str(out, col, s != NULL ? s : "");
	g_free(s);
}

int
main(int argc, char *argv[])
{
	struct input_opts io = { .stdin_if_empty = true };
	struct out_opts oo;
	struct sbuf names = { 0 };
	struct derr e;
	struct input *in;
	struct out *out;
	struct msg *m;
	GDateTime *dt;
	char *p;
	int i, r;

	io.lean_headers = getenv("HEADER_DUMP_LEAN") != NULL;
	i = drv_out_opts(argc, argv, "h", &oo,
	    "header-dump [--json] [file ...]");
	argc -= i;
	argv += i;
	if ((out = out_open(stdout, &oo, cols, nitems(cols))) == NULL ||
	    (in = input_open(argc, argv, &io)) == NULL)
		err(2, "out of memory");
	while ((r = input_next(in, &m, &e)) != 0) {
		if (r == -1) {
			warnx("%s: %s", e.where, e.what);
			continue;
		}
		out_int(out, 0, m->msgno);
		out_str(out, 1, m->error);
		if (m->mime != NULL) {
			GMimeObject *o = GMIME_OBJECT(m->mime);

			out_str(out, 2, mail_message_subject(m->mime));
			out_str(out, 3, mail_message_id(m->mime));
			if ((dt = mail_message_date(m->mime)) != NULL)
				out_int(out, 4, g_date_time_to_unix(dt));
			addrs(out, 5, mail_message_from(m->mime));
			addrs(out, 6, mail_message_to(m->mime));
			sbuf_reset(&names);
			if (mail_header_names(o, &names) == -1)
				err(2, "out of memory");
			for (p = names.s; p != NULL && *p != '\0'; p++)
				if (*p == '\n')
					*p = ' ';
			out_str(out, 7, names.s);
			out_str(out, 8, mail_header(o, "Received"));
			out_str(out, 9, mail_header(o, "X-Failed-Recipients"));
			out_str(out, 10, mail_header(o, "Content-Type"));
			out_int(out, 11, headblock_of(m->mime) != NULL);
		}
		out_end(out);
	}
	sbuf_free(&names);
	r = input_errors(in);
	input_close(in);
	if (out_close(out) == -1 || r > 0)
		return 2;
	return 0;
}
