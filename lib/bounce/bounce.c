/*
 * Bounce classification: the entry point (bounce_new, bounce_classify)
 * and what decides the kind of message: a feedback report, an
 * unsubscribe, a DSN, an SES notification, a plain-text bounce, an
 * auto-reply, or no bounce.  See bounce/bounce.h; the parts live in
 * parts.c (taking a message apart), reasons.c (the reason of a failure),
 * report.c (DSN and ARF), text.c (plain text), notice.c (a notice's
 * recipient groups and transcripts), ses.c (Amazon SES).
 */
#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bounce/bounce_priv.h"
#include "bounce/mta.h"
#include "bounce/parts.h"
#include "bounce/reasons.h"
#include "bounce/report.h"
#include "bounce/ses.h"
#include "bounce/table.h"
#include "bounce/text.h"
#include "bounce/verp.h"
#include "mail/message.h"

static const char *const re_src[RE_COUNT] = {
	/* RE_ADDR: an address, local part as mail has them; one in single
	 * quotes ('bob@example.com') starts after the quote; a local part
	 * may hold Latin letters beyond ASCII (RFC 6531: "raúl@host"), so
	 * none starts inside one ("l@host"); text in another script glued
	 * before an address ("宛先：user@host") is no part of it */
	"(?<![A-Za-z0-9._%+=&/!#$*?^`{|}~\\p{Latin}\\p{M}-]|"
	    "[A-Za-z0-9._%+=&'/!#$*?^`{|}~-]')"
	    "[A-Za-z0-9\\p{Latin}][A-Za-z0-9._%+=&'/!#$*?^`{|}~\\p{Latin}\\p{M}-]*@"
	    "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
	    "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+",
	/* RE_STATUS: an RFC 3463 code, not part of an IP address, nor the
	 * section number of an RFC a reply cites ("Invalid HELO name (See
	 * RFC2821 4.1.3)", "RFC 5321 section 4.5.3"), nor the help page
	 * Exchange Online's NDR text points to ("For more information about
	 * this error, see DSN code 5.7.1 in Exchange Online - Office 365.",
	 * "For more information, see DSN 5.7.103 Errors in Exchange Online
	 * and Office 365."): a page's title, its reply is further on */
	"(?<![0-9.])"
	"(?<![Rr][Ff][Cc][0-9]{3} |[Rr][Ff][Cc][0-9]{4} |"
	"[Rr][Ff][Cc] [0-9]{3} |[Rr][Ff][Cc] [0-9]{4} |[Ss]ection )"
	"(?<![Ss]ee DSN code |[Ss]ee DSN )"
	"([45]\\.[0-9]{1,3}\\.[0-9]{1,3})(?![0-9]|\\.[0-9])",
	/* RE_SMTP: a reply code at a word start, followed by space or - */
	"(?<![0-9.:/#-])([45][0-9][0-9])(?=[ -][^0-9]|-?$|[ ][245]\\.)",
	/* RE_MSGID: a Message-ID header line in text */
	"^[ \\t>]*message-id:[ \\t]*(<[^>\\s]+>)",
	/* RE_DATA: the reply came after the message was sent: "in reply to
	 * (end of) data", "after (end of) data", ">>> data", "our|the final
	 * data", "data command", "message body", "after the message",
	 * "after i|we sent the message".  Only ever asked whether a text
	 * holds one: each is found at its word "data" or "message", what
	 * comes before it looked behind, so that the search skips to those
	 * two words (a search from each of the words' many first letters
	 * cost more than the rest of the patterns together) */
	"data(?:(?<=in reply to data|in reply to end of data|after data|"
	    "after end of data|>>> data)\\b|(?<=our final data|"
	    "the final data)| command)|"
	    "message(?: body|(?<=after the message|after i sent the message|"
	    "after we sent the message))",
	/* RE_RCPT: the reply was to RCPT TO: "rcpt to", "rcpt command",
	 * "rcpt:", "recipient command", "does not like recipient"; asked
	 * whether a text holds one, found as RE_DATA's are */
	"rcpt(?: to| command|:)|"
	    "recipient(?: command|(?<=does not like recipient))",
	/* RE_CONN: refused at the greeting, before any command */
	"after initial connection|refused to talk to me|in reply to the "
	    "greeting|smtp greeting|banner|while connected|"
	    "connection (?:was )?rejected",
	/* RE_MAIL: the reply was to MAIL FROM, about the sender */
	"(?:after|in reply to|>>>) mail from\\b|mail from command",
	/* RE_WRAP: a relay's own verdict wrapping the remote reply in
	 * quotes (Amazon SES: "5.1.0 - Unknown address error 550-'5.2.2
	 * <a@b>... Mailbox Full'"); group 1 is the remote reply */
	"^[245]\\.[0-9]{1,3}\\.[0-9]{1,3} - [^'\\n]* error "
	    "(?:[245][0-9][0-9][ -]?)?'"
	    "((?:[245]\\.[0-9]{1,3}\\.[0-9]{1,3}|[245][0-9][0-9])[ -][^'\\n]+)'",
	/* RE_USRERR: Sendmail's error of a recipient address, usrerr()
	 * with the address as its prefix ("550 <addr>... User unknown";
	 * the address may be blanked out before matching).  err.c's
	 * fmtmsg() writes the address as the sender gave it, "%s... ": a
	 * local mailer's bare user name too, after the reply code ("550
	 * 5.1.1 name... User unknown": AOL's 1990s notices) */
	"(?:@[^\\s@]+|>| |\\b[45][0-9][0-9][ -](?:[45]\\.[0-9]{1,3}\\."
	    "[0-9]{1,3} )?[^\\s.@<>]+)\\.\\.\\. +user unknown"
};

