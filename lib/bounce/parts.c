/*
 * Taking a bounce apart, once: its text parts decoded to UTF-8 (the
 * attached original left out), its delivery-status and feedback-report
 * fields, the original message's Message-ID and addresses, and the cut
 * between the bounce's own words and a copy of the original.  See
 * bounce/parts.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bounce/parts.h"

static void
html_to_text(struct sbuf *out, const char *s)
{
	bool tag = false;

	for (; *s != '\0'; s++) {
		if (*s == '<') {
			tag = true;
			if (strncasecmp(s, "<br", 3) == 0 ||
			    strncasecmp(s, "<p", 2) == 0 ||
			    strncasecmp(s, "<div", 4) == 0 ||
			    strncasecmp(s, "<tr", 3) == 0)
				sbuf_addc(out, '\n');
		} else if (*s == '>' && tag)
			tag = false;
		else if (!tag) {
			if (strncmp(s, "&nbsp;", 6) == 0) {
				sbuf_addc(out, ' ');
				s += 5;
			} else if (strncmp(s, "&lt;", 4) == 0) {
				sbuf_addc(out, '<');
				s += 3;
			} else if (strncmp(s, "&gt;", 4) == 0) {
				sbuf_addc(out, '>');
				s += 3;
			} else if (strncmp(s, "&amp;", 5) == 0) {
				sbuf_addc(out, '&');
				s += 4;
			} else
				sbuf_addc(out, *s);
		}
	}
	sbuf_addc(out, '\n');
}

/*
 * Append s to t with CRLF and CR turned into LF, NULs dropped, t kept
 * under max bytes.
 */
static void
add_text_max(struct sbuf *t, const char *s, size_t len, size_t max)
{
	const char *p;
	size_t i = 0, j, cr = 0, nul = 0;

	if (t->len + len > max)
		len = t->len < max ? max - t->len : 0;
	while (i < len) {
		/* the next CR and NUL, looked for again once passed */
		if (i == 0 || cr < i) {
			p = memchr(s + i, '\r', len - i);
			cr = p != NULL ? (size_t)(p - s) : len;
		}
		if (i == 0 || nul < i) {
			p = memchr(s + i, '\0', len - i);
			nul = p != NULL ? (size_t)(p - s) : len;
		}
		j = cr < nul ? cr : nul;
		sbuf_add(t, s + i, j - i);
		if (j < len && s[j] == '\r') {
			sbuf_addc(t, '\n');
			if (j + 1 < len && s[j + 1] == '\n')
				j++;
		}
		i = j + 1;
	}
	if (t->len > 0 && t->s[t->len - 1] != '\n')
		sbuf_addc(t, '\n');
}

static void
add_text(struct sbuf *t, const char *s, size_t len)
{
	add_text_max(t, s, len, TEXT_MAX);
}

/* The decoded content of a leaf part, at most max bytes. */
static void
part_bytes(GMimePart *part, struct sbuf *out, size_t max)
{
	GMimeDataWrapper *w;
	GMimeStream *st;
	GByteArray *ba;

	if ((w = g_mime_part_get_content(part)) == NULL)
		return;
	st = g_mime_stream_mem_new();
	if (g_mime_data_wrapper_write_to_stream(w, st) >= 0) {
		ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(st));
		add_text_max(out, (const char *)ba->data, ba->len, max);
	}
	g_object_unref(st);
}

/* A charset in which the 7-bit bytes are ASCII: converting them is a no-op. */
static bool
ascii_charset(const char *cs)
{
	static const char *const names[] = { "us-ascii", "utf-8",
	    "iso-8859-1", "iso-8859-15", "windows-1252" };
	size_t i;

	for (i = 0; i < nitems(names); i++)
		if (strcasecmp(cs, names[i]) == 0)
			return true;
	return false;
}

/*
 * The text of a part in UTF-8, as g_mime_text_part_get_text() gives it
 * (g_free() it).  Text that is ASCII up to its first NUL in a charset
 * of ascii_charset() is taken as GMime decoded it, without the charset
 * conversion, which could not change it.
 */
static char *
part_text(GMimeTextPart *part)
{
	const char *cs = g_mime_object_get_content_type_parameter(
	    GMIME_OBJECT(part), "charset");
	GMimeDataWrapper *w;
	GMimeStream *st;
	GByteArray *ba;
	const unsigned char *c;

	if (cs != NULL && !ascii_charset(cs))
		return g_mime_text_part_get_text(part);
	if ((w = g_mime_part_get_content(GMIME_PART(part))) == NULL)
		return NULL;
	st = g_mime_stream_mem_new();
	g_mime_data_wrapper_write_to_stream(w, st);
	g_mime_stream_write(st, "", 1);
	ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(st));
	for (c = ba->data; cs != NULL && *c != '\0'; c++)
		if (*c >= 0x80) {
			g_object_unref(st);
			return g_mime_text_part_get_text(part);
		}
	g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(st), FALSE);
	g_object_unref(st);
	return (char *)g_byte_array_free(ba, FALSE);
}

