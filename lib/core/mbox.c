/*
 * The mbox format's own rules (RFC 4155 and what mbox writers do): which
 * line starts a message, the envelope sender of a From_ line, the empty
 * line that separates messages.  Byte-level helpers of core/input's
 * split; nothing here reads a file or parses mail.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/mbox.h"
#include "core/util.h"

/*
 * Whether s[0..len) is a From_ line with its date, as mbox writers put
 * them: "From sender Www Mmm dd hh:mm[:ss] [zone] yyyy".  Such a line
 * starts a message even with no empty line before it, as mutt reads an
 * mbox; a body line "From here on..." does not.
 */
bool
mbox_dated_from_line(const char *s, size_t len)
{
	char date[128];
	size_t i = 5, n;
	time_t t;

	if (len < 5 || memcmp(s, "From ", 5) != 0)
		return false;
	for (n = i; i < len && s[i] != ' ' && s[i] != '\t'; i++)
		;
	if (i == n || len - i >= sizeof(date))
		return false;
	memcpy(date, s + i, len - i);
	date[len - i] = '\0';
	return time_parse_asctime(date, &t) == 0;
}

/* The envelope sender of a From_ line s[0..len): up to white space. */
char *
mbox_envelope(const char *s, size_t len)
{
	size_t n = 5;

	while (n < len && s[n] != ' ' && s[n] != '\t' && s[n] != '\r' &&
	    s[n] != '\n' && s[n] != '\0')
		n++;
	return strndup(s + 5, n - 5);
}

/*
 * Whether the line that ends with the LF at d[nl] is empty ("\n" or
 * "\r\n"), given that a line starts at d[body] <= nl.
 */
bool
mbox_empty_line_at(const unsigned char *d, size_t body, size_t nl)
{
	if (nl == body || d[nl - 1] == '\n')
		return true;
	return d[nl - 1] == '\r' && (nl - 1 == body || d[nl - 2] == '\n');
}

/*
 * The first "\nFrom " in d[from..len), by its rarer capital F; a pointer
 * to the LF, or NULL.
 */
const unsigned char *
mbox_find_from(const unsigned char *d, size_t from, size_t len)
{
	const unsigned char *p = d + from + 1, *end = d + len;

	while (end - p >= 5 && (p = memchr(p, 'F', (size_t)(end - p) - 4)) !=
	    NULL) {
		if (p[-1] == '\n' && memcmp(p + 1, "rom ", 4) == 0)
			return p - 1;
		p++;
	}
	return NULL;
}
