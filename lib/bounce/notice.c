/*
 * What a plain-text notice says of its recipients beyond their words:
 * the lines that introduce failed or delayed recipients
 * (phrases/bounce-notice.txt: which group a recipient is in, what a
 * delay makes of its kind), the block of recipients each introduces,
 * which addresses the notice ties to a failure (in a block, "<addr>:",
 * refused in the session, on a line with a failure code, in a sentence
 * that says it failed), and the addresses that a session transcript
 * shows accepted or refused.  See bounce/notice.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bounce/lines.h"
#include "bounce/notice.h"

/* The line of t[0..len) that starts after the one holding at: [*ls, *le). */
static bool
next_line(const char *t, size_t len, size_t at, size_t *ls, size_t *le)
{
	const char *nl;

	if ((nl = memchr(t + at, '\n', len - at)) == NULL)
		return false;
	*ls = (size_t)(nl - t) + 1;
	nl = memchr(t + *ls, '\n', len - *ls);
	*le = nl != NULL ? (size_t)(nl - t) : len;
	return true;
}

/* The server's reply on line [ls, le) of a transcript, after its marker. */
static const char *
reply_in(const char *t, size_t ls, size_t le)
{
	size_t k;

	for (k = ls; k + 7 <= le; k++)
		if (memcmp(t + k, "<-- ", 4) == 0 ||
		    memcmp(t + k, "<<< ", 4) == 0)
			return t + k + 4;
	return NULL;
}

/*
 * What a session transcript shows of its recipients: a "RCPT TO"
 * command line whose next line is the server's reply marked "<-- "
 * (MDaemon's session transcript) or "<<< " (Sendmail's).  With failed
 * false, the addresses answered 2xx: they did not fail there, whatever
 * the rest of the notice says, unless a later reply of the session
 * refused the message itself (after DATA: then every recipient failed,
 * and the set is NULL).  With failed true, the addresses the session
 * shows failed: answered 4xx or 5xx, or accepted before such a refusal
 * of the message.  NULL when the text has none.
 */
static GHashTable *
session(struct ctx *c, const char *t, size_t len, bool failed)
{
	GHashTable *h[2] = { NULL, NULL }, *r;
	GHashTableIter it;
	gpointer key;
	const char *p, *q;
	size_t at = 0, ls, le, s, e, k, last = 0;
	bool refused = false;
	int bad;

	while (at < len && (p = str_casestr(t + at, "rcpt to")) != NULL) {
		at = (size_t)(p - t) + 7;
		if (!next_line(t, len, at, &ls, &le))
			break;
		last = le;
		q = reply_in(t, ls, le);
		if (q == NULL || !(q[0] == '2' || q[0] == '4' ||
		    q[0] == '5') || !isdigit((unsigned char)q[1]) ||
		    !isdigit((unsigned char)q[2]))
			continue;
		bad = q[0] != '2';
		/* the address of the command, on its own line */
		if (!bnc_re_find(c->b, RE_ADDR, t, ls, at, &s, &e, 0))
			continue;
		if (h[bad] == NULL)
			h[bad] = g_hash_table_new_full(g_str_hash,
			    g_str_equal, g_free, NULL);
		g_hash_table_add(h[bad], g_ascii_strdown(t + s,
		    (gssize)(e - s)));
	}
	/* a refusal after the last RCPT's reply is the message's */
	for (k = last; (h[0] != NULL || h[1] != NULL) && k < len; k = le) {
		/* t[k] ends a line: the next is [k + 1, le) */
		ls = k + 1;
		p = memchr(t + ls, '\n', len - ls);
		le = p != NULL ? (size_t)(p - t) : len;
		if ((q = reply_in(t, ls, le)) != NULL &&
		    (q[0] == '4' || q[0] == '5'))
			refused = true;
	}
	if (!failed) {
		if (h[1] != NULL)
			g_hash_table_destroy(h[1]);
		if (refused && h[0] != NULL) {
			g_hash_table_destroy(h[0]);
			h[0] = NULL;
		}
		return h[0];
	}
	if (refused && h[0] != NULL) {
		if (h[1] == NULL)
			h[1] = g_hash_table_new_full(g_str_hash,
			    g_str_equal, g_free, NULL);
		g_hash_table_iter_init(&it, h[0]);
		while (g_hash_table_iter_next(&it, &key, NULL))
			g_hash_table_add(h[1], g_strdup(key));
	}
	r = h[1];
	if (h[0] != NULL)
		g_hash_table_destroy(h[0]);
	return r;
}

