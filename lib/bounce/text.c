/*
 * Plain-text bounces: the recipients a bounce names in its words (or in
 * X-Failed-Recipients), each with its paragraph as diagnostic; and the
 * text helpers the other modules share (addresses as written).
 * See bounce/text.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bounce/alias.h"
#include "bounce/lines.h"
#include "bounce/notice.h"
#include "bounce/parts.h"
#include "bounce/reasons.h"
#include "bounce/report.h"
#include "bounce/text.h"
#include "bounce/verp.h"
#include "mail/message.h"

/*
 * The recipients found so far, in order, with where the text names each
 * ((size_t)-1: only in X-Failed-Recipients), and a set of them by lower
 * case address (a lookup in constant time: 200,000 addresses in
 * X-Failed-Recipients must not cost n^2 comparisons).  At most RCPT_MAX
 * are kept; more counts the others.
 */
struct found {
	char		**a;
	size_t		 *where;
	size_t		  n;
	size_t		  more;
	GHashTable	 *idx;	/* lower-case address -> index + 1 */
};

static void
found_free(struct found *f)
{
	strv_free(f->a, f->n);
	free(f->where);
	if (f->idx != NULL)
		g_hash_table_destroy(f->idx);
}

/* The index of address a in f, or (size_t)-1. */
static size_t
found_index(const struct found *f, const char *a)
{
	char *k;
	gpointer v;

	if (f->idx == NULL)
		return (size_t)-1;
	k = g_ascii_strdown(a, -1);
	v = g_hash_table_lookup(f->idx, k);
	g_free(k);
	return v == NULL ? (size_t)-1 : (size_t)GPOINTER_TO_SIZE(v) - 1;
}

/*
 * Add a (taken over, freed when not kept) named at where.  0 when added,
 * 1 when already there (its place set if it had none), 2 when past the
 * cap (counted in more), -1 when out of memory.
 */
static int
found_add(struct found *f, char *a, size_t where)
{
	char **v;
	size_t *w, i;

	if ((i = found_index(f, a)) != (size_t)-1) {
		if (f->where[i] == (size_t)-1)
			f->where[i] = where;
		free(a);
		return 1;
	}
	if (f->n >= RCPT_MAX) {
		f->more++;
		free(a);
		return 2;
	}
	if (f->idx == NULL)
		f->idx = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
		    NULL);
	if ((v = reallocarray(f->a, f->n + 1, sizeof(*v))) == NULL) {
		free(a);
		return -1;
	}
	f->a = v;
	if ((w = reallocarray(f->where, f->n + 1, sizeof(*w))) == NULL) {
		free(a);
		return -1;
	}
	f->where = w;
	f->a[f->n] = a;
	f->where[f->n] = where;
	f->n++;
	g_hash_table_insert(f->idx, g_ascii_strdown(a, -1),
	    GSIZE_TO_POINTER(f->n));
	return 0;
}

int
bnc_emit_cap(struct ctx *c, size_t more)
{
	struct bounce_rcpt r = c->base;
	char buf[128];

	if (more == 0)
		return 0;
	snprintf(buf, sizeof(buf), "%zu more recipients not reported: at "
	    "most %d per message", more, RCPT_MAX);
	snprintf(c->b->matched, sizeof(c->b->matched), "cap:%d", RCPT_MAX);
	r.recipient = NULL;
	r.kind = "soft";
	r.reason = "undefined";
	r.diagnostic = buf;
	r.matched = c->b->matched;
	return c->emit(c->arg, &r);
}

/*
 * Does t[q] open an mbox envelope line, "From SENDER DAY MON DD
 * HH:MM:SS YYYY" (RFC 4155: "From ", the sender, the asctime date)?  A
 * returned message copied as it was delivered to a program keeps it
 * (Majordomo 1.94's resend bounce() sends the post from its first byte
 * to the list's approver); it names the post's sender, no recipient.
 */
static bool
envelope_line(const char *t, size_t q)
{
	static const char *const day[] = { "Mon ", "Tue ", "Wed ", "Thu ",
	    "Fri ", "Sat ", "Sun " };
	size_t i;

	if (strncmp(t + q, "From ", 5) != 0)
		return false;
	for (q += 5; t[q] != '\0' && !isspace((unsigned char)t[q]); q++)
		;
	while (t[q] == ' ')
		q++;
	for (i = 0; i < nitems(day); i++)
		if (strncmp(t + q, day[i], 4) == 0)
			return true;
	return false;
}