/* The subject, vacation, cut and no-address patterns are phrase files:
 * phrases/bounce-*.txt. */
static const uint32_t re_flags[RE_COUNT] = {
	PCRE2_USE_OFFSET_LIMIT, 0, PCRE2_MULTILINE, PCRE2_MULTILINE | PCRE2_CASELESS,
	PCRE2_CASELESS, PCRE2_CASELESS, PCRE2_CASELESS, PCRE2_CASELESS,
	PCRE2_CASELESS, PCRE2_CASELESS
};

int
bnc_re_find(struct bounce *b, int which, const char *s, size_t len,
    size_t start, size_t *mstart, size_t *mend, int group)
{
	PCRE2_SIZE *ov;
	int rc;

	if (start > len)
		return 0;
	rc = pcre2_match(b->re[which], (PCRE2_SPTR)s, len, start, 0, b->md,
	    NULL);
	if (rc < 0)
		return 0;
	ov = pcre2_get_ovector_pointer(b->md);
	if (group >= rc) {
		*mstart = ov[0];
		*mend = ov[1];
	} else {
		*mstart = ov[2 * group];
		*mend = ov[2 * group + 1];
	}
	return 1;
}

int
bnc_re_find_by(struct bounce *b, const char *s, size_t len, size_t start,
    size_t limit, size_t *mstart, size_t *mend)
{
	PCRE2_SIZE *ov;

	if (start > len)
		return 0;
	pcre2_set_offset_limit(b->lim, limit);
	if (pcre2_match(b->re[RE_ADDR], (PCRE2_SPTR)s, len, start, 0, b->md,
	    b->lim) < 0)
		return 0;
	ov = pcre2_get_ovector_pointer(b->md);
	*mstart = ov[0];
	*mend = ov[1];
	return 1;
}

/* The files of the phrase lists, by PL_ number. */
static const char *const lists[PL_COUNT] = { "soft.txt", "hard.txt",
    "bounce-subject.txt", "bounce-vacation.txt", "bounce-cut.txt",
    "bounce-noaddr.txt", "bounce-notrcpt.txt", "bounce-notice.txt",
    "bounce-cues.txt" };

/*
 * A cue (bounce-cues.txt) is read only when no phrase matched, before
 * the status code: it may name a soft reason alone, never one that
 * makes an address hard (or a choice of two).  -1 with e set on the
 * first cue that does.
 */
static int
check_cues(const struct bounce *b, const struct phr *p, struct derr *e)
{
	struct phr_hit h;
	char where[300];
	size_t i;

	for (i = 0; i < phr_count(p); i++) {
		phr_entry(p, i, &h, NULL);
		if (reasons_kind(b->reasons, h.tag) != REASON_SOFT) {
			snprintf(where, sizeof(where), "%s:%lu", h.file,
			    h.line);
			derr_set(e, where, "reason \"%s\" is not soft "
			    "(data/reasons.tsv): a cue may name only a soft "
			    "reason", h.tag);
			return -1;
		}
	}
	return 0;
}

/* Load phrases/NAME into *p, its tags checked against the reasons
 * table when check. */
static int
load_list(struct bounce *b, const char *dir, const char *name, bool check,
    struct phr **p, struct derr *e)
{
	char path[4096];

	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >=
	    (int)sizeof(path)) {
		derr_set(e, dir, "path too long");
		return -1;
	}
	if ((*p = phr_load(path, name, e)) == NULL)
		return -1;
	return check ? reasons_check_phrases(b->reasons, *p, e) : 0;
}