GHashTable *
bnc_accepted_rcpts(struct ctx *c, const char *t, size_t len)
{
	return session(c, t, len, false);
}

GHashTable *
bnc_refused_rcpts(struct ctx *c, const char *t, size_t len)
{
	return session(c, t, len, true);
}

/* Is a in the set h of bnc_accepted_rcpts()? */
bool
bnc_was_accepted(GHashTable *h, const char *a)
{
	char *k;
	bool r;

	if (h == NULL)
		return false;
	k = g_ascii_strdown(a, -1);
	r = g_hash_table_contains(h, k);
	g_free(k);
	return r;
}

/* The end of the line holding offset at: its newline, or len. */
static size_t
line_end(const char *t, size_t len, size_t at)
{
	const char *nl;

	if (at >= len)
		return len;
	nl = memchr(t + at, '\n', len - at);
	return nl != NULL ? (size_t)(nl - t) : len;
}

/* The start of the line holding offset at. */
static size_t
line_start(const char *t, size_t at)
{
	while (at > 0 && t[at - 1] != '\n')
		at--;
	return at;
}

/* Is the line [ls, le) empty but for white space? */
static bool
blank(const char *t, size_t ls, size_t le)
{
	for (; ls < le; ls++)
		if (!isspace((unsigned char)t[ls]))
			return false;
	return true;
}

/*
 * The length of a label that names a recipient before its address
 * ("Recipient:", "Failed recipient:", "Original recipient address:",
 * Messaging Server's "Original address:", the same word in other
 * languages: "Destinataire :", "Empfänger:", "收件人："): words and a
 * colon (or a full-width one), at most 40 bytes, with one of rcpt_words
 * among them; or 0.
 */
static const char *const rcpt_words[] = { "recipient", "original address",
    "destinataire", "destinatario", "destinatário", "empfänger",
    "ontvanger", "mottagare", "modtager", "odbiorca", "получатель",
    "адресат", "收件人", "收件者", "宛先", "받는 사람" };

static size_t
rcpt_label(const char *t, size_t ls, size_t le)
{
	static const char fw[] = "\xef\xbc\x9a";	/* U+FF1A */
	size_t k, i, j, n, cl;

	for (k = ls; k < le && k - ls < 40 && (isalpha((unsigned char)t[k]) ||
	    (t[k] & 0x80) != 0 || t[k] == ' ' || t[k] == '-' || t[k] == '(' ||
	    t[k] == ')'); k++)
		if (k + 3 <= le && memcmp(t + k, fw, 3) == 0)
			break;
	if (k < le && t[k] == ':')
		cl = 1;
	else if (k + 3 <= le && memcmp(t + k, fw, 3) == 0)
		cl = 3;
	else
		return 0;
	for (j = 0; j < nitems(rcpt_words); j++) {
		n = strlen(rcpt_words[j]);
		for (i = ls; i + n <= k; i++)
			if (strncasecmp(t + i, rcpt_words[j], n) == 0)
				return k + cl - ls;
	}
	return 0;
}

/* The line [ls, le) after its indent and a label naming recipients. */
static size_t
after_label(const char *t, size_t ls, size_t le)
{
	while (ls < le && (t[ls] == ' ' || t[ls] == '\t'))
		ls++;
	return ls + rcpt_label(t, ls, le);
}

/*
 * Where a recipient's address would start on the line [ls, le): after
 * white space, a label naming a recipient, then white space, "<", a
 * quote or "[" (MailEnable's "[SMTP:user@host]", Exchange 2003's
 * localized "'<user@host' on <date>").
 */
static size_t
addr_start(const char *t, size_t ls, size_t le)
{
	ls = after_label(t, ls, le);
	while (ls < le && (t[ls] == ' ' || t[ls] == '\t' || t[ls] == '<' ||
	    t[ls] == '"' || t[ls] == '\'' || t[ls] == '['))
		ls++;
	return ls;
}

/*
 * Does the line [ls, le) open with an address (after white space, "<",
 * a quote, a label naming a recipient, old Exchange's "SMTP=" or
 * "smtp:" type)?  Its end in *ae if it does.
 */
static bool
opens_with_addr(struct ctx *c, const char *t, size_t ls, size_t le,
    size_t *ae)
{
	size_t s, typed;

	ls = addr_start(t, ls, le);
	/* "SMTP=user@host" may match as a whole ('=' is a local-part
	 * byte); "smtp:user@host", "SMTP=<user@host>" after the type */
	typed = ls;
	if (le - ls > 5 && (strncasecmp(t + ls, "smtp=", 5) == 0 ||
	    strncasecmp(t + ls, "smtp:", 5) == 0)) {
		typed = ls + 5;
		if (t[typed] == '<')
			typed++;
	}
	if (!bnc_re_find(c->b, RE_ADDR, t, le, ls, &s, ae, 0))
		return false;
	return s == ls || s == typed;
}

