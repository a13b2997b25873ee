/*
 * The reason of a failure: the classification of a recipient's text by,
 * in this order, the soft phrases, the hard phrases, the enhanced status
 * code, the SMTP reply code; the kind of a reason by the reasons table
 * (bounce/table.c).  See bounce/reasons.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bounce/reasons.h"
#include "bounce/table.h"
#include "bounce/text.h"


const char *
bnc_status_reason(const struct bounce *b, const char *st)
{
	if (st == NULL || strlen(st) < 5)
		return NULL;
	if (st[0] == '2')
		return "delivered";
	return reasons_of_status(b->reasons, st);
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
unknown_or_filtered(struct bounce *b, const char *ctx,
    const struct bounce_rcpt *r, bool loose)
{
	size_t len = ctx ? strlen(ctx) : 0, s, e;
	const char *why;

	if (r->status != NULL && strncmp(r->status + 1, ".1.", 3) == 0)
		return "userunknown";
	why = bnc_status_reason(b, r->status);
	if (why != NULL && strcmp(why, "filtered") == 0)
		return why;
	if (ctx != NULL && bnc_re_find(b, RE_RCPT, ctx, len, 0, &s, &e, 0))
		return "userunknown";
	if (loose && ctx != NULL &&
	    bnc_re_find(b, RE_DATA, ctx, len, 0, &s, &e, 0))
		return "filtered";
	/* a code about the mailbox or the message, not the address; a
	 * policy code (X.7.x) with an explicit phrase is a recipient list
	 * that refuses the address ("No such user!" 5.7.1, qmail's
	 * validrcptto): the phrase says which */
	if (r->status != NULL)
		return r->status[2] == '0' || r->status[2] == '4' ||
		    r->status[2] == '5' || (!loose && r->status[2] == '7') ?
		    "userunknown" : "filtered";
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

/* Classify text; ctx is the wider text that tells the SMTP command. */
int
bnc_reason_ctx(struct bounce *b, const char *text, const char *ctx,
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
		if ((m = bnc_index_match(b, b->ix[PL_SOFT], text, len, &hit,
		    e)) == -1)
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
	}
	if (r->reason == NULL &&
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
	if (r->reason == NULL)
		r->reason = "undefined";
	r->kind = bounce_kind(b, r->reason, r->status, r->smtp_code);
	return 0;
}

/* Nothing better than an SMTP code decided the reason. */
static bool
vague(const struct bounce_rcpt *r)
{
	return strcmp(r->reason, "undefined") == 0 || (r->matched != NULL &&
	    strncmp(r->matched, "smtp:", 5) == 0);
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
 * Classify with the recipient's own text; else the whole bounce text.
 * The recipient's address is blanked out first: its local part is no
 * reason ("no-such-user@...").  near, when known, is the recipient's
 * paragraph of the human-readable part, which tells the SMTP command
 * when it names one (else the whole text does).
 */
int
bnc_classify_text(struct ctx *c, struct bounce_rcpt *r, const char *own,
    const char *near, const char *status, int smtp)
{
	struct sbuf o = { 0 }, w = { 0 }, n = { 0 };
	size_t s, e;
	int ret = 0;

	mask_addr(&w, own, r->recipient);
	bnc_one_line_max(&o, w.s, w.len, TEXT_MAX);
	/* the whole text, or the recipient's group of it (c->whole) */
	if (c->whole != NULL)
		mask_addr_n(&w, c->whole, c->wlen, r->recipient);
	else
		mask_addr(&w, c->p->text.s, r->recipient);
	/* the paragraph, if it names the command; else the whole text */
	if (near != NULL) {
		mask_addr(&n, near, r->recipient);
		if (!bnc_re_find(c->b, RE_RCPT, n.s, n.len, 0, &s, &e, 0) &&
		    !bnc_re_find(c->b, RE_DATA, n.s, n.len, 0, &s, &e, 0))
			sbuf_free(&n);
	}
	r->status = status;
	r->smtp_code = smtp;
	c->b->dsn = c->p->has_dsn;
	if (bnc_reason_ctx(c->b, o.s, n.s != NULL ? n.s : w.s, r, c->e) == -1)
		ret = -1;
	else if (vague(r) && w.s != NULL &&
	    bnc_re_find(c->b, RE_SMTP, w.s, w.len, 0, &s, &e, 0)) {
		/* the remote server's reply, from its code on */
		sbuf_reset(&o);
		sbuf_add(&o, w.s + s, w.len - s > 600 ? 600 : w.len - s);
		r->status = status;
		if (bnc_reason_ctx(c->b, o.s, w.s, r, c->e) == -1)
			ret = -1;
	}
	if (ret == 0 && vague(r)) {
		r->status = status;
		if (bnc_reason_ctx(c->b, w.s, w.s, r, c->e) == -1)
			ret = -1;
	}
	if (ret == 0 && vague(r) && w.s != NULL &&
	    bnc_re_find(c->b, RE_CONN, w.s, w.len, 0, &s, &e, 0)) {
		r->reason = "blocked";
		r->kind = "soft";
		r->matched = NULL;
	}
	sbuf_free(&o);
	sbuf_free(&w);
	sbuf_free(&n);
	return ret;
}