/*
 * Does the line at t[s] open with a header field's name (after white
 * space and "> " quote marks: a header of the returned message, as a
 * notice shows or quotes it), its mbox envelope line (envelope_line()),
 * or the sender's MAIL FROM command?
 */
static bool
header_start(const char *t, size_t s)
{
	static const char *const hdr[] = { "from:", "to:", "cc:",
	    "reply-to:", "sender:", "return-path:", "message-id:",
	    "received:", "in-reply-to:", "references:", "errors-to:",
	    "delivered-to:", "x-", "envelope-from", "date:",
	    "list-", "mail from", "reporting-mta",
	    "original-envelope-id", "x-postfix-sender" };
	size_t i, q = s;
	unsigned char c;

	while (t[q] == ' ' || t[q] == '\t' || t[q] == '>')
		q++;
	if (envelope_line(t, q))
		return true;
	/* the first byte in lower case (ASCII), as strncasecmp reads it */
	c = (unsigned char)t[q];
	if (c >= 'A' && c <= 'Z')
		c = (unsigned char)(c - 'A' + 'a');
	for (i = 0; i < nitems(hdr); i++)
		if (c == (unsigned char)hdr[i][0] &&
		    strncasecmp(t + q, hdr[i], strlen(hdr[i])) == 0)
			return true;
	return false;
}

/*
 * Is the address at t[at] in a header of the returned message: on a
 * header line (header_start()), or on a folded line of one (lines that
 * open with white space under a header line that does not: "Received:
 * from ...\n\tfor <addr>;"), at most FOLD_MAX lines down?
 */
#define FOLD_MAX	32

static bool
header_line(const char *t, size_t at)
{
	size_t s, p, k, n;

	if ((s = bnc_near_line_start(t, at)) == (size_t)-1)
		return false;
	if (header_start(t, s))
		return true;
	for (n = 0; n < FOLD_MAX && s > 0 && (t[s] == ' ' || t[s] == '\t');
	    n++) {
		if ((p = bnc_near_line_start(t, s - 1)) == (size_t)-1)
			return false;
		for (k = p; k < s - 1 && isspace((unsigned char)t[k]); k++)
			;
		if (k == s - 1)
			return false;	/* a blank line: no fold */
		s = p;
	}
	/* the line the folded ones continue */
	return s < at && t[s] != ' ' && t[s] != '\t' && header_start(t, s);
}

/*
 * Where the text's signature starts (a line "-- ", RFC 3676 4.3, or
 * "--"): a help desk's or a provider's name and addresses, never a
 * failed recipient.  len when it has none.
 */
static size_t
signature(const char *t, size_t len)
{
	size_t i;

	for (i = 0; i + 3 <= len; i++)
		if ((i == 0 || t[i - 1] == '\n') && t[i] == '-' &&
		    t[i + 1] == '-' && (t[i + 2] == '\n' || (t[i + 2] == ' ' &&
		    (i + 3 == len || t[i + 3] == '\n'))))
			return i;
	return len;
}
bool
bnc_in_list(InternetAddressList *l, const char *a)
{
	InternetAddress *x;
	int i, n;

	if (l == NULL)
		return false;
	n = internet_address_list_length(l);
	for (i = 0; i < n; i++) {
		x = internet_address_list_get_address(l, i);
		if (INTERNET_ADDRESS_IS_MAILBOX(x) && strcasecmp(a,
		    internet_address_mailbox_get_addr(
		    INTERNET_ADDRESS_MAILBOX(x))) == 0)
			return true;
	}
	return false;
}

/* An address as written in a field: without "<>", spaces, a final dot. */
char *
bnc_clean_addr(const char *v)
{
	const char *q;
	char *a, *p;
	size_t n;

	while (*v == ' ' || *v == '\t' || *v == '<')
		v++;
	/* a quoted local part, "john smith"@host (RFC 5321 4.1.2) */
	if (*v == '"' && (q = strchr(v + 1, '"')) != NULL && q[1] == '@' &&
	    memchr(v, '\n', (size_t)(q - v)) == NULL) {
		n = (size_t)(q + 2 - v) + strcspn(q + 2, ">\" \t;,");
		if ((a = strndup(v, n)) == NULL)
			return NULL;
	} else {
		while (*v == '"')
			v++;
		/* old Exchange: "SMTP=user@host", "smtp:user@host" */
		if (strncasecmp(v, "smtp=", 5) == 0 ||
		    strncasecmp(v, "smtp:", 5) == 0)
			v += 5;
		if ((a = strdup(v)) == NULL)
			return NULL;
		if ((p = strpbrk(a, ">\" \t;,")) != NULL)
			*p = '\0';
	}
	n = strlen(a);
	while (n > 0 && a[n - 1] == '.')
		a[--n] = '\0';
	return a;
}
/*
 * How much of the bounce text the whole-text phrase checks read: a
 * notice says what happened near its top; the rest is boilerplate.
 */
