/*
 * bounce/lines: a recipient's own lines of a notice that names several,
 * and diagnostics made one line.
 * See lines.h.
 */
#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "bounce/lines.h"
#include "bounce/notice.h"
#include "bounce/text.h"
#include "core/util.h"

/* A byte of RE_ADDR's local part (or of a UTF-8 letter, RFC 6531). */
bool
bnc_local_char(unsigned char c)
{
	return isalnum(c) || c >= 0x80 || (c != '\0' &&
	    strchr("._%+=&'/!#$*?^`{|}~-", c) != NULL);
}

/*
 * The start of the line holding offset at, looked for at most LINE_LOOK
 * bytes back; (size_t)-1 when it starts further back (a line that long
 * is no header, label or listing line, and a text of long lines must not
 * cost a walk back per address).
 */
size_t
bnc_near_line_start(const char *t, size_t at)
{
	size_t s = at;

	while (s > 0 && t[s - 1] != '\n') {
		if (at - s >= LINE_LOOK)
			return (size_t)-1;
		s--;
	}
	return s;
}

/* Does the line t[ls..le) hold one label and nothing else: a few words
 * ending in ":" (Domino's "because:"), at most max bytes? */
static bool
label_line(const char *t, size_t ls, size_t le, size_t max)
{
	while (ls < le && (t[ls] == ' ' || t[ls] == '\t'))
		ls++;
	while (le > ls && isspace((unsigned char)t[le - 1]))
		le--;
	return le > ls && le - ls <= max && t[le - 1] == ':' &&
	    memchr(t + ls, '@', le - ls) == NULL;
}

static bool
label_only(const char *t, size_t ls, size_t le)
{
	return label_line(t, ls, le, 24);
}

/*
 * Is the line at p (to a newline) a label over a reply: the next line
 * that is not blank opens with a reply code, at its indent ("The
 * response from the remote server was:" over "451 4.3.0 ...", or "The
 * response was:", a blank line, "550 5.1.1 ...": Gmail's notice; "応答:"
 * in its Japanese one)?
 */
static bool
label_over_reply(const char *t, size_t len, size_t p)
{
	size_t q;

	while (p < len && t[p] == '\n')
		p++;
	q = p;
	while (q < len && t[q] != '\n' && q - p <= 64)
		q++;
	if (q >= len || t[q] != '\n' || !label_line(t, p, q, 64))
		return false;
	while (q < len && (t[q] == '\n' || t[q] == ' ' || t[q] == '\t'))
		q++;
	return q + 4 < len && (t[q] == '4' || t[q] == '5') &&
	    isdigit((unsigned char)t[q + 1]) &&
	    isdigit((unsigned char)t[q + 2]) &&
	    (t[q + 3] == ' ' || t[q + 3] == '-');
}

/* The paragraph of text around offset at (to a blank line each side
 * after, limited), as the recipient's diagnostic. */
void
bnc_paragraph(const char *t, size_t len, size_t at, size_t *ps, size_t *pe)
{
	size_t s = at, e = at, paras = 0, plines = 0, ls = at;
	bool label = false, reply = false;

	while (s > 0 && at - s <= 600 &&
	    !(t[s - 1] == '\n' && s >= 2 && t[s - 2] == '\n'))
		s--;
	if (at - s > 600 && (s = bnc_near_line_start(t, at)) == (size_t)-1)
		s = at;
	/* to the end of this paragraph; if it is just the address line,
	 * on through the next one (Exim, qmail), and when that one is only
	 * a label ("because:", Domino's Delivery Failure Report: "was not
	 * delivered to: ADDR" / "because: REASON", HCL Domino admin help),
	 * on through the paragraph it introduces.  A short paragraph of
	 * any lines (a sentence naming the address, wrapped) whose next
	 * one opens with a label over a reply, on through that reply
	 * (label_over_reply(): Gmail's) */
	for (;;) {
		ls = e;
		while (e < len && t[e] != '\n' && e - s <= 1200)
			e++;
		if (e >= len || t[e] != '\n')
			break;
		e++;
		plines++;
		if (e < len && t[e] == '\n') {
			paras++;
			if (paras + plines == 3 && !label && e - s <= 200 &&
			    label_only(t, ls, e - 1))
				label = true;
			else if (paras == 2 && plines == 1 && reply)
				label = true;
			else if (paras > 1 || e - s > 200)
				break;
			else if (plines > 1 && !(reply =
			    label_over_reply(t, len, e + 1)))
				break;
			plines = 0;
			while (e < len && t[e] == '\n')
				e++;
		}
		if (e - s > 1200)
			break;
	}
	*ps = s;
	*pe = e;
}

