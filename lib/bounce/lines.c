/*
 * bounce/lines: a recipient's own lines of a notice that names several.
 * See lines.h.
 */
#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "bounce/lines.h"
#include "bounce/text.h"

/*
 * Does the address at t[at..) open an entry of a list, on the line that
 * starts at ls in the paragraph that starts at ps?  It opens its line
 * (after blanks and "<", quotes, brackets, list marks) or follows a
 * transcript's ">>> " command; and the line before it, if any, ends a
 * sentence, a label or a heading (".", ":", ";", ")", ">", "]", "#",
 * "-----", "=====", "*****") or is itself an entry
 * (opened by an address) or a reply ("550 ...").  "... delivered to a@x
 * or to\n b@y: no such user" is one sentence, not two entries.
 */
static bool
entry(const char *t, size_t ps, size_t ls, size_t at)
{
	size_t k = ls, pl, pe;

	while (k < at && (t[k] == ' ' || t[k] == '\t'))
		k++;
	if (at - k >= 4 && memcmp(t + k, ">>> ", 4) == 0)
		return true;
	for (; k < at; k++)
		if (!isspace((unsigned char)t[k]) &&
		    strchr("<\"'(>[*-", t[k]) == NULL)
			return false;
	if (ls <= ps || ls < 2)
		return true;
	/* the line before: [pl, pe) */
	pe = ls - 1;
	while (pe > ps && (t[pe - 1] == '\r' || t[pe - 1] == ' ' ||
	    t[pe - 1] == '\t'))
		pe--;
	for (pl = pe; pl > ps && t[pl - 1] != '\n'; pl--)
		;
	if (pe > pl && strchr(".:;)>]#-=*", t[pe - 1]) != NULL)
		return true;
	while (pl < pe && (isspace((unsigned char)t[pl]) ||
	    strchr("<\"'(>[*-", t[pl]) != NULL))
		pl++;
	if (pe - pl >= 4 && isdigit((unsigned char)t[pl]) &&
	    isdigit((unsigned char)t[pl + 1]) &&
	    isdigit((unsigned char)t[pl + 2]) &&
	    (t[pl + 3] == ' ' || t[pl + 3] == '-'))
		return true;
	for (k = pl; k < pe && !isspace((unsigned char)t[k]); k++)
		if (t[k] == '@')
			return true;
	return false;
}

/*
 * The recipient named at t[at..at+alen) keeps to its own lines of its
 * paragraph t[*ps..*pe): where another recipient of the report (addrs)
 * is named on an earlier line, from its own line on; where one is named
 * on a later line, up to that line.  A notice of several recipients
 * gives each its reply ("a@x: 550 ...", "b@y: 452 ..." on lines of one
 * paragraph: OpenSMTPD's report, Exchange's list); addresses on the
 * recipient's own line share it; one named inside a sentence ("could
 * not be delivered to a@x or to\n b@y: no such user") keeps its
 * paragraph.  A paragraph that lists other
 * recipients is not taken on into the next one (bnc_paragraph() does,
 * for an address alone on its line): what follows a list ("Reason:
 * ...") is all of its recipients'.  Whether the recipient is such an
 * entry (addrs given and its address opens its line).
 */
bool
bnc_own_lines(struct bounce *b, GHashTable *addrs, const char *t, size_t at,
    size_t alen, size_t *ps, size_t *pe)
{
	size_t off, s, e, ls = at, pend = at;
	const char *blank;
	char *k;
	bool other, list = false;

	if (addrs == NULL)
		return false;
	while (ls > *ps && t[ls - 1] != '\n')
		ls--;
	/* only an entry: an address inside a sentence shares it */
	if (!entry(t, *ps, ls, at))
		return false;
	/* the end of the recipient's own paragraph */
	pend = (blank = memmem(t + at, *pe - at, "\n\n", 2)) != NULL ?
	    (size_t)(blank - t) + 1 : *pe;
	for (off = *ps; off < *pe && bnc_find_addr(b, t, *pe, off, &s, &e);
	    off = e) {
		if (s < at + alen && e > at)
			continue;	/* the recipient itself */
		k = g_ascii_strdown(t + s, (gssize)(e - s));
		other = g_hash_table_contains(addrs, k) &&
		    !(e - s == alen && strncasecmp(t + s, t + at, alen) == 0);
		g_free(k);
		if (!other)
			continue;
		if (s < pend)
			list = true;
		if (e <= ls)
			*ps = ls;	/* an earlier line's recipient */
		else if (s > at && memchr(t + at, '\n', s - at) != NULL) {
			while (s > at && t[s - 1] != '\n')
				s--;
			*pe = s;	/* a later line's */
			break;
		}
	}
	if (list && *pe > pend)
		*pe = pend;
	return true;
}