#define HUMAN_MAX	2048

size_t
bnc_text_head(const struct parts *p)
{
	return p->text.len > HUMAN_MAX ? HUMAN_MAX : p->text.len;
}

/*
 * RE_ADDR from off, '@' by '@': a match is a run of local-part bytes (no
 * '@' among them) that it starts (the look-behind), the '@' after them,
 * a domain.  So one that takes the first '@' from off starts in the run
 * of bnc_local_char() bytes before it, or at that '@' at the latest; one
 * that does not starts after it, in the run before the next '@'.  Each
 * '@' is tried from its run with its own place as the limit (PCRE2
 * would otherwise try every later place before the next '@').
 */
int
bnc_find_addr(struct bounce *b, const char *t, size_t len, size_t off,
    size_t *s, size_t *e)
{
	const char *at;
	size_t start, a;

	for (; off < len && (at = memchr(t + off, '@', len - off)) != NULL;
	    off = a + 1) {
		a = (size_t)(at - t);
		for (start = a; start > off &&
		    bnc_local_char((unsigned char)t[start - 1]); start--)
			;
		if (bnc_re_find_by(b, t, len, start, a, s, e))
			return 1;
	}
	return 0;
}

/*
 * Does the line [ls, le) open with an address followed by ':' (after a
 * '>'): a recipient's entry, "addr: reason" (Citadel's "addr: dsn", one
 * recipient a line)?
 */
static bool
entry_line(struct ctx *c, const char *t, size_t ls, size_t le)
{
	size_t s, e;

	while (ls < le && (t[ls] == ' ' || t[ls] == '\t' || t[ls] == '<'))
		ls++;
	if (!bnc_re_find(c->b, RE_ADDR, t, le, ls, &s, &e, 0) || s != ls)
		return false;
	if (e < le && t[e] == '>')
		e++;
	return e < le && t[e] == ':';
}

/*
 * Do the words w[0..n) (at most NOTRCPT_SPAN bytes) match
 * bounce-notrcpt.txt?  As written, or else with their lines joined: a
 * writer or a relay may wrap a sentence anywhere ("Please send all\n
 * correspondence to <a>"), and the patterns' words are mostly one space
 * apart.  Joined, each run of white space is one space and each word
 * holding an '@' (another address) is "@" alone: a pattern that a line's
 * end kept from reading into one ("(replies to news-help@host)\nto <a>")
 * must not read its words.
 */
#define NOTRCPT_SPAN	300
#define WRAP_MAX	4	/* lines an entry's reason may be wrapped onto */

static bool
notrcpt_words(struct ctx *c, const char *w, size_t n)
{
	char one[NOTRCPT_SPAN + 1];
	size_t i, j, k = 0, ms;

	if (bnc_list_find(c->b, PL_NOTRCPT, w, n, &ms) == 1)
		return true;
	/* joined, the words can read otherwise only when some follow the
	 * last line break (the patterns take white space before an
	 * address, newlines too, as "\s") */
	for (i = n; i > 0 && w[i - 1] != '\n'; i--)
		;
	for (j = i; j < n && isspace((unsigned char)w[j]); j++)
		;
	if (i == 0 || j == n)
		return false;
	for (i = 0; i < n; i = j) {
		if (isspace((unsigned char)w[i])) {
			if (k == 0 || one[k - 1] != ' ')
				one[k++] = ' ';
			j = i + 1;
			continue;
		}
		for (j = i; j < n && !isspace((unsigned char)w[j]); j++)
			;
		if (memchr(w + i, '@', j - i) != NULL)
			one[k++] = '@';
		else {
			memcpy(one + k, w + i, j - i);
			k += j - i;
		}
	}
	return bnc_list_find(c->b, PL_NOTRCPT, one, k, &ms) == 1;
}

/*
 * Do the words before the address at t[at] say it is no failed
 * recipient (a contact, a new address, an example, the alias a failed
 * address was expanded from)?  Its line up to it, and the line before
 * when the address opens its line or its sentence began there:
 * bounce-notrcpt.txt.  Not that line before when both lines are entries
 * "addr: reason" (entry_line()), nor under a reply (bnc_under_reply()),
 * nor when both are fields "LABEL : value" (bnc_under_field()).
 */
