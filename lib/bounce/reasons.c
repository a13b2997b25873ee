/*
 * The reason of a failure: the classification of a recipient's text by,
 * in this order, the soft phrases, the hard phrases, the generic cue
 * words (when the status code says nothing more specific than its
 * class), the enhanced status code, the SMTP reply code, the status's
 * class, then of the whole bounce text (once for all the recipients of a
 * notice that lists many); the kind of a reason by the reasons table
 * (bounce/table.c).  See bounce/reasons.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bounce/reasons.h"
#include "bounce/table.h"
#include "bounce/lines.h"
#include "bounce/text.h"

/* the places of a notice's recipients' own lines whole_set() takes out
 * of the words they share (with 2 to OWN_MAX recipients) */
#define OWN_SEGS	64

const char *
bnc_status_reason(const struct bounce *b, const char *st)
{
	if (st == NULL || strlen(st) < 5)
		return NULL;
	if (st[0] == '2')
		return "delivered";
	return reasons_of_status(b->reasons, st);
}

/*
 * A status whose detail no row of data/reasons.tsv names (Exchange's
 * 5.7.60, 4.4.316, 5.2.121): RFC 3463 section 2 says a client that does
 * not know the detail reads the class and the subject alone, as X.Y.0.
 * Only for the subjects whose X.Y.0 reason is soft (2 to 7): an unknown
 * X.1.Z (Exchange's 5.1.90, a sending limit) is no missing mailbox.
 */
static const char *
class_reason(const struct bounce *b, const char *st)
{
	char gen[16];
	size_t n;

	if (st == NULL || (st[0] != '4' && st[0] != '5') || st[1] != '.' ||
	    st[2] < '2' || st[2] > '7' || st[3] != '.' ||
	    (n = strspn(st + 4, "0123456789")) == 0 || n > 3 ||
	    st[4 + n] != '\0')
		return NULL;
	snprintf(gen, sizeof(gen), "%c.%c.0", st[0], st[2]);
	return reasons_of_status(b->reasons, gen);
}

/*
 * A status whose reason is only its subject's catch-all: X.1.0, X.2.0,
 * X.3.0, X.4.0, X.7.0, and X.7.1, which a receiver gives any policy
 * refusal.  X.1.0 is "other address status" (RFC 3463): receivers give
 * it a sender's address refused by SPF or a rate limit as well as a
 * missing mailbox, so a soft cue in its text outweighs the hard reading
 * (with none, it stays userunknown).  Not X.5.0 and X.6.0: a code about
 * the protocol exchange or the message's content says which of the two
 * it was, which a cue word about the sender or the mailbox would gainsay.
 */
static bool
generic_status(const char *st)
{
	return strlen(st) == 5 && ((st[4] == '0' && strchr("12347",
	    st[2]) != NULL) || strcmp(st + 1, ".7.1") == 0);
}

static const char *smtp_reason(int);

/*
 * May a cue word (bounce-cues.txt) give r's reason?  Only when the codes
 * say nothing more specific: no status reason, or a generic one
 * (generic_status()); never over a 500-504 reply (RFC 5321: the command
 * was not understood, a protocol error whatever its words), nor over a
 * hard reason of the SMTP code (551).  A cue's reason is soft (checked
 * at load), so it never makes an address hard, nor one a 5.1.1 makes
 * hard soft, unless that 5.1.1 is only the reporting MTA's reading of a
 * bare 550 (b->code_status, report.c): then it says no more than the
 * code.
 */
static bool
cue_may(const struct bounce *b, const struct bounce_rcpt *r)
{
	const char *why;

	if ((why = bnc_status_reason(b, r->status)) != NULL &&
	    !generic_status(r->status) && !b->code_status)
		return false;
	if (r->smtp_code >= 500 && r->smtp_code <= 504)
		return false;
	why = smtp_reason(r->smtp_code);
	return why == NULL || reasons_kind(b->reasons, why) == REASON_SOFT;
}

