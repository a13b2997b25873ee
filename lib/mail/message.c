/*
 * The message layer over GMime: the depth-limited MIME walk, enclosed
 * messages left unparsed until asked for, the bytes and the UTF-8 text
 * of a part, header look-ups.  See mail/message.h.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/lsan_interface.h>
#endif

#include "core/deliv.h"
#include "core/headblock.h"
#include "mail/flowed.h"
#include "mail/html.h"
#include "mail/lean.h"
#include "mail/message.h"

static GMimeMessage	*enclosed_message(GMimeObject *, bool);

struct walk {
	int		 max;
	mail_visitor	 visit;
	void		*arg;
	int		 nalt;
};

/*
 * A message/rfc822 or message/global leaf that GMime parses as a message
 * part unless told otherwise: not transfer-encoded (GMime looks at the
 * first Content-Transfer-Encoding and leaves base64, quoted-printable
 * and uuencoded ones unparsed in any case).
 */
static bool
is_enclosed(GMimeObject *o, const char *type, const char *sub)
{
	GMimeHeader *h;
	int n;

	if (sub == NULL || strcasecmp(type, "message") != 0 ||
	    (strcasecmp(sub, "rfc822") != 0 && strcasecmp(sub, "global") != 0))
		return false;
	if ((h = mail_header_find(o, "Content-Transfer-Encoding", &n)) ==
	    NULL)
		return true;
	switch (g_mime_content_encoding_from_string(
	    g_mime_header_get_raw_value(h))) {
	case GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE:
	case GMIME_CONTENT_ENCODING_UUENCODE:
	case GMIME_CONTENT_ENCODING_BASE64:
		return false;
	default:
		return true;
	}
}

static int
walk(struct walk *w, GMimeObject *o, int depth, const char *path, int alt)
{
	GMimeContentType *ct;
	GMimeContentDisposition *cd;
	struct mail_node n;
	char sub[128];
	int i, k, r, myalt;

	if (o == NULL || depth > w->max)
		return 0;
	memset(&n, 0, sizeof(n));
	n.obj = o;
	n.depth = depth;
	n.path = path;
	n.alt = alt;
	ct = g_mime_object_get_content_type(o);
	n.type = ct ? g_mime_content_type_get_media_type(ct) : "text";
	n.subtype = ct ? g_mime_content_type_get_media_subtype(ct) : "plain";
	if (n.type == NULL)
		n.type = "text";
	n.multipart = GMIME_IS_MULTIPART(o);
	if (GMIME_IS_MESSAGE_PART(o))
		n.message = g_mime_message_part_get_message(
		    GMIME_MESSAGE_PART(o));
	n.leaf = GMIME_IS_PART(o);
	n.text = GMIME_IS_TEXT_PART(o);
	n.enclosed = n.leaf && !n.text && is_enclosed(o, n.type, n.subtype);
	if (n.leaf) {
		n.filename = g_mime_part_get_filename(GMIME_PART(o));
		cd = g_mime_object_get_content_disposition(o);
		n.attachment = n.filename != NULL || (cd != NULL &&
		    g_mime_content_disposition_is_attachment(cd));
	}
	if ((r = w->visit(w->arg, &n)) < 0)
		return r;
	if (n.multipart && r == MAIL_WALK_NEXT) {
		myalt = alt;
		if (ct != NULL && g_mime_content_type_is_type(ct, "multipart",
		    "alternative"))
			myalt = ++w->nalt;
		k = g_mime_multipart_get_count(GMIME_MULTIPART(o));
		for (i = 0; i < k; i++) {
			snprintf(sub, sizeof(sub), "%s%s%d", path,
			    *path ? "." : "", i + 1);
			if ((r = walk(w, g_mime_multipart_get_part(
			    GMIME_MULTIPART(o), i), depth + 1, sub, myalt)) < 0)
				return r;
		}
	} else if (n.message != NULL && r == MAIL_WALK_INTO)
		return walk(w, g_mime_message_get_mime_part(n.message),
		    depth + 1, path, alt);
	else if (n.enclosed && r == MAIL_WALK_INTO && depth + 1 <= w->max &&
	    (n.message = enclosed_message(o, false)) != NULL) {
		r = walk(w, g_mime_message_get_mime_part(n.message), depth + 1,
		    path, alt);
		g_object_unref(n.message);
		return r;
	}
	return 0;
}

