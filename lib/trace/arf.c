/*
 * RFC 5965 feedback reports and plain-text complaints.  See trace/arf.h.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "mail/address.h"
#include "mail/received.h"
#include "trace/arf.h"

char *
arf_clean(const char *s, char *buf, size_t len)
{
	size_t i = 0;
	unsigned char c;

	if (len == 0)
		return buf;
	for (; s != NULL && *s != '\0' && i + 1 < len; s++) {
		c = (unsigned char)*s;
		buf[i++] = c < 0x20 || c == 0x7f ? ' ' : (char)c;
	}
	buf[i] = '\0';
	return buf;
}

/* Keep only the bytes of a domain name. */
static void
clean_domain(const char *s, char *buf, size_t len)
{
	size_t i = 0;

	for (; s != NULL && *s != '\0' && i + 1 < len; s++)
		if (isalnum((unsigned char)*s) || *s == '.' || *s == '-')
			buf[i++] = (char)tolower((unsigned char)*s);
	buf[i] = '\0';
}

/* An addr-spec: printable ASCII, no white space, brackets or quotes. */
static void
clean_addr(const char *s, char *buf, size_t len)
{
	size_t i = 0;

	if (s != NULL && strchr(s, '<') != NULL)
		s = strchr(s, '<') + 1;
	for (; s != NULL && *s != '\0' && *s != '>' && i + 1 < len; s++)
		if ((unsigned char)*s > 0x20 && (unsigned char)*s < 0x7f &&
		    strchr("<>\"()[],;:\\", *s) == NULL)
			buf[i++] = *s;
	buf[i] = '\0';
	if (strchr(buf, '@') == NULL)
		buf[0] = '\0';
}

int
arf_addr_spec(const char *s, char *buf, size_t len)
{
	InternetAddressList *l;
	InternetAddress *a;
	const char *addr, *at, *p;
	size_t n;
	int ok = 0;

	if (len > 0)
		buf[0] = '\0';
	if (s == NULL)
		return -1;
	/* Printable ASCII only: no white space, controls, lists. */
	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f ||
		    *p == ',' || *p == ';')
			return -1;
	n = strlen(s);
	if (n == 0 || n >= len)
		return -1;
	if ((l = internet_address_list_parse(NULL, s)) == NULL)
		return -1;
	if (internet_address_list_length(l) == 1 &&
	    INTERNET_ADDRESS_IS_MAILBOX(a = internet_address_list_get_address(
	    l, 0)) && (a->name == NULL || a->name[0] == '\0') &&
	    (addr = internet_address_mailbox_get_addr(
	    INTERNET_ADDRESS_MAILBOX(a))) != NULL &&
	    strcmp(addr, s) == 0 && (at = strrchr(addr, '@')) != NULL &&
	    at > addr && at[1] != '\0' && at[1] != '.' &&
	    strchr(at + 1, '[') == NULL) {
		snprintf(buf, len, "%s", addr);
		ok = 1;
	}
	g_object_unref(l);
	return ok ? 0 : -1;
}

static int
add_addr(GMimeMessage *msg, GMimeAddressType type, const char *s)
{
	InternetAddressList *l;
	char buf[256];

	clean_addr(s, buf, sizeof(buf));
	if (buf[0] == '\0') {
		/* An unqualified local name ("postmaster"). */
		arf_clean(s, buf, sizeof(buf));
		if (buf[0] == '\0' || strpbrk(buf, " <>\"(),;:@") != NULL)
			return -1;
	}
	if ((l = internet_address_list_parse(NULL, buf)) == NULL)
		return -1;
	internet_address_list_append(g_mime_message_get_addresses(msg, type),
	    l);
	g_object_unref(l);
	return 0;
}

static GMimePart *
leaf(const char *type, const char *subtype, const char *text)
{
	GMimePart *part;
	GMimeStream *s;
	GMimeDataWrapper *w;

	part = g_mime_part_new_with_type(type, subtype);
	s = g_mime_stream_mem_new_with_buffer(text, strlen(text));
	w = g_mime_data_wrapper_new_with_stream(s, GMIME_CONTENT_ENCODING_DEFAULT);
	g_mime_part_set_content(part, w);
	g_object_unref(w);
	g_object_unref(s);
	g_mime_part_set_content_encoding(part,
	    g_mime_part_get_best_content_encoding(part,
	    GMIME_ENCODING_CONSTRAINT_7BIT));
	return part;
}

