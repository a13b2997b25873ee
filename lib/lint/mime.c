/*
 * MIME structure checks: per leaf part, as mail_walk() of mail/message
 * hands them out (encoded line lengths, risky attachment names; text
 * parts collected for the other checks), then the body as a whole
 * (empty, HTML only, clipped, image-heavy, dangerous HTML, text and HTML
 * alternatives that disagree).
 */
#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gmime/gmime.h>

#include "core/util.h"
#include "lint/lint_priv.h"

static const char *risky_ext[] = {
	"ade", "adp", "apk", "app", "bat", "cab", "chm", "cmd", "com", "cpl",
	"dll", "docm", "exe", "hta", "inf", "ins", "isp", "jar", "js", "jse",
	"lib", "lnk", "mde", "msc", "msi", "msp", "mst", "pif", "ps1", "reg",
	"scr", "sct", "shb", "shs", "sys", "vb", "vbe", "vbs", "vxd", "wsc",
	"wsf", "wsh", "xlsm",
};
/*
 * The longest line of a part's content as it is encoded (transfer
 * encoding not undone), CR LF or LF ends, and in *line its number.
 */
static size_t
encoded_max_line(GMimePart *part, unsigned long *line)
{
	GMimeDataWrapper *w = g_mime_part_get_content(part);
	GMimeStream *src, *mem;
	GByteArray *ba;
	size_t i = 0, max = 0;
	unsigned long n = 0;

	*line = 0;
	if (w == NULL || (src = g_mime_data_wrapper_get_stream(w)) == NULL)
		return 0;
	mem = g_mime_stream_mem_new();
	g_mime_stream_reset(src);
	if (g_mime_stream_write_to_stream(src, mem) == -1) {
		g_object_unref(mem);
		return 0;
	}
	g_mime_stream_reset(src);
	ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	while (i < ba->len) {
		const guint8 *nl = memchr(ba->data + i, '\n', ba->len - i);
		size_t e = nl ? (size_t)(nl - ba->data) : ba->len;
		size_t k = e - i;

		n++;
		if (k > 0 && ba->data[e - 1] == '\r')
			k--;
		if (k > max) {
			max = k;
			*line = n;
		}
		i = e + 1;
	}
	g_object_unref(mem);
	return max;
}

/* Lines of a part's encoded content: over 998 as sent, over 76 encoded. */
static void
part_lines(struct ctx *c, GMimePart *part, const char *where)
{
	GMimeContentEncoding enc = g_mime_part_get_content_encoding(part);
	unsigned long line;
	size_t max;
	char w[64];

	if (c->body998 > 0 && enc != GMIME_CONTENT_ENCODING_BASE64 &&
	    enc != GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE) {
		/* Sent as it is: its own lines must fit. */
		max = encoded_max_line(part, &line);
		if (max > LINE_MAX_SMTP) {
			snprintf(w, sizeof(w), "part %s line %lu", where, line);
			addc(c, C_LINE_998, w, "line of %zu octets in a "
			    "part sent as %s", max,
			    enc == GMIME_CONTENT_ENCODING_DEFAULT ?
			    "7bit" : g_mime_content_encoding_to_string(enc));
			c->part998++;
		}
	}
	if (enc == GMIME_CONTENT_ENCODING_BASE64 ||
	    enc == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE) {
		max = encoded_max_line(part, &line);
		if (max > LINE_MAX_ENC) {
			snprintf(w, sizeof(w), "part %s line %lu", where, line);
			addc(c, enc == GMIME_CONTENT_ENCODING_BASE64 ?
			    C_B64_LINE : C_QP_LINE, w,
			    "encoded line of %zu characters (limit 76)", max);
		}
	}
}

static void
risky_name(struct ctx *c, const char *fn, const char *where)
{
	const char *dot = strrchr(fn, '.');
	char w[64];
	size_t k;

	for (k = 0; dot != NULL && k < nitems(risky_ext); k++)
		if (strcasecmp(dot + 1, risky_ext[k]) == 0) {
			snprintf(w, sizeof(w), "part %s", where);
			addc(c, C_ATTACH_RISKY, w, "attachment \"%.80s\"", fn);
			break;
		}
}

/*
 * The text of a text part as lint reads it: GMime's conversion to
 * UTF-8, else the decoded bytes, else "".  NULL out of memory.
 */