struct bounce *
bounce_new(const char *dir, const char *datadir, struct derr *e)
{
	struct bounce *b;
	struct derr vse;
	const char *engine;
	bool vs;
	char path[4096];
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	int i, code;

	if ((b = zalloc(sizeof(*b), "bounce", e)) == NULL)
		return NULL;
	if (snprintf(path, sizeof(path), "%s/reasons.tsv", datadir) >=
	    (int)sizeof(path)) {
		derr_set(e, datadir, "path too long");
		goto fail;
	}
	if ((b->reasons = reasons_load(path, "data/reasons.tsv", e)) == NULL)
		goto fail;
	if ((b->mtas = mtas_load(datadir, b->reasons, e)) == NULL)
		goto fail;
	/* soft, hard and cues: their tags are reasons, a cue's soft */
	for (i = 0; i < PL_COUNT; i++)
		if (load_list(b, dir, lists[i], i == PL_SOFT || i == PL_HARD ||
		    i == PL_CUES, &b->pl[i], e) == -1)
			goto fail;
	if (check_cues(b, b->pl[PL_CUES], e) == -1)
		goto fail;
	/* the cut lines all open at a line start ((?m)^), which their one
	 * alternation finds faster than a search by word; Vectorscan finds
	 * them faster still: at once when the cache has its database or
	 * when asked, else bnc_list_find() moves them there in a long run */
	for (i = 0; i < PL_COUNT; i++)
		if (i != PL_CUT &&
		    (b->ix[i] = phrase_index_new(b->pl[i], e)) == NULL)
			goto fail;
	engine = getenv("DELIV_PHRASES_ENGINE");
	vs = engine != NULL && strcmp(engine, "vectorscan") == 0;
	b->ix[PL_CUT] = phrase_index_new_vectorscan(b->pl[PL_CUT], !vs, &vse);
	b->cut_vs_tried = vs || b->ix[PL_CUT] != NULL;
	for (i = 0; i < RE_COUNT; i++) {
		b->re[i] = pcre2_compile((PCRE2_SPTR)re_src[i],
		    PCRE2_ZERO_TERMINATED, re_flags[i] | PCRE2_UTF |
		    PCRE2_MATCH_INVALID_UTF, &code, &off, NULL);
		if (b->re[i] == NULL) {
			pcre2_get_error_message(code, msg, sizeof(msg));
			derr_set(e, "bounce", "pattern %d: %s", i,
			    (const char *)msg);
			goto fail;
		}
		(void)pcre2_jit_compile(b->re[i], PCRE2_JIT_COMPLETE);
	}
	if ((b->md = pcre2_match_data_create(8, NULL)) == NULL ||
	    (b->lim = pcre2_match_context_create(NULL)) == NULL) {
		derr_set(e, "bounce", "out of memory");
		goto fail;
	}
	return b;
fail:
	bounce_free(b);
	return NULL;
}

struct bounce *
bounce_open(const char *phropt, const char *phrenv, const char *dataenv,
    struct derr *e)
{
	char dir[PATH_MAX], ddir[PATH_MAX];

	if (find_data_dir(phropt, phrenv, DELIV_DATADIR "/phrases", "phrases",
	    dir, sizeof(dir)) == -1) {
		derr_set(e, phropt ? phropt : "phrases",
		    "no phrases directory");
		return NULL;
	}
	if (find_data_dir(NULL, dataenv, DELIV_DATADIR "/data", "data", ddir,
	    sizeof(ddir)) == -1) {
		derr_set(e, "data", "no data directory (set DELIV_DATA)");
		return NULL;
	}
	return bounce_new(dir, ddir, e);
}

void
bounce_free(struct bounce *b)
{
	int i;

	if (b == NULL)
		return;
	for (i = 0; i < PL_COUNT; i++) {
		phrase_index_free(b->ix[i]);
		phr_free(b->pl[i]);
	}
	mtas_free(b->mtas);
	rcvd_parser_free(b->rcvd);
	reasons_free(b->reasons);
	free(b->memo);
	for (i = 0; i < RE_COUNT; i++)
		pcre2_code_free(b->re[i]);
	pcre2_match_data_free(b->md);
	pcre2_match_context_free(b->lim);
	free(b);
}

void
bnc_match_err(struct bounce *b, const struct derr *e)
{
	if (b->nmerr++ == 0)
		b->merr = *e;
}

int
bnc_list_find(struct bounce *b, int list, const char *s, size_t len,
    size_t *mstart)
{
	struct phr_hit hit;
	struct derr e;
	int r;

	/*
	 * Vectorscan finds the cut lines in one pass, faster than their
	 * PCRE2 alternation, once its database is there: read from the
	 * cache or compiled (a few hundredths of a second) after CUT_VS_AFTER
	 * bytes of text, so that a short run pays nothing.  The same hits.
	 */
	if (list == PL_CUT && b->ix[list] == NULL && !b->cut_vs_tried &&
	    (b->cut_bytes += len) >= CUT_VS_AFTER) {
		b->cut_vs_tried = true;
		b->ix[list] = phrase_index_new_vectorscan(b->pl[list], false,
		    &e);
	}
	if (b->ix[list] != NULL)
		r = bnc_index_match(b, b->ix[list], s, len, &hit, &e);
	else
		r = phr_match(b->pl[list], s, len, 0, &hit, &e);
	if (r == -1)
		bnc_match_err(b, &e);
	if (r != 1)
		return 0;
	*mstart = hit.start;
	return 1;
}