/* A byte that may stand before an address that opens its line: a
 * blank, "<", a quote, a bracket or a list mark. */
static bool
opener(unsigned char c)
{
	return isspace(c) || strchr("<\"'(>[*-", c) != NULL;
}

/*
 * Is t[s..e) (lower-cased) another recipient of addrs than the one at
 * t[at..at+alen)?
 */
static bool
other_rcpt(GHashTable *addrs, const char *t, size_t s, size_t e, size_t at,
    size_t alen)
{
	char *k = g_ascii_strdown(t + s, (gssize)(e - s));
	bool other = g_hash_table_contains(addrs, k) &&
	    !(e - s == alen && strncasecmp(t + s, t + at, alen) == 0);

	g_free(k);
	return other;
}

/*
 * Does a reply follow the address that ends at t[e], as its entry's
 * reason: "addr: 552 ...", "<addr>: 550-..." (OpenSMTPD's report,
 * Postfix's "<addr>: host ... said:" aside), whatever the line before?
 * A sentence that goes on over a line ("to\n b@y: no such user") has
 * no reply code there.
 */
static bool
reply_follows(const char *t, size_t e)
{
	if (t[e] == '>')
		e++;
	if (t[e] != ':')
		return false;
	for (e++; t[e] == ' ' || t[e] == '\t'; e++)
		;
	return (t[e] == '2' || t[e] == '4' || t[e] == '5') &&
	    isdigit((unsigned char)t[e + 1]) &&
	    isdigit((unsigned char)t[e + 2]) &&
	    (t[e + 3] == ' ' || t[e + 3] == '-');
}

/*
 * Is the address at t[at] Exim's "generated by A" line (t[k..at), from
 * its first non-blank) under a "pipe to |CMD", "save to FILE" or "mail
 * to A" line (deliver.c print_address_information(): a pipe, file or
 * autoreply an address's filter made is printed so, then the address)?
 * It is that address's entry.
 */
static bool
generated_by(const char *t, size_t ps, size_t ls, size_t k, size_t at)
{
	static const char *const made[] = { "pipe to ", "save to ",
	    "mail to " };
	size_t pl, i;

	if (at - k != 13 || strncasecmp(t + k, "generated by ", 13) != 0 ||
	    ls <= ps || ls < 1)
		return false;
	for (pl = ls - 1; pl > ps && t[pl - 1] != '\n'; pl--)
		;
	while (pl < ls && (t[pl] == ' ' || t[pl] == '\t'))
		pl++;
	for (i = 0; i < nitems(made); i++)
		if (ls - pl > strlen(made[i]) &&
		    strncasecmp(t + pl, made[i], strlen(made[i])) == 0)
			return true;
	return false;
}

/*
 * Is the line at ls indented, but less than the line t[pl..pe) before
 * it?  Then it opens a new entry of an indented list: Exim lists each
 * address two blanks in and its notes, host and error four in, one entry
 * under the other with no blank line (deliver.c
 * print_address_information(), print_address_error()).
 */
static bool
outdent(const char *t, size_t pl, size_t pe, size_t ls)
{
	size_t a = 0, b = 0;

	while (pl + a < pe && t[pl + a] == ' ')
		a++;
	while (t[ls + b] == ' ')
		b++;
	return b > 0 && a > b && pl + a < pe;
}

/*
 * Does the address at t[at..) open an entry of a list, on the line that
 * starts at ls in the paragraph that starts at ps?  It opens its line
 * (after blanks and "<", quotes, brackets, list marks) or follows a
 * transcript's ">>> " command; and the line before it, if any, ends a
 * sentence, a label or a heading (".", ":", ";", ")", ">", "]", "#",
 * "-----", "=====", "*****") or is itself an entry
 * (opened by an address) or a reply ("550 ..."), or a reply follows it
 * (reply_follows()).  "... delivered to a@x or to\n b@y: no such user"
 * is one sentence, not two entries.
 */