static char *
part_text(GMimeObject *obj)
{
	struct sbuf b = { 0 };
	char *t;

	if (GMIME_IS_TEXT_PART(obj) && (t = mail_part_text(GMIME_TEXT_PART(obj),
	    0)) != NULL)
		return t;
	if (mail_part_bytes(GMIME_PART(obj), &b, SIZE_MAX) == -1 ||
	    b.s == NULL) {
		sbuf_free(&b);
		return strdup("");
	}
	return b.s;
}

/* A text part into c->parts; -1 out of memory. */
static int
add_text(struct ctx *c, const struct mail_node *n, const char *path,
    bool html)
{
	struct tpart *tp;

	if (c->nparts == c->capparts) {
		size_t ncap = c->capparts ? c->capparts * 2 : 8;
		void *p = reallocarray(c->parts, ncap, sizeof(*c->parts));

		if (p == NULL)
			return -1;
		c->parts = p;
		c->capparts = ncap;
	}
	tp = &c->parts[c->nparts];
	memset(tp, 0, sizeof(*tp));
	snprintf(tp->path, sizeof(tp->path), "%s", path);
	tp->html = html;
	tp->alt = n->alt;
	if ((tp->text = part_text(n->obj)) == NULL)
		return -1;
	tp->len = strlen(tp->text);
	if (html && html_scan(tp->text, tp->len, &tp->doc) == -1) {
		free(tp->text);
		return -1;
	}
	c->nparts++;
	return 0;
}

/*
 * The checks of one leaf (a part or an enclosed message, which counts
 * as an attachment and is not walked into); a text part joins c->parts.
 * Paths are cut to 31 bytes as lint has always reported them; the top
 * part of a single-part message is "1".
 */
static int
visit_leaf(void *arg, const struct mail_node *n)
{
	struct ctx *c = arg;
	GMimeContentType *ct = g_mime_object_get_content_type(n->obj);
	char path[32];
	bool plain, html;

	if (!n->leaf && !GMIME_IS_MESSAGE_PART(n->obj))
		return MAIL_WALK_NEXT;
	if (!n->leaf) {
		c->nattach++;
		return MAIL_WALK_NEXT;
	}
	snprintf(path, sizeof(path), "%s", *n->path ? n->path : "1");
	plain = ct == NULL || g_mime_content_type_is_type(ct, "text", "plain");
	html = ct != NULL && g_mime_content_type_is_type(ct, "text", "html");
	part_lines(c, GMIME_PART(n->obj), path);
	if (n->filename != NULL)
		risky_name(c, n->filename, path);
	if (n->attachment || (!plain && !html)) {
		c->nattach++;
		return MAIL_WALK_NEXT;
	}
	if (add_text(c, n, path, html) == -1) {
		c->oom = 1;
		return -1;
	}
	return MAIL_WALK_NEXT;
}

/* Each leaf of the MIME tree, in order, however deep. */
void
lint_check_parts(struct ctx *c)
{
	mail_walk(g_mime_message_get_mime_part(c->msg), INT_MAX, visit_leaf,
	    c);
}

static bool
blank(const char *s, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (!isspace((unsigned char)s[k]))
			return false;
	return true;
}

/* Text the reader sees in a part. */
const char *
lint_visible(const struct tpart *p, size_t *len)
{
	if (p->html) {
		*len = p->doc.text.len;
		return p->doc.text.s ? p->doc.text.s : "";
	}
	*len = p->len;
	return p->text;
}

/* Lower-case ASCII words of 4+ letters into a hash set. */
static GHashTable *
word_set(const char *s, size_t n)
{
	GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    NULL);
	size_t i = 0;

	while (i < n) {
		size_t j = i;

		while (j < n && isalpha((unsigned char)s[j]))
			j++;
		if (j - i >= 4 && j - i < 40) {
			char *w = g_ascii_strdown(s + i, (gssize)(j - i));

			g_hash_table_add(h, w);
		}
		i = j == i ? i + 1 : j;
	}
	return h;
}

static double
overlap(GHashTable *a, GHashTable *b)
{
	GHashTableIter it;
	gpointer k;
	guint in = 0, n = g_hash_table_size(a);

	if (n == 0)
		return 1;
	g_hash_table_iter_init(&it, a);
	while (g_hash_table_iter_next(&it, &k, NULL))
		if (g_hash_table_contains(b, k))
			in++;
	return (double)in / n;
}