/*
 * A hash of s[0..len) for the memo: FNV-1a over 8 bytes at a time (the
 * tail byte by byte), its high bits folded into the low ones that pick
 * the slot.  Only this process reads it: the machine's byte order is
 * no matter.
 */
static uint64_t
text_hash(const char *s, size_t len)
{
	uint64_t h = UINT64_C(14695981039346656037), w;
	size_t i;

	for (i = 0; i + sizeof(w) <= len; i += sizeof(w)) {
		memcpy(&w, s + i, sizeof(w));
		h = (h ^ w) * UINT64_C(1099511628211);
	}
	for (; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * UINT64_C(1099511628211);
	h ^= h >> 32;
	h *= UINT64_C(0x9e3779b97f4a7c15);
	return h ^ h >> 29;
}

/*
 * The answers of the lists for short texts, kept: a report's recipients
 * often share their diagnostic, and many messages say the same words.
 * A text of at most MEMO_TEXT bytes, searched without a match error,
 * gives the same answer the next time (the same hit, at the same
 * offsets); one slot per hash of list and text, its text compared whole.
 */
struct memo {
	const struct phrase_index *idx;	/* NULL: empty */
	uint64_t		 h;
	size_t			 len;
	int			 r;
	struct phr_hit		 hit;
	char			 text[MEMO_TEXT];
};

int
bnc_index_match(struct bounce *b, struct phrase_index *idx, const char *s,
    size_t len, struct phr_hit *hit, struct derr *e)
{
	struct derr first;
	struct memo *m = NULL;
	uint64_t h = 0;
	int r;

	if (s != NULL && len <= MEMO_TEXT && (b->memo != NULL ||
	    (b->memo = calloc(MEMO_SLOTS, sizeof(*b->memo))) != NULL)) {
		h = text_hash(s, len) ^ (uint64_t)(uintptr_t)idx;
		m = &b->memo[h % MEMO_SLOTS];
		if (m->idx == idx && m->h == h && m->len == len &&
		    memcmp(m->text, s, len) == 0) {
			if (m->r == 1)
				*hit = m->hit;
			return m->r;
		}
	}
	r = phrase_index_match(idx, s, len, hit, e);
	if (phrase_index_errors(idx, &first) > 0)
		bnc_match_err(b, &first);
	else if (m != NULL && r >= 0) {
		m->idx = idx;
		m->h = h;
		m->len = len;
		m->r = r;
		if (r == 1)
			m->hit = *hit;
		memcpy(m->text, s, len);
	}
	return r;
}

/* The address of the message's first From mailbox, or NULL. */
static const char *
sender_addr(GMimeMessage *m)
{
	InternetAddressList *l = mail_message_from(m);
	InternetAddress *a;

	if (l == NULL || internet_address_list_length(l) == 0)
		return NULL;
	a = internet_address_list_get_address(l, 0);
	if (!INTERNET_ADDRESS_IS_MAILBOX(a))
		return NULL;
	return internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a));
}

/*
 * A message that is no failure, about its sender (the first From
 * mailbox): an unsubscribe or an auto-reply.
 */
static int
emit_from_sender(struct ctx *c, const char *reason, const char *diag)
{
	struct bounce_rcpt r = c->base;

	r.reason = reason;
	r.kind = "undetermined";
	r.recipient = sender_addr(c->m);
	r.diagnostic = diag;
	return c->emit(c->arg, &r);
}

/* A one-click unsubscribe sent by a mail client: feedback. */
static int
do_unsubscribe(struct ctx *c)
{
	return emit_from_sender(c, "feedback", "unsubscribe");
}

/*
 * A complaint whose copy hides the complainer, by its documented sender:
 * its diagnostic, or NULL.  A SpamCop report (spamcop.net FAQ "Authentic
 * SpamCop reports": from ####@reports.spamcop.net, plain text, the
 * subject "[SpamCop (IP or URL) id:N]...", the reporter munged to
 * "To: <x>"); AOL's feedback loop in its traditional format (AOL
 * postmaster: from SCOMP@aol.net, an empty text part and the original
 * as message/rfc822, the recipient redacted out; its ARF reports are
 * read as feedback reports before this); Outlook.com's JMRP in its
 * "RFC822 Attachment" format (the JMRP FAQ: forwarded from
 * staff@hotmail.com), whose complainer only a proprietary header of the
 * attached copy gives, which is not read.
 */
