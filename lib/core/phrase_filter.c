/*
 * The Vectorscan filters of phrase-list entries (core/phrase_index): the
 * pattern each phrase is scanned for, a superset of what PCRE2 then
 * confirms, and the UTF-8 check of a text before a scan.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "core/deliv.h"
#include "core/phrase_filter.h"
#include "core/util.h"

static bool
ascii_word(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || c == '_';
}

/* Constructs Vectorscan runs only approximately (prefilter mode). */
bool
phrase_filter_approx(const char *re)
{
	static const char *const approx[] = {
		"\\b", "\\B", "(?=", "(?!", "(?<", "(?>", "(*", "(?(", "(?|",
		"\\g", "\\k", "\\G", "\\K", "++", "*+", "?+", "}+"
	};
	size_t k;

	for (k = 0; k < nitems(approx); k++)
		if (strstr(re, approx[k]) != NULL)
			return true;
	for (; *re != '\0'; re++)
		if (re[0] == '\\' && re[1] >= '1' && re[1] <= '9')
			return true;
	return false;
}

/*
 * A broader pattern for the filter (PCRE2 confirms every hit): bounded
 * repeats {m,n} made open {m,}, \w and \d made \S, \W and \D any
 * character, and classes that hold a Unicode property or \w-like escape
 * any character.  Vectorscan compiles those far faster in UTF-8 mode.
 * Patterns in extended mode or with comments are kept as written.
 */
int
phrase_filter_regex(struct sbuf *b, const char *re)
{
	const char *p = re, *q;
	int r = 0;

	if (strstr(re, "(?x") != NULL || strstr(re, "(?#") != NULL ||
	    strstr(re, "\\Q") != NULL || strstr(re, "(?^") != NULL)
		return sbuf_adds(b, re);
	while (*p != '\0') {
		if (p[0] == '\\' && p[1] != '\0') {
			if (p[1] == 'w' || p[1] == 'd')
				r |= sbuf_adds(b, "\\S");
			else if (p[1] == 'W' || p[1] == 'D')
				r |= sbuf_adds(b, "[\\s\\S]");
			else if (strchr("xpPNog", p[1]) != NULL && p[2] == '{' &&
			    (q = strchr(p + 2, '}')) != NULL) {
				r |= sbuf_add(b, p, (size_t)(q + 1 - p));
				p = q + 1;
				continue;
			} else
				r |= sbuf_add(b, p, 2);
			p += 2;
			continue;
		}
		if (*p == '[') {
			bool wide = false;

			q = p + 1;
			if (*q == '^')
				q++;
			if (*q == ']')
				q++;
			for (; *q != '\0' && *q != ']'; q++) {
				if (q[0] == '[' && q[1] == ':') {
					wide = true;
					if ((q = strstr(q + 2, ":]")) == NULL)
						return sbuf_adds(b, re);
					q++;
				} else if (q[0] == '\\' && q[1] != '\0') {
					if (strchr("wWdDpPsShHvV", q[1]) != NULL)
						wide = true;
					q++;
				}
			}
			if (*q != ']')
				return sbuf_adds(b, re);
			if (wide)
				r |= sbuf_adds(b, "[\\s\\S]");
			else
				r |= sbuf_add(b, p, (size_t)(q + 1 - p));
			p = q + 1;
			continue;
		}
		if (*p == '{') {
			size_t m = strspn(p + 1, "0123456789"), n;

			q = p + 1 + m;
			if (*q == ',' && (n = strspn(q + 1, "0123456789")) > 0 &&
			    q[1 + n] == '}') {
				if (m == 0)
					r |= sbuf_adds(b, "{0");
				else
					r |= sbuf_add(b, p, m + 1);
				r |= sbuf_adds(b, ",}");
				p = q + 2 + n;
				continue;
			}
		}
		r |= sbuf_addc(b, *p++);
	}
	return r;
}

/*
 * The filter of a literal phrase: its words as literals (ASCII
 * punctuation as \xHH), with \s+ between them and no \b at the ends.
 * PCRE2 confirms every hit; the filter only has to be a superset.  A
 * filter of the longest word alone fired on most texts for phrases
 * such as "All new" or "Save big", and PCRE2 then searched the text to
 * its end in vain; the whole phrase costs about half as much again to
 * compile (once: the database is cached) and spares those searches.
 */
int
phrase_filter_literal(struct sbuf *b, const char *ph)
{
	const char *p = ph;
	size_t n, k;
	int r = 0;

	for (;;) {
		p += strspn(p, " \t");
		if ((n = strcspn(p, " \t")) == 0)
			break;
		if (p != ph + strspn(ph, " \t"))
			r |= sbuf_adds(b, "\\s+");
		for (k = 0; k < n; k++) {
			unsigned char c = (unsigned char)p[k];

			if (c < 0x80 && !ascii_word(c))
				r |= sbuf_printf(b, "\\x%02x", c);
			else
				r |= sbuf_addc(b, (char)c);
		}
		p += n;
	}
	return r;
}

/* Length of the valid UTF-8 sequence at s (RFC 3629), 0 if invalid. */
size_t
phrase_filter_utf8_seq(const unsigned char *s, size_t len)
{
	unsigned char c = s[0];
	size_t n, k;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4;
	else
		return 0;
	if (len < n)
		return 0;
	for (k = 1; k < n; k++)
		if ((s[k] & 0xc0) != 0x80)
			return 0;
	if ((c == 0xe0 && s[1] < 0xa0) || (c == 0xed && s[1] > 0x9f) ||
	    (c == 0xf0 && s[1] < 0x90) || (c == 0xf4 && s[1] > 0x8f))
		return 0;
	return n;
}

/* The length of the valid UTF-8 at the start of u[0..len). */
size_t
phrase_filter_utf8(const unsigned char *u, size_t len)
{
	const uint64_t high = 0x8080808080808080ULL;
	uint64_t w;
	size_t i = 0, n;

	for (;;) {
		/* mail is mostly ASCII: eight bytes at a time */
		while (i + 8 <= len) {
			memcpy(&w, u + i, 8);
			if (w & high)
				break;
			i += 8;
		}
		if (i >= len)
			return len;
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		if ((n = phrase_filter_utf8_seq(u + i, len - i)) == 0)
			return i;
		i += n;
	}
}
