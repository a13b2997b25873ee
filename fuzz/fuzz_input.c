/*
 * Fuzz lib/core/input: arbitrary bytes as a file (mbox or message, any line
 * endings, gzip, xz or bzip2), every message parsed by GMime and its raw
 * bytes read back; then again with a small size cap (--max-size), which
 * must hand out every message over it with no bytes; and the lean parse
 * (input_opts.lean_headers) against the whole one: the header fields
 * lib/mail reads of each message must be the same.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"
#include "core/input.h"
#include "core/util.h"
#include "mail/message.h"

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

/* What lib/mail reads of m's own header, as one string, into b. */
static void
fields(struct msg *m, struct sbuf *b)
{
	static const char *const names[] = { "Received", "From", "Subject",
	    "X-Failed-Recipients", "Content-Type", "Auto-Submitted" };
	GMimeObject *o;
	GDateTime *dt;
	char *s;
	size_t i;

	sbuf_reset(b);
	if (m->mime == NULL) {
		(void)sbuf_printf(b, "-%s", m->error ? m->error : "");
		return;
	}
	o = GMIME_OBJECT(m->mime);
	(void)sbuf_printf(b, "%s|%s|", mail_message_subject(m->mime) ?
	    mail_message_subject(m->mime) : "-", mail_message_id(m->mime) ?
	    mail_message_id(m->mime) : "-");
	if ((dt = mail_message_date(m->mime)) != NULL)
		(void)sbuf_printf(b, "%lld", (long long)g_date_time_to_unix(dt));
	s = internet_address_list_to_string(mail_message_from(m->mime), NULL,
	    FALSE);
	(void)sbuf_printf(b, "|%s|", s ? s : "");
	g_free(s);
	s = internet_address_list_to_string(mail_message_to(m->mime), NULL,
	    FALSE);
	(void)sbuf_printf(b, "%s|", s ? s : "");
	g_free(s);
	(void)mail_header_names(o, b);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		(void)sbuf_printf(b, "|%s", mail_header(o, names[i]) ?
		    mail_header(o, names[i]) : "-");
}

/* The lean and the whole parse of data, message by message. */
static void
lean_agrees(const uint8_t *data, size_t size)
{
	struct input_opts wo = { .max_size = 0 }, lo = { .lean_headers = true };
	struct input *w, *l;
	struct sbuf a = { 0 }, b = { 0 };
	struct derr e;
	struct msg *mw, *ml;
	char path[64], *argv[1];
	int fd, rw, rl;

	if ((fd = fuzz_memfd(data, size, path, sizeof(path))) == -1)
		return;
	argv[0] = path;
	w = input_open(1, argv, &wo);
	l = input_open(1, argv, &lo);
	while (w != NULL && l != NULL) {
		rw = input_next(w, &mw, &e);
		rl = input_next(l, &ml, &e);
		if (rw != rl)
			abort();
		if (rw == 0)
			break;
		if (rw != 1)
			continue;
		fields(mw, &a);
		fields(ml, &b);
		if (a.len != b.len || (a.len > 0 && memcmp(a.s, b.s, a.len) != 0))
			abort();
	}
	input_close(w);
	input_close(l);
	sbuf_free(&a);
	sbuf_free(&b);
	close(fd);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_messages(data, size, read_back, NULL);
	capped(data, size, 512);
	lean_agrees(data, size);
	return 0;
}