/*
 * Does the line [ls, le) open with a word that holds an '@' (an address,
 * or one too malformed to be one: "user@host" with no dot), after white
 * space, "<", a quote or a label naming a recipient?  The line opens a
 * recipient's paragraph.
 */
static bool
opens_with_at_word(const char *t, size_t ls, size_t le)
{
	ls = addr_start(t, ls, le);
	for (; ls < le && !isspace((unsigned char)t[ls]); ls++)
		if (t[ls] == '@')
			return true;
	return false;
}

/*
 * Is what follows an address that opens its line, t[e..le), what a
 * writer puts after a recipient it lists (nothing, ":" and a reason,
 * "..." and a reason, "(reason)", " on <date>", a list's separator, a
 * reply code), not the rest of a sentence ("sales@host. His colleague",
 * "delist@host with your IP")?
 */
static bool
rcpt_line_rest(const char *t, size_t e, size_t le)
{
	while (e < le && (t[e] == '>' || t[e] == '"'))
		e++;
	while (e < le && (t[e] == ' ' || t[e] == '\t'))
		e++;
	if (e >= le || strchr(":;,([-", t[e]) != NULL ||
	    isdigit((unsigned char)t[e]))
		return true;
	/* "addr... User unknown" (Sendmail), not "addr." ending a sentence */
	if (le - e >= 3 && strncmp(t + e, "...", 3) == 0)
		return true;
	return le - e >= 3 && strncasecmp(t + e, "on ", 3) == 0;
}

/*
 * Is the line [ls, le) a mailbox as a list writes it, a display name
 * then the address in angle brackets ("  Ken Ito <ken@host>"), with
 * nothing after it but what follows a listed recipient?
 */
static bool
mailbox_line(struct ctx *c, const char *t, size_t ls, size_t le)
{
	size_t k, s, e;

	while (ls < le && (t[ls] == ' ' || t[ls] == '\t'))
		ls++;
	for (k = ls; k < le && k - ls < 64 && (isalpha((unsigned char)t[k]) ||
	    (t[k] & 0x80) != 0 || strchr(" .,'\"-", t[k]) != NULL); k++)
		;
	if (k == ls || k >= le || t[k] != '<' ||
	    !bnc_re_find(c->b, RE_ADDR, t, le, k + 1, &s, &e, 0) ||
	    s != k + 1 || e >= le || t[e] != '>')
		return false;
	return rcpt_line_rest(t, e, le);
}

/*
 * Does the line [ls, le) open an entry of Exchange's listing, "NAME on
 * DATE" (Exchange 5.5 to 2003, Microsoft KB 251152 and 246881: an
 * address, a display name or an X.400 name, then " on " and when it
 * failed, "on Mon, 17 Jan 2000 16:49:22 -0500", "on 10/20/99 8:28 PM")?
 * The name holds '@', '/' or '=', or is at most four capitalized words:
 * not a sentence ("It was sent on ...").
 */
static bool
entry_on_date(const char *t, size_t ls, size_t le)
{
	size_t k, d, w = 0;
	bool digit = false, colon = false, word = true;

	for (k = le; k >= ls + 5 && strncmp(t + k - 4, " on ", 4) != 0; k--)
		;
	if (k < ls + 5 || le - k > 40)
		return false;
	for (d = k; d < le; d++) {
		digit |= isdigit((unsigned char)t[d]) != 0;
		colon |= t[d] == ':';
	}
	if (!digit || !colon)
		return false;
	while (ls < k - 4 && (t[ls] == ' ' || t[ls] == '\t'))
		ls++;
	if (memchr(t + ls, '@', k - 4 - ls) != NULL ||
	    memchr(t + ls, '/', k - 4 - ls) != NULL ||
	    memchr(t + ls, '=', k - 4 - ls) != NULL)
		return true;
	for (d = ls; d < k - 4; d++) {
		if (t[d] == ' ')
			word = true;
		else if (word) {
			word = false;
			if (++w > 4 || !isupper((unsigned char)t[d]))
				return false;
		}
	}
	return w > 0;
}