static const char *
munged_complaint(GMimeMessage *m)
{
	const char *f = mail_header(GMIME_OBJECT(m), "From"), *a, *s, *d;

	/* most messages are none of these: their From is not parsed */
	if (f == NULL || (str_casestr(f, "@reports.spamcop.net") == NULL &&
	    str_casestr(f, "scomp@aol.net") == NULL &&
	    str_casestr(f, "staff@hotmail.com") == NULL))
		return NULL;
	a = sender_addr(m);
	s = mail_message_subject(m);
	if (a == NULL || (d = strrchr(a, '@')) == NULL)
		return NULL;
	if (strcasecmp(d + 1, "reports.spamcop.net") == 0 && s != NULL &&
	    bnc_subject_opens(s, "[SpamCop ("))
		return "a SpamCop report: the reporter's address is munged";
	if (strcasecmp(a, "scomp@aol.net") == 0)
		return "an AOL feedback loop report: the recipient is redacted";
	if (strcasecmp(a, "staff@hotmail.com") == 0)
		return "an Outlook.com JMRP report: no complainer read";
	return NULL;
}

/* A complaint that names no complainer: feedback, no recipient. */
static int
do_complaint(struct ctx *c, const char *diag)
{
	struct bounce_rcpt r = c->base;

	r.reason = "feedback";
	r.kind = "undetermined";
	r.diagnostic = diag;
	return c->emit(c->arg, &r);
}

static int
do_vacation(struct ctx *c)
{
	return emit_from_sender(c, "vacation",
	    mail_message_subject(c->m));
}
/*
 * procmail's auto-answer as procmailex(5) writes it (formail -r with
 * "Precedence: junk" and an X-Loop header of the answering address), no
 * list's message (which names a List-Id): an automatic reply.
 */
static bool
procmail_answer(GMimeObject *o)
{
	const char *v = mail_header(o, "Precedence");

	return v != NULL && strcasecmp(v, "junk") == 0 &&
	    mail_header(o, "X-Loop") != NULL &&
	    mail_header(o, "List-Id") == NULL;
}

/*
 * Does a header say the message is an automatic reply (RFC 3834: an
 * Auto-Submitted value "auto-replied"; X-Autoreply, X-Autorespond,
 * "Precedence: auto_reply"; procmail's auto-answer)?
 */
static bool
autoreply_header(GMimeObject *o)
{
	const char *v;

	return ((v = mail_header(o, "Auto-Submitted")) != NULL &&
	    strncasecmp(v, "auto-replied", 12) == 0) ||
	    mail_header(o, "X-Autoreply") != NULL ||
	    mail_header(o, "X-Autorespond") != NULL ||
	    ((v = mail_header(o, "Precedence")) != NULL &&
	    strcasecmp(v, "auto_reply") == 0) ||
	    procmail_answer(o);
}

static bool
is_vacation(struct ctx *c, bool bounceish)
{
	const char *subj = mail_message_subject(c->m);
	size_t s;

	if (bounceish)
		return false;
	if (autoreply_header(GMIME_OBJECT(c->m)))
		return true;
	/* by the subject alone; "Re: ... out of the office" is a person
	 * answering one */
	if (subj == NULL || bnc_reply_subject(subj))
		return false;
	subj = bnc_untagged(subj);
	return bnc_list_find(c->b, PL_VACATION, subj, strlen(subj), &s);
}

/*
 * The tag of the subject's leftmost line of bounce-subject.txt, before
 * it echoes another's: "bounce", "digest" (a recipient's own report of
 * what a filter holds for it, no notice), or NULL for none.  The words
 * after a reply prefix ("Re: Returned mail") or after an auto-reply's
 * tag ("[rt.example.net #12] AutoReply: Returned mail", "Automatische
 * Antwort: Undeliverable: ...") are the subject of the message answered,
 * no sign; those before it are ("Undeliverable: Automatic reply: ...").
 * An address the subject names is no word of it: a quarantine digest
 * "for bounces@news.example.com" (Barracuda's "Quarantine Summary for
 * ADDRESS") does not say bounce; the address is blanked before matching.
 */
static const char *
subject_tag(struct ctx *c, const char *subj)
{
	size_t n, s, i, j, k;
	struct phr_hit hit;
	struct derr e;
	char *t;
	int r;

	if (bnc_reply_subject(subj))
		return NULL;
	subj = bnc_untagged(subj);
	n = strlen(subj);
	if (bnc_list_find(c->b, PL_VACATION, subj, n, &s))
		n = s;
	if (n == 0 || (t = strndup(subj, n)) == NULL)
		return NULL;
	for (i = 0; i < n; i = j) {
		for (; i < n && strchr(" \t<>()[],;:\"'", t[i]) != NULL; i++)
			;
		for (j = i; j < n && strchr(" \t<>()[],;:\"'", t[j]) == NULL;
		    j++)
			;
		if (memchr(t + i, '@', j - i) != NULL &&
		    t[i] != '@' && t[j - 1] != '@')
			for (k = i; k < j; k++)
				t[k] = ' ';
	}
	r = bnc_index_match(c->b, c->b->ix[PL_SUBJECT], t, n, &hit, &e);
	free(t);
	if (r == -1)
		bnc_match_err(c->b, &e);
	return r == 1 ? hit.tag : NULL;
}

/* Does the subject say bounce (subject_tag(), any tag but "digest")? */
static bool
subject_bounces(struct ctx *c, const char *subj)
{
	const char *tag = subject_tag(c, subj);

	return tag != NULL && strcmp(tag, "digest") != 0;
}