static void
add_addr_list(struct parts *p, InternetAddressList *l)
{
	InternetAddress *a;
	const char *addr;
	char **v;
	int i, n;

	if (l == NULL)
		return;
	n = internet_address_list_length(l);
	for (i = 0; i < n; i++) {
		a = internet_address_list_get_address(l, i);
		if (!INTERNET_ADDRESS_IS_MAILBOX(a))
			continue;
		addr = internet_address_mailbox_get_addr(
		    INTERNET_ADDRESS_MAILBOX(a));
		if (addr == NULL || strchr(addr, '@') == NULL)
			continue;
		v = reallocarray(p->orig_to, p->norig_to + 1, sizeof(*v));
		if (v == NULL)
			return;
		p->orig_to = v;
		if ((v[p->norig_to] = strdup(addr)) != NULL)
			p->norig_to++;
	}
}

static void
take_original(struct parts *p, GMimeMessage *orig)
{
	InternetAddressList *l;
	const char *id;

	if (p->orig_msgid != NULL || orig == NULL)
		return;
	if ((id = g_mime_message_get_message_id(orig)) != NULL &&
	    asprintf(&p->orig_msgid, "<%s>", id) == -1)
		p->orig_msgid = NULL;
	add_addr_list(p, g_mime_message_get_to(orig));
	l = g_mime_message_get_from(orig);
	/* several originals without a Message-ID: keep the first sender */
	if (p->orig_from == NULL && l != NULL &&
	    internet_address_list_length(l) > 0) {
		InternetAddress *a = internet_address_list_get_address(l, 0);

		if (INTERNET_ADDRESS_IS_MAILBOX(a))
			p->orig_from = strdup(internet_address_mailbox_get_addr(
			    INTERNET_ADDRESS_MAILBOX(a)));
	}
}

/* Headers of the original given as text (text/rfc822-headers). */
static void
take_original_headers(struct parts *p, const char *s, size_t len)
{
	GMimeStream *st;
	GMimeParser *ps;
	GMimeMessage *m;
	struct sbuf t = { 0 };

	if (p->orig_msgid != NULL)
		return;
	sbuf_add(&t, s, len);
	sbuf_adds(&t, "\n\n");
	st = g_mime_stream_mem_new_with_buffer(t.s, t.len);
	ps = g_mime_parser_new_with_stream(st);
	m = g_mime_parser_construct_message(ps, NULL);
	if (m != NULL) {
		take_original(p, m);
		g_object_unref(m);
	}
	g_object_unref(ps);
	g_object_unref(st);
	sbuf_free(&t);
}

