/*
 * lint's own view of a parsed message, kept apart from the checks so a
 * shared message layer can replace it: header look-up (message and top
 * MIME part), the MIME tree walked into leaves, a part's text, and the
 * longest line of a part's encoded content.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gmime/gmime.h>

#include "lint/lint_priv.h"

size_t
lint_encoded_max_line(GMimePart *part, unsigned long *line)
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

GMimeHeader *
lint_header(GMimeObject *o, const char *name, int *count)
{
	GMimeHeaderList *hl = g_mime_object_get_header_list(o);
	GMimeHeader *first = NULL;
	int k, n = g_mime_header_list_get_count(hl);

	*count = 0;
	for (k = 0; k < n; k++) {
		GMimeHeader *h = g_mime_header_list_get_header_at(hl, k);

		if (strcasecmp(g_mime_header_get_name(h), name) == 0) {
			if (first == NULL)
				first = h;
			(*count)++;
		}
	}
	return first;
}

/*
 * GMime keeps the Content-* headers of the message with its top MIME
 * part: look in both lists.
 */
GMimeHeader *
lint_mheader(GMimeMessage *m, const char *name, int *count)
{
	GMimeObject *top = g_mime_message_get_mime_part(m);
	GMimeHeader *h;
	int n = 0;

	h = lint_header(GMIME_OBJECT(m), name, count);
	if (top != NULL) {
		GMimeHeader *h2 = lint_header(top, name, &n);

		if (h == NULL)
			h = h2;
		*count += n;
	}
	return h;
}

const char *
lint_raw_value(GMimeHeader *h)
{
	const char *v = h ? g_mime_header_get_raw_value(h) : NULL;

	return v ? v : "";
}

static char *
part_bytes(GMimePart *part, size_t *len)
{
	GMimeDataWrapper *w = g_mime_part_get_content(part);
	GMimeStream *mem;
	GByteArray *ba;
	char *s;

	*len = 0;
	if (w == NULL)
		return strdup("");
	mem = g_mime_stream_mem_new();
	if (g_mime_data_wrapper_write_to_stream(w, mem) == -1) {
		g_object_unref(mem);
		return strdup("");
	}
	ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	if ((s = malloc(ba->len + 1)) != NULL) {
		memcpy(s, ba->data, ba->len);
		s[ba->len] = '\0';
		*len = ba->len;
	}
	g_object_unref(mem);
	return s;
}

struct walk {
	struct leaf	*v;
	size_t		 n;
	size_t		 cap;
	int		 nalt;
};

static int
walk(struct walk *w, GMimeObject *obj, const char *path, int alt)
{
	GMimeContentType *ct = g_mime_object_get_content_type(obj);
	struct leaf *lf;

	if (GMIME_IS_MULTIPART(obj)) {
		GMimeMultipart *mp = GMIME_MULTIPART(obj);
		int k, n = g_mime_multipart_get_count(mp);
		int myalt = alt;

		if (ct != NULL && g_mime_content_type_is_type(ct, "multipart",
		    "alternative"))
			myalt = ++w->nalt;
		for (k = 0; k < n; k++) {
			char sub[32];

			snprintf(sub, sizeof(sub), "%s%s%d", path,
			    *path ? "." : "", k + 1);
			if (walk(w, g_mime_multipart_get_part(mp, k), sub,
			    myalt) == -1)
				return -1;
		}
		return 0;
	}
	if (!GMIME_IS_MESSAGE_PART(obj) && !GMIME_IS_PART(obj))
		return 0;
	if (w->n == w->cap) {
		size_t ncap = w->cap ? w->cap * 2 : 8;
		void *p = reallocarray(w->v, ncap, sizeof(*w->v));

		if (p == NULL)
			return -1;
		w->v = p;
		w->cap = ncap;
	}
	lf = &w->v[w->n++];
	lf->obj = obj;
	snprintf(lf->path, sizeof(lf->path), "%s", *path ? path : "1");
	lf->alt = alt;
	return 0;
}

int
lint_leaves(GMimeMessage *msg, struct leaf **v, size_t *n)
{
	GMimeObject *body = g_mime_message_get_mime_part(msg);
	struct walk w = { 0 };

	*v = NULL;
	*n = 0;
	if (body != NULL && walk(&w, body, "", 0) == -1) {
		free(w.v);
		return -1;
	}
	*v = w.v;
	*n = w.n;
	return 0;
}

char *
lint_part_text(GMimeObject *obj)
{
	char *text = NULL, *t;
	size_t len;

	if (GMIME_IS_TEXT_PART(obj))
		text = g_mime_text_part_get_text(GMIME_TEXT_PART(obj));
	if (text != NULL) {
		t = strdup(text);
		g_free(text);
		return t;
	}
	return part_bytes(GMIME_PART(obj), &len);
}
