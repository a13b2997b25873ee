/*
 * core/headblock: a message's top-level header block kept beside a
 * GMimeMessage that GMime built from its Content- fields alone (see
 * headblock.h).  This splits header lines (RFC 5322 section 2.2); it
 * decodes nothing: lib/mail does, with GMime.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/headblock.h"

#define KEY	"deliv-headblock"

/* A line's first byte: does a new field start there? */
#define FOLDED(c)	((c) == ' ' || (c) == '\t')

/* Is s[0..n) (a line, without its line end) "name[blanks]:..."? */
static int
field_line(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && (unsigned char)s[i] > ' ' &&
	    (unsigned char)s[i] < 0x7f && s[i] != ':')
		i++;
	if (i == 0)
		return 0;
	while (i < n && FOLDED(s[i]))
		i++;
	return i < n && s[i] == ':';
}

size_t
headblock_clean(const char *s, size_t len)
{
	const char *p = s, *end = s + len, *nl;
	size_t n;

	while (p < end) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			return 0;
		n = (size_t)(nl - p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (n == 0)
			return p > s ? (size_t)(p - s) : 0;
		if (memchr(p, '\0', n) != NULL || memchr(p, '\r', n) != NULL)
			return 0;
		if (FOLDED(*p) ? p == s : !field_line(p, n))
			return 0;
		p = nl + 1;
	}
	return 0;
}

void
headblock_mime_fields(const char *s, size_t flen, GByteArray *out)
{
	const char *p = s, *end = s + flen, *f, *nl;

	while (p < end) {
		f = p;
		do {
			nl = memchr(p, '\n', (size_t)(end - p));
			p = nl != NULL ? nl + 1 : end;
		} while (p < end && FOLDED(*p));
		if (p - f > 8 && strncasecmp(f, "Content-", 8) == 0)
			g_byte_array_append(out, (const guint8 *)f,
			    (guint)(p - f));
	}
}

static void
headblock_free(void *p)
{
	struct headblock *hb = p;

	if (hb->reader != NULL)
		hb->reader_free(hb->reader);
	free(hb);
}

/* A block's room: its fields rounded up to 4 KB, so that most reuse it. */
#define ROOM(n)	(((n) | 4095) + 1)

int
headblock_attach(GMimeMessage *m, GMimeParserOptions *o, const char *s,
    size_t flen)
{
	struct headblock *hb = headblock_of(m);
	bool fresh = hb == NULL || hb->cap < flen;

	if (fresh) {
		if ((hb = malloc(sizeof(*hb) + ROOM(flen))) == NULL)
			return -1;
		hb->cap = ROOM(flen) - 1;
		hb->reader = NULL;
		hb->reader_free = hb->reader_clear = NULL;
	} else if (hb->reader != NULL && hb->reader_clear != NULL)
		hb->reader_clear(hb->reader);
	else if (hb->reader != NULL) {
		hb->reader_free(hb->reader);
		hb->reader = NULL;
	}
	hb->opts = o;
	hb->len = flen;
	memcpy(hb->s, s, flen);
	hb->s[flen] = '\0';
	if (fresh)
		g_object_set_data_full(G_OBJECT(m), KEY, hb, headblock_free);
	return 0;
}

struct headblock *
headblock_of(GMimeMessage *m)
{
	return g_object_get_data(G_OBJECT(m), KEY);
}
