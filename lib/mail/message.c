/*
 * The message layer over GMime: the depth-limited MIME walk, the bytes
 * and the UTF-8 text of a part, header look-ups.  See mail/message.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/deliv.h"
#include "mail/html.h"
#include "mail/message.h"

struct walk {
	int		 max;
	mail_visitor	 visit;
	void		*arg;
	int		 nalt;
};

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
	return 0;
}

int
mail_walk(GMimeObject *top, int max_depth, mail_visitor visit, void *arg)
{
	struct walk w = { max_depth, visit, arg, 0 };

	return walk(&w, top, 0, "", 0);
}

int
mail_part_bytes(GMimePart *part, struct sbuf *out, size_t max)
{
	GMimeDataWrapper *w;
	GMimeStream *st;
	GByteArray *ba;
	int r = -1;

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

char *
mail_part_text(GMimeTextPart *part, unsigned flags)
{
	const char *cs = g_mime_object_get_content_type_parameter(
	    GMIME_OBJECT(part), "charset");
	GMimeDataWrapper *w;
	GMimeStream *st;
	GByteArray *ba;
	const unsigned char *c;
	char *s;

	/* Text that is ASCII up to its first NUL in an ASCII-compatible
	 * charset is taken as GMime decoded it: the conversion could not
	 * change it. */
	if ((flags & MAIL_TEXT_GMIME) || (cs != NULL && !ascii_charset(cs)))
		return from_g(g_mime_text_part_get_text(part));
	if ((w = g_mime_part_get_content(GMIME_PART(part))) == NULL)
		return NULL;
	st = g_mime_stream_mem_new();
	g_mime_data_wrapper_write_to_stream(w, st);
	g_mime_stream_write(st, "", 1);
	ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(st));
	for (c = ba->data; cs != NULL && *c != '\0'; c++)
		if (*c >= 0x80) {
			g_object_unref(st);
			return from_g(g_mime_text_part_get_text(part));
		}
	s = strdup((const char *)ba->data);
	g_object_unref(st);
	return s;
}

int
mail_part_visible(GMimeTextPart *part, struct sbuf *out)
{
	GMimeContentType *ct;
	const char *sub;
	char *t;
	int r;

	if ((t = mail_part_text(part, 0)) == NULL)
		return -1;
	ct = g_mime_object_get_content_type(GMIME_OBJECT(part));
	sub = ct ? g_mime_content_type_get_media_subtype(ct) : NULL;
	if (sub != NULL && strcasecmp(sub, "html") == 0)
		r = html_lines(t, out);
	else
		r = sbuf_adds(out, t);
	free(t);
	return r;
}

const char *
mail_header(GMimeObject *o, const char *name)
{
	return g_mime_object_get_header(o, name);
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