int
mail_walk(GMimeObject *top, int max_depth, mail_visitor visit, void *arg)
{
	struct walk w = { max_depth, visit, arg, 0 };

	return walk(&w, top, 0, "", 0);
}

void
mail_enclosed_as_leaves(void)
{
	/*
	 * GMime forgets the entries a registration replaces (16 bytes
	 * each, allocated by the first g_mime_init()): not leaks of ours,
	 * for LeakSanitizer (tests/lib/valgrind.supp says it to valgrind).
	 */
#ifdef __SANITIZE_ADDRESS__
	__lsan_disable();
#endif
	g_mime_init();
#ifdef __SANITIZE_ADDRESS__
	__lsan_enable();
#endif
	g_mime_object_register_type("message", "rfc822", GMIME_TYPE_PART);
	g_mime_object_register_type("message", "global", GMIME_TYPE_PART);
}

/*
 * The bytes of an enclosed part as they are (it is not transfer-encoded):
 * in place when GMime kept them in memory, else copied into *tmp
 * (g_byte_array_unref() it).  len 0 when it has none.
 */
static const char *
leaf_bytes(GMimePart *part, size_t *len, GByteArray **tmp)
{
	GMimeDataWrapper *w = g_mime_part_get_content(part);
	GMimeStream *st, *mem;
	GByteArray *ba;
	gint64 end;

	*tmp = NULL;
	*len = 0;
	if (w == NULL || (st = g_mime_data_wrapper_get_stream(w)) == NULL)
		return "";
	if (GMIME_IS_STREAM_MEM(st) && (ba = g_mime_stream_mem_get_byte_array(
	    GMIME_STREAM_MEM(st))) != NULL) {
		end = st->bound_end < 0 || st->bound_end > (gint64)ba->len ?
		    (gint64)ba->len : st->bound_end;
		if (st->bound_start >= end)
			return "";
		*len = (size_t)(end - st->bound_start);
		return (const char *)ba->data + st->bound_start;
	}
	mem = g_mime_stream_mem_new();
	if (g_mime_data_wrapper_write_to_stream(w, mem) >= 0) {
		*tmp = g_byte_array_ref(g_mime_stream_mem_get_byte_array(
		    GMIME_STREAM_MEM(mem)));
		*len = (*tmp)->len;
	}
	g_object_unref(mem);
	return *tmp != NULL ? (const char *)(*tmp)->data : "";
}

/*
 * The length of s up to and with its first empty line ("\n" or "\r\n" at
 * the start of a line, where GMime's headers end), or len if none.
 */
static size_t
header_block(const char *s, size_t len)
{
	const char *nl;
	size_t i = 0;

	for (;;) {
		if (i < len && s[i] == '\n')
			return i + 1;
		if (i + 1 < len && s[i] == '\r' && s[i + 1] == '\n')
			return i + 2;
		if (i >= len || (nl = memchr(s + i, '\n', len - i)) == NULL)
			return len;
		i = (size_t)(nl - s) + 1;
	}
}

/*
 * The message of an enclosed part, whole or its headers alone (up to
 * the first empty line).  GMime parses it as it would have
 * inside the bounce: as the message of a message part (a message/news
 * one, which stays a message part), where lines before the first header
 * are passed over rather than refused; inside the bounce the last line
 * was ended by the boundary's newline, so one is added to headers that
 * have no empty line after them.
 */
static GMimeMessage *
enclosed_message(GMimeObject *part, bool headers_only)
{
	static const char head[] = "Content-Type: message/news\n\n";
	GMimeMessage *outer, *m = NULL;
	GMimeObject *top;
	GMimeStream *st;
	GMimeParser *ps;
	GByteArray *tmp, *a;
	const char *s;
	size_t len, hl;

	s = leaf_bytes(GMIME_PART(part), &len, &tmp);
	if (len == 0)
		goto done;
	hl = header_block(s, len);
	if (headers_only)
		len = hl;
	a = g_byte_array_sized_new(sizeof(head) + len);
	g_byte_array_append(a, (const guint8 *)head, sizeof(head) - 1);
	g_byte_array_append(a, (const guint8 *)s, len);
	if (hl == len && s[len - 1] != '\n')
		g_byte_array_append(a, (const guint8 *)"\n", 1);
	st = g_mime_stream_mem_new_with_byte_array(a);
	ps = g_mime_parser_new_with_stream(st);
	g_object_unref(st);
	outer = g_mime_parser_construct_message(ps, NULL);
	g_object_unref(ps);
	if (outer == NULL)
		goto done;
	top = g_mime_message_get_mime_part(outer);
	if (top != NULL && GMIME_IS_MESSAGE_PART(top) &&
	    (m = g_mime_message_part_get_message(GMIME_MESSAGE_PART(top))) !=
	    NULL)
		g_object_ref(m);
	g_object_unref(outer);
done:
	if (tmp != NULL)
		g_byte_array_unref(tmp);
	return m;
}

