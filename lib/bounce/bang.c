/*
 * upas's bang-form addresses.  See bounce/bang.h.
 */
#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include "bounce/bang.h"

/* the end of the last address line and the line that follows it */
#define UPAS_FAILED	"'\nfailed with error '"
#define BANG_MAX	255	/* bytes of an address rewritten */
#define LINES_MAX	64	/* address lines read over the failed line */

static bool
host_char(int c)
{
	return isalnum(c) || c == '-' || c == '.';
}

static bool
user_char(int c)
{
	return isalnum(c) || (c != '\0' && strchr("._+=-%", c) != NULL);
}

/* t[s, e) as USER@HOST when it is a one-hop HOST!USER. */
static void
one_hop(char *t, size_t s, size_t e)
{
	char buf[BANG_MAX], *bang;
	size_t h, u, i;

	if (e - s >= sizeof(buf) || (bang = memchr(t + s, '!', e - s)) ==
	    NULL)
		return;
	h = (size_t)(bang - (t + s));
	u = e - s - h - 1;
	if (h == 0 || u == 0 || memchr(t + s, '.', h) == NULL)
		return;
	for (i = s; i < s + h; i++)
		if (!host_char((unsigned char)t[i]))
			return;
	for (i = s + h + 1; i < e; i++)
		if (!user_char((unsigned char)t[i]))
			return;
	memcpy(buf, bang + 1, u);
	buf[u] = '@';
	memcpy(buf + u + 1, t + s, h);
	memcpy(t + s, buf, e - s);
}

/* Each span of the line [ls, le) quoted from a ' or ` to the next '. */
static void
quoted(char *t, size_t ls, size_t le)
{
	size_t i, s;

	for (i = ls; i < le; i++) {
		if (t[i] != '\'' && t[i] != '`')
			continue;
		for (s = ++i; i < le && t[i] != '\''; i++)
			;
		if (i < le)
			one_hop(t, s, i);
	}
}

/* The address lines that end at le, from the last up to "to '". */
static void
address_lines(char *t, size_t le)
{
	size_t ls;
	int n;

	for (n = 0; n < LINES_MAX; n++) {
		for (ls = le; ls > 0 && t[ls - 1] != '\n'; ls--)
			;
		if (le - ls > 4 && strncmp(t + ls, "to '", 4) == 0) {
			quoted(t, ls, le);
			return;
		}
		if (le - ls <= 5 || strncmp(t + ls, "and '", 5) != 0 ||
		    ls == 0)
			return;
		quoted(t, ls, le);
		le = ls - 1;
	}
}

void
bnc_upas_bang(char *t, size_t len)
{
	char *k;

	if (t == NULL || len == 0)
		return;
	for (k = strstr(t, UPAS_FAILED); k != NULL;
	    k = strstr(k + 1, UPAS_FAILED))
		address_lines(t, (size_t)(k - t) + 1);
}