static const char *
smtp_reason(int code)
{
	switch (code) {
	case 421:
		return "blocked";
	case 450:
	case 451:
		return "systemerror";
	case 452:
		return "systemfull";
	case 500:
	case 501:
	case 502:
	case 503:
	case 504:
		return "syntaxerror";
	case 523:
		return "mesgtoobig";
	case 551:
		return "hasmoved";
	case 552:
		return "mailboxfull";
	case 553:
		return "rejected";
	default:
		return NULL;
	}
}

const char *
bounce_kind(const struct bounce *b, const char *reason, const char *status,
    int smtp_code)
{
	bool temp;

	if (reason == NULL)
		return "none";
	switch (reasons_kind(b->reasons, reason)) {
	case REASON_HARD:
		return "hard";
	case REASON_UNDET:
		return "undetermined";
	case REASON_BYCODE:
		temp = (status != NULL && status[0] == '4') ||
		    (smtp_code >= 400 && smtp_code < 500);
		return temp ? "soft" : "hard";
	default:
		return "soft";
	}
}

/* Find the first enhanced status code and SMTP reply code in text. */
static void
find_codes(struct bounce *b, const char *text, size_t len, char *st,
    size_t stlen, int *smtp)
{
	size_t s, e;

	if (st[0] == '\0' &&
	    bnc_re_find(b, RE_STATUS, text, len, 0, &s, &e, 1) &&
	    e - s < stlen)
		snprintf(st, stlen, "%.*s", (int)(e - s), text + s);
	if (*smtp == 0 && bnc_re_find(b, RE_SMTP, text, len, 0, &s, &e, 1))
		*smtp = atoi(text + s);
}

static void
cmdtext_set(struct cmdtext *x, const char *s)
{
	x->s = s;
	x->len = s != NULL ? strlen(s) : 0;
	x->rcpt = x->data = -1;
}

/*
 * Does the paragraph n name a command (RE_RCPT or RE_DATA)?  As written,
 * or else with its lines joined, n then holding them so (white space
 * collapsed): a writer or a relay on the way may wrap a line anywhere
 * ("(in reply to end\n    of DATA command)"), and the patterns' words
 * are one space apart.  Not a paragraph over CMD_JOIN_MAX bytes.
 */
#define CMD_JOIN_MAX	2048

static bool
names_cmd(struct bounce *b, struct sbuf *n)
{
	struct sbuf one = { 0 };
	size_t s, e;

	if (bnc_re_find(b, RE_RCPT, n->s, n->len, 0, &s, &e, 0) ||
	    bnc_re_find(b, RE_DATA, n->s, n->len, 0, &s, &e, 0))
		return true;
	if (n->len > CMD_JOIN_MAX || memchr(n->s, '\n', n->len) == NULL)
		return false;
	bnc_one_line_max(&one, n->s, n->len, n->len);
	if (one.s == NULL || (!bnc_re_find(b, RE_RCPT, one.s, one.len, 0, &s,
	    &e, 0) && !bnc_re_find(b, RE_DATA, one.s, one.len, 0, &s, &e,
	    0))) {
		sbuf_free(&one);
		return false;
	}
	sbuf_free(n);
	*n = one;
	return true;
}

/* Does x hold a match of RE_RCPT or RE_DATA (which)? */
static bool
says(struct bounce *b, struct cmdtext *x, int which)
{
	int *v;
	size_t s, e;

	if (x == NULL || x->s == NULL)
		return false;
	v = which == RE_RCPT ? &x->rcpt : &x->data;
	if (*v == -1)
		*v = bnc_re_find(b, which, x->s, x->len, 0, &s, &e, 0);
	return *v == 1;
}

/*
 * "User unknown" said after the message was sent (after DATA), or with
 * a code that says the message was refused, is the recipient's filter
 * refusing this message, not a missing mailbox: filtered.  loose: the
 * phrase is one of the short ones ("user unknown", "no such user") that
 * content filters also say after DATA; an explicit one ("this user
 * doesn't have an account") keeps its reason unless the code says
 * otherwise.
 */