static void
walk(struct parts *p, GMimeObject *o, int depth)
{
	GMimeContentType *ct;
	const char *type, *sub;
	struct sbuf raw = { 0 };
	char *txt;
	int i, n;

	if (o == NULL || depth > 20)
		return;
	if (GMIME_IS_MULTIPART(o)) {
		n = g_mime_multipart_get_count(GMIME_MULTIPART(o));
		/* a boundary that is not there: the body is all prologue */
		if (n == 0 && (txt = (char *)g_mime_multipart_get_prologue(
		    GMIME_MULTIPART(o))) != NULL)
			add_text(&p->text, txt, strlen(txt));
		for (i = 0; i < n; i++)
			walk(p, g_mime_multipart_get_part(GMIME_MULTIPART(o),
			    i), depth + 1);
		return;
	}
	if (GMIME_IS_MESSAGE_PART(o)) {
		GMimeMessage *in = g_mime_message_part_get_message(
		    GMIME_MESSAGE_PART(o));
		GMimeObject *top = in ? g_mime_message_get_mime_part(in) :
		    NULL;

		/* a forwarded bounce: read the bounce, not its wrapper */
		if (top != NULL && !p->has_dsn && GMIME_IS_MULTIPART(top) &&
		    (ct = g_mime_object_get_content_type(top)) != NULL &&
		    (sub = g_mime_content_type_get_media_subtype(ct)) != NULL &&
		    strcasecmp(sub, "report") == 0 && p->orig_msgid == NULL) {
			walk(p, top, depth + 1);
			return;
		}
		take_original(p, in);
		return;
	}
	if (!GMIME_IS_PART(o))
		return;
	ct = g_mime_object_get_content_type(o);
	type = ct ? g_mime_content_type_get_media_type(ct) : "text";
	sub = ct ? g_mime_content_type_get_media_subtype(ct) : "plain";
	if (type == NULL || sub == NULL)
		return;
	if (strcasecmp(sub, "delivery-status") == 0 ||
	    strcasecmp(sub, "global-delivery-status") == 0) {
		/* Every recipient group counts, however many there are. */
		part_bytes(GMIME_PART(o), &raw, DSN_MAX);
		if (raw.len > 0 && dsn_parse(raw.s, raw.len, &p->dsn, NULL) ==
		    0)
			p->has_dsn = dsn_nrcpt(&p->dsn) > 0;
	} else if (strcasecmp(sub, "feedback-report") == 0) {
		part_bytes(GMIME_PART(o), &raw, TEXT_MAX);
		if (raw.len > 0 && dsn_parse(raw.s, raw.len, &p->arf, NULL) ==
		    0)
			p->has_arf = true;
	} else if (strcasecmp(sub, "rfc822-headers") == 0 ||
	    strcasecmp(sub, "global-headers") == 0 ||
	    (strcasecmp(type, "message") == 0 &&
	    strcasecmp(sub, "rfc822") == 0)) {
		part_bytes(GMIME_PART(o), &raw, TEXT_MAX);
		take_original_headers(p, raw.s ? raw.s : "", raw.len);
	} else if (strcasecmp(type, "text") == 0 && GMIME_IS_TEXT_PART(o)) {
		if (g_mime_part_get_filename(GMIME_PART(o)) != NULL &&
		    p->text.len > 0)
			return;
		if ((txt = part_text(GMIME_TEXT_PART(o))) == NULL)
			return;
		if (strcasecmp(sub, "html") == 0) {
			if (p->text.len == 0)
				html_to_text(&raw, txt);
		} else
			sbuf_adds(&raw, txt);
		g_free(txt);
		if (raw.len > 0)
			add_text(&p->text, raw.s, raw.len);
	}
	sbuf_free(&raw);
}

/*
 * Delivery-status fields in the text itself (a broken MIME structure, a
 * forwarded or quoted bounce): parse them with the quote marks removed.
 */
static void
text_dsn(struct parts *p)
{
	struct sbuf t = { 0 };
	const char *s = p->text.s, *l;

	if (str_casestr(s, "final-recipient:") == NULL)
		return;
	for (l = s; *l != '\0'; ) {
		const char *e = strchr(l, '\n');
		size_t len = e ? (size_t)(e - l + 1) : strlen(l);

		while (len > 0 && (*l == '>' || (*l == ' ' && l[1] == '>'))) {
			l++;
			len--;
			if (len > 0 && *l == ' ') {
				l++;
				len--;
			}
		}
		sbuf_add(&t, l, len);
		l += len;
		if (e == NULL)
			break;
	}
	if (t.s != NULL && dsn_parse(t.s, t.len, &p->dsn, NULL) == 0)
		p->has_dsn = dsn_nrcpt(&p->dsn) > 0;
	sbuf_free(&t);
}

/* Split the copy of the original message off the bounce text. */
static void
cut_original(struct bounce *b, struct parts *p)
{
	size_t s, e;
	char *id;

	if (p->text.len == 0)
		return;
	if (!bnc_phr_find(b->cut, p->text.s, p->text.len, &s))
		return;
	/* keep the text before the cut; a cut at the very top is noise */
	while (s > 0 && p->text.s[s - 1] != '\n')
		s--;
	if (s == 0)
		return;
	sbuf_add(&p->orig, p->text.s + s, p->text.len - s);
	p->text.len = s;
	p->text.s[s] = '\0';
	if (p->orig_msgid == NULL && bnc_re_find(b, RE_MSGID, p->orig.s,
	    p->orig.len, 0, &s, &e, 1) && (id = strndup(p->orig.s + s,
	    e - s)) != NULL)
		p->orig_msgid = id;
}

void
bnc_parts_free(struct parts *p)
{
	size_t i;

	sbuf_free(&p->text);
	sbuf_free(&p->orig);
	dsn_free(&p->dsn);
	dsn_free(&p->arf);
	free(p->orig_msgid);
	for (i = 0; i < p->norig_to; i++)
		free(p->orig_to[i]);
	free(p->orig_to);
	free(p->orig_from);
}
const char *
bnc_header(GMimeMessage *m, const char *name)
{
	return g_mime_object_get_header(GMIME_OBJECT(m), name);
}

void
bnc_parts_read(struct bounce *b, struct parts *p, GMimeMessage *m)
{
	walk(p, g_mime_message_get_mime_part(m), 0);
	if (!p->has_dsn && p->text.s != NULL)
		text_dsn(p);
	cut_original(b, p);
}