/* GMime's blank (space, tab) and control (0-31, 127) characters. */
#define IS_BLANK(c)	((c) == ' ' || (c) == '\t')
#define IS_CTRL(c)	((unsigned char)(c) < 32 || (c) == 127)

/*
 * Can the line s..e (its newline in) start a header, as GMime's parser
 * tells: a field name of no blank or control character, blanks only
 * between it and the colon.
 */
static bool
field_start(const char *s, const char *e)
{
	bool blank = false;

	if (*s == ':')
		return false;
	for (; s < e && *s != ':'; s++)
		if (IS_BLANK(*s))
			blank = true;
		else if (blank || IS_CTRL(*s))
			return false;
	return s < e;
}

/*
 * One header s..e (its lines, newlines in) as GMime's parser takes it:
 * the field name before the colon (blanks after it dropped), the raw
 * value after it, up to a NUL.  Returns false for one it ignores.
 */
static bool
enclosed_field(struct mail_enclosed *e, const char *s, const char *end,
    const char **msgid, size_t *msgidlen, const char **ct, size_t *ctlen)
{
	const char *c, *n;
	bool blank = false;
	char *raw, **v;
	size_t nl;

	for (c = s; c < end && *c != ':'; c++)
		if (IS_BLANK(*c))
			blank = true;
		else if (blank || IS_CTRL(*c))
			return false;
	if (c == end)
		return false;
	for (n = c; n > s && IS_BLANK(n[-1]); n--)
		;
	nl = (size_t)(n - s);
	if (nl == 10 && g_ascii_strncasecmp(s, "Message-Id", 10) == 0) {
		*msgid = c + 1;
		*msgidlen = (size_t)(end - c - 1);
	} else if (nl == 12 && g_ascii_strncasecmp(s, "Content-Type", 12) ==
	    0) {
		*ct = c + 1;
		*ctlen = (size_t)(end - c - 1);
	} else if ((nl == 2 && g_ascii_strncasecmp(s, "To", 2) == 0) ||
	    (nl == 4 && g_ascii_strncasecmp(s, "From", 4) == 0)) {
		/* kept raw, parsed when asked (parse_addrs()), in order;
		 * "T" or "F" and the value */
		v = reallocarray(e->raw, e->nraw + 1, sizeof(*e->raw));
		if (v == NULL)
			return true;
		e->raw = v;
		if ((raw = malloc((size_t)(end - c) + 1)) == NULL)
			return true;
		raw[0] = nl == 2 ? 'T' : 'F';
		memcpy(raw + 1, c + 1, (size_t)(end - c - 1));
		raw[end - c] = '\0';
		e->raw[e->nraw++] = raw;
	}
	return true;
}

/*
 * The To and From values e's reading kept raw, given to GMime's address
 * parser as GMime's message gives them: a list is its first field's own
 * list, the later fields' addresses appended to it.  *inexact set when
 * a list may differ from the message's.
 */
static void
parse_addrs(struct mail_enclosed *e, bool *inexact)
{
	InternetAddressList **l, *v;
	size_t i;
	char *raw;

	for (i = 0; i < e->nraw; i++) {
		l = e->raw[i][0] == 'T' ? &e->to : &e->from;
		raw = e->raw[i] + 1;
		v = internet_address_list_parse(NULL, raw);
		if (v != NULL && *l == NULL)
			*l = v;		/* the first field's own list */
		else {
			if (*l == NULL)
				*l = internet_address_list_new();
			if (v != NULL) {
				internet_address_list_append(*l, v);
				g_object_unref(v);
			} else if (strchr(raw, '(') != NULL)
				/* an unclosed comment: the message keeps the
				 * addresses before it, the public parser
				 * none */
				*inexact = true;
		}
	}
	strv_free(e->raw, e->nraw);
	e->raw = NULL;
	e->nraw = 0;
}