static const char *
unknown_or_filtered(struct bounce *b, struct cmdtext *ctx,
    const struct bounce_rcpt *r, bool loose)
{
	const char *why;
	size_t s, e;

	if (r->status != NULL && strncmp(r->status + 1, ".1.", 3) == 0)
		return "userunknown";
	/* X.2.0, the mailbox's status left undefined, beside an explicit
	 * phrase ("550 5.2.0 No such mailbox"): the phrase says which */
	if (!loose && r->status != NULL && strcmp(r->status + 1, ".2.0") == 0)
		return "userunknown";
	why = bnc_status_reason(b, r->status);
	if (why != NULL && strcmp(why, "filtered") == 0)
		return why;
	if (says(b, ctx, RE_RCPT))
		return "userunknown";
	if (loose && says(b, ctx, RE_DATA))
		return "filtered";
	/* a code about the mailbox or the message, not the address; a
	 * policy code (X.7.x) with an explicit phrase is a recipient list
	 * that refuses the address ("No such user!" 5.7.1, qmail's
	 * validrcptto): the phrase says which */
	if (r->status != NULL)
		return r->status[2] == '0' || r->status[2] == '4' ||
		    r->status[2] == '5' || (!loose && r->status[2] == '7') ?
		    "userunknown" : "filtered";
	/* no code, no command: Sendmail's "550 <addr>... User unknown",
	 * usrerr() about that recipient address, is a missing mailbox */
	if (loose && r->smtp_code != 0 && ctx != NULL && ctx->s != NULL &&
	    bnc_re_find(b, RE_USRERR, ctx->s, ctx->len, 0, &s, &e, 0))
		return "userunknown";
	return loose && r->smtp_code != 0 ? "filtered" : "userunknown";
}

/* "file:line" of a phrase hit, in b->matched. */
const char *
bnc_hit_matched(struct bounce *b, const struct phr_hit *hit)
{
	snprintf(b->matched, sizeof(b->matched), "%s:%lu", hit->file,
	    hit->line);
	return b->matched;
}


int
bounce_reason(struct bounce *b, const char *text, struct bounce_rcpt *r,
    struct derr *e)
{
	b->dsn = false;
	return bnc_reason_ctx(b, text, text, r, e);
}

/*
 * The cause a delayed recipient's words name after a phrase that says
 * only that it is delayed (expired: Exchange's "400 4.4.7 Message
 * delayed" over the last attempt's "451 4.4.0 DNS query failed"): the
 * first later soft phrase of another reason, into *hit.  1 if one, 0 if
 * none, -1 on a matching error.
 */
static int
delay_cause(struct bounce *b, const char *text, size_t len,
    struct phr_hit *hit, struct derr *e)
{
	struct phr_hit h;
	size_t off = hit->end;
	int m, n;

	for (n = 0; n < 4 && off < len; n++) {
		if ((m = bnc_index_match(b, b->ix[PL_SOFT], text + off,
		    len - off, &h, e)) != 1)
			return m;
		if (strcmp(h.tag, "expired") != 0) {
			*hit = h;
			return 1;
		}
		if (h.end == 0)
			break;
		off += h.end;
	}
	return 0;
}

/*
 * Where the remote server's own reply starts in an Exchange 2000/2003
 * diagnostic line, "<HOST #X.Y.Z smtp;REPLY>": after "smtp;" (and its
 * spaces), or len if none.  Exchange writes its own sentence for the
 * status code before it ("You do not have permission to send to this
 * recipient." for any 5.7.1), the remote's words say why.
 */
static size_t
quoted_reply(const char *t, size_t len)
{
	const char *p = t, *q, *end = t + len;
	int dots, digits;

	while ((p = memchr(p, '#', (size_t)(end - p))) != NULL) {
		q = ++p;
		if (q >= end || (*q != '2' && *q != '4' && *q != '5'))
			continue;
		for (q++, dots = 0, digits = 1; q < end && dots <= 2; q++) {
			if (*q == '.' && digits > 0 && dots < 2)
				dots++, digits = 0;
			else if (isdigit((unsigned char)*q) && digits < 3)
				digits++;
			else
				break;
		}
		if (dots != 2 || digits == 0 || end - q < 6 || *q != ' ' ||
		    strncasecmp(q + 1, "smtp;", 5) != 0)
			continue;
		for (q += 6; q < end && *q == ' '; q++)
			;
		return (size_t)(q - t);
	}
	return len;
}