/*
 * An auto-reply by its headers and its subject's opening tag together:
 * a subject that opens with an auto-reply's tag ("Automatic reply:",
 * "Auto:"; bounce-vacation.txt) and an Auto-Submitted header that is not
 * "no" (RFC 3834 section 5).  Exchange and Microsoft 365 write both on an
 * automatic reply of any mailbox, a shared one named postmaster
 * included.
 */
static bool
tagged_autoreply(struct ctx *c)
{
	const char *v, *subj = mail_message_subject(c->m);
	size_t s;

	if (subj == NULL || bnc_reply_subject(subj))
		return false;
	subj = bnc_untagged(subj);
	return (v = mail_header(GMIME_OBJECT(c->m), "Auto-Submitted")) != NULL &&
	    strncasecmp(v, "no", 2) != 0 &&
	    bnc_list_find(c->b, PL_VACATION, subj, strlen(subj), &s) && s == 0;
}

/*
 * Is the only sign of a bounce the sender's name ("Postmaster
 * <postmaster@host>"), not an address of the mailer daemon, an
 * X-Failed-Recipients header nor the subject's words?  Then a tagged
 * auto-reply (tagged_autoreply()) is an auto-reply of that mailbox,
 * whatever codes its text quotes.
 */
static bool
sign_is_name(struct ctx *c, int sign)
{
	const char *subj = mail_message_subject(c->m);

	return sign == 1 && (subj == NULL || !subject_bounces(c, subj));
}

/* Does the From name or address say mailer daemon, postmaster or mail
 * delivery ("Mail Delivery System <MAILER-DAEMON@host>",
 * "<postmaster@host>")? */
static bool
from_daemon_name(struct ctx *c)
{
	InternetAddressList *l = mail_message_from(c->m);
	char *from;
	bool r = false;

	if (l == NULL ||
	    (from = internet_address_list_to_string(l, NULL, FALSE)) == NULL)
		return false;
	r = strcasestr(from, "mailer-daemon") != NULL ||
	    strcasestr(from, "postmaster") != NULL ||
	    strcasestr(from, "mail delivery") != NULL ||
	    strcasestr(from, "mailer_daemon") != NULL;
	g_free(from);
	return r;
}

/*
 * Signs of a bounce in the headers.  Returns 2 for a sure sign (an
 * X-Failed-Recipients header, a From address of the mailer daemon), 1 for
 * a subject or a sender's name that says so, or Exchange's own mark of its
 * non-delivery and delay reports, X-MS-Exchange-Message-Is-Ndr (a header
 * name of Exchange's transport, written on its reports in any language,
 * whose subjects and From names, "Microsoft Exchange", "Microsoft
 * Outlook", are localized or say nothing), 0 for none; *weak: a null
 * Return-Path.
 */
static int
is_bounce(struct ctx *c, bool *weak)
{
	const char *subj = mail_message_subject(c->m), *v, *tag;

	*weak = (v = mail_header(GMIME_OBJECT(c->m), "Return-Path")) != NULL &&
	    strstr(v, "<>") != NULL;
	if (mail_header(GMIME_OBJECT(c->m), "X-Failed-Recipients") != NULL)
		return 2;
	if ((v = sender_addr(c->m)) != NULL &&
	    (strncasecmp(v, "mailer-daemon", 13) == 0 ||
	    strncasecmp(v, "mailer_daemon", 13) == 0))
		return 2;
	if (subj != NULL && (tag = subject_tag(c, subj)) != NULL) {
		/* a recipient's quarantine or spam report, from postmaster
		 * or with a null Return-Path, is no notice */
		if (strcmp(tag, "digest") != 0)
			return 1;
		*weak = false;
		return 0;
	}
	if (mail_header(GMIME_OBJECT(c->m), "X-MS-Exchange-Message-Is-Ndr") !=
	    NULL)
		return 1;
	return from_daemon_name(c) ? 1 : 0;
}

const char *
bnc_verp(struct ctx *c)
{
	if (!c->verp_done) {
		c->verp_done = true;
		c->verp = verp_member(c->m, &c->verp_field);
	}
	return c->verp;
}

/*
 * A list's own distribution (RFC 2919 List-Id) with a Return-Path that
 * is not null, whose only sign of a bounce is its subject: the subject
 * of a discussion, not a notice, which goes out with a null reverse-path
 * (RFC 5321 section 4.5.5).  GitHub's notifications of issues carry the
 * issue's title as subject under List-Id "OWNER/REPOSITORY
 * <REPOSITORY.OWNER.github.com>" (GitHub Docs, "Email notification
 * headers"); a title such as "... email appears undeliverable" over a
 * reporter's quote of the bounce names no failure of this message
 * (Round 25, wild33 #14): a person's message (bnc_persons_message()).
 * A list manager's own notice to a poster (a held post, a refusal) is
 * automatic and says so: Auto-Submitted (RFC 3834 section 5) or
 * Precedence "bulk" or "junk" (RFC 2076 section 3.9); it stays a
 * notice.
 */