/*
 * The block of recipients that the notice line at offset at introduces:
 * from the start of its line to the end of its paragraph, then on
 * through each paragraph that opens with an address (the recipients
 * listed one to a paragraph, each with its reason); it ends at a blank
 * line followed by prose (or the text's end).  Its end.
 */
size_t
bnc_block_end(struct ctx *c, const char *t, size_t len, size_t at)
{
	size_t pos, end, ls, le, ae;

	pos = line_end(t, len, at);
	for (;;) {
		/* on to the end of this paragraph */
		while (pos < len) {
			le = line_end(t, len, pos + 1);
			if (blank(t, pos + 1, le))
				break;
			pos = le;
		}
		end = pos;
		/* the next line with words after the blank lines */
		while (pos < len) {
			le = line_end(t, len, pos + 1);
			if (!blank(t, pos + 1, le))
				break;
			pos = le;
		}
		if (pos >= len)
			break;
		ls = pos + 1;
		le = line_end(t, len, ls);
		if (!opens_with_addr(c, t, ls, le, &ae) &&
		    !opens_with_at_word(t, ls, le) &&
		    !mailbox_line(c, t, ls, le) && !entry_on_date(t, ls, le))
			break;
		pos = le;
	}
	return end;
}

size_t
bnc_indent(const char *t, size_t len, size_t ls)
{
	size_t k = ls;

	while (k < len && (t[k] == ' ' || t[k] == '\t'))
		k++;
	return k - ls;
}

/*
 * A notice line followed by an indented listing, one paragraph an entry
 * (Exchange 2003's "      <name or address> on <date>" over its reason
 * lines): the end of the paragraphs whose first line is indented as the
 * first entry's, from the line after the notice line at nle; else end.
 */
static size_t
listing_end(const char *t, size_t len, size_t nle, size_t end)
{
	size_t pos = nle, ls, le, in0, in;

	while (pos < len && blank(t, pos + 1, line_end(t, len, pos + 1)))
		pos = line_end(t, len, pos + 1);
	if (pos >= len || (in0 = bnc_indent(t, len, pos + 1)) < 2)
		return end;
	for (;;) {
		ls = pos + 1;
		in = bnc_indent(t, len, ls);
		if (in != in0)
			break;
		/* to the end of this paragraph */
		for (pos = line_end(t, len, ls); pos < len; pos = le) {
			le = line_end(t, len, pos + 1);
			if (blank(t, pos + 1, le))
				break;
		}
		if (pos > end)
			end = pos;
		while (pos < len && blank(t, pos + 1, line_end(t, len,
		    pos + 1)))
			pos = line_end(t, len, pos + 1);
		if (pos >= len)
			break;
	}
	return end;
}

void
bnc_find_notices(struct ctx *c, const char *t, size_t len,
    struct notices *nt)
{
	struct phrase_index *ix = c->b->ix[PL_NOTICE];
	struct phr_hit hit;
	struct derr e;
	size_t off = 0, i, next;
	int r = 0;

	nt->n = 0;
	nt->c_ls = 0;
	nt->c_ps = 0;
	nt->c_open = false;
	/* one scan of t, then each notice line from the end of the last */
	if (phrase_index_scan(ix, t, len, &e) == -1)
		r = -1;
	while (r == 0 && nt->n < NOTICE_MAX && off < len) {
		if ((r = phrase_index_next(ix, 0, off, &hit, &e)) != 1)
			break;
		r = 0;
		nt->at[nt->n] = hit.start;
		nt->bend[nt->n] = hit.end > hit.start ? hit.end - 1 : hit.start;
		nt->line[nt->n] = hit.line;
		nt->delayed[nt->n] = strcmp(hit.tag, "delayed") == 0;
		nt->n++;
		off = hit.end > hit.start ? hit.end : hit.start + 1;
	}
	if (r == -1)
		bnc_match_err(c->b, &e);
	if (phrase_index_errors(ix, &e) > 0)
		bnc_match_err(c->b, &e);
	/* each one's block, up to the line of the next */
	for (i = 0; i < nt->n; i++) {
		nt->bstart[i] = line_start(t, nt->at[i]);
		nt->bend[i] = listing_end(t, len, line_end(t, len, nt->at[i]),
		    bnc_block_end(c, t, len, nt->bend[i]));
		if (i + 1 < nt->n) {
			next = line_start(t, nt->at[i + 1]);
			if (next < nt->bend[i])
				nt->bend[i] = next;
		}
	}
}

/*
 * Is the line [ls, le) a list of two or more addresses and nothing else
 * (separated by commas, semicolons, white space, in "<>" or quotes),
 * after a label naming them (rcpt_label(): Haraka's "Intended
 * Recipients: {recipients}", config/outbound.bounce_message, the
 * failed recipients joined by ", ")?
 */