static size_t
nonspace(const char *s, size_t n)
{
	size_t k, m = 0;

	for (k = 0; k < n; k++)
		if (!isspace((unsigned char)s[k]))
			m++;
	return m;
}

void
lint_check_structure(struct ctx *c)
{
	size_t k, j, nplain = 0, nhtml = 0;
	bool any = false;
	char w[96];

	for (k = 0; k < c->nparts; k++) {
		struct tpart *p = &c->parts[k];
		size_t vl;
		const char *v = lint_visible(p, &vl);

		if (p->html)
			nhtml++;
		else
			nplain++;
		if (!blank(v, vl))
			any = true;
	}
	if (!any && c->nattach == 0)
		addc(c, C_BODY_EMPTY, "body", "no text in the body");
	if (nhtml > 0 && nplain == 0)
		addc(c, C_HTML_ONLY, "body", "%zu HTML part%s, no text/plain",
		    nhtml, nhtml == 1 ? "" : "s");
	for (k = 0; k < c->nparts; k++) {
		struct tpart *p = &c->parts[k];
		size_t vl, text;
		unsigned d;
		size_t imgs = 0;

		if (!p->html)
			continue;
		lint_visible(p, &vl);
		snprintf(w, sizeof(w), "part %s", p->path);
		if (p->len > GMAIL_CLIP)
			addc(c, C_HTML_CLIPPED, w,
			    "%zu bytes of HTML (Gmail clips at 102 KB)", p->len);
		for (j = 0; j < p->doc.nlinks; j++)
			if (p->doc.links[j].kind == HTML_IMG &&
			    !(p->doc.links[j].width >= 0 &&
			    p->doc.links[j].width <= 1 &&
			    p->doc.links[j].height >= 0 &&
			    p->doc.links[j].height <= 1))
				imgs++;
		text = nonspace(p->doc.text.s ? p->doc.text.s : "", vl);
		if (imgs > 0 && text < 400)
			lint_add(c, C_IMAGE_HEAVY, LINT_WARN, 1.5, w,
			    "%zu image%s and %zu characters of text", imgs,
			    imgs == 1 ? "" : "s", text);
		else if (imgs > 0 && text < 1000 && imgs * 200 > text)
			lint_add(c, C_IMAGE_HEAVY, LINT_WARN, 0.8, w,
			    "%zu image%s and %zu characters of text", imgs,
			    imgs == 1 ? "" : "s", text);
		if ((d = p->doc.danger) != 0) {
			static const char *names[] = { "script", "iframe",
			    "form", "object/embed", "on* handler",
			    "javascript: URL" };
			struct sbuf b = { 0 };
			unsigned long first = 0;
			int bit;

			for (bit = 0; bit < 6; bit++)
				if (d & (1u << bit)) {
					if (b.len > 0)
						sbuf_adds(&b, ", ");
					sbuf_adds(&b, names[bit]);
					if (first == 0 ||
					    p->doc.danger_line[bit] < first)
						first = p->doc.danger_line[bit];
				}
			snprintf(w, sizeof(w), "part %s line %lu", p->path, first);
			addc(c, C_HTML_DANGEROUS, w, "%s", b.s ? b.s : "");
			sbuf_free(&b);
		}
	}
	/* text/plain and text/html alternatives that disagree. */
	for (k = 0; k < c->nparts; k++) {
		struct tpart *p = &c->parts[k], *q = NULL;
		GHashTable *a, *b;
		double o1, o2;

		if (p->html || p->alt == 0)
			continue;
		for (j = 0; j < c->nparts; j++)
			if (c->parts[j].html && c->parts[j].alt == p->alt) {
				q = &c->parts[j];
				break;
			}
		if (q == NULL)
			continue;
		a = word_set(p->text, p->len);
		b = word_set(q->doc.text.s ? q->doc.text.s : "", q->doc.text.len);
		if (g_hash_table_size(a) + g_hash_table_size(b) >= 20) {
			o1 = overlap(a, b);
			o2 = overlap(b, a);
			if (o1 < 0.5 || o2 < 0.5) {
				snprintf(w, sizeof(w), "parts %s, %s", p->path,
				    q->path);
				addc(c, C_TEXT_HTML_DIFFER, w,
				    "%.0f%% of the text words are in the HTML, "
				    "%.0f%% of the HTML words in the text",
				    o1 * 100, o2 * 100);
			}
		}
		g_hash_table_destroy(a);
		g_hash_table_destroy(b);
		break;
	}
}