/*
 * Into *off, where reason_in() reads text from: the remote's quoted
 * reply (quoted_reply()) when a soft or a hard phrase is there, else 0.
 * 0, or -1 on a matching error.
 */
static int
reply_part(struct bounce *b, const char *text, size_t len, size_t *off,
    struct derr *e)
{
	struct phr_hit h;
	size_t o = quoted_reply(text, len);
	int m;

	*off = 0;
	if (o >= len)
		return 0;
	if ((m = bnc_index_match(b, b->ix[PL_SOFT], text + o, len - o, &h,
	    e)) == 0)
		m = bnc_index_match(b, b->ix[PL_HARD], text + o, len - o, &h,
		    e);
	if (m == 1)
		*off = o;
	return m == -1 ? -1 : 0;
}

/* Classify text; ctx is the wider text that tells the SMTP command. */
static int
reason_in(struct bounce *b, const char *text, struct cmdtext *ctx,
    struct bounce_rcpt *r, struct derr *e)
{
	struct phr_hit hit;
	size_t len = text ? strlen(text) : 0, ms, me;
	const char *why;
	int m;

	if (r->status == NULL || *r->status == '\0') {
		b->status[0] = '\0';
		if (text != NULL)
			find_codes(b, text, len, b->status,
			    sizeof(b->status), &r->smtp_code);
		r->status = b->status[0] ? b->status : NULL;
	} else if (r->smtp_code == 0 && text != NULL) {
		b->status[0] = 'x';
		find_codes(b, text, len, b->status, sizeof(b->status),
		    &r->smtp_code);
	}
	r->reason = NULL;
	r->matched = NULL;
	if (text != NULL && len > 0) {
		if (reply_part(b, text, len, &ms, e) == -1)
			return -1;
		text += ms;
		len -= ms;
		if ((m = bnc_index_match(b, b->ix[PL_SOFT], text, len, &hit,
		    e)) == -1)
			return -1;
		if (m == 1 && r->action != NULL && strncasecmp(r->action,
		    "delayed", 7) == 0 && strcmp(hit.tag, "expired") == 0 &&
		    delay_cause(b, text, len, &hit, e) == -1)
			return -1;
		if (m == 0 && (m = bnc_index_match(b, b->ix[PL_HARD], text,
		    len, &hit, e)) == -1)
			return -1;
		if (m == 1) {
			r->reason = hit.tag;
			if (strcmp(hit.tag, "userunknown") == 0)
				r->reason = unknown_or_filtered(b, ctx, r,
				    false);
			else if (reasons_kind(b->reasons, hit.tag) ==
			    REASON_CHOICE)
				r->reason = unknown_or_filtered(b, ctx, r,
				    true);
			/* an unknown address or domain in reply to MAIL
			 * FROM is the sender's: the sender was rejected
			 * (not when a RCPT TO follows the MAIL FROM: a
			 * transcript's later reply) */
			if ((strcmp(r->reason, "userunknown") == 0 ||
			    strcmp(r->reason, "hostunknown") == 0) &&
			    bnc_re_find(b, RE_MAIL, text, len, 0, &ms, &me, 0) &&
			    !bnc_re_find(b, RE_RCPT, text, len, me, &ms, &me, 0))
				r->reason = "rejected";
			r->matched = bnc_hit_matched(b, &hit);
		}
		/* no phrase: a generic cue word, unless a code says more */
		if (m == 0 && cue_may(b, r)) {
			if ((m = bnc_index_match(b, b->ix[PL_CUES], text, len,
			    &hit, e)) == -1)
				return -1;
			if (m == 1) {
				r->reason = hit.tag;
				r->matched = bnc_hit_matched(b, &hit);
			}
		}
	}
	/* not a status the reporting MTA only read into a bare reply
	 * code (b->code_status): the code says as much, and no more */
	if (r->reason == NULL && !b->code_status &&
	    (why = bnc_status_reason(b, r->status)) != NULL) {
		r->reason = why;
		snprintf(b->matched, sizeof(b->matched), "status:%s",
		    r->status);
		r->matched = b->matched;
	}
	if (r->reason == NULL && (why = smtp_reason(r->smtp_code)) != NULL) {
		r->reason = why;
		snprintf(b->matched, sizeof(b->matched), "smtp:%d",
		    r->smtp_code);
		r->matched = b->matched;
	}
	if (r->reason == NULL && (why = class_reason(b, r->status)) != NULL) {
		r->reason = why;
		snprintf(b->matched, sizeof(b->matched), "class:%c.%c.0",
		    r->status[0], r->status[2]);
		r->matched = b->matched;
	}
	if (r->reason == NULL)
		r->reason = "undefined";
	r->kind = bounce_kind(b, r->reason, r->status, r->smtp_code);
	return 0;
}

