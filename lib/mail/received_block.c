/*
 * The header block of a message as raw bytes: its fields split and
 * handed out one by one, folding kept (RFC 5322 section 2.2.3 unfolding
 * is left to the field's parser), without building a GMimeMessage.  This
 * is header splitting, not MIME: bodies are never read here.  See
 * mail/received.h (rcvd_fields).
 */
#include <string.h>

#include "mail/received.h"

/* The end of the line starting at p (just past its LF), or end. */
static const char *
line_end(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));

	return nl != NULL ? nl + 1 : end;
}

int
rcvd_fields(const char *raw, size_t len,
    int (*fn)(void *arg, const char *name, size_t namelen,
    const char *value, size_t valuelen), void *arg)
{
	const char *p = raw, *end = raw + len, *next, *colon, *v, *ve;
	size_t n;

	if (raw == NULL)
		return 0;
	while (p < end) {
		/* An empty line (LF or CRLF) ends the header block. */
		if (*p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n'))
			break;
		next = line_end(p, end);
		/* A continuation line with no field before it: skip. */
		if (*p == ' ' || *p == '\t') {
			p = next;
			continue;
		}
		/* The field runs on over every line that starts with WSP. */
		while (next < end && (*next == ' ' || *next == '\t'))
			next = line_end(next, end);
		colon = memchr(p, ':', (size_t)(next - p));
		if (colon == NULL || colon == p) {	/* no field name */
			p = next;
			continue;
		}
		n = (size_t)(colon - p);
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		v = colon + 1;
		ve = next;
		while (ve > v && (ve[-1] == '\n' || ve[-1] == '\r'))
			ve--;
		if (n > 0 && memchr(p, '\n', n) == NULL &&
		    fn(arg, p, n, v, (size_t)(ve - v)) == -1)
			return -1;
		p = next;
	}
	return 0;
}