void
mail_enclosed_addrs(struct mail_enclosed *e)
{
	bool inexact = false;

	parse_addrs(e, &inexact);
}

/* A raw value (up to a NUL) as a string: g_free() it. */
static char *
raw_value(const char *s, size_t len)
{
	return g_strndup(s, len);
}

/*
 * Split the header block s..s+len (ending in a newline) as GMime's
 * parser does inside a message part: a line that starts with a blank
 * continues the header before it; lines that cannot start a header are
 * passed over until the first header, and after it are kept with the
 * header before them and ignored with it; an empty line ends the block.
 * *inexact set when an address list may differ from the message's.
 */
static void
enclosed_split(struct mail_enclosed *e, const char *s, size_t len,
    bool *inexact)
{
	const char *p = s, *end = s + len, *le, *nl, *hb = NULL;
	const char *msgid = NULL, *ct = NULL;
	size_t msgidlen = 0, ctlen = 0, nheaders = 0, i;
	bool folded = false, scanning = true, valid = true, eoln;
	char *raw, *unf, *val;
	GMimeContentType *type;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		le = nl != NULL ? nl + 1 : end;
		if (folded && !IS_BLANK(*p)) {
			if (enclosed_field(e, hb, p, &msgid, &msgidlen, &ct,
			    &ctlen))
				nheaders++;
			hb = NULL;
			folded = false;
			scanning = true;
			valid = true;
		}
		eoln = *p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n');
		if (scanning && !eoln)
			valid = field_start(p, le);
		scanning = false;
		if (eoln)
			break;
		if (!valid && nheaders == 0) {
			scanning = true;
			valid = true;
		} else {
			if (hb == NULL)
				hb = p;
			folded = true;
		}
		p = le;
	}
	if (hb != NULL)
		enclosed_field(e, hb, p, &msgid, &msgidlen, &ct, &ctlen);
	/* the addresses are parsed when asked (mail_enclosed_addrs()),
	 * unless one may be inexact: only a value with a comment can */
	for (i = 0; i < e->nraw; i++)
		if (strchr(e->raw[i], '(') != NULL) {
			parse_addrs(e, inexact);
			break;
		}
	/* the last Message-ID counts: GMime decodes each in turn */
	if (msgid != NULL) {
		raw = raw_value(msgid, msgidlen);
		unf = g_mime_utils_header_unfold(raw);
		val = g_mime_utils_header_decode_text(NULL, unf);
		e->message_id = val != NULL ? g_mime_utils_decode_message_id(
		    val) : NULL;
		g_free(val);
		g_free(unf);
		g_free(raw);
	}
	/* the top part's type is the last Content-Type's (a subtype is a
	 * token: without "report" in the value it is not one) */
	if (ct != NULL && str_casestr(raw = raw_value(ct, ctlen), "report") ==
	    NULL)
		g_free(raw);
	else if (ct != NULL) {
		type = g_mime_content_type_parse(NULL, raw);
		e->report = type != NULL && g_mime_content_type_is_type(type,
		    "multipart", "report");
		if (type != NULL)
			g_object_unref(type);
		g_free(raw);
	}
}

void
mail_enclosed_read(GMimeObject *part, struct mail_enclosed *e)
{
	GByteArray *tmp;
	GMimeMessage *m;
	const char *s;
	size_t len, hl;
	bool inexact = false;
	char *t;

	memset(e, 0, sizeof(*e));
	if (part == NULL || !GMIME_IS_PART(part)) {
		e->empty = true;
		return;
	}
	s = leaf_bytes(GMIME_PART(part), &len, &tmp);
	if (len == 0)
		e->empty = true;
	else if ((hl = header_block(s, len)) == len && s[len - 1] != '\n') {
		/* inside the bounce, the boundary's newline ended it */
		if ((t = malloc(len + 1)) != NULL) {
			memcpy(t, s, len);
			t[len] = '\n';
			enclosed_split(e, t, len + 1, &inexact);
			free(t);
		}
	} else
		enclosed_split(e, s, hl, &inexact);
	if (tmp != NULL)
		g_byte_array_unref(tmp);
	/* rare: the addresses from GMime's message of the headers */
	if (inexact && (m = enclosed_message(part, true)) != NULL) {
		g_clear_object(&e->to);
		g_clear_object(&e->from);
		e->to = g_object_ref(g_mime_message_get_to(m));
		e->from = g_object_ref(g_mime_message_get_from(m));
		g_object_unref(m);
	}
}