static bool
list_line(struct ctx *c, const char *t, size_t len, size_t ls, size_t le)
{
	size_t k = after_label(t, ls, le), s, e;
	int n = 0;

	for (;;) {
		while (k < le && (t[k] == ' ' || t[k] == '\t' || t[k] == ',' ||
		    t[k] == ';' || t[k] == '<' || t[k] == '>' || t[k] == '"'))
			k++;
		if (k >= le)
			return n > 1;
		/* a last one cut by the end of the text read (TEXT_MAX) */
		if (!bnc_re_find(c->b, RE_ADDR, t, le, k, &s, &e, 0) || s != k)
			return n > 1 && le + 1 >= len;
		k = e;
		n++;
	}
}

/*
 * Read the line holding the address at t[s] into nt's cache, once per
 * line: its start and end, the end of the address it opens with, whether
 * it has a failure code, and its paragraph's start and the address that
 * paragraph opens with.  Lines are read in order, so a paragraph's start
 * is found by walking back no further than the line read before.
 */
static void
read_line(struct ctx *c, const char *t, size_t len, struct notices *nt,
    size_t s)
{
	size_t ls, le, p, pl, ps, pe, x, y;

	/* on the line read last: no newline since its last address */
	if (nt->c_ls != 0 && s >= nt->c_at &&
	    memchr(t + nt->c_at, '\n', s - nt->c_at) == NULL) {
		nt->c_at = s;
		return;
	}
	ls = line_start(t, s);
	le = line_end(t, len, s);
	for (p = ls;; p = pl) {
		if (p == 0) {
			ps = 0;
			break;
		}
		if (nt->c_ls != 0 && p == nt->c_ls - 1) {
			ps = nt->c_ps;
			break;
		}
		pl = line_start(t, p - 1);
		if (blank(t, pl, p - 1)) {
			ps = p;
			break;
		}
	}
	if (nt->c_ls == 0 || nt->c_ps != ps) {
		pe = line_end(t, len, ps);
		nt->c_open = opens_with_at_word(t, ps, pe);
		nt->c_open_e = 0;
		if (nt->c_open && opens_with_addr(c, t, ps, pe, &x) &&
		    bnc_re_find(c->b, RE_ADDR, t, x, ps, &y, &x, 0)) {
			nt->c_open_s = y;
			nt->c_open_e = x;
		}
	}
	nt->c_at = s;
	nt->c_ls = ls + 1;
	nt->c_le = le;
	nt->c_ps = ps;
	nt->c_ae = opens_with_addr(c, t, ls, le, &x) ? x : 0;
	nt->c_list = nt->c_ae != 0 && list_line(c, t, len, ls, le);
	nt->c_code = bnc_re_find(c->b, RE_SMTP, t, le, ls, &x, &y, 0) ||
	    bnc_re_find(c->b, RE_STATUS, t, le, ls, &x, &y, 0);
}

/* The white space that indents the line at ls, a line with a word on
 * it (an address). */
static size_t
lead(const char *t, size_t ls)
{
	size_t k = ls;

	while (t[k] == ' ' || t[k] == '\t')
		k++;
	return k - ls;
}

/*
 * Is the address at t[s], which opens its line at ls, the end of a word
 * a hard wrap broke on the line before ("... identity list-dev" then
 * "el@host, and ip ...", 1&1's notice folding its reply inside a word)?
 * The line before is not indented, opens with no word holding an '@' (it
 * lists no recipient) and ends in a letter, digit, '-' or '_' (not a
 * sentence's '.'), its last word holding no '@'; the address, ending at
 * e, is followed on its line (ending at le) by more words, not a ':' (a
 * listed address alone on its line, its reply on the next, is listed).
 */
static bool
wrapped_word_tail(const char *t, size_t ls, size_t s, size_t e, size_t le)
{
	size_t k, pls;

	while (e < le && (t[e] == ' ' || t[e] == '\t'))
		e++;
	if (s != ls || ls < 2 || t[ls - 1] != '\n' || e >= le || t[e] == ':')
		return false;
	k = ls - 1;
	if (!isalnum((unsigned char)t[k - 1]) && t[k - 1] != '-' &&
	    t[k - 1] != '_')
		return false;
	pls = line_start(t, k - 1);
	if (isspace((unsigned char)t[pls]) || opens_with_at_word(t, pls, k))
		return false;
	for (; k > pls && !isspace((unsigned char)t[k - 1]); k--)
		if (t[k - 1] == '@' || !bnc_local_char((unsigned char)t[k - 1]))
			return false;
	return true;
}