int
bnc_reason_ctx(struct bounce *b, const char *text, const char *ctx,
    struct bounce_rcpt *r, struct derr *e)
{
	struct cmdtext x;

	cmdtext_set(&x, ctx);
	return reason_in(b, text, &x, r, e);
}

/* Nothing better than an SMTP code, or the status's class, decided
 * the reason. */
static bool
vague(const struct bounce_rcpt *r)
{
	return strcmp(r->reason, "undefined") == 0 || (r->matched != NULL &&
	    (strncmp(r->matched, "smtp:", 5) == 0 ||
	    strncmp(r->matched, "class:", 6) == 0));
}

/* A generic cue word (bounce-cues.txt), no phrase, decided the reason. */
static bool
cued(const struct bounce_rcpt *r)
{
	return r->matched != NULL &&
	    strncmp(r->matched, "bounce-cues.txt:", 16) == 0;
}

/*
 * Is wh's text that of several recipients?  Then a phrase in it may be
 * another's: a recipient whose own text a cue word reads keeps it.
 */
static bool
shared(const struct bnc_whole *wh)
{
	return wh != NULL && wh->addrs != NULL &&
	    g_hash_table_size(wh->addrs) > 1;
}

/* Copy src[0..n) to dst with every copy of addr blanked out. */
static void
mask_addr_n(struct sbuf *dst, const char *src, size_t n, const char *addr)
{
	size_t alen = addr ? strlen(addr) : 0;
	const char *p;

	sbuf_reset(dst);
	sbuf_add(dst, src ? src : "", src ? n : 0);
	if (alen < 3 || dst->s == NULL)
		return;
	for (p = dst->s; (p = str_casestr(p, addr)) != NULL; p += alen)
		memset((char *)p, ' ', alen);
}

static void
mask_addr(struct sbuf *dst, const char *src, const char *addr)
{
	mask_addr_n(dst, src, src ? strlen(src) : 0, addr);
}

/*
 * Blank out, in w, each line of a session transcript that Sendmail
 * writes after the remote reply it quotes ("<<< 550 5.7.1 Message
 * blocked", then "550 5.1.1 <addr>... User unknown"): deliver.c's
 * giveresponse() writes there the text of the exit status the reply's
 * code mapped to (usersmtp.c: 550, 551 and 553 are EX_NOUSER, "User
 * unknown"; any other 5xx EX_UNAVAILABLE, "Service unavailable";
 * libsm/strexit.c), which says no more than the code; the reply above
 * it is the evidence.  A line that opens with a reply code and a status
 * and has the "addr... " of usrerr(), right after a "<<< " line.
 */
static void
drop_verdicts(struct sbuf *w)
{
	char *p, *nl;
	size_t n;
	bool after = false;

	for (p = w->s; p != NULL && *p != '\0'; p = nl ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		n = nl ? (size_t)(nl - p) : strlen(p);
		if (strncmp(p, "<<< ", 4) == 0) {
			after = true;
			continue;
		}
		if (after && n > 6 && p[0] >= '2' && p[0] <= '5' &&
		    isdigit((unsigned char)p[1]) &&
		    isdigit((unsigned char)p[2]) && p[3] == ' ' &&
		    (p[4] == '2' || p[4] == '4' || p[4] == '5') &&
		    p[5] == '.' && memmem(p, n, "... ", 4) != NULL)
			memset(p, ' ', n);
		after = false;
	}
}