static bool
not_rcpt(struct ctx *c, const char *t, size_t len, size_t at)
{
	size_t ls, k, s, p, le, i;
	bool end = false, opens;

	/* a line longer than that: its last NOTRCPT_SPAN bytes, as below */
	if ((ls = bnc_near_line_start(t, at)) == (size_t)-1)
		ls = at - NOTRCPT_SPAN;
	for (le = at; le < len && t[le] != '\n'; le++)
		;
	for (k = ls; k < at && (t[k] == ' ' || t[k] == '\t' || t[k] == '<' ||
	    t[k] == '"'); k++)
		;
	/* a sentence that ends on this line before the address */
	for (s = k; s + 1 < at && !end; s++)
		end = strchr(".!?;", t[s]) != NULL && t[s + 1] == ' ';
	/* the line before when the address opens its line, or when its
	 * sentence began there ("can now be reached\nat user@host") */
	opens = k == at;
	/* an entry "addr: reason" under another recipient's entry, one
	 * recipient a line: the lines before are that one's reason (wrapped
	 * onto at most WRAP_MAX lines of no address), and no word before
	 * the address on its own line */
	if (opens && entry_line(c, t, ls, le))
		for (p = ls, i = 0; i <= WRAP_MAX && p >= 2 &&
		    t[p - 1] == '\n' && t[p - 2] != '\n'; i++) {
			k = p - 1;
			if ((p = bnc_near_line_start(t, k)) == (size_t)-1)
				break;
			if (memchr(t + p, '@', k - p) == NULL)
				continue;
			if (entry_line(c, t, p, k))
				return false;
			break;
		}
	if (opens && bnc_under_reply(t, ls, at, le))
		return false;
	/* a field's value under another field: no sentence runs on */
	if (bnc_under_field(t, ls, at))
		return notrcpt_words(c, t + ls, at - ls);
	if ((opens || !end) && ls >= 2 && t[ls - 1] == '\n' &&
	    t[ls - 2] != '\n') {
		k = ls - 1;
		if ((ls = bnc_near_line_start(t, k)) == (size_t)-1)
			ls = k > NOTRCPT_SPAN ? k - NOTRCPT_SPAN : 0;
		/* of a sentence begun there, only the words after the
		 * last sentence end on it */
		if (!opens)
			for (s = k; s > ls; s--)
				if (strchr(".!?;", t[s - 1]) != NULL &&
				    (s == k || t[s] == ' ')) {
					ls = s;
					break;
				}
	}
	if (at - ls > NOTRCPT_SPAN)
		ls = at - NOTRCPT_SPAN;
	return notrcpt_words(c, t + ls, at - ls);
}

/*
 * Do the words after the address that ends at t[e], to the end of its
 * sentence, say it is no failed recipient ("use k@host instead",
 * "k@host is his new address", "k@host from now on"), its lines joined?
 * The patterns of bounce-notrcpt.txt that open with "^\x01" read "\x01"
 * then those words (at most AFTER_MAX bytes); a pattern that reads the
 * words before an address cannot match at that byte, so a match there
 * is theirs.
 */
#define AFTER_MAX	160

static bool
not_rcpt_after(struct ctx *c, const char *t, size_t len, size_t e)
{
	char buf[AFTER_MAX + 1];
	size_t n = 0, k, ms;
	unsigned char ch;

	buf[n++] = '\x01';
	for (k = e; k < len && n < sizeof(buf); k++) {
		ch = (unsigned char)t[k];
		if (ch == '\n' && k + 1 < len && t[k + 1] == '\n')
			break;
		if ((ch == '.' || ch == '!' || ch == '?' || ch == ';') &&
		    (k + 1 == len || isspace((unsigned char)t[k + 1])))
			break;
		/* each run of white space one space: a line may be wrapped
		 * anywhere in the sentence */
		if (!isspace(ch))
			buf[n++] = (char)ch;
		else if (buf[n - 1] != ' ')
			buf[n++] = ' ';
	}
	return bnc_list_find(c->b, PL_NOTRCPT, buf, n, &ms) == 1 && ms == 0;
}

/*
 * Is the address at t[at] Sendmail's "(expanded from: <addr>)" under a
 * failed program or file ("|/usr/bin/procmail", "/var/mail/box": the
 * q_paddr line, then its parenthesized lines)?  Then it is the address
 * the sender used and the only one that failed, as a DSN's Final-Recipient
 * that is no address yields to its Original-Recipient (report.c).
 */