/*
 * Is the address at t[s..e), on the line read_line() read, inside
 * another recipient's paragraph as a word of its reason (a reply that
 * names a contact, a rewritten or a new address: "<ken@host>: ... 550
 * 5.7.1 ... report it to fp@host")?  That paragraph opens with a word
 * holding an '@' before it; the address is on a later line or later on
 * that line, it is not that address named again, and it is not itself
 * listed: on a line of its own (that it opens, followed by a separator,
 * rcpt_line_rest(), or with a code) or on a line that lists addresses
 * and nothing else.
 */
static bool
in_others_para(const char *t, const struct notices *nt, size_t s, size_t e)
{
	size_t k;

	if (!nt->c_open || nt->c_open_e == e || nt->c_list)
		return false;
	/* the word the paragraph opens with is this address with a label
	 * glued before it ("收件人：user@host", a full-width colon) or a
	 * name ("NAME(user@host)", NHN Dooray!'s notice) */
	if (nt->c_open_e == 0 && s > 0 && ((unsigned char)t[s - 1] >= 0x80 ||
	    t[s - 1] == '(') && line_start(t, s) == nt->c_ps) {
		for (k = addr_start(t, nt->c_ps, s); k < s &&
		    !isspace((unsigned char)t[k]); k++)
			;
		if (k == s)
			return false;
	}
	/* the paragraph's own recipient, named again in its reply */
	if (nt->c_open_e != 0 && nt->c_open_e - nt->c_open_s == e - s &&
	    strncasecmp(t + nt->c_open_s, t + s, e - s) == 0)
		return false;
	/* a recipient listed on a line of its own under the first, with
	 * its reason after a separator or its reply code; not on a line
	 * indented deeper than the paragraph's first: a line of the first
	 * one's reason (Exim's "  addr" over "    SMTP error ...:" and the
	 * reply folded after its ": ", deliver.c's print_address_error()),
	 * nor, with no code on its line, the tail of a word the line before
	 * broke */
	if (nt->c_ls - 1 > nt->c_ps && nt->c_ae == e &&
	    (rcpt_line_rest(t, e, nt->c_le) || nt->c_code) &&
	    lead(t, nt->c_ls - 1) <= lead(t, nt->c_ps) &&
	    !(!nt->c_code && wrapped_word_tail(t, nt->c_ls - 1, s, e,
	    nt->c_le)))
		return false;
	return true;
}

/*
 * Offset k just past an address and its '>': past Postfix's
 * " (expanded from <alias>)" too when it follows there on the same line
 * (bounce_notify_util.c writes "<addr> (expanded from <alias>): reason"
 * for an address an alias or .forward expanded to, the line folded
 * where it is long), else k.
 */
static size_t
past_expanded(const char *t, size_t len, size_t k)
{
	static const char w[] = " (expanded from";
	size_t n = sizeof(w) - 1, i;

	if (k + n >= len || strncasecmp(t + k, w, n) != 0 ||
	    !isspace((unsigned char)t[k + n]))
		return k;
	/* the alias may be folded onto the next line, not past a blank one */
	for (i = k + n; i < len && i < k + n + 320 && t[i] != ')' &&
	    !(t[i] == '\n' && i + 1 < len && t[i + 1] == '\n'); i++)
		;
	return i < len && t[i] == ')' ? i + 1 : k;
}

/*
 * Does the notice tie the address at t[s..e) to a failure?  Not when it
 * stands in the paragraph of another recipient as a word of its reason
 * (in_others_para()).  Else: it is in the block of a notice line, it
 * opens its line as "<addr>:" or "addr:" (qmail's and Postfix's
 * paragraphs; Postfix's "<addr> (expanded from <alias>):" too), or
 * alone with a failure code on the next line (Exchange's diagnostic
 * section), the session transcript shows it refused
 * (refused: bnc_refused_rcpts()), or its line is a reply with a 4xx or
 * 5xx code or an RFC 3463 failure code.
 */
bool
bnc_notice_ties(struct ctx *c, const char *t, size_t len,
    struct notices *nt, GHashTable *refused, size_t s, size_t e)
{
	size_t i, ls, le, x, y, k;
	char *a;
	bool r;