int
mail_headers_read(const char *s, size_t len, struct mail_enclosed *e)
{
	const char *nl;
	bool inexact = false;

	memset(e, 0, sizeof(*e));
	/* a first line that is a field: GMime's top-level parse and its
	 * parse inside a message part split the rest alike */
	if (len == 0 || s[len - 1] != '\n' ||
	    (nl = memchr(s, '\n', len)) == NULL || !field_start(s, nl + 1))
		return -1;
	enclosed_split(e, s, len, &inexact);
	if (inexact) {
		mail_enclosed_free(e);
		return -1;
	}
	return 0;
}

void
mail_enclosed_free(struct mail_enclosed *e)
{
	g_free(e->message_id);
	strv_free(e->raw, e->nraw);
	g_clear_object(&e->to);
	g_clear_object(&e->from);
	memset(e, 0, sizeof(*e));
}

static const char *plain_bytes(GMimePart *part, size_t *len);

int
mail_part_bytes(GMimePart *part, struct sbuf *out, size_t max)
{
	GMimeDataWrapper *w;
	GMimeStream *st;
	GByteArray *ba;
	const char *b;
	size_t n;
	int r = -1;

	/* not transfer-encoded and in memory: in place, no stream */
	if ((b = plain_bytes(part, &n)) != NULL)
		return sbuf_add(out, b, n > max ? max : n);
	if ((w = g_mime_part_get_content(part)) == NULL)
		return -1;
	st = g_mime_stream_mem_new();
	if (g_mime_data_wrapper_write_to_stream(w, st) >= 0) {
		ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(st));
		r = sbuf_add(out, (const char *)ba->data,
		    ba->len > max ? max : ba->len);
	}
	g_object_unref(st);
	return r;
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

/* A g_malloc'd string as a malloc'd one. */
static char *
from_g(char *g)
{
	char *s;

	if (g == NULL)
		return NULL;
	s = strdup(g);
	g_free(g);
	return s;
}

/*
 * The bytes of a leaf part that is not transfer-encoded, in place, when
 * GMime kept them in memory (the content stream of a message parsed with
 * a persistent stream): what g_mime_data_wrapper_write_to_stream() would
 * write.  NULL when they are elsewhere or encoded.
 */
static const char *
plain_bytes(GMimePart *part, size_t *len)
{
	GMimeDataWrapper *w = g_mime_part_get_content(part);
	GMimeStream *st;
	GByteArray *ba;
	gint64 end;

	*len = 0;
	if (w == NULL || (st = g_mime_data_wrapper_get_stream(w)) == NULL ||
	    !GMIME_IS_STREAM_MEM(st))
		return NULL;
	switch (g_mime_data_wrapper_get_encoding(w)) {
	case GMIME_CONTENT_ENCODING_BASE64:
	case GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE:
	case GMIME_CONTENT_ENCODING_UUENCODE:
		return NULL;
	default:
		break;
	}
	if ((ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(st))) ==
	    NULL)
		return NULL;
	end = st->bound_end < 0 || st->bound_end > (gint64)ba->len ?
	    (gint64)ba->len : st->bound_end;
	if (st->bound_start < 0 || st->bound_start >= end)
		return "";
	*len = (size_t)(end - st->bound_start);
	return (const char *)ba->data + st->bound_start;
}

/* Is every byte of s[0..n) ASCII?  Eight at a time. */
static bool
all_ascii(const char *s, size_t n)
{
	uint64_t acc = 0, v;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&v, s + i, sizeof(v));
		acc |= v;
	}
	for (; i < n; i++)
		acc |= (unsigned char)s[i];
	return (acc & UINT64_C(0x8080808080808080)) == 0;
}

/*
 * Is s[0..n), 8-bit text in a part labelled us-ascii (cs), valid UTF-8?
 * Then it is taken as UTF-8: us-ascii has no 8-bit bytes, and a writer
 * that copies a remote server's reply under its own us-ascii label
 * (OpenSMTPD's bounce.c) copies UTF-8; converted from us-ascii, those
 * bytes would be lost.
 */
