/*
 * The record of deliv-header-trace: its column order and its writers.
 * See trace/record.h.
 */
#include <stdio.h>
#include <string.h>

#include "core/deliv.h"
#include "core/util.h"
#include "mail/received.h"
#include "trace/arf.h"
#include "trace/record.h"

enum {
	C_SOURCE, C_MSGNO, C_RECORD, C_HOP, C_IP, C_RDNS, C_HELO, C_BY,
	C_IDENT, C_ENVFROM, C_QUEUE_ID, C_AUTH, C_FOR, C_WITH, C_TLS_VERSION,
	C_TLS_CIPHER, C_DATE, C_DELAY, C_TRUST, C_FLAGS, C_REGISTRY, C_ABUSE,
	C_NCOLS
};

/* The columns, in the order header-trace prints them. */
static const struct out_col cols[C_NCOLS] = {
	[C_SOURCE] = { "source", OUT_STR },
	[C_MSGNO] = { "msgno", OUT_INT },
	[C_RECORD] = { "record", OUT_STR },
	[C_HOP] = { "hop", OUT_INT },
	[C_IP] = { "ip", OUT_STR },
	[C_RDNS] = { "rdns", OUT_STR },
	[C_HELO] = { "helo", OUT_STR },
	[C_BY] = { "by", OUT_STR },
	[C_IDENT] = { "ident", OUT_STR },
	[C_ENVFROM] = { "envfrom", OUT_STR },
	[C_QUEUE_ID] = { "queue_id", OUT_STR },
	[C_AUTH] = { "auth", OUT_STR },
	[C_FOR] = { "for", OUT_STR },
	[C_WITH] = { "with", OUT_STR },
	[C_TLS_VERSION] = { "tls_version", OUT_STR },
	[C_TLS_CIPHER] = { "tls_cipher", OUT_STR },
	[C_DATE] = { "date", OUT_STR },
	[C_DELAY] = { "delay_s", OUT_INT },
	[C_TRUST] = { "trust", OUT_STR },
	[C_FLAGS] = { "flags", OUT_STR },
	[C_REGISTRY] = { "registry", OUT_STR },
	[C_ABUSE] = { "abuse_contact", OUT_STR }
};

/* Which Received field fills which column. */
static const struct {
	size_t		 col;
	enum rcvd_field	 field;
} hop_fields[] = {
	{ C_IP, RCVD_IP }, { C_RDNS, RCVD_RDNS }, { C_HELO, RCVD_HELO },
	{ C_BY, RCVD_BY }, { C_IDENT, RCVD_IDENT },
	{ C_ENVFROM, RCVD_ENVFROM }, { C_QUEUE_ID, RCVD_ID },
	{ C_AUTH, RCVD_AUTH }, { C_FOR, RCVD_FOR }, { C_WITH, RCVD_WITH },
	{ C_TLS_VERSION, RCVD_TLS_VERSION }, { C_TLS_CIPHER, RCVD_TLS_CIPHER }
};

struct out *
trace_record_open(FILE *fp, const struct out_opts *oo)
{
	return out_open(fp, oo, cols, nitems(cols));
}

int
trace_record_hop(struct out *out, const char *source, long msgno,
    const struct trace *t, size_t i, const char *record,
    const struct abuse_info *ai, bool temperror)
{
	const struct hop *h = &t->hop[i];
	char d[32], fl[300];
	size_t f;

	out_str(out, C_SOURCE, source);
	out_int(out, C_MSGNO, msgno);
	out_str(out, C_RECORD, record);
	out_int(out, C_HOP, (long long)i + 1);
	for (f = 0; f < nitems(hop_fields); f++)
		out_str(out, hop_fields[f].col, h->r.f[hop_fields[f].field]);
	if (h->r.has_date && time_rfc3339(h->r.date, d, sizeof(d)) != NULL)
		out_str(out, C_DATE, d);
	if (h->has_delay)
		out_int(out, C_DELAY, h->delay);
	out_str(out, C_TRUST, trust_name(h->trust));
	if (ai != NULL && ai->registry[0] != '\0')
		out_str(out, C_REGISTRY, ai->registry);
	if (ai != NULL && ai->mailbox[0] != '\0')
		out_str(out, C_ABUSE, ai->mailbox);
	snprintf(fl, sizeof(fl), "%s%s%s", h->flags, h->flags[0] != '\0' &&
	    temperror ? "," : "", temperror ? "lookup-temperror" : "");
	if (fl[0] != '\0')
		out_str(out, C_FLAGS, fl);
	return out_end(out);
}

