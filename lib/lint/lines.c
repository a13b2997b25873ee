/*
 * Line-length checks on the message as sent: header lines over 998
 * octets, lines over 78 characters, and body lines over 998 octets when
 * no part reports its own (a preamble, an unparsed message).
 */
#include <stdio.h>
#include <string.h>

#include "lint/lint_priv.h"

/*
 * Lines of the message as sent.  Over 998 octets in the header is
 * reported here; in the body, the parts report it with their own line
 * (lint_check_parts()), and this only when no part did (a preamble, an unparsed
 * message).
 */
void
lint_check_raw_lines(struct ctx *c, const char *raw, size_t len)
{
	size_t i = 0, over78 = 0, hmax = 0, hover = 0;
	unsigned long line = 0, first78 = 0, hfirst = 0;
	bool header = true;
	char where[64];

	while (i < len) {
		const char *nl = memchr(raw + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - raw) : len;
		size_t n = e - i;

		line++;
		if (n > 0 && raw[e - 1] == '\r')
			n--;
		if (header && n == 0)
			header = false;
		if (n > LINE_MAX_SMTP) {
			if (header) {
				if (hover++ == 0)
					hfirst = line;
				if (n > hmax)
					hmax = n;
			} else {
				if (c->body998++ == 0)
					c->body998_line = line;
				if (n > c->body998_max)
					c->body998_max = n;
			}
		} else if (n > LINE_MAX_SOFT) {
			if (over78++ == 0)
				first78 = line;
		}
		i = e + 1;
	}
	if (hover > 0) {
		snprintf(where, sizeof(where), "line %lu", hfirst);
		addc(c, C_LINE_998, where,
		    "%zu header line%s over 998 octets, longest %zu", hover,
		    hover == 1 ? "" : "s", hmax);
	}
	if (over78 > 0) {
		snprintf(where, sizeof(where), "line %lu", first78);
		addc(c, C_LINE_78, where, "%zu line%s over 78 characters",
		    over78, over78 == 1 ? "" : "s");
	}
}

/* The body's long lines when no part has reported them. */
void
lint_check_raw_body(struct ctx *c)
{
	char where[64];

	if (c->body998 == 0 || c->part998 > 0)
		return;
	snprintf(where, sizeof(where), "line %lu", c->body998_line);
	addc(c, C_LINE_998, where, "%zu line%s over 998 octets, longest %zu",
	    c->body998, c->body998 == 1 ? "" : "s", c->body998_max);
}

/* The longest line of the encoded content of part. */