static bool
list_post(struct ctx *c, int sign)
{
	GMimeObject *o = GMIME_OBJECT(c->m);
	const char *v;

	if (sign != 1 || mail_header(o, "List-Id") == NULL ||
	    mail_header(o, "X-MS-Exchange-Message-Is-Ndr") != NULL ||
	    from_daemon_name(c) || !bnc_persons_message(c->m))
		return false;
	return (v = mail_header(o, "Precedence")) == NULL ||
	    (str_casestr(v, "bulk") == NULL && str_casestr(v, "junk") == NULL);
}

/*
 * A message whose headers only hint at a bounce (its subject, a sender
 * called postmaster, a null Return-Path) must show it in its body too: a
 * copy of the original message, an SMTP or enhanced status code, a line
 * that introduces failed recipients (bounce-notice.txt), or a phrase of
 * the phrase files.  News whose subject says "rejected" and
 * spam from "postmaster" do not.  2 if it shows a copy, a code or a
 * notice line, 1 if only a phrase, 0 if nothing, -1 on a matching error.
 */
static int
body_bounces(struct ctx *c)
{
	const struct parts *p = c->p;
	struct phr_hit hit;
	size_t s, e;
	int m;

	if (p->orig.len > 0 || p->orig_msgid != NULL)
		return 2;
	bnc_parts_addrs(c->p);
	if (p->norig_to > 0 || p->orig_from != NULL)
		return 2;
	if (p->text.s == NULL)
		return 0;
	if (bnc_re_find(c->b, RE_STATUS, p->text.s, p->text.len, 0, &s, &e,
	    0) || bnc_re_find(c->b, RE_SMTP, p->text.s, p->text.len, 0, &s,
	    &e, 0))
		return 2;
	/* a line that introduces failed or delayed recipients */
	if (bnc_list_find(c->b, PL_NOTICE, p->text.s,
	    bnc_text_head(p), &s))
		return 2;
	if ((m = bnc_index_match(c->b, c->b->ix[PL_HARD], p->text.s,
	    bnc_text_head(p), &hit, c->e)) != 0)
		return m;
	return bnc_index_match(c->b, c->b->ix[PL_SOFT], p->text.s,
	    bnc_text_head(p), &hit, c->e);
}

/*
 * Does the body hold a line that introduces failed or delayed recipients
 * (bounce-notice.txt)?  Under headers that give no sign of a bounce, with
 * a null Return-Path, such a line is the notice's own word and outweighs
 * an Auto-Submitted header: RFC 3834 section 5 has automatic responses
 * of every kind write "auto-replied", failure notices too (Postfix's
 * bounce(8) cites it; Microsoft's NDRs write it), and a notice whose
 * From and Subject say nothing in English (NHN Dooray!'s "Dooray! 메일
 * 발송 실패 안내") has only its text to show it.
 */
static bool
body_notice(struct ctx *c)
{
	const struct parts *p = c->p;
	size_t s;

	return p->text.s != NULL && bnc_list_find(c->b, PL_NOTICE, p->text.s,
	    bnc_text_head(p), &s);
}

/*
 * Each record on its way out: the writer's own meaning of its reason
 * (data/bounce-mta-reasons.tsv), said in matched; and, when a phrase
 * could not be matched (a match or depth limit of a --phrases regex),
 * "match error: FILE:LINE: WHY" after it, so that the record says its
 * reason may be incomplete (nothing lost: the record is still written).
 */
static int
emit_mta(void *arg, const struct bounce_rcpt *r0)
{
	struct ctx *c = arg;
	struct bounce_rcpt r = *r0;
	const char *to;
	char vbuf[sizeof(c->note) + 64], buf[sizeof(vbuf) + 64];
	char err[sizeof(buf) + 512];

	/*
	 * A failure that names no address, sent back to a list's VERP
	 * return path: the member whose copy it was (bounce/verp.h).
	 */
	if (r.recipient == NULL && r.kind != NULL &&
	    (strcmp(r.kind, "hard") == 0 || strcmp(r.kind, "soft") == 0)) {
		if (bnc_verp(c) != NULL) {
			r.recipient = c->verp;
			snprintf(vbuf, sizeof(vbuf), "%s%sverp:%s", r.matched ?
			    r.matched : "", r.matched ? "; " : "",
			    c->verp_field);
			r.matched = vbuf;
		}
	}
	if (r.recipient != NULL && r.kind != NULL &&
	    strcmp(r.kind, "none") != 0 &&
	    (to = mtas_reason(c->b->mtas, r.mta, r.reason)) != NULL) {
		snprintf(buf, sizeof(buf), "%s%smta:%s", r.matched ?
		    r.matched : "", r.matched ? "; " : "", r.mta);
		r.matched = buf;
		r.reason = to;
		r.kind = bounce_kind(c->b, to, r.status, r.smtp_code);
	}
	if (c->b->nmerr > 0) {
		if (c->b->nmerr > 1)
			snprintf(err, sizeof(err), "%s%smatch error: %.200s: "
			    "%.200s (and %zu more)", r.matched ? r.matched : "",
			    r.matched ? "; " : "", c->b->merr.where,
			    c->b->merr.what, c->b->nmerr - 1);
		else
			snprintf(err, sizeof(err), "%s%smatch error: %.200s: "
			    "%.200s", r.matched ? r.matched : "",
			    r.matched ? "; " : "", c->b->merr.where,
			    c->b->merr.what);
		r.matched = err;
	}
	return c->user_emit(c->user_arg, &r);
}