/*
 * The lines of each paragraph of o->s joined, in place: a line break and
 * the indent after it one space, where the next line is not blank.  A
 * reply a writer or relay wrapped ("dd ADDR is no longer\nvalid", a
 * continuation indented under it) reads as it was sent, for the /regex/
 * phrases whose words are one space apart; an address blanked out
 * (mask_addr()) keeps its blanks, a paragraph its end.
 */
static void
join_lines(struct sbuf *o)
{
	size_t i, j, k;

	if (o->s == NULL)
		return;
	for (i = j = 0; i < o->len; i++) {
		if (o->s[i] == '\n') {
			for (k = i + 1; k < o->len && (o->s[k] == ' ' ||
			    o->s[k] == '\t'); k++)
				;
			if (k < o->len && o->s[k] != '\n' && j > 0 &&
			    o->s[j - 1] != '\n') {
				o->s[j++] = ' ';
				i = k - 1;
				continue;
			}
		}
		o->s[j++] = o->s[i];
	}
	o->len = j;
	o->s[j] = '\0';
}

/*
 * The whole text's answer for a recipient whose own text gave nothing
 * better than a code (vague()), from w (its recipient's address blanked
 * out, or all of a notice's: struct bnc_whole): the remote server's
 * reply from its code on, else the whole text, else a refusal at the
 * greeting.  It reads nothing of the recipient but the reply code its
 * own text gave (r->smtp_code), and status.  The reply's lines are
 * joined (join_lines()).
 */
static int
fallback(struct ctx *c, struct cmdtext *w, struct bounce_rcpt *r,
    const char *status)
{
	struct sbuf o = { 0 };
	size_t s, e;
	int ret = 0;

	if (w->s != NULL &&
	    bnc_re_find(c->b, RE_SMTP, w->s, w->len, 0, &s, &e, 0)) {
		/* the remote server's reply, from its code on */
		sbuf_add(&o, w->s + s, w->len - s > 600 ? 600 : w->len - s);
		join_lines(&o);
		r->status = status;
		if (reason_in(c->b, o.s, w, r, c->e) == -1)
			ret = -1;
	}
	if (ret == 0 && vague(r)) {
		r->status = status;
		if (reason_in(c->b, w->s, w, r, c->e) == -1)
			ret = -1;
	}
	if (ret == 0 && vague(r) && w->s != NULL &&
	    bnc_re_find(c->b, RE_CONN, w->s, w->len, 0, &s, &e, 0)) {
		r->reason = "blocked";
		r->kind = "soft";
		r->matched = NULL;
	}
	sbuf_free(&o);
	return ret;
}

/*
 * One answer of fallback() for a notice's recipients (struct
 * bnc_whole), by the reply code their own text gave: the fields it
 * sets, status and matched copied (b's buffers are the next one's).
 */
struct answer {
	const char	*reason;
	const char	*kind;
	int		 smtp_code;
	bool		 has_status;
	bool		 has_matched;
	char		 status[sizeof(((struct bounce *)0)->status)];
	char		 matched[sizeof(((struct bounce *)0)->matched)];
};

/* Copy r's answer into a. */
static void
answer_keep(struct answer *a, const struct bounce_rcpt *r)
{
	a->reason = r->reason;
	a->kind = r->kind;
	a->smtp_code = r->smtp_code;
	if ((a->has_status = r->status != NULL))
		snprintf(a->status, sizeof(a->status), "%s", r->status);
	if ((a->has_matched = r->matched != NULL))
		snprintf(a->matched, sizeof(a->matched), "%s", r->matched);
}

/* Give r the answer a, its status and matched in b's buffers. */
static void
answer_give(struct bounce *b, const struct answer *a, struct bounce_rcpt *r)
{
	r->reason = a->reason;
	r->kind = a->kind;
	r->smtp_code = a->smtp_code;
	r->status = NULL;
	r->matched = NULL;
	if (a->has_status) {
		memcpy(b->status, a->status, sizeof(b->status));
		r->status = b->status;
	}
	if (a->has_matched) {
		memcpy(b->matched, a->matched, sizeof(b->matched));
		r->matched = b->matched;
	}
}