static int
rfc5322_date(time_t t, char *buf, size_t len)
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed",
	    "Thu", "Fri", "Sat" };
	static const char *const mons[] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm tm;

	if (!arf_time_ok(t) || gmtime_r(&t, &tm) == NULL)
		return -1;
	snprintf(buf, len, "%s, %d %s %d %02d:%02d:%02d +0000",
	    days[tm.tm_wday], tm.tm_mday, mons[tm.tm_mon], tm.tm_year + 1900,
	    tm.tm_hour, tm.tm_min, tm.tm_sec);
	return 0;
}

bool
arf_time_ok(time_t t)
{
	/* 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z */
	return t >= 0 && (long long)t <= 253402300799LL;
}

/* The human-readable explanation. */
static int
human(struct sbuf *b, const struct hop *o, const struct abuse_info *ai,
    const char *arrival)
{
	char rdns[256], helo[256], by[256];

	arf_clean(o->r.f[RCVD_RDNS], rdns, sizeof(rdns));
	arf_clean(o->r.f[RCVD_HELO], helo, sizeof(helo));
	arf_clean(o->r.f[RCVD_BY], by, sizeof(by));
	sbuf_printf(b, "This is an abuse report about a message that was "
	    "sent from\n%s", o->r.f[RCVD_IP]);
	if (rdns[0] != '\0')
		sbuf_printf(b, " (reverse DNS %s)", rdns);
	if (helo[0] != '\0')
		sbuf_printf(b, ", HELO %s", helo);
	sbuf_printf(b, ",\nand received by %s on %s.\n\n",
	    by[0] ? by : "our relay", arrival);
	sbuf_printf(b, "This address is the first relay outside our trusted "
	    "network in the\nmessage's Received chain; the headers of the "
	    "message are included.\nPlease stop the abuse from this "
	    "address.\n");
	if (ai->asn[0] != '\0')
		sbuf_printf(b, "\nOrigin AS: %s", ai->asn);
	if (ai->name[0] != '\0')
		sbuf_printf(b, "\nNetwork registry: %s", ai->name);
	if (ai->rdap[0] != '\0')
		sbuf_printf(b, "\nRDAP: %s", ai->rdap);
	if (ai->whois[0] != '\0')
		sbuf_printf(b, "\nwhois: %s", ai->whois);
	return sbuf_adds(b, "\n");
}

