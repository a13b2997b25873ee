/*
 * The record of deliv-header-trace: its column order and its writers.
 * See trace/record.h.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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

/*
 * time_rfc3339() without strftime(3), which is a good part of a record's
 * cost: the same text for the years 1000-9999, else time_rfc3339()'s.
 */
static const char *
rfc3339(time_t t, char *buf, size_t len)
{
	struct tm tm;
	int v[6], w[6] = { 4, 2, 2, 2, 2, 2 }, k, j;
	char *p = buf;

	if (len < 21 || gmtime_r(&t, &tm) == NULL ||
	    tm.tm_year < 1000 - 1900 || tm.tm_year > 9999 - 1900)
		return time_rfc3339(t, buf, len);
	v[0] = tm.tm_year + 1900;
	v[1] = tm.tm_mon + 1;
	v[2] = tm.tm_mday;
	v[3] = tm.tm_hour;
	v[4] = tm.tm_min;
	v[5] = tm.tm_sec;
	for (k = 0; k < 6; k++) {
		for (j = w[k] - 1; j >= 0; j--, v[k] /= 10)
			p[j] = (char)('0' + v[k] % 10);
		p += w[k];
		*p++ = "--T::Z"[k];
	}
	*p = '\0';
	return buf;
}

int
trace_record_hop(struct out *out, const char *source, long msgno,
    const struct trace *t, size_t i, const char *record,
    const struct abuse_info *ai, const char *more)
{
	const struct hop *h = &t->hop[i];
	char d[32], fl[400], addr[256];
	size_t f;

	out_str(out, C_SOURCE, source);
	out_int(out, C_MSGNO, msgno);
	out_str(out, C_RECORD, record);
	out_int(out, C_HOP, (long long)i + 1);
	for (f = 0; f < nitems(hop_fields); f++)
		out_str(out, hop_fields[f].col, h->r.f[hop_fields[f].field]);
	if (h->r.has_date && rfc3339(h->r.date, d, sizeof(d)) != NULL)
		out_str(out, C_DATE, d);
	if (h->has_delay && h->delay_trusted)
		out_int(out, C_DELAY, h->delay);
	out_str(out, C_TRUST, trust_name(h->trust));
	if (ai != NULL && ai->registry[0] != '\0')
		out_str(out, C_REGISTRY, ai->registry);
	if (ai != NULL && ai->mailbox[0] != '\0' &&
	    arf_addr_spec(ai->mailbox, addr, sizeof(addr)) == 0)
		out_str(out, C_ABUSE, addr);
	if (more == NULL || more[0] == '\0') {
		if (h->flags[0] != '\0')
			out_str(out, C_FLAGS, h->flags);
	} else {
		snprintf(fl, sizeof(fl), "%s%s%s", h->flags,
		    h->flags[0] != '\0' ? "," : "", more);
		out_str(out, C_FLAGS, fl);
	}
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

/* Append flag f to the comma list more[len]. */
static void
more_flag(char *more, size_t len, const char *f)
{
	size_t n = strlen(more);

	snprintf(more + n, len - n, "%s%s", n > 0 ? "," : "", f);
}

/* abuse_lookup(), answered from w->seen when it holds ip. */
static int
lookup(struct trace_writer *w, const char *ip, struct abuse_info *ai,
    struct derr *e)
{
	size_t i, n;

	if (ip == NULL || (n = strlen(ip)) >= sizeof(w->seen[0].ip))
		return abuse_lookup(w->ab, ip, ai, e);
	for (i = 0; i < TRACE_SEEN && i < w->nseen; i++)
		if (strcmp(w->seen[i].ip, ip) == 0) {
			*ai = w->seen[i].ai;
			return 0;
		}
	if (abuse_lookup(w->ab, ip, ai, e) == -1)
		return -1;
	i = w->nseen++ % TRACE_SEEN;
	memcpy(w->seen[i].ip, ip, n + 1);
	w->seen[i].ai = *ai;
	if (w->nseen == 2 * TRACE_SEEN)
		w->nseen = TRACE_SEEN;
	return 0;
}

/*
 * Does the rDNS name of h resolve back to its address (forward-confirmed
 * reverse DNS)?  1, 0 (also for a name outside the zone files), or -1
 * on a temporary error.
 */
static int
fcrdns(struct dns *dns, const struct hop *h)
{
	const ldns_rr_type types[] = { LDNS_RR_TYPE_A, LDNS_RR_TYPE_AAAA };
	unsigned char want[16];
	ldns_rr_list *rrs;
	ldns_rdf *rd;
	struct derr e;
	size_t k, i;
	int v6, r, found = 0;

	v6 = strchr(h->r.f[RCVD_IP], ':') != NULL;
	if (inet_pton(v6 ? AF_INET6 : AF_INET, h->r.f[RCVD_IP], want) != 1)
		return 0;
	for (k = 0; k < nitems(types) && !found; k++) {
		if ((types[k] == LDNS_RR_TYPE_AAAA) != v6)
			continue;
		r = dns_query(dns, h->r.f[RCVD_RDNS], types[k], &rrs, &e);
		/* zone files alone know nothing of the name: not confirmed */
		if (r == DNS_TEMPERROR &&
		    strcmp(e.what, DNS_NOT_IN_ZONES) != 0)
			return -1;
		if (r != DNS_ANSWER)
			continue;
		for (i = 0; i < ldns_rr_list_rr_count(rrs); i++)
			if ((rd = ldns_rr_rdf(ldns_rr_list_rr(rrs, i), 0)) !=
			    NULL && ldns_rdf_size(rd) == (v6 ? 16u : 4u) &&
			    memcmp(ldns_rdf_data(rd), want, v6 ? 16 : 4) == 0)
				found = 1;
		ldns_rr_list_deep_free(rrs);
	}
	return found;
}

/*
 * The registry and abuse contact of hop h; DNS only for origins.  Flags
 * for the record go to more[len]: lookup-temperror, rdns-unverified
 * (a name that does not forward-confirm), abuse-contact-invalid.  An
 * rDNS name the MTA or DNS did not confirm is never asked for a contact:
 * the registry of the address is.
 */
static void
contact(struct trace_writer *w, const struct hop *h, bool origin,
    struct abuse_info *ai, char *more, size_t len)
{
	struct derr e;
	const char *rdns = h->r.f[RCVD_RDNS];
	char addr[256];
	int fc;

	more[0] = '\0';
	if (lookup(w, h->r.f[RCVD_IP], ai, &e) == -1 &&
	    w->warn != NULL)
		w->warn(&e);
	if (h->r.rdns_unverified)
		rdns = NULL;
	if (origin && w->dns != NULL && rdns != NULL) {
		if ((fc = fcrdns(w->dns, h)) == -1) {
			more_flag(more, len, "lookup-temperror");
			rdns = NULL;	/* not confirmed: not believed */
		} else if (fc == 0) {
			more_flag(more, len, "rdns-unverified");
			rdns = NULL;
		}
	}
	if (origin && w->dns != NULL && abuse_lookup_dns(w->ab, w->dns,
	    w->zones, h->r.f[RCVD_IP], rdns, ai, &e) == -1 &&
	    strstr(more, "lookup-temperror") == NULL)
		more_flag(more, len, "lookup-temperror");
	if (ai->mailbox[0] != '\0' &&
	    arf_addr_spec(ai->mailbox, addr, sizeof(addr)) == -1)
		more_flag(more, len, "abuse-contact-invalid");
}

static int
put_hop(struct trace_writer *w, const struct msg *m, const struct trace *t,
    size_t i, const char *record, const char *extra)
{
	const struct hop *h = &t->hop[i];
	struct abuse_info ai;
	char more[160] = "";
	bool known;

	if ((known = h->r.f[RCVD_IP] != NULL && h->trust != TRUST_SKIPPED))
		contact(w, h, strcmp(record, "origin") == 0, &ai, more,
		    sizeof(more));
	if (extra != NULL)
		more_flag(more, sizeof(more), extra);
	return trace_record_hop(w->out, m->source, m->msgno, t, i, record,
	    known ? &ai : NULL, more);
}

/*
 * Write the complaint about m's origin to its own file in
 * w->complaint_dir (never over an existing one) or as the next mbox
 * entry on w->fp.  0, or -1 (e filled).
 */
static int
put_complaint(struct trace_writer *w, const struct msg *m,
    const struct abuse_info *ai, const char *to, struct derr *e)
{
	const struct hop *o = &w->t.hop[w->t.origin];
	char path[4096];
	FILE *fp;
	int fd, r;

	if (w->complaint_dir == NULL) {
		if (arf_write(w->fp, w->complaint, m->mime, o, ai, to,
		    w->reporter, w->now, w->ncomplaints > 0 ? ARF_MBOX_NEXT :
		    ARF_MBOX_FIRST, e) == -1)
			return -1;
		w->ncomplaints++;
		return 0;
	}
	if ((size_t)snprintf(path, sizeof(path), "%s/complaint-%06lu.eml",
	    w->complaint_dir, w->ncomplaints + 1) >= sizeof(path)) {
		derr_set(e, w->complaint_dir, "name too long");
		return -1;
	}
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666)) == -1 ||
	    (fp = fdopen(fd, "w")) == NULL) {
		derr_set(e, path, "%s", strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	r = arf_write(fp, w->complaint, m->mime, o, ai, to, w->reporter,
	    w->now, ARF_FILE, e);
	if (fclose(fp) == EOF && r == 0) {
		derr_set(e, path, "%s", strerror(errno));
		r = -1;
	}
	if (r == 0)
		w->ncomplaints++;
	return r;
}

/*
 * The complaint about m's origin: written, or refused (TREC_NO_COMPLAINT,
 * e says why) when no --to is given and the origin has no abuse contact
 * that is one address.  With a complaint directory, the origin record
 * says which (flag complaint-written or no-complaint).
 */
static int
complain(struct trace_writer *w, const struct msg *m, struct derr *e)
{
	const struct hop *o;
	struct abuse_info ai;
	char more[160], addr[256], clean[256];
	const char *to = NULL;
	int r = TREC_ORIGIN;

	if (w->t.origin < 0 || m->mime == NULL)
		return w->out != NULL && trace_record_none(w->out, m->source,
		    m->msgno, w->t.origin < 0 && w->t.none[0] != '\0' ?
		    w->t.none : "unparseable-message") == -1 ?
		    TREC_WRITE_ERROR : TREC_NONE;
	o = &w->t.hop[w->t.origin];
	contact(w, o, true, &ai, more, sizeof(more));
	if (w->to != NULL)
		to = w->to;
	else if (ai.mailbox[0] != '\0' &&
	    arf_addr_spec(ai.mailbox, addr, sizeof(addr)) == 0)
		to = addr;
	if (to == NULL) {
		if (ai.mailbox[0] != '\0')
			derr_set(e, m->source, "message %ld: no complaint: "
			    "the abuse contact of %s is not one address: "
			    "\"%s\" (give --to)", m->msgno, o->r.f[RCVD_IP],
			    arf_clean(ai.mailbox, clean, sizeof(clean)));
		else
			derr_set(e, m->source, "message %ld: no complaint: "
			    "no abuse contact for %s (give --to)", m->msgno,
			    o->r.f[RCVD_IP]);
		r = TREC_NO_COMPLAINT;
	} else if (put_complaint(w, m, &ai, to, e) == -1)
		return TREC_WRITE_ERROR;
	if (w->out != NULL && put_hop(w, m, &w->t, (size_t)w->t.origin,
	    "origin", r == TREC_ORIGIN ? "complaint-written" :
	    "no-complaint") == -1) {
		derr_set(e, "output", "write error");
		return TREC_WRITE_ERROR;
	}
	return r;
}

/* Write m, traced into w->t: records or complaint.  A TREC_ value. */
static int
write_message(struct trace_writer *w, const struct msg *m, struct derr *e)
{
	const struct trace *t = &w->t;
	size_t i;

	if (w->complaint != 0)
		return complain(w, m, e);
	for (i = 0; i < t->n; i++)
		if (put_hop(w, m, t, i, "hop", NULL) == -1)
			goto fail;
	if (t->origin >= 0) {
		if (put_hop(w, m, t, (size_t)t->origin, "origin", NULL) == -1)
			goto fail;
		return TREC_ORIGIN;
	}
	if (trace_record_none(w->out, m->source, m->msgno,
	    t->none[0] != '\0' ? t->none : "unparseable-message") == -1)
		goto fail;
	return TREC_NONE;
fail:
	derr_set(e, "output", "write error");
	return TREC_WRITE_ERROR;
}

int
trace_record_message(struct trace_writer *w, const struct msg *m,
    const char *raw, size_t rawlen, struct derr *e)
{
	struct derr te;
	int r;

	trace_reset(&w->t);
	w->nmessages++;
	/* Traced from the raw bytes, or GMime's headers; a message GMime
	   could not parse (error set, no mime) is not traced. */
	if ((m->mime != NULL || (raw != NULL && m->error == NULL)) &&
	    trace_message(&w->t, m->mime, raw, rawlen, w->parser,
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
	r = write_message(w, m, e);
	if (r == TREC_ORIGIN || r == TREC_NO_COMPLAINT)
		w->norigins++;
	return r;
}

int
trace_run(struct trace_writer *w, struct input *in)
{
	struct msg *m;
	struct derr e;
	const char *raw;
	size_t len;
	int r, found = 0, bad = 0;

	while ((r = input_next(in, &m, &e)) != 0) {
		if (r == 1 && (raw = input_msg_raw(in, m, &len), r =
		    trace_record_message(w, m, len > 0 ? raw : NULL, len,
		    &e)) == TREC_ORIGIN)
			found = 1;
		if (r < 0 && w->warn != NULL)	/* operand, message, output */
			w->warn(&e);
		if (r == TREC_UNTRACED || r == TREC_WRITE_ERROR ||
		    r == TREC_NO_COMPLAINT)
			bad = 1;
		if (r == TREC_WRITE_ERROR)
			break;
	}
	if (bad || input_errors(in) > 0)
		return DELIV_EXIT_ERROR;
	return found ? DELIV_EXIT_FOUND : DELIV_EXIT_OK;
}

void
trace_writer_free(struct trace_writer *w)
{
	trace_free(&w->t);
}