/*
 * Make wh->w the text the fallback reads (c->whole, or all of the
 * bounce text) with every address of wh->addrs blanked out, unless it
 * was made of that text already; its answers are then forgotten.  The
 * addresses are found by one walk of the text, not one per address.
 */
static void
whole_set(struct ctx *c, struct bnc_whole *wh)
{
	const char *src = c->whole != NULL ? c->whole : c->p->text.s;
	size_t n = c->whole != NULL ? c->wlen : src ? strlen(src) : 0;
	size_t off, s, e, ps, pe, seg[OWN_SEGS][2], nseg = 0, k2;
	char *k;
	bool hit, own;

	if (wh->made && wh->src == src && wh->slen == n)
		return;
	wh->made = true;
	wh->src = src;
	wh->slen = n;
	sbuf_reset(&wh->w);
	sbuf_add(&wh->w, src ? src : "", src ? n : 0);
	/* with a few recipients, each one's own lines (its reply) are no
	 * one else's: only the words they share stay */
	own = wh->addrs != NULL && g_hash_table_size(wh->addrs) > 1 &&
	    g_hash_table_size(wh->addrs) <= OWN_MAX;
	for (off = 0; wh->w.s != NULL && wh->addrs != NULL &&
	    bnc_find_addr(c->b, wh->w.s, wh->w.len, off, &s, &e); off = e) {
		/* old Exchange's "SMTP=user@host": the address after it */
		if (e - s > 5 && strncasecmp(wh->w.s + s, "smtp=", 5) == 0 &&
		    wh->w.s[s + 5] != '@') {
			k = g_ascii_strdown(wh->w.s + s + 5, (gssize)(e - s - 5));
			if (g_hash_table_contains(wh->addrs, k))
				s += 5;
			g_free(k);
		}
		k = g_ascii_strdown(wh->w.s + s, (gssize)(e - s));
		hit = g_hash_table_contains(wh->addrs, k);
		g_free(k);
		if (hit)
			memset(wh->w.s + s, ' ', e - s);
		if (hit && own && nseg < OWN_SEGS) {
			bnc_paragraph(src, n, s, &ps, &pe);
			/* an address inside a sentence: the sentence is
			 * shared; an entry's lines are its own, from its
			 * line on */
			if (bnc_own_lines(c->b, wh->addrs, src, s, e - s, &ps,
			    &pe)) {
				for (k2 = s; k2 > ps && src[k2 - 1] != '\n';
				    k2--)
					;
				seg[nseg][0] = k2;
				seg[nseg++][1] = pe;
				if (pe > e)
					e = pe;
			}
		}
	}
	drop_verdicts(&wh->w);
	cmdtext_set(&wh->x, wh->w.s);
	/* the commands the whole names, each recipient's lines among it */
	if (nseg > 0) {
		(void)says(c->b, &wh->x, RE_RCPT);
		(void)says(c->b, &wh->x, RE_DATA);
	}
	for (k2 = 0; k2 < nseg; k2++)
		for (ps = seg[k2][0]; ps < seg[k2][1]; ps++)
			if (wh->w.s[ps] != '\n')
				wh->w.s[ps] = ' ';
	if (wh->ans != NULL)
		g_hash_table_remove_all(wh->ans);
}

/*
 * fallback() with wh's text, once per reply code and status of a
 * recipient's own (a DSN group's Status; none for a notice's).
 */
static int
fallback_shared(struct ctx *c, struct bnc_whole *wh, struct bounce_rcpt *r,
    const char *status)
{
	struct bounce *b = c->b;
	struct answer *a;
	char *key = g_strdup_printf("%d %s", r->smtp_code,
	    status != NULL ? status : "");

	if (wh->ans == NULL)
		wh->ans = g_hash_table_new_full(g_str_hash, g_str_equal,
		    g_free, g_free);
	if ((a = g_hash_table_lookup(wh->ans, key)) != NULL)
		g_free(key);
	else {
		if (fallback(c, &wh->x, r, status) == -1) {
			g_free(key);
			return -1;
		}
		a = g_new0(struct answer, 1);
		answer_keep(a, r);
		g_hash_table_insert(wh->ans, key, a);
	}
	answer_give(b, a, r);
	return 0;
}