static bool
utf8_as_ascii(const char *cs, const char *s, size_t n)
{
	return strcasecmp(cs, "us-ascii") == 0 && g_utf8_validate(s,
	    (gssize)n, NULL);
}

/*
 * mail_part_text() with flags 0, its text either in place (*own NULL:
 * s[0..*len), no NUL in it) or malloc'd (*own, free() it, NUL-ended).
 * NULL when there is none or out of memory.
 */
static const char *
part_text(GMimeTextPart *part, size_t *len, char **own)
{
	const char *cs = g_mime_object_get_content_type_parameter(
	    GMIME_OBJECT(part), "charset");
	GMimeDataWrapper *w;
	GMimeStream *st;
	GByteArray *ba;
	const unsigned char *c;
	const char *b;
	size_t n;
	char *s;

	*own = NULL;
	/* Text that is ASCII up to its first NUL in an ASCII-compatible
	 * charset is taken as GMime decoded it: the conversion could not
	 * change it. */
	if (cs != NULL && !ascii_charset(cs))
		goto gmime;
	if ((b = plain_bytes(GMIME_PART(part), &n)) != NULL) {
		/* as written out, up to its first NUL */
		if ((c = memchr(b, '\0', n)) != NULL)
			n = (size_t)((const char *)c - b);
		if (cs != NULL && !all_ascii(b, n) && !utf8_as_ascii(cs, b, n))
			goto gmime;
		*len = n;
		return b;
	}
	if ((w = g_mime_part_get_content(GMIME_PART(part))) == NULL)
		return NULL;
	st = g_mime_stream_mem_new();
	g_mime_data_wrapper_write_to_stream(w, st);
	g_mime_stream_write(st, "", 1);
	ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(st));
	for (c = ba->data; cs != NULL && *c != '\0'; c++)
		if (*c >= 0x80) {
			if (utf8_as_ascii(cs, (const char *)ba->data,
			    strlen((const char *)ba->data)))
				break;
			g_object_unref(st);
			goto gmime;
		}
	s = strdup((const char *)ba->data);
	g_object_unref(st);
	goto owned;
gmime:
	s = from_g(g_mime_text_part_get_text(part));
owned:
	if ((*own = s) == NULL)
		return NULL;
	*len = strlen(s);
	return s;
}

char *
mail_part_text(GMimeTextPart *part, unsigned flags)
{
	const char *t;
	size_t len;
	char *own;

	if (flags & MAIL_TEXT_GMIME)
		return from_g(g_mime_text_part_get_text(part));
	if ((t = part_text(part, &len, &own)) == NULL || own != NULL)
		return own;
	return strndup(t, len);
}

/* ct has the parameter name, its value val (both caseless). */
static bool
param_is(GMimeContentType *ct, const char *name, const char *val)
{
	const char *v = ct ? g_mime_content_type_get_parameter(ct, name) : NULL;

	return v != NULL && strcasecmp(v, val) == 0;
}

int
mail_part_visible_text(GMimeTextPart *part, struct sbuf *tmp, const char **s,
    size_t *len)
{
	GMimeContentType *ct;
	const char *sub, *t;
	size_t n;
	char *own;
	int r;

	*s = NULL;
	*len = 0;
	if ((t = part_text(part, &n, &own)) == NULL)
		return -1;
	ct = g_mime_object_get_content_type(GMIME_OBJECT(part));
	sub = ct ? g_mime_content_type_get_media_subtype(ct) : NULL;
	if (sub != NULL && strcasecmp(sub, "html") == 0) {
		if (own == NULL && (t = own = strndup(t, n)) == NULL)
			return -1;
		r = html_lines(t, tmp);
	} else if (param_is(ct, "format", "flowed")) {
		/* RFC 3676: the lines as written before the soft breaks */
		r = flowed_lines(t, n, param_is(ct, "delsp", "yes"), tmp);
	} else if (own == NULL) {
		*s = t;
		*len = n;
		return 0;
	} else
		r = sbuf_add(tmp, t, n);
	free(own);
	*s = tmp->s;
	*len = tmp->len;
	return r;
}