static bool
expanded_program(const char *t, size_t at)
{
	size_t ls, k, n;

	if ((ls = bnc_near_line_start(t, at)) == (size_t)-1)
		return false;
	for (k = ls; t[k] == ' ' || t[k] == '\t'; k++)
		;
	if (k + 14 > at || strncasecmp(t + k, "(expanded from", 14) != 0)
		return false;
	/* up over the other parenthesized lines to the q_paddr line */
	for (n = 0; ls > 0 && n < FOLD_MAX; n++) {
		if ((ls = bnc_near_line_start(t, ls - 1)) == (size_t)-1)
			return false;
		for (k = ls; t[k] == ' ' || t[k] == '\t'; k++)
			;
		if (t[k] != '(')
			break;
	}
	if (t[k] == '"')
		k++;
	return t[k] == '|' || t[k] == '/';
}

/*
 * Does the line holding offset at open with a label that names the
 * address the sender used before an alias or a relay rewrote it
 * ("Original address:", "Original recipient:", "Original-Recipient:",
 * RFC 3464's field as a notice writes it in prose), before at?
 */
static bool
original_label(const char *t, size_t at)
{
	static const char *const lab[] = { "original address",
	    "original recipient", "original-recipient" };
	size_t ls, i, n;

	if ((ls = bnc_near_line_start(t, at)) == (size_t)-1)
		return false;
	while (ls < at && (t[ls] == ' ' || t[ls] == '\t'))
		ls++;
	for (i = 0; i < nitems(lab); i++) {
		n = strlen(lab[i]);
		if (at - ls > n && strncasecmp(t + ls, lab[i], n) == 0 &&
		    memchr(t + ls + n, ':', at - ls - n) != NULL)
			return true;
	}
	return false;
}

/*
 * Is the address at [s, e) the rewritten one of a recipient whose next
 * line gives the original ("Recipient address: box@host" then
 * "Original address: user@domain", Messaging Server's notice)?  That
 * one is reported, as a DSN's Original-Recipient is (report.c).
 */
static bool
rewritten(struct ctx *c, const char *t, size_t len, size_t e)
{
	const char *nl;
	size_t s2, e2, le;

	/* the address ends its line, give or take a few bytes */
	if ((nl = memchr(t + e, '\n', len - e > 64 ? 64 : len - e)) == NULL)
		return false;
	le = (size_t)(nl - t) + 1;
	nl = memchr(t + le, '\n', len - le > LINE_LOOK ? LINE_LOOK :
	    len - le);
	if (!bnc_find_addr(c->b, t, nl ? (size_t)(nl - t) : (len - le >
	    LINE_LOOK ? le + LINE_LOOK : len), le, &s2, &e2))
		return false;
	return original_label(t, s2);
}

/*
 * Put a in place of f's entry i (a taken over): the address the sender
 * used over the one X-Failed-Recipients names (Exim names the expanded
 * child there).  When a is another entry already (a second child of one
 * alias), i names it but is not indexed: found_index() gives that one.
 */
static void
found_rename(struct found *f, size_t i, char *a)
{
	char *k;
	bool dup = found_index(f, a) != (size_t)-1;

	k = g_ascii_strdown(f->a[i], -1);
	g_hash_table_remove(f->idx, k);
	g_free(k);
	free(f->a[i]);
	f->a[i] = a;
	if (!dup)
		g_hash_table_insert(f->idx, g_ascii_strdown(a, -1),
		    GSIZE_TO_POINTER(i + 1));
}

/*
 * matched of r with a note after it ("soft.txt:12; no failed address
 * named"), in c->note.
 */
const char *
bnc_note(struct ctx *c, const char *matched, const char *note)
{
	snprintf(c->note, sizeof(c->note), "%s%s%s", matched ? matched : "",
	    matched ? "; " : "", note);
	return c->note;
}