void
bnc_whole_free(struct bnc_whole *wh)
{
	sbuf_free(&wh->w);
	if (wh->ans != NULL)
		g_hash_table_destroy(wh->ans);
	wh->ans = NULL;
	wh->made = false;
}

/*
 * Classify with the recipient's own text; else the whole bounce text
 * (wh's, when many recipients share it).  The recipient's address is
 * blanked out first: its local part is no reason ("no-such-user@...").
 * near, when known, is the recipient's paragraph of the human-readable
 * part, which tells the SMTP command when it names one (else the whole
 * text does).
 */
static int
classify(struct ctx *c, struct bnc_whole *wh, struct bounce_rcpt *r,
    const char *own, const char *near, const char *status, int smtp)
{
	struct sbuf o = { 0 }, w = { 0 }, n = { 0 };
	struct cmdtext wx, nx, ox, *ctx;
	struct answer a;
	size_t s, e;
	bool own_cue;
	int ret = 0;

	mask_addr(&w, own, r->recipient);
	bnc_one_line_max(&o, w.s, w.len, TEXT_MAX);
	/* the whole text, or the recipient's group of it (c->whole) */
	if (wh != NULL)
		whole_set(c, wh);
	else if (c->whole != NULL)
		mask_addr_n(&w, c->whole, c->wlen, r->recipient);
	else
		mask_addr(&w, c->p->text.s, r->recipient);
	drop_verdicts(&w);
	cmdtext_set(&wx, w.s);
	ctx = wh != NULL ? &wh->x : &wx;
	/* the paragraph, if it names the command; else the whole text */
	if (near != NULL) {
		mask_addr(&n, near, r->recipient);
		if (!names_cmd(c->b, &n))
			sbuf_free(&n);
		else {
			cmdtext_set(&nx, n.s);
			ctx = &nx;
		}
	}
	/* else the recipient's own reply, if it names the command (a DSN's
	 * Diagnostic-Code "... (in reply to end of DATA command)", qmail's
	 * "failed after I sent the message"): the notice around it may be
	 * a writer's prose that names none, or another recipient's */
	if (ctx != &nx && o.s != NULL &&
	    (bnc_re_find(c->b, RE_RCPT, o.s, o.len, 0, &s, &e, 0) ||
	    bnc_re_find(c->b, RE_DATA, o.s, o.len, 0, &s, &e, 0))) {
		cmdtext_set(&ox, o.s);
		ctx = &ox;
	}
	r->status = status;
	r->smtp_code = smtp;
	c->b->dsn = c->p->has_dsn;
	if (reason_in(c->b, o.s, ctx, r, c->e) == -1)
		ret = -1;
	else if (cued(r) && shared(wh))
		;	/* the whole's phrase may be another recipient's */
	else if (vague(r) || cued(r)) {
		/* a phrase of the whole text says more than a cue of the
		 * recipient's own, which says more than the whole's cue */
		if ((own_cue = cued(r)))
			answer_keep(&a, r);
		ret = wh != NULL ? fallback_shared(c, wh, r, status) :
		    fallback(c, &wx, r, status);
		if (ret == 0 && own_cue && (vague(r) || cued(r)))
			answer_give(c->b, &a, r);
	}
	sbuf_free(&o);
	sbuf_free(&w);
	sbuf_free(&n);
	return ret;
}

int
bnc_classify_text(struct ctx *c, struct bounce_rcpt *r, const char *own,
    const char *near, const char *status, int smtp)
{
	return classify(c, NULL, r, own, near, status, smtp);
}

int
bnc_classify_listed(struct ctx *c, struct bnc_whole *wh,
    struct bounce_rcpt *r, const char *own)
{
	return classify(c, wh, r, own, NULL, NULL, 0);
}

int
bnc_classify_group(struct ctx *c, struct bnc_whole *wh,
    struct bounce_rcpt *r, const char *own, const char *near,
    const char *status, int smtp)
{
	return classify(c, wh, r, own, near, status, smtp);
}
