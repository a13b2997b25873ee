/*
 * format=flowed text (RFC 3676) unflowed.  See mail/flowed.h.
 */
#include <stdbool.h>
#include <string.h>

#include "mail/flowed.h"

/* The quote depth of line l[0..n): its leading '>'s (RFC 3676 4.5). */
static size_t
depth(const char *l, size_t n)
{
	size_t d = 0;

	while (d < n && l[d] == '>')
		d++;
	return d;
}

/* rest[0..n) ends a soft-broken line: a space, and no "-- " (4.3). */
static bool
soft(const char *rest, size_t n)
{
	return n > 0 && rest[n - 1] == ' ' &&
	    !(n == 3 && memcmp(rest, "-- ", 3) == 0);
}

int
flowed_lines(const char *s, size_t len, bool delsp, struct sbuf *out)
{
	const char *l = s, *e, *end = s + len, *rest;
	size_t n, q, prevq = 0;
	bool joining = false;
	int r = 0;

	while (l < end) {
		e = memchr(l, '\n', (size_t)(end - l));
		n = e != NULL ? (size_t)(e - l) : (size_t)(end - l);
		if (n > 0 && l[n - 1] == '\r')
			n--;
		q = depth(l, n);
		rest = l + q;
		n -= q;
		if (q == 0 && n > 0 && *rest == ' ')
			rest++, n--;		/* space-stuffing (4.4) */
		if (joining && q != prevq)
			r |= sbuf_addc(out, '\n');	/* another depth: hard */
		if (!joining || q != prevq)
			r |= sbuf_add(out, l, q);
		joining = e != NULL && e + 1 < end && soft(rest, n);
		r |= sbuf_add(out, rest, joining && delsp ? n - 1 : n);
		if (!joining)
			r |= sbuf_addc(out, '\n');
		prevq = q;
		l = e != NULL ? e + 1 : end;
	}
	return r != 0 ? -1 : 0;
}