static int
cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* The index of the first of pos[0..n) (in order) at or after at. */
static size_t
first_from(const size_t *pos, size_t n, size_t at)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (pos[mid] < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * The diagnostic of the recipient named at offset at, [*ps, *pe): its
 * paragraph (bnc_paragraph()), from its own line when another recipient
 * is named before it there, up to the line of the next recipient named
 * (pos[0..np): where each is named, in order) or of the next notice
 * line (another group's).  Binary searches, not a walk of all the
 * others: a notice may name thousands.
 */
static void
rcpt_para(const char *t, size_t len, const size_t *pos, size_t np,
    const struct notices *nt, size_t at, size_t *ps, size_t *pe)
{
	const char *nl;
	size_t j, e, k;

	bnc_paragraph(t, len, at, ps, pe);
	j = first_from(pos, np, at);
	if (j > 0 && pos[j - 1] >= *ps) {
		*ps = at;
		while (*ps > 0 && t[*ps - 1] != '\n')
			(*ps)--;
	}
	/* the first one named on a later line, before its end */
	if (*pe > at && (nl = memchr(t + at, '\n', *pe - at)) != NULL) {
		e = (size_t)(nl - t) + 1;
		j = first_from(pos, np, e);
		if (j < np && pos[j] < *pe) {
			for (e = pos[j]; t[e - 1] != '\n'; e--)
				;
			*pe = e;
		}
	}
	for (k = 0; k < nt->n; k++)
		if (nt->at[k] > at && nt->at[k] < *pe) {
			e = nt->at[k];
			while (e > at && t[e - 1] != '\n')
				e--;
			if (e > at)
				*pe = e;
			break;
		}
}

/*
 * The address t[*s..e) as a string (free() it), or NULL (no memory).
 * Old Exchange's address type, "SMTP=user@host": '=' is a local-part
 * byte, but this one is no part of the address: dropped, *s moved past
 * it and *typed set.
 */
static char *
typed_addr(const char *t, size_t *s, size_t e, bool *typed)
{
	char *a;

	if ((a = strndup(t + *s, e - *s)) == NULL)
		return NULL;
	*typed = strncasecmp(a, "smtp=", 5) == 0 && a[5] != '@';
	if (*typed) {
		memmove(a, a + 5, strlen(a + 5) + 1);
		*s += 5;
	}
	return a;
}

bool
bnc_own_addr(struct ctx *c, const char *a)
{
	if (bnc_in_list(mail_message_to(c->m), a) ||
	    bnc_in_list(mail_message_from(c->m), a) || verp_list_own(c->m, a))
		return true;
	bnc_parts_addrs(c->p);
	return c->p->orig_from != NULL && strcasecmp(a, c->p->orig_from) == 0;
}

/*
 * Is the address a at t[s] no recipient whatever the words say: after
 * the signature (sig), in a header of the returned message, one of the
 * parties' own (bnc_own_addr()), or a part of a word (".user@host",
 * "=user@host"; typed: old Exchange's "SMTP=" dropped)?
 */
static bool
no_rcpt(struct ctx *c, const char *t, size_t s, size_t sig, const char *a,
    bool typed)
{
	return s >= sig || header_line(t, s) || bnc_own_addr(c, a) ||
	    (s > 0 && !typed && (t[s - 1] == '=' || t[s - 1] == '.'));
}

/*
 * A site's prose notice (no notice lines, no X-Failed-Recipients): the
 * offset of the first address whose sentence ties it to a failure
 * (sentence_fails()), of those that may be recipients at all; (size_t)-1
 * when none is, with its end in *fe.  The recipients are taken from
 * there on: another address named before it is a help desk's or a
 * sender's the word list missed, not a failed one.  An address listed
 * as recipients are (bnc_listed()) before any tied one is evidence
 * enough: then none is chosen, and the first named leads as before.
 */
static size_t
first_failed(struct ctx *c, const char *t, size_t len, size_t sig,
    size_t *fe)
{
	size_t off, s, e, ms;
	char *a;
	bool typed, skip;

	for (off = 0; bnc_find_addr(c->b, t, len, off, &s, &e); off = e) {
		if ((a = typed_addr(t, &s, e, &typed)) == NULL)
			break;
		skip = no_rcpt(c, t, s, sig, a, typed) || (not_rcpt(c, t, len, s) &&
		    !expanded_program(t, s)) || not_rcpt_after(c, t, len, e) ||
		    bnc_list_find(c->b, PL_NOADDR, a, strlen(a), &ms) == 1;
		free(a);
		if (skip)
			continue;
		if (bnc_sentence_fails(c, t, len, s, e)) {
			*fe = e;
			return s;
		}
		/* one listed before any tied: the order decides */
		if (bnc_listed(t, len, s, e))
			break;
	}
	return (size_t)-1;
}

/* A plain-text bounce: addresses in the text, each with its paragraph. */
int
bnc_text(struct ctx *c)
{
	struct parts *p = c->p;
	const char *t = p->text.s ? p->text.s : "";
	size_t len = p->text.len, s, e, off, ps, pe, i, n;
	struct found f = { 0 };
	struct bnc_whole wh = { 0 };
	struct sbuf places = { 0 };
	size_t *pos = NULL, npos = 0;
	struct notices nt;
	struct bounce_rcpt r;
	const char *xf;
	char *a, *x, *pm = NULL, *self = NULL;
	size_t pm_at = 0, self_at = 0, sig, pend = 0, first = 0;
	size_t fail_at = 0, fail_e = 0, fsend = 0;
	GHashTable *ok, *bad = NULL, *rew = NULL, *made = NULL;
	bool typed, tied, listed = false;
	int ret = 0, m;

	/* Exim and others name them in a header */
	if ((xf = mail_header(GMIME_OBJECT(c->m), "X-Failed-Recipients")) !=
	    NULL) {
		size_t xlen = strlen(xf);

		for (off = 0; bnc_re_find(c->b, RE_ADDR, xf, xlen, off, &s,
		    &e, 0); off = e) {
			/* old Exchange's "SMTP=user@host" (typed_addr()) */
			if ((a = typed_addr(xf, &s, e, &typed)) == NULL)
				break;
			if (found_add(&f, a, (size_t)-1) == -1)
				break;
		}
		if (f.n == 0)
			xf = NULL;
	}
	ok = bnc_accepted_rcpts(c, t, len);
	/* with notice lines and no X-Failed-Recipients, only the addresses
	 * the notice ties to a failure (bnc_notice_ties()) */
	bnc_find_notices(c, t, len, &nt);
	if ((tied = nt.n > 0 && xf == NULL))
		bad = bnc_refused_rcpts(c, t, len);
	sig = signature(t, len);
	if (!tied && xf == NULL && (fail_at = first_failed(c, t, len, sig,
	    &fail_e)) == (size_t)-1)
		fail_at = fail_e = 0;
	for (off = 0;; off = e) {
		if (!bnc_find_addr(c->b, t, len, off, &s, &e))
			break;
		if ((a = typed_addr(t, &s, e, &typed)) == NULL)
			break;
		/* Exchange's IMCEA encapsulation: the SMTP address it wraps,
		 * or none (an X.500 DN is no address a sender used) */
		if ((m = bnc_imcea(a, &x)) != 0) {
			free(a);
			if ((a = x) == NULL)
				continue;
		}
		if (no_rcpt(c, t, s, sig, a, typed)) {
			/* the sender's own address, but on a line of its
			 * own as "<addr>:" (qmail, Postfix): someone who
			 * wrote to himself; kept in case none other is */
			if (self == NULL && !header_line(t, s) && s > 0 &&
			    t[s - 1] == '<' && (s == 1 || t[s - 2] == '\n') &&
			    e + 1 < len && t[e] == '>' && t[e + 1] == ':') {
				self = a;
				self_at = s;
			} else
				free(a);
			continue;
		}
		/* the rewritten address of a recipient whose original the
		 * next line gives: kept in rew, for its reply names it too */
		if (rewritten(c, t, len, e)) {
			if (rew == NULL)
				rew = g_hash_table_new_full(g_str_hash,
				    g_str_equal, g_free, NULL);
			g_hash_table_add(rew, g_ascii_strdown(a, -1));
		}
		/* a contact, a new address, an example, an address the
		 * transcript shows accepted, a rewritten one: never failed */
		if ((not_rcpt(c, t, len, s) && !expanded_program(t, s)) ||
		    not_rcpt_after(c, t, len, e) || bnc_was_accepted(ok, a) ||
		    (!tied && xf == NULL && s < fail_at && (e - s != fail_e -
		    fail_at || strncasecmp(t + s, t + fail_at, e - s) != 0)) ||
		    (tied && !bnc_notice_ties(c, t, len, &nt, bad, s, e)) ||
		    (tied && nt.c_by_code && listed) ||
		    (!tied && xf == NULL && !bnc_prose_ties(c, t, len, &nt,
		    pend, first, s, e)) || (fail_e != 0 && pend != 0 &&
		    s > fsend && !bnc_listed(t, len, s, e) &&
		    !bnc_sentence_fails(c, t, len, s, e)) ||
		    bnc_was_accepted(rew, a)) {
			free(a);
			continue;
		}
		if (bnc_list_find(c->b, PL_NOADDR, a, strlen(a), &ps)) {
			/* postmaster@ only if no other address is named */
			if (pm == NULL) {
				pm = a;
				pm_at = s;
			} else
				free(a);
			continue;
		}
		/* the list the original went through: its own address */
		if (bnc_list_addr(p, a)) {
			free(a);
			continue;
		}
		/* with X-Failed-Recipients, the text only places them */
		i = found_index(&f, a);
		if (xf != NULL && i == (size_t)-1) {
			free(a);
			continue;
		}
		/* expanded or generated from the address the sender used:
		 * that one is reported, in this one's place */
		if ((m = bnc_sender_for(c, &made, t, len, e, a, &x)) == -1) {
			free(a);
			break;
		}
		if (m == 1 && xf != NULL && i != (size_t)-1) {
			found_rename(&f, i, x);
			x = a;
			a = strdup(f.a[i]);
			free(x);
			if (a == NULL)
				break;
		} else if (m == 1) {
			free(a);
			a = x;
		}
		if (found_add(&f, a, s) == -1)
			break;
		/* a notice line's block lists them: a reply naming another
		 * address later names one the receiver rewrote, no more */
		listed = listed || (tied && nt.c_block);
		/* a site's prose: the others stand with the first */
		if (!tied && xf == NULL && pend == 0) {
			pend = bnc_block_end(c, t, len, s);
			first = s;
			fsend = bnc_sentence_end(t, len, e);
		}
	}
	/* none named: the sender's own, else postmaster@ (not the daemon) */
	if (f.n == 0 && self == NULL && pm != NULL &&
	    strncasecmp(pm, "mailer-daemon", 13) != 0) {
		self = pm;
		self_at = pm_at;
		pm = NULL;
	}
	if (f.n == 0 && self != NULL) {
		(void)found_add(&f, self, self_at);
		self = NULL;
	}
	n = f.n;
	wh.addrs = f.idx;
	/* where the text names them, in order */
	if (n > 0 && (pos = reallocarray(NULL, n, sizeof(*pos))) == NULL)
		ret = -1;
	for (i = 0; i < n && pos != NULL; i++)
		if (f.where[i] != (size_t)-1)
			pos[npos++] = f.where[i];
	if (npos > 1)
		qsort(pos, npos, sizeof(*pos), cmp_size);
	for (i = 0; i < n && ret == 0; i++) {
		if (found_index(&f, f.a[i]) != i)
			continue;	/* found_rename(): reported once */
		r = c->base;
		r.recipient = f.a[i];
		if (f.where[i] != (size_t)-1) {
			rcpt_para(t, len, pos, npos, &nt, f.where[i], &ps, &pe);
			if (bnc_own_places(c, t, len, sig, &nt, wh.addrs,
			    f.a[i], ps, pe, &places) == -1) {
				ret = -1;
				break;
			}
			bnc_one_line(&c->diag, places.s, places.len);
		} else
			bnc_one_line(&c->diag, t, len);
		r.diagnostic = c->diag.s;
		bnc_notice_group(c, t, len, &nt, f.where[i]);
		m = bnc_classify_listed(c, &wh, &r, c->diag.s);
		c->whole = NULL;
		if (m == -1) {
			ret = -1;
			break;
		}
		bnc_apply_notice(c, &r, &nt, f.where[i]);
		if (f.where[i] != (size_t)-1 && original_label(t, f.where[i]))
			r.matched = bnc_note(c, r.matched,
			    "original-recipient");
		ret = c->emit(c->arg, &r);
	}
	if (ret == 0)
		ret = bnc_emit_cap(c, f.more);
	/* a bounce that names no failed address: one record without a
	 * recipient (the returned message's own To is no evidence) */
	if (n == 0 && ret == 0) {
		r = c->base;
		r.recipient = NULL;
		bnc_one_line(&c->diag, t, len);
		r.diagnostic = c->diag.s;
		if (bnc_classify_text(c, &r, t, NULL, NULL, 0) == -1)
			ret = -1;
		else {
			bnc_apply_notice(c, &r, &nt, (size_t)-1);
			r.matched = bnc_note(c, r.matched,
			    "no failed address named");
			ret = c->emit(c->arg, &r);
		}
	}
	bnc_whole_free(&wh);
	sbuf_free(&places);
	free(pos);
	found_free(&f);
	g_clear_pointer(&ok, g_hash_table_destroy);
	g_clear_pointer(&bad, g_hash_table_destroy);
	g_clear_pointer(&rew, g_hash_table_destroy);
	g_clear_pointer(&made, g_hash_table_destroy);
	free(pm);
	free(self);
	return ret;
}