int
arf_write(FILE *fp, int kind, GMimeMessage *orig, const struct hop *o,
    const struct abuse_info *ai, const char *to, const char *reporter,
    time_t now, int mbox, struct derr *e)
{
	GMimeMessage *msg = NULL;
	GMimeMultipart *mp;
	GMimePart *p;
	GMimeStream *s = NULL;
	InternetAddressList *from;
	GDateTime *dt;
	struct sbuf h = { 0 }, m = { 0 }, t = { 0 };
	GByteArray *ba;
	struct tm tm;
	char bnd[96], fromline[64], arrival[64], dom[256], mfrom[256], subj[128], *hdrs = NULL;
	const char *addr, *at;
	int ret = -1;

	if (rfc5322_date(now, arrival, sizeof(arrival)) == -1) {
		derr_set(e, "complaint", "the clock is outside 1970-9999");
		return -1;
	}
	/* The origin's date, when it is one that can be written. */
	if (o->r.has_date)
		(void)rfc5322_date(o->r.date, arrival, sizeof(arrival));
	dom[0] = mfrom[0] = '\0';
	from = g_mime_message_get_from(orig);
	if ((addr = mail_mailbox_addr(from, 0)) != NULL &&
	    (at = strrchr(addr, '@')) != NULL)
		clean_domain(at + 1, dom, sizeof(dom));
	clean_addr(g_mime_object_get_header(GMIME_OBJECT(orig), "Return-Path"),
	    mfrom, sizeof(mfrom));
	hdrs = g_mime_object_get_headers(GMIME_OBJECT(orig), NULL);

	msg = g_mime_message_new(TRUE);
	if (add_addr(msg, GMIME_ADDRESS_TYPE_FROM, reporter) == -1) {
		derr_set(e, "--reporter", "%s: not a mail address", reporter);
		goto out;
	}
	if (to == NULL || add_addr(msg, GMIME_ADDRESS_TYPE_TO, to) == -1) {
		derr_set(e, "complaint", "no valid recipient");
		goto out;
	}
	snprintf(subj, sizeof(subj), "Abuse report: %s from %s",
	    kind == ARF_ARF ? "spam" : "spam", o->r.f[RCVD_IP]);
	g_mime_message_set_subject(msg, subj, "utf-8");
	if ((dt = g_date_time_new_from_unix_utc(now)) == NULL) {
		derr_set(e, "complaint", "the clock is outside 1970-9999");
		goto out;
	}
	g_mime_message_set_date(msg, dt);
	g_date_time_unref(dt);

	human(&h, o, ai, arrival);
	sbuf_printf(&m, "Feedback-Type: abuse\nUser-Agent: "
	    "deliv-header-trace/%s\nVersion: 1\nSource-IP: %s\n"
	    "Arrival-Date: %s\n", DELIV_VERSION, o->r.f[RCVD_IP], arrival);
	if (dom[0] != '\0')
		sbuf_printf(&m, "Reported-Domain: %s\n", dom);
	if (mfrom[0] != '\0')
		sbuf_printf(&m, "Original-Mail-From: <%s>\n", mfrom);
	if (h.s == NULL || m.s == NULL) {
		derr_set(e, "complaint", "out of memory");
		goto out;
	}
	if (kind == ARF_ARF) {
		mp = g_mime_multipart_new_with_subtype("report");
		/* A boundary from the date and address: reproducible. */
		memset(bnd, 0, sizeof(bnd));
		snprintf(bnd, sizeof(bnd), "=-deliv-report-%lld-",
		    (long long)now);
		for (addr = o->r.f[RCVD_IP]; *addr != '\0' &&
		    strlen(bnd) + 1 < sizeof(bnd); addr++)
			bnd[strlen(bnd)] = isalnum((unsigned char)*addr) ?
			    *addr : '-';
		g_mime_multipart_set_boundary(mp, bnd);
		g_mime_object_set_content_type_parameter(GMIME_OBJECT(mp),
		    "report-type", "feedback-report");
		p = leaf("text", "plain", h.s);
		g_mime_object_set_content_type_parameter(GMIME_OBJECT(p),
		    "charset", "utf-8");
		g_mime_multipart_add(mp, GMIME_OBJECT(p));
		g_object_unref(p);
		p = leaf("message", "feedback-report", m.s);
		g_mime_multipart_add(mp, GMIME_OBJECT(p));
		g_object_unref(p);
		p = leaf("text", "rfc822-headers", hdrs ? hdrs : "");
		g_mime_multipart_add(mp, GMIME_OBJECT(p));
		g_object_unref(p);
		g_mime_message_set_mime_part(msg, GMIME_OBJECT(mp));
		g_object_unref(mp);
	} else {
		sbuf_printf(&t, "%s\n%s\n--- headers of the reported "
		    "message ---\n%s", h.s, m.s, hdrs ? hdrs : "");
		if (t.s == NULL) {
			derr_set(e, "complaint", "out of memory");
			goto out;
		}
		p = leaf("text", "plain", t.s);
		g_mime_object_set_content_type_parameter(GMIME_OBJECT(p),
		    "charset", "utf-8");
		g_mime_message_set_mime_part(msg, GMIME_OBJECT(p));
		g_object_unref(p);
	}

	/* Serialise in memory: a file stream would seek, and stdout may
	   be a pipe. */
	s = g_mime_stream_mem_new();
	if (gmtime_r(&now, &tm) == NULL || strftime(fromline,
	    sizeof(fromline), "%a %b %e %H:%M:%S %Y", &tm) == 0) {
		derr_set(e, "complaint", "the clock is outside 1970-9999");
		goto out;
	}
	if ((mbox == ARF_MBOX_NEXT && g_mime_stream_write_string(s, "\n") ==
	    -1) || (mbox != ARF_FILE && g_mime_stream_printf(s,
	    "From deliv-header-trace %s\n", fromline) == -1) ||
	    g_mime_object_write_to_stream(GMIME_OBJECT(msg), NULL, s) == -1) {
		derr_set(e, "complaint", "cannot serialise");
		goto out;
	}
	ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(s));
	if (fwrite(ba->data, 1, ba->len, fp) != ba->len) {
		derr_set(e, "output", "%s", strerror(errno));
		goto out;
	}
	ret = 0;
out:
	if (s != NULL)
		g_object_unref(s);
	if (msg != NULL)
		g_object_unref(msg);
	g_free(hdrs);
	sbuf_free(&h);
	sbuf_free(&m);
	sbuf_free(&t);
	return ret;
}