int
mail_part_visible(GMimeTextPart *part, struct sbuf *out)
{
	struct sbuf tmp = { 0 };
	const char *t;
	size_t len;
	int r;

	if ((r = mail_part_visible_text(part, &tmp, &t, &len)) == 0 &&
	    len > 0)
		r = sbuf_add(out, t, len);
	sbuf_free(&tmp);
	return r;
}

/* The header block core/input kept when it parsed o lean, or NULL. */
static struct headblock *
lean_block(GMimeObject *o)
{
	return GMIME_IS_MESSAGE(o) ? headblock_of(GMIME_MESSAGE(o)) : NULL;
}

const char *
mail_header(GMimeObject *o, const char *name)
{
	GMimeHeaderList *hl;
	GMimeHeader *h;
	struct headblock *hb;

	if ((hb = lean_block(o)) != NULL)
		return lean_header(hb, name);
	hl = g_mime_object_get_header_list(o);
	if (hl == NULL || (h = g_mime_header_list_get_header(hl, name)) == NULL)
		return NULL;
	/*
	 * g_mime_header_get_value() unfolds the raw value, decodes it and
	 * keeps the result in h->value; a value that decoding leaves as it
	 * is is kept unfolded only, without the tokens of the decoder (the
	 * same string, for a fraction of the cost).
	 */
	if (h->value == NULL && h->raw_value != NULL &&
	    lean_plain(h->raw_value))
		h->value = g_mime_utils_header_unfold(h->raw_value);
	return g_mime_header_get_value(h);
}

int
mail_header_names(GMimeObject *o, struct sbuf *out)
{
	GMimeHeaderList *hl;
	struct headblock *hb;
	const char *name;
	int k, n, r = 0;

	if ((hb = lean_block(o)) != NULL)
		return lean_names(hb, out);
	hl = g_mime_object_get_header_list(o);
	n = hl != NULL ? g_mime_header_list_get_count(hl) : 0;
	for (k = 0; k < n; k++)
		if ((name = g_mime_header_get_name(
		    g_mime_header_list_get_header_at(hl, k))) != NULL)
			r |= sbuf_adds(out, name) | sbuf_addc(out, '\n');
	return r;
}

const char *
mail_message_subject(GMimeMessage *m)
{
	struct headblock *hb = headblock_of(m);

	return hb != NULL ? lean_subject(hb) : g_mime_message_get_subject(m);
}

const char *
mail_message_id(GMimeMessage *m)
{
	struct headblock *hb = headblock_of(m);

	return hb != NULL ? lean_message_id(hb) :
	    g_mime_message_get_message_id(m);
}

GDateTime *
mail_message_date(GMimeMessage *m)
{
	struct headblock *hb = headblock_of(m);

	return hb != NULL ? lean_date(hb) : g_mime_message_get_date(m);
}

/* From or To: GMime's own (empty) list if the lean one cannot be made */
static InternetAddressList *
addresses(GMimeMessage *m, bool from)
{
	struct headblock *hb = headblock_of(m);
	InternetAddressList *l = NULL;

	if (hb != NULL)
		l = lean_addresses(hb, from);
	if (l == NULL)
		l = from ? g_mime_message_get_from(m) : g_mime_message_get_to(m);
	return l;
}

InternetAddressList *
mail_message_from(GMimeMessage *m)
{
	return addresses(m, true);
}

InternetAddressList *
mail_message_to(GMimeMessage *m)
{
	return addresses(m, false);
}

GMimeHeader *
mail_header_find(GMimeObject *o, const char *name, int *count)
{
	GMimeHeaderList *hl = g_mime_object_get_header_list(o);
	GMimeHeader *h, *first = NULL;
	int k, n = hl ? g_mime_header_list_get_count(hl) : 0;

	*count = 0;
	for (k = 0; k < n; k++) {
		h = g_mime_header_list_get_header_at(hl, k);
		if (strcasecmp(g_mime_header_get_name(h), name) == 0) {
			if (first == NULL)
				first = h;
			(*count)++;
		}
	}
	return first;
}

GMimeHeader *
mail_message_header(GMimeMessage *m, const char *name, int *count)
{
	GMimeObject *top = g_mime_message_get_mime_part(m);
	GMimeHeader *h, *h2;
	int n = 0;

	h = mail_header_find(GMIME_OBJECT(m), name, count);
	if (top != NULL) {
		h2 = mail_header_find(top, name, &n);
		if (h == NULL)
			h = h2;
		*count += n;
	}
	return h;
}