	nt->c_block = nt->c_by_code = false;
	read_line(c, t, len, nt, s);
	if (in_others_para(t, nt, s, e))
		return false;
	for (i = 0; i < nt->n; i++)
		if (s >= nt->bstart[i] && s < nt->bend[i])
			return nt->c_block = true;
	if (nt->c_ae == e) {
		k = past_expanded(t, len, e < len && t[e] == '>' ? e + 1 : e);
		if (k < len && t[k] == ':')
			return true;
		/* alone on its line, the failure code on the next */
		le = nt->c_le;
		if (blank(t, k, le) && le < len) {
			ls = le + 1;
			le = line_end(t, len, ls);
			if (bnc_re_find(c->b, RE_SMTP, t, le, ls, &x, &y, 0) ||
			    bnc_re_find(c->b, RE_STATUS, t, le, ls, &x, &y, 0))
				return true;
		}
	}
	if (refused != NULL) {
		a = g_ascii_strdown(t + s, (gssize)(e - s));
		r = g_hash_table_contains(refused, a);
		g_free(a);
		if (r)
			return true;
	}
	return nt->c_by_code = nt->c_code;
}

/*
 * Do the lines holding offsets a and b open with the same words before
 * them ("The message to " ... twice): one template line per recipient?
 */
static bool
same_frame(const char *t, size_t a, size_t b)
{
	size_t la = line_start(t, a), lb = b;

	/* no further back than the first one's words are long */
	while (lb > 0 && t[lb - 1] != '\n' && b - lb <= a - la)
		lb--;
	if (lb > 0 && t[lb - 1] != '\n')
		return false;
	while (la < a && (t[la] == ' ' || t[la] == '\t'))
		la++;
	while (lb < b && (t[lb] == ' ' || t[lb] == '\t'))
		lb++;
	return a - la == b - lb && a - la >= 4 &&
	    strncasecmp(t + la, t + lb, a - la) == 0;
}

/*
 * A notice without notice lines (a site's own prose): does the address
 * at t[s..e) stand where the first failed address named (at first)
 * stands, as in a notice line's block: before pend (bnc_block_end() of
 * the first one; 0: none found yet), or after it on a line with a
 * failure code or one that repeats the first one's words before it; and
 * not in another recipient's paragraph as a word of its reason?
 */
bool
bnc_prose_ties(struct ctx *c, const char *t, size_t len,
    struct notices *nt, size_t pend, size_t first, size_t s, size_t e)
{
	read_line(c, t, len, nt, s);
	if (in_others_para(t, nt, s, e))
		return false;
	return pend == 0 || s < pend || nt->c_code ||
	    same_frame(t, first, s);
}

/*
 * What the notice line that introduces the recipient named at offset at
 * (the last one before it; the first one for a recipient the text does
 * not place) says of r: "delayed" makes it a soft failure, "expired"
 * unless its own words gave a soft reason (as a DSN's Action: delayed);
 * "failed" is said in matched when nothing else gave a reason.
 */
void
bnc_apply_notice(struct ctx *c, struct bounce_rcpt *r,
    const struct notices *nt, size_t at)
{
	size_t k, i;

	if (nt->n == 0)
		return;
	k = 0;
	if (at != (size_t)-1)
		for (i = 0; i < nt->n && nt->at[i] < at; i++)
			k = i;
	if (nt->delayed[k]) {
		if (r->matched != NULL && strncmp(r->matched, "soft", 4) == 0)
			return;
		r->reason = "expired";
		r->kind = "soft";
	} else if (strcmp(r->reason, "undefined") != 0 || r->matched != NULL)
		return;
	snprintf(c->b->matched, sizeof(c->b->matched),
	    "bounce-notice.txt:%lu", nt->line[k]);
	r->matched = c->b->matched;
}

/*
 * With notice lines of both kinds, the recipient named at offset at is
 * classified within its own group (c->whole: from the line of the notice
 * that introduces it to the line of the next notice), not by the words
 * of another group.
 */
void
bnc_notice_group(struct ctx *c, const char *t, size_t len,
    const struct notices *nt, size_t at)
{
	size_t k, i, s, e;
	bool mixed = false;

	c->whole = NULL;
	for (i = 1; i < nt->n; i++)
		if (nt->delayed[i] != nt->delayed[0])
			mixed = true;
	if (!mixed || at == (size_t)-1 || at < nt->at[0])
		return;
	for (k = 0, i = 0; i < nt->n && nt->at[i] < at; i++)
		k = i;
	for (s = nt->at[k]; s > 0 && t[s - 1] != '\n'; s--)
		;
	e = len;
	if (k + 1 < nt->n)
		for (e = nt->at[k + 1]; e > s && t[e - 1] != '\n'; e--)
			;
	c->whole = t + s;
	c->wlen = e - s;
}