int
trace_record_none(struct out *out, const char *source, long msgno,
    const char *flags)
{
	out_str(out, C_SOURCE, source);
	out_int(out, C_MSGNO, msgno);
	out_str(out, C_RECORD, "origin");
	out_str(out, C_FLAGS, flags);
	return out_end(out);
}

/* The registry and abuse contact of hop h; DNS only for origins. */
static void
contact(struct trace_writer *w, const struct hop *h, bool origin,
    struct abuse_info *ai, bool *temperror)
{
	struct derr e;

	*temperror = false;
	if (abuse_lookup(w->ab, h->r.f[RCVD_IP], ai, &e) == -1 &&
	    w->warn != NULL)
		w->warn(&e);
	if (origin && w->dns != NULL && abuse_lookup_dns(w->ab, w->dns,
	    w->zones, h->r.f[RCVD_IP], h->r.f[RCVD_RDNS], ai, &e) == -1)
		*temperror = true;
}

static int
put_hop(struct trace_writer *w, const struct msg *m, const struct trace *t,
    size_t i, const char *record)
{
	const struct hop *h = &t->hop[i];
	struct abuse_info ai;
	bool temp = false, known;

	if ((known = h->r.f[RCVD_IP] != NULL && h->trust != TRUST_SKIPPED))
		contact(w, h, strcmp(record, "origin") == 0, &ai, &temp);
	return trace_record_hop(w->out, m->source, m->msgno, t, i, record,
	    known ? &ai : NULL, temp);
}

/* Write m, traced into w->t: records or complaint.  1, 0 or -1. */
static int
write_message(struct trace_writer *w, const struct msg *m, struct derr *e)
{
	const struct trace *t = &w->t;
	struct abuse_info ai;
	size_t i;
	bool temp;

	if (w->complaint != 0) {
		if (t->origin < 0)
			return 0;
		contact(w, &t->hop[t->origin], true, &ai, &temp);
		if (arf_write(w->fp, w->complaint, m->mime, &t->hop[t->origin],
		    &ai, w->reporter, w->now, w->any, e) == -1)
			return -1;
		w->any = true;
		return 1;
	}
	derr_set(e, "output", "write error");
	for (i = 0; i < t->n; i++)
		if (put_hop(w, m, t, i, "hop") == -1)
			return -1;
	if (t->origin >= 0)
		return put_hop(w, m, t, (size_t)t->origin, "origin") == -1 ?
		    -1 : 1;
	return trace_record_none(w->out, m->source, m->msgno,
	    m->mime == NULL ? "unparseable-message" : t->none) == -1 ? -1 : 0;
}

int
trace_record_message(struct trace_writer *w, const struct msg *m,
    struct derr *e)
{
	struct derr te;
	int r;

	trace_reset(&w->t);
	if (m->mime != NULL && trace_message(&w->t, m->mime, w->parser,
	    w->cfg, w->xorig, w->clock, &te) == -1) {
		if (w->out != NULL && trace_record_none(w->out, m->source,
		    m->msgno, "trace-error") == -1) {
			derr_set(e, "output", "write error");
			return TREC_WRITE_ERROR;
		}
		derr_set(e, m->source, "message %ld: %s: %s", m->msgno,
		    te.where, te.what);
		return TREC_UNTRACED;
	}
	if ((r = write_message(w, m, e)) == -1)
		return TREC_WRITE_ERROR;
	return r == 1 ? TREC_ORIGIN : TREC_NONE;
}

void
trace_writer_free(struct trace_writer *w)
{
	trace_free(&w->t);
}