static bool
entry(const char *t, size_t ps, size_t ls, size_t at, size_t alen)
{
	size_t k = ls, pl, pe;

	while (k < at && (t[k] == ' ' || t[k] == '\t'))
		k++;
	if (at - k >= 4 && memcmp(t + k, ">>> ", 4) == 0)
		return true;
	if (generated_by(t, ps, ls, k, at))
		return true;
	for (; k < at; k++)
		if (!opener((unsigned char)t[k]))
			return false;
	if (ls <= ps || ls < 2 || reply_follows(t, at + alen))
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
	if (outdent(t, pl, pe, ls))
		return true;
	while (pl < pe && opener((unsigned char)t[pl]))
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
 * Is t[ls..le) nothing but the address t[at..at+alen) (blanks, list
 * marks, brackets and a closing ":" or "," aside)?
 */
static bool
bare_line(const char *t, size_t ls, size_t le, size_t at, size_t alen)
{
	size_t k;

	for (k = ls; k < at; k++)
		if (!opener((unsigned char)t[k]))
			return false;
	for (k = at + alen; k < le; k++)
		if (!isspace((unsigned char)t[k]) &&
		    strchr(">\"')]:,;", t[k]) == NULL)
			return false;
	return true;
}

/*
 * Is the line before the one starting at ls (within the paragraph from
 * ps) a bare line (bare_line()) of another address of addrs?
 */
static bool
bare_other_before(struct bounce *b, GHashTable *addrs, const char *t,
    size_t ps, size_t ls, size_t at, size_t alen)
{
	size_t pl, pe, s, e;

	if (ls <= ps || ls < 1)
		return false;
	pe = ls - 1;
	if (pe > ps && t[pe - 1] == '\r')
		pe--;
	for (pl = pe; pl > ps && t[pl - 1] != '\n'; pl--)
		;
	return bnc_find_addr(b, t, pe, pl, &s, &e) &&
	    bare_line(t, pl, pe, s, e - s) &&
	    other_rcpt(addrs, t, s, e, at, alen);
}

/*
 * Is the address at t[s] on an indented line under the entry at t[at]
 * that opens with "(", a note of that entry's: Exim's "(generated from
 * A)" / "(ultimately generated from A)" under the child it made
 * (deliver.c print_address_information()), Sendmail's "(expanded from:
 * <A>)" under q_paddr (savemail.c errbody())?  A names whom the entry
 * came from, not another entry.
 */
static bool
note_line(const char *t, size_t at, size_t s)
{
	size_t k = s;

	while (k > at && t[k - 1] != '\n')
		k--;
	if (k <= at || (t[k] != ' ' && t[k] != '\t'))
		return false;
	while (k < s && (t[k] == ' ' || t[k] == '\t'))
		k++;
	return k < s && t[k] == '(';
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
 * ...") is all of its recipients', and so are the lines after a list
 * of bare addresses, one a line.  Whether the recipient is such an
 * entry (addrs given and its address opens its line).
 */
bool
bnc_own_lines(struct bounce *b, GHashTable *addrs, const char *t, size_t at,
    size_t alen, size_t *ps, size_t *pe)
{
	size_t off, s, e, ls = at, pend = at, ps0 = *ps;
	const char *blank;
	bool list = false;

	if (addrs == NULL)
		return false;
	while (ls > *ps && t[ls - 1] != '\n')
		ls--;
	/* only an entry: an address inside a sentence shares it */
	if (!entry(t, *ps, ls, at, alen))
		return false;
	/* the end of the recipient's own paragraph */
	pend = (blank = memmem(t + at, *pe - at, "\n\n", 2)) != NULL ?
	    (size_t)(blank - t) + 1 : *pe;
	for (off = *ps; off < *pe && bnc_find_addr(b, t, *pe, off, &s, &e);
	    off = e) {
		if ((s < at + alen && e > at) ||	/* the recipient itself */
		    !other_rcpt(addrs, t, s, e, at, alen))
			continue;
		if (s < pend)
			list = true;
		if (e <= ls)
			*ps = ls;	/* an earlier line's recipient */
		else if (s > at && memchr(t + at, '\n', s - at) != NULL &&
		    !note_line(t, at, s)) {
			while (s > at && t[s - 1] != '\n')
				s--;
			*pe = s;	/* a later line's */
			break;
		}
	}
	if (list && *pe > pend)
		*pe = pend;
	/* an address alone on its line under another alone on its line: a
	 * list of bare addresses, and the lines after the list are all of
	 * its recipients' (Apache James's bounce: the recipients one a
	 * line, then the one error); the recipient's own is its line */
	for (e = at + alen; e < *pe && t[e] != '\n'; e++)
		;
	if (e < *pe && bare_line(t, ls, e, at, alen) &&
	    bare_other_before(b, addrs, t, ps0, ls, at, alen))
		*pe = e + 1;
	return true;
}

/*
 * The lines of the recipient a in t, into out: its first place
 * t[ps..pe) (text.c's rcpt_para()), then, when the notice names one or
 * a few recipients (up to OWN_MAX of addrs), each later place before sig
 * where a opens an entry (bnc_own_lines()) with that entry's own lines.
 * A notice may list its recipients and then give each one's reply
 * further on
 * (Exchange 2007 and later: "Delivery has failed to these recipients or
 * groups:", each with a sentence, then "Diagnostic information for
 * administrators:", each with "Remote Server returned '...'"); whole_set()
 * keeps every entry's lines out of the words the recipients share, so
 * the reply is read here or nowhere.  A later place that repeats one
 * already read is left out.  -1: no memory.
 */
#define OWN_PLACES	4	/* later places of one recipient read */

int
bnc_own_places(struct ctx *c, const char *t, size_t len, size_t sig,
    const struct notices *nt, GHashTable *addrs, const char *a, size_t ps,
    size_t pe, struct sbuf *out)
{
	size_t off, s, e, qs, qe, alen = strlen(a), k, nplace = 0;

	sbuf_reset(out);
	if (sbuf_add(out, t + ps, pe - ps) == -1)
		return -1;
	if (addrs == NULL || g_hash_table_size(addrs) == 0 ||
	    g_hash_table_size(addrs) > OWN_MAX)
		return 0;
	for (off = pe; nplace < OWN_PLACES && off < sig &&
	    bnc_find_addr(c->b, t, len, off, &s, &e); off = e) {
		if (s >= sig)
			break;
		if (e - s != alen || strncasecmp(t + s, a, alen) != 0)
			continue;
		bnc_paragraph(t, len, s, &qs, &qe);
		if (!bnc_own_lines(c->b, addrs, t, s, alen, &qs, &qe))
			continue;
		/* from its own line, to the next notice line */
		for (qs = s; qs > 0 && t[qs - 1] != '\n'; qs--)
			;
		for (k = 0; k < nt->n; k++)
			if (nt->at[k] > s && nt->at[k] < qe) {
				qe = nt->at[k];
				while (qe > s && t[qe - 1] != '\n')
					qe--;
				break;
			}
		/* a notice in two languages lists it twice, word for word:
		 * once is enough */
		if (qe <= s || memmem(out->s, out->len, t + qs, qe - qs) != NULL)
			continue;
		if (sbuf_addc(out, '\n') == -1 ||
		    sbuf_add(out, t + qs, qe - qs) == -1)
			return -1;
		nplace++;
		if (qe > e)
			e = qe;
	}
	return 0;
}

/*
 * An address alone on its line (to le), indented less than the line above,
 * which opens with a reply code ("550 ", "550-"): the next entry, after
 * the reply of the entry above (Exim's address lines, two spaces in, over
 * their details four in: exim spec "Bounce messages"), whose words never
 * introduce it (GMX's "550 For explanation visit URL").  Not an address
 * that goes on the reply at its own indent ("550 ... write to" over
 * "delist@..."): the reply's words may make that one no recipient.
 */
bool
bnc_under_reply(const char *t, size_t ls, size_t at, size_t le)
{
	size_t p, ind;

	if (bnc_indent(t, le, ls) != at - ls)
		return false;
	for (p = at; p < le; p++)
		if (t[p] == ' ' || t[p] == '\t')
			return false;
	if (ls < 2 || (p = bnc_near_line_start(t, ls - 1)) == (size_t)-1)
		return false;
	ind = bnc_indent(t, ls, p);
	p += ind;
	return at - ls < ind && p + 4 < ls && (t[p] == '4' || t[p] == '5') &&
	    isdigit((unsigned char)t[p + 1]) && isdigit((unsigned char)t[p +
	    2]) && (t[p + 3] == ' ' || t[p + 3] == '-');
}

/*
 * The end of the label of the field line that starts at ls and ends at
 * or before le: the offset past its ':' (or the full-width '：', U+FF1A),
 * after 1 to FIELD_LABEL bytes that hold no ':', '@', '<' and no
 * sentence end; 0 when the line opens with no label.
 */
#define FIELD_LABEL	40

static size_t
field_label(const char *t, size_t ls, size_t le)
{
	size_t p, k = ls;

	while (k < le && (t[k] == ' ' || t[k] == '\t'))
		k++;
	for (p = k; p < le && p - k <= FIELD_LABEL; p++) {
		if (t[p] == ':')
			return p > k ? p + 1 : 0;
		if (p + 2 < le && (unsigned char)t[p] == 0xef &&
		    (unsigned char)t[p + 1] == 0xbc &&
		    (unsigned char)t[p + 2] == 0x9a)
			return p > k ? p + 3 : 0;
		if (t[p] == '@' || t[p] == '<' || t[p] == '\n' ||
		    (strchr(".!?;", t[p]) != NULL && p + 1 < le &&
		    t[p + 1] == ' '))
			return 0;
	}
	return 0;
}

bool
bnc_under_field(const char *t, size_t ls, size_t at)
{
	size_t v, p;

	if ((v = field_label(t, ls, at)) == 0)
		return false;
	for (; v < at; v++)
		if (t[v] != ' ' && t[v] != '\t')
			return false;
	if (ls < 2 || t[ls - 1] != '\n' ||
	    (p = bnc_near_line_start(t, ls - 1)) == (size_t)-1)
		return false;
	return field_label(t, p, ls - 1) != 0;
}

/* The length of a continuation marker "550-5.7.1 " or "550-" at s. */
static size_t
continuation(const char *s, size_t len)
{
	size_t i = 4;

	if (len < 5 || !(s[0] >= '2' && s[0] <= '5') || !isdigit(
	    (unsigned char)s[1]) || !isdigit((unsigned char)s[2]) ||
	    s[3] != '-')
		return 0;
	if (i + 5 <= len && (s[i] == '4' || s[i] == '5' || s[i] == '2') &&
	    s[i + 1] == '.') {
		i += 2;
		while (i < len && (isdigit((unsigned char)s[i]) ||
		    s[i] == '.'))
			i++;
	}
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/*
 * The reply code the text opened with, written again inside it (the last
 * line of a multi-line reply, "550 5.7.1 "): its length, or 0.
 */
static size_t
repeated_code(const struct sbuf *out, const char *s, size_t len)
{
	size_t k;

	if (out->len < 4 || len < 10 || !isdigit((unsigned char)out->s[0]) ||
	    memcmp(out->s, s, 3) != 0 || s[3] != ' ' ||
	    !(s[4] == '2' || s[4] == '4' || s[4] == '5') || s[5] != '.')
		return 0;
	for (k = 6; k < len && (isdigit((unsigned char)s[k]) || s[k] == '.');
	    k++)
		;
	while (k < len && s[k] == ' ')
		k++;
	return k;
}

/*
 * Collapse white space into single spaces and drop the continuation
 * markers of multi-line SMTP replies after the first line of their code;
 * keep at most DIAG_MAX bytes.
 */
void
bnc_one_line_max(struct sbuf *out, const char *s, size_t len, size_t max)
{
	bool sp = false, nl = false, have = false;
	size_t i, k, n = 0;
	char *d, code[3];

	sbuf_reset(out);
	/* a byte of s gives at most one byte; max + 1 bytes at most */
	if (sbuf_reserve(out, len < max ? len : max + 1) == -1)
		return;
	/* written through d, its length in n (out->len when asked) */
	d = out->s;
	for (i = 0; i < len && n < max; i++) {
		if (isspace((unsigned char)s[i])) {
			sp = n > 0;
			nl = true;
			continue;
		}
		/* a marker opens the reply when no line of its code came
		 * before: quoted after a writer's own words ("RCPT
		 * TO:<a>: 550-5.7.26 ...", "a: 550-5.7.26 ..."), or after
		 * the diagnostic type a notice quotes inline ("<host #5.7.1
		 * smtp;550-5.7.1 ...>"), its code is kept */
		k = 0;
		if ((nl || n == 0 || (i > 0 && s[i - 1] == ';')) &&
		    (k = continuation(s + i, len - i)) > 0 &&
		    (!have || memcmp(code, s + i, 3) != 0)) {
			memcpy(code, s + i, 3);
			have = true;
			k = 0;
		}
		if (nl && n > 0 && (k > 0 ||
		    (out->len = n, k = repeated_code(out, s + i, len - i)) >
		    0)) {
			i += k - 1;
			nl = false;
			continue;
		}
		nl = false;
		if (sp)
			d[n++] = ' ';
		sp = false;
		d[n++] = s[i];
		/* the rest of the word as it is: no marker opens inside
		 * one but after "smtp;" (a byte at a time above cost a
		 * tenth of the run) */
		while (i + 1 < len && n < max &&
		    !isspace((unsigned char)s[i + 1]) && !(s[i] == ';' &&
		    isdigit((unsigned char)s[i + 1])))
			d[n++] = s[++i];
	}
	out->len = n;
	d[n] = '\0';
}

void
bnc_one_line(struct sbuf *out, const char *s, size_t len)
{
	bnc_one_line_max(out, s, len, DIAG_MAX);
}