/* Does t[k] end a sentence: ".", "!", "?" or ";" before white space? */
static bool
sentence_end(const char *t, size_t len, size_t k)
{
	return t[k] != '\0' && strchr(".!?;", t[k]) != NULL &&
	    (k + 1 == len || isspace((unsigned char)t[k + 1]));
}

size_t
bnc_sentence_end(const char *t, size_t len, size_t at)
{
	for (; at < len; at++)
		if (sentence_end(t, len, at) || (t[at] == '\n' &&
		    at + 1 < len && t[at + 1] == '\n'))
			break;
	return at;
}

/*
 * Does the sentence of the address at t[s..e) tie it to a failure: a
 * reply or status code, a reason phrase (hard.txt, soft.txt) or a line
 * that introduces failed recipients (bounce-notice.txt) in it, the
 * address itself blanked?  Its sentence: back to the end of the one
 * before or a blank line (over it when the text before it ends with
 * ":", a list under its introduction), on to its end or a blank line,
 * at most TIE_MAX bytes each way.
 */
#define TIE_MAX	300

/*
 * The end of the entry whose address opens the line at t[s], past z: a
 * listed entry runs on over the lines indented under it, as Postfix
 * wraps "<addr>: text" at 79 columns with a 4-space indent
 * (bounce_notify_util.c bounce_recipient_log(), bounce_print_wrap()),
 * its reason past a "." ("... for user m.lopez. error writing message:
 * Disk quota exceeded"); at most ENTRY_MAX bytes.
 */
#define ENTRY_MAX	1000

static size_t
entry_end(const char *t, size_t len, size_t s, size_t z)
{
	size_t k = line_end(t, len, s), ke;

	while (k + 1 < len && k - s < ENTRY_MAX &&
	    (t[k + 1] == ' ' || t[k + 1] == '\t')) {
		ke = line_end(t, len, k + 1);
		if (blank(t, k + 1, ke))
			break;
		k = ke;
	}
	return k > z ? k : z;
}

bool
bnc_sentence_fails(struct ctx *c, const char *t, size_t len, size_t s,
    size_t e)
{
	struct phr_hit hit;
	struct sbuf b = { 0 };
	size_t a = s, z = e, k, x, y;
	bool r = false;
	int i;

	while (a > 0 && s - a < TIE_MAX) {
		if (a >= 2 && t[a - 1] == '\n' && t[a - 2] == '\n') {
			for (k = a - 2; k > 0 && isspace((unsigned char)t[k]);
			    k--)
				;
			if (t[k] != ':')
				break;
			a = k;
			continue;
		}
		if (a < s && sentence_end(t, len, a - 1))
			break;
		a--;
	}
	while (z < len && z - e < TIE_MAX && !sentence_end(t, len, z) &&
	    !(t[z] == '\n' && z + 1 < len && t[z + 1] == '\n'))
		z++;
	if (bnc_listed(t, len, s, e))
		z = entry_end(t, len, s, z);
	if (sbuf_add(&b, t + a, z - a) == -1 || b.s == NULL)
		return false;
	memset(b.s + (s - a), ' ', e - s);
	if (bnc_re_find(c->b, RE_SMTP, b.s, b.len, 0, &x, &y, 0) ||
	    bnc_re_find(c->b, RE_STATUS, b.s, b.len, 0, &x, &y, 0) ||
	    bnc_list_find(c->b, PL_NOTICE, b.s, b.len, &x) == 1)
		r = true;
	for (i = PL_SOFT; !r && i <= PL_HARD; i++)
		if (bnc_index_match(c->b, c->b->ix[i], b.s, b.len, &hit,
		    c->e) == 1)
			r = true;
	sbuf_free(&b);
	return r;
}

/*
 * Is the address at t[s..e) listed as a notice lists its recipients: it
 * opens its line (addr_start()) and what follows it is what follows a
 * listed recipient (rcpt_line_rest())?  Its line's start is looked for
 * at most LISTED_LOOK bytes back (white space, a label, "<").
 */
#define LISTED_LOOK	64

bool
bnc_listed(const char *t, size_t len, size_t s, size_t e)
{
	size_t ls = s;

	while (ls > 0 && t[ls - 1] != '\n') {
		if (s - ls >= LISTED_LOOK)
			return false;
		ls--;
	}
	return addr_start(t, ls, line_end(t, len, s)) == s &&
	    rcpt_line_rest(t, e, line_end(t, len, e));
}
