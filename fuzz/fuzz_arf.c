/*
 * Fuzz the complaint writer (lib/trace/arf) and the hop list it reads
 * (lib/trace/hops, mail/received's raw header split): the first 8 bytes
 * are the clock (any time_t, far outside 1970-9999 too), the next byte
 * picks ARF or text and the To: candidate's length, the rest is the
 * To: candidate and then a mailbox of messages with random headers.
 * Every message is traced; a complaint about its origin must be written
 * or refused with an error, never crash; a written one's own header
 * holds only the fields the writer sets, whatever the message said.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common.h"
#include "trace/arf.h"
#include "trace/hops.h"
#include "trace/trust.h"

struct fz {
	struct rcvd_parser	*p;
	struct trust_cfg	 cfg;
	time_t			 now;
	int			 kind;
	const char		*to;
};

/* The complaint's own header: only the writer's fields (and folds). */
static void
check_header(const char *s, size_t n)
{
	static const char *const ok[] = { "Date:", "From:", "Subject:",
	    "To:", "MIME-Version:", "Content-Type:",
	    "Content-Transfer-Encoding:", NULL };
	const char *p = s, *end = s + n, *nl;
	size_t i;

	if (n >= 5 && strncmp(p, "From ", 5) == 0)
		p = memchr(p, '\n', n) ? (char *)memchr(p, '\n', n) + 1 : end;
	while (p < end && *p != '\n') {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (*p != ' ' && *p != '\t') {
			for (i = 0; ok[i] != NULL; i++)
				if (strncasecmp(p, ok[i], strlen(ok[i])) == 0)
					break;
			if (ok[i] == NULL)
				__builtin_trap();
		}
		p = nl != NULL ? nl + 1 : end;
	}
}

static void
one(struct input *in, struct msg *m, void *arg)
{
	struct fz *f = arg;
	struct trace t;
	struct abuse_info ai;
	struct derr e;
	const char *raw;
	char *buf = NULL, addr[256];
	size_t len, blen = 0;
	FILE *fp;
	int r;

	memset(&t, 0, sizeof(t));
	raw = input_msg_raw(in, m, &len);
	if (trace_message(&t, m->mime, len > 0 ? raw : NULL, len, f->p,
	    &f->cfg, trace_xorig_headers, f->now, &e) == -1)
		__builtin_trap();
	if (m->mime != NULL && t.origin >= 0 &&
	    (fp = open_memstream(&buf, &blen)) != NULL) {
		memset(&ai, 0, sizeof(ai));
		r = arf_write(fp, f->kind, m->mime, &t.hop[t.origin], &ai,
		    arf_addr_spec(f->to, addr, sizeof(addr)) == 0 ? addr :
		    NULL, "postmaster", f->now, ARF_MBOX_FIRST, &e);
		fclose(fp);
		if (r == 0 && !arf_time_ok(f->now))
			__builtin_trap();
		if (r == 0)
			check_header(buf, blen);
		free(buf);
	}
	trace_free(&t);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct rcvd_parser *p;
	struct fz f;
	struct derr e;
	int64_t clock;
	char to[64];
	size_t tl;

	if (size < 9)
		return 0;
	if (p == NULL && (p = rcvd_parser_new(&e)) == NULL)
		__builtin_trap();
	memcpy(&clock, data, 8);
	memset(&f, 0, sizeof(f));
	f.p = p;
	f.now = (time_t)clock;
	f.kind = data[8] & 1 ? ARF_ARF : ARF_TEXT;
	tl = (size_t)(data[8] >> 1) % sizeof(to);
	data += 9;
	size -= 9;
	if (tl > size)
		tl = size;
	memcpy(to, data, tl);
	to[tl] = '\0';
	f.to = tl > 0 ? to : "abuse@example.net";
	data += tl;
	size -= tl;
	if ((f.cfg.trusted = netlist_new()) == NULL ||
	    (f.cfg.internal = netlist_new()) == NULL ||
	    (f.cfg.msa = netlist_new()) == NULL)
		__builtin_trap();
	fuzz_messages(data, size, one, &f);
	netlist_free(f.cfg.trusted);
	netlist_free(f.cfg.internal);
	netlist_free(f.cfg.msa);
	return 0;
}