/* The one record of a message that is no bounce (kind none), saying why. */
static int
emit_none(struct ctx *c, const char *why)
{
	c->base.kind = "none";
	c->base.diagnostic = why;
	return c->emit(c->arg, &c->base);
}

int
bounce_classify(struct bounce *b, GMimeMessage *m, const char *error,
    bounce_emit emit, void *arg, struct derr *e)
{
	struct parts p;
	struct ctx c;
	GDateTime *dt;
	const char *id, *ct, *v;
	char *mid = NULL;
	bool bounceish, weak;
	int r, sign, shows;

	memset(&c, 0, sizeof(c));
	memset(&p, 0, sizeof(p));
	c.b = b;
	c.m = m;
	c.p = &p;
	c.emit = emit;
	c.arg = arg;
	c.e = e;
	c.base.date = c.base.ts = -1;
	b->nmerr = 0;
	if (m == NULL)
		return emit_none(&c, error ? error : "not a message");
	if ((id = mail_message_id(m)) != NULL &&
	    asprintf(&mid, "<%s>", id) != -1)
		c.base.message_id = mid;
	if ((dt = mail_message_date(m)) != NULL) {
		c.base.date = c.base.ts = (time_t)g_date_time_to_unix(dt);
	}
	bnc_parts_read(b, &p, m);
	c.base.original_message_id = p.orig_msgid;
	c.base.mta = mtas_find(b->mtas, &c);
	c.user_emit = emit;
	c.user_arg = arg;
	c.emit = emit_mta;
	c.arg = &c;
	emit = emit_mta;
	arg = &c;
	ct = mail_header(GMIME_OBJECT(m), "Content-Type");
	if (p.has_arf || (ct != NULL && strcasestr(ct, "feedback-report")))
		r = bnc_arf(&c);
	else if (mail_header(GMIME_OBJECT(m), "X-Apple-Unsubscribe") != NULL)
		r = do_unsubscribe(&c);
	else if ((v = munged_complaint(m)) != NULL)
		r = do_complaint(&c, v);
	else if (p.receipt && !p.has_dsn)
		r = emit_none(&c, error ? error : "not a bounce");
	else if (p.has_dsn && (r = bnc_dsn(&c)) != 1)
		;
	else if (p.text.s != NULL &&
	    (strstr(p.text.s, "notificationType") != NULL ||
	    strstr(p.text.s, "eventType") != NULL) &&
	    (r = bnc_ses(&c)) != 1)
		;
	else {
		sign = is_bounce(&c, &weak);
		if (list_post(&c, sign))
			sign = 0;
		bounceish = sign > 0;
		shows = sign == 2 || p.has_dsn ? 2 : bounceish || weak ?
		    body_bounces(&c) : 0;
		r = shows > 0 ? 1 : shows;
		if (r == -1)
			;
		/* a subject that only echoes bounce words ("Auto: Your
		 * delivery report") over a body that shows no failure
		 * leaves an auto-reply's headers the last word; so does a
		 * body that shows one by a phrase alone (no copy, code or
		 * notice line) under an auto-reply's header, from a sender
		 * that is no daemon or postmaster with a Return-Path that is
		 * not null (Microsoft's NDRs from postmaster write
		 * Auto-Submitted: auto-replied too), and a tagged auto-reply
		 * whose only sign is its sender's name; under headers with
		 * no sign, a null Return-Path and a notice line of the body
		 * (body_notice()) outweigh an auto-reply's header */
		else if (is_vacation(&c, (bounceish && r == 1 &&
		    !(shows == 1 && !weak && !from_daemon_name(&c) &&
		    autoreply_header(GMIME_OBJECT(m))) &&
		    !(sign_is_name(&c, sign) && tagged_autoreply(&c))) ||
		    (!bounceish && shows == 2 && body_notice(&c))))
			r = do_vacation(&c);
		else if (r == 1)
			r = bnc_text(&c);
		else
			r = emit_none(&c, error ? error : "not a bounce");
	}
	sbuf_free(&c.diag);
	bnc_parts_free(&p);
	free(c.verp);
	free(mid);
	return r;
}
