/*
 * Bounce classification.  See bounce/bounce.h.
 *
 * A message is taken apart once: its text parts (decoded to UTF-8, the
 * attached original left out), its delivery-status or feedback-report
 * fields, and the original message's Message-ID and recipients.  Then
 * the kind of message decides where the recipients come from.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "bounce/bounce.h"
#include "core/phrase_index.h"
#include "core/phrases.h"
#include "core/util.h"
#include "mail/dsn.h"

#define DIAG_MAX	1024	/* bytes of diagnostic kept per record */
#define TEXT_MAX	(256 * 1024)	/* bytes of bounce text searched */
#define DSN_MAX		(64 * 1024 * 1024)	/* bytes of delivery-status read */

enum { RE_ADDR, RE_STATUS, RE_SMTP, RE_CUT, RE_BOUNCE, RE_VACATION,
	RE_MSGID, RE_NOADDR, RE_DATA, RE_RCPT, RE_CONN, RE_MAIL, RE_WRAP,
	RE_COUNT };

static const char *const re_src[RE_COUNT] = {
	/* RE_ADDR: an address, local part as mail has them; one in single
	 * quotes ('bob@example.com') starts after the quote */
	"(?<![A-Za-z0-9._%+=&/!#$*?^`{|}~-]|[A-Za-z0-9._%+=&'/!#$*?^`{|}~-]')"
	    "[A-Za-z0-9][A-Za-z0-9._%+=&'/!#$*?^`{|}~-]*@"
	    "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
	    "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+",
	/* RE_STATUS: an RFC 3463 code, not part of an IP address */
	"(?<![0-9.])([45]\\.[0-9]{1,3}\\.[0-9]{1,3})(?![0-9]|\\.[0-9])",
	/* RE_SMTP: a reply code at a word start, followed by space or - */
	"(?<![0-9.:/#-])([45][0-9][0-9])(?=[ -][^0-9]|-?$|[ ][245]\\.)",
	/* RE_CUT: where the copy of the original message starts */
	"^[ \\t>]*(?:[-=_*#]{2,}.*?(?:original|copy of|unsent|returned|"
	    "rejected|undelivered|bounced|attached|your)\\b.{0,20}?"
	    "(?:message|mail|e-?mail|headers?)|[-=_*]{2,}.*message (?:follows|header)|"
	    "original message follows|below this line is a copy|"
	    "content-type: message/rfc822|received: from |"
	    "return-path: <|the (?:original|header of the original) "
	    "message (?:headers? )?(?:is|are|was(?! received)|follows)|"
	    "here is a copy of (?:the|your) message)",
	/* RE_BOUNCE: a subject or sender that says it is a bounce */
	"undeliver|undelivered|delivery (?:status|fail|notif|report|"
	    "problem)|returned mail|mail delivery|failure notice|"
	    "non[- ]?deliver|delivery has failed|could not be delivered|"
	    "not delivered|mail system error|bounce|rejected|"
	    "nondeliverable|returned to sender|warning: could not send|"
	    "delayed mail|message you sent|mailer-daemon|postmaster|"
	    "mail failure|delivery error|unzustellbar|non remis|"
	    "échec de la remise|nicht zugestellt|エラー|不達|"
	    "配信|未送達|sending failed|failed delivery|not be sent|"
	    "permanent error|your message|are not (?:a )?member|"
	    "loop alert",
	/* RE_VACATION: a subject that says it is an auto-reply */
	"^(?:auto(?:matic)?[ -]?(?:reply|response|respons|antwort)|"
	    "out of (?:the )?office|away|vacation|on leave|absence|"
	    "abwesenheit|autoreply|auto:|自動応答|自動返信|不在)"
	    "|(?:out of (?:the )?office|on vacation|vacation (?:reply|notice|"
	    "message|response)|auto-?reply|away until|automatic reply)",
	/* RE_MSGID: a Message-ID header line in text */
	"^[ \\t>]*message-id:[ \\t]*(<[^>\\s]+>)",
	/* RE_NOADDR: addresses that are not failed recipients */
	"^(?:mailer-daemon|postmaster|double-bounce|noreply|no-reply|"
	    "bounces?|nobody|root|daemon)@",
	/* RE_DATA: the reply came after the message was sent */
	"in reply to (?:end of )?data\\b|after (?:end of )?data\\b|"
	    ">>> data\\b|(?:our|the) final data|after (?:i|we) sent the "
	    "message|message body|after the message|data command",
	/* RE_RCPT: the reply was to RCPT TO */
	"rcpt to|rcpt command|recipient command|rcpt:|does not like "
	    "recipient",
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
	    "((?:[245]\\.[0-9]{1,3}\\.[0-9]{1,3}|[245][0-9][0-9])[ -][^'\\n]+)'"
};

static const uint32_t re_flags[RE_COUNT] = {
	0, 0, PCRE2_MULTILINE, PCRE2_MULTILINE | PCRE2_CASELESS,
	PCRE2_CASELESS, PCRE2_CASELESS, PCRE2_MULTILINE | PCRE2_CASELESS,
	PCRE2_CASELESS, PCRE2_CASELESS, PCRE2_CASELESS, PCRE2_CASELESS,
	PCRE2_CASELESS, PCRE2_CASELESS
};

struct bounce {
	struct phr		*soft;
	struct phr		*hard;
	struct phrase_index	*fsoft;		/* the same, searched by word */
	struct phrase_index	*fhard;
	pcre2_code		*re[RE_COUNT];
	pcre2_match_data	*md;
	char			 status[16];
	char			 matched[64];
	bool			 dsn;	/* classifying a DSN's recipient */
};

/* What one message holds, gathered in one walk. */
struct parts {
	struct sbuf	 text;		/* bounce text, UTF-8, LF */
	struct sbuf	 orig;		/* original message text after cut */
	struct dsn	 dsn;		/* delivery-status fields */
	struct dsn	 arf;		/* feedback-report fields */
	bool		 has_dsn;
	bool		 has_arf;
	char		*orig_msgid;
	char		**orig_to;	/* recipients of the original */
	size_t		 norig_to;
	char		*orig_from;
};

static int
re_find(struct bounce *b, int which, const char *s, size_t len,
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

struct bounce *
bounce_new(const char *dir, struct derr *e)
{
	struct bounce *b;
	char path[4096];
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	int i, code;

	if ((b = calloc(1, sizeof(*b))) == NULL) {
		derr_set(e, "bounce", "out of memory");
		return NULL;
	}
	if (snprintf(path, sizeof(path), "%s/soft.txt", dir) >=
	    (int)sizeof(path)) {
		derr_set(e, dir, "path too long");
		goto fail;
	}
	if ((b->soft = phr_load(path, "soft.txt", e)) == NULL)
		goto fail;
	snprintf(path, sizeof(path), "%s/hard.txt", dir);
	if ((b->hard = phr_load(path, "hard.txt", e)) == NULL)
		goto fail;
	if ((b->fsoft = phrase_index_new(b->soft, e)) == NULL ||
	    (b->fhard = phrase_index_new(b->hard, e)) == NULL)
		goto fail;
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
	if ((b->md = pcre2_match_data_create(8, NULL)) == NULL) {
		derr_set(e, "bounce", "out of memory");
		goto fail;
	}
	return b;
fail:
	bounce_free(b);
	return NULL;
}

void
bounce_free(struct bounce *b)
{
	int i;

	if (b == NULL)
		return;
	phrase_index_free(b->fsoft);
	phrase_index_free(b->fhard);
	phr_free(b->soft);
	phr_free(b->hard);
	for (i = 0; i < RE_COUNT; i++)
		pcre2_code_free(b->re[i]);
	pcre2_match_data_free(b->md);
	free(b);
}

/* Reasons of RFC 3463 codes: most specific first. */
static const struct {
	const char	*code;	/* "X.1.1" matches 4.1.1 and 5.1.1 */
	const char	*reason;
} status_map[] = {
	{ "X.1.0", "userunknown" },	/* other address status */
	{ "X.1.1", "userunknown" },
	{ "X.1.2", "hostunknown" },
	{ "X.1.3", "userunknown" },
	{ "X.1.4", "userunknown" },
	{ "X.1.5", "userunknown" },
	{ "X.1.6", "hasmoved" },
	{ "X.1.7", "rejected" },
	{ "X.1.8", "rejected" },
	{ "X.1.9", "rejected" },
	{ "X.1.10", "notaccept" },
	{ "X.2.0", "filtered" },
	{ "X.2.1", "suspend" },
	{ "X.2.2", "mailboxfull" },
	{ "X.2.3", "exceedlimit" },
	{ "X.2.4", "systemerror" },
	{ "X.3.0", "systemerror" },
	{ "X.3.1", "systemfull" },
	{ "X.3.2", "systemerror" },
	{ "X.3.3", "systemerror" },
	{ "X.3.4", "mesgtoobig" },
	{ "X.3.5", "systemerror" },
	{ "X.4.0", "networkerror" },
	{ "X.4.1", "networkerror" },
	{ "X.4.2", "networkerror" },
	{ "X.4.3", "systemerror" },
	{ "X.4.4", "hostunknown" },
	{ "X.4.5", "systemfull" },
	{ "X.4.6", "networkerror" },
	{ "X.4.7", "expired" },
	{ "X.5.0", "syntaxerror" },
	{ "X.5.1", "syntaxerror" },
	{ "X.5.2", "syntaxerror" },
	{ "X.5.3", "exceedlimit" },
	{ "X.5.4", "syntaxerror" },
	{ "X.5.5", "syntaxerror" },
	{ "X.5.6", "syntaxerror" },
	{ "X.6.0", "contenterror" },
	{ "X.6.1", "contenterror" },
	{ "X.6.2", "contenterror" },
	{ "X.6.3", "contenterror" },
	{ "X.6.4", "contenterror" },
	{ "X.6.5", "contenterror" },
	{ "X.6.6", "contenterror" },
	{ "X.6.7", "contenterror" },
	{ "X.6.8", "contenterror" },
	{ "X.6.9", "contenterror" },
	{ "X.6.10", "contenterror" },
	{ "X.7.0", "securityerror" },
	{ "X.7.1", "securityerror" },
	{ "X.7.2", "securityerror" },
	{ "X.7.3", "securityerror" },
	{ "X.7.4", "securityerror" },
	{ "X.7.5", "securityerror" },
	{ "X.7.6", "securityerror" },
	{ "X.7.7", "securityerror" },
	{ "X.7.8", "securityerror" },
	{ "X.7.9", "policyviolation" },
	{ "X.7.10", "failedstarttls" },
	{ "X.7.11", "failedstarttls" },
	{ "X.7.12", "securityerror" },
	{ "X.7.13", "suspend" },
	{ "X.7.14", "securityerror" },
	{ "X.7.15", "securityerror" },
	{ "X.7.16", "exceedlimit" },
	{ "X.7.17", "suspend" },
	{ "X.7.18", "suspend" },
	{ "X.7.19", "suspend" },
	{ "X.7.20", "authfailure" },
	{ "X.7.21", "authfailure" },
	{ "X.7.22", "authfailure" },
	{ "X.7.23", "authfailure" },
	{ "X.7.24", "authfailure" },
	{ "X.7.25", "requireptr" },
	{ "X.7.26", "authfailure" },
	{ "X.7.27", "notaccept" },
	{ "X.7.28", "speeding" },
	{ "X.7.29", "authfailure" },
	{ "X.7.30", "failedstarttls" },
};

static const char *
status_reason(const char *st)
{
	size_t i;

	if (st == NULL || strlen(st) < 5)
		return NULL;
	if (st[0] == '2')
		return "delivered";
	for (i = 0; i < nitems(status_map); i++)
		if (strcmp(status_map[i].code + 1, st + 1) == 0)
			return status_map[i].reason;
	return NULL;
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
bounce_kind(const char *reason, const char *status, int smtp_code)
{
	bool temp;

	if (reason == NULL)
		return "none";
	if (strcmp(reason, "delivered") == 0 ||
	    strcmp(reason, "feedback") == 0 ||
	    strcmp(reason, "vacation") == 0)
		return "undetermined";
	if (strcmp(reason, "userunknown") == 0 ||
	    strcmp(reason, "hostunknown") == 0 ||
	    strcmp(reason, "hasmoved") == 0)
		return "hard";
	if (strcmp(reason, "notaccept") == 0) {
		temp = (status != NULL && status[0] == '4') ||
		    (smtp_code >= 400 && smtp_code < 500);
		return temp ? "soft" : "hard";
	}
	return "soft";
}

/* Find the first enhanced status code and SMTP reply code in text. */
static void
find_codes(struct bounce *b, const char *text, size_t len, char *st,
    size_t stlen, int *smtp)
{
	size_t s, e;

	if (st[0] == '\0' &&
	    re_find(b, RE_STATUS, text, len, 0, &s, &e, 1) &&
	    e - s < stlen)
		snprintf(st, stlen, "%.*s", (int)(e - s), text + s);
	if (*smtp == 0 && re_find(b, RE_SMTP, text, len, 0, &s, &e, 1))
		*smtp = atoi(text + s);
}

/* hard.txt's tag for the short "user unknown" phrases */
#define LOOSE_UNKNOWN	"userunknown|filtered"

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
	why = status_reason(r->status);
	if (why != NULL && strcmp(why, "filtered") == 0)
		return why;
	if (ctx != NULL && re_find(b, RE_RCPT, ctx, len, 0, &s, &e, 0))
		return "userunknown";
	if (loose && ctx != NULL &&
	    re_find(b, RE_DATA, ctx, len, 0, &s, &e, 0))
		return "filtered";
	/* a code about the mailbox or the message, not the address */
	if (r->status != NULL)
		return r->status[2] == '0' || r->status[2] == '4' ||
		    r->status[2] == '5' ? "userunknown" : "filtered";
	return loose && r->smtp_code != 0 ? "filtered" : "userunknown";
}

/* "file:line" of a phrase hit, in b->matched. */
static const char *
hit_matched(struct bounce *b, const struct phr_hit *hit)
{
	snprintf(b->matched, sizeof(b->matched), "%s:%lu", hit->file,
	    hit->line);
	return b->matched;
}

static int	reason_ctx(struct bounce *, const char *, const char *,
		    struct bounce_rcpt *, struct derr *);

int
bounce_reason(struct bounce *b, const char *text, struct bounce_rcpt *r,
    struct derr *e)
{
	b->dsn = false;
	return reason_ctx(b, text, text, r, e);
}

/* Classify text; ctx is the wider text that tells the SMTP command. */
static int
reason_ctx(struct bounce *b, const char *text, const char *ctx,
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
		if ((m = phrase_index_match(b->fsoft, text, len, &hit, e)) ==
		    -1)
			return -1;
		if (m == 0 && (m = phrase_index_match(b->fhard, text, len, &hit,
		    e)) == -1)
			return -1;
		if (m == 1) {
			r->reason = hit.tag;
			if (strcmp(hit.tag, "userunknown") == 0)
				r->reason = unknown_or_filtered(b, ctx, r,
				    false);
			else if (strcmp(hit.tag, LOOSE_UNKNOWN) == 0)
				r->reason = unknown_or_filtered(b, ctx, r,
				    true);
			/* an unknown address or domain in reply to MAIL
			 * FROM is the sender's: the sender was rejected */
			if ((strcmp(r->reason, "userunknown") == 0 ||
			    strcmp(r->reason, "hostunknown") == 0) &&
			    re_find(b, RE_MAIL, text, len, 0, &ms, &me, 0))
				r->reason = "rejected";
			r->matched = hit_matched(b, &hit);
		}
	}
	if (r->reason == NULL && (why = status_reason(r->status)) != NULL) {
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
	r->kind = bounce_kind(r->reason, r->status, r->smtp_code);
	return 0;
}

/* --- taking the message apart --- */

static void
html_to_text(struct sbuf *out, const char *s)
{
	bool tag = false;

	for (; *s != '\0'; s++) {
		if (*s == '<') {
			tag = true;
			if (strncasecmp(s, "<br", 3) == 0 ||
			    strncasecmp(s, "<p", 2) == 0 ||
			    strncasecmp(s, "<div", 4) == 0 ||
			    strncasecmp(s, "<tr", 3) == 0)
				sbuf_addc(out, '\n');
		} else if (*s == '>' && tag)
			tag = false;
		else if (!tag) {
			if (strncmp(s, "&nbsp;", 6) == 0) {
				sbuf_addc(out, ' ');
				s += 5;
			} else if (strncmp(s, "&lt;", 4) == 0) {
				sbuf_addc(out, '<');
				s += 3;
			} else if (strncmp(s, "&gt;", 4) == 0) {
				sbuf_addc(out, '>');
				s += 3;
			} else if (strncmp(s, "&amp;", 5) == 0) {
				sbuf_addc(out, '&');
				s += 4;
			} else
				sbuf_addc(out, *s);
		}
	}
	sbuf_addc(out, '\n');
}

/*
 * Append s to t with CRLF and CR turned into LF, NULs dropped, t kept
 * under max bytes.
 */
static void
add_text_max(struct sbuf *t, const char *s, size_t len, size_t max)
{
	const char *p;
	size_t i = 0, j, cr = 0, nul = 0;

	if (t->len + len > max)
		len = t->len < max ? max - t->len : 0;
	while (i < len) {
		/* the next CR and NUL, looked for again once passed */
		if (i == 0 || cr < i) {
			p = memchr(s + i, '\r', len - i);
			cr = p != NULL ? (size_t)(p - s) : len;
		}
		if (i == 0 || nul < i) {
			p = memchr(s + i, '\0', len - i);
			nul = p != NULL ? (size_t)(p - s) : len;
		}
		j = cr < nul ? cr : nul;
		sbuf_add(t, s + i, j - i);
		if (j < len && s[j] == '\r') {
			sbuf_addc(t, '\n');
			if (j + 1 < len && s[j + 1] == '\n')
				j++;
		}
		i = j + 1;
	}
	if (t->len > 0 && t->s[t->len - 1] != '\n')
		sbuf_addc(t, '\n');
}

static void
add_text(struct sbuf *t, const char *s, size_t len)
{
	add_text_max(t, s, len, TEXT_MAX);
}

/* The decoded content of a leaf part, at most max bytes. */
static void
part_bytes(GMimePart *part, struct sbuf *out, size_t max)
{
	GMimeDataWrapper *w;
	GMimeStream *st;
	GByteArray *ba;

	if ((w = g_mime_part_get_content(part)) == NULL)
		return;
	st = g_mime_stream_mem_new();
	if (g_mime_data_wrapper_write_to_stream(w, st) >= 0) {
		ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(st));
		add_text_max(out, (const char *)ba->data, ba->len, max);
	}
	g_object_unref(st);
}

/* A charset in which the 7-bit bytes are ASCII: converting them is a no-op. */
static bool
ascii_charset(const char *cs)
{
	static const char *const names[] = { "us-ascii", "utf-8",
	    "iso-8859-1", "iso-8859-15", "windows-1252" };
	size_t i;

	for (i = 0; i < nitems(names); i++)
		if (strcasecmp(cs, names[i]) == 0)
			return true;
	return false;
}

/*
 * The text of a part in UTF-8, as g_mime_text_part_get_text() gives it
 * (g_free() it).  Text that is ASCII up to its first NUL in a charset
 * of ascii_charset() is taken as GMime decoded it, without the charset
 * conversion, which could not change it.
 */
static char *
part_text(GMimeTextPart *part)
{
	const char *cs = g_mime_object_get_content_type_parameter(
	    GMIME_OBJECT(part), "charset");
	GMimeDataWrapper *w;
	GMimeStream *st;
	GByteArray *ba;
	const unsigned char *c;

	if (cs != NULL && !ascii_charset(cs))
		return g_mime_text_part_get_text(part);
	if ((w = g_mime_part_get_content(GMIME_PART(part))) == NULL)
		return NULL;
	st = g_mime_stream_mem_new();
	g_mime_data_wrapper_write_to_stream(w, st);
	g_mime_stream_write(st, "", 1);
	ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(st));
	for (c = ba->data; cs != NULL && *c != '\0'; c++)
		if (*c >= 0x80) {
			g_object_unref(st);
			return g_mime_text_part_get_text(part);
		}
	g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(st), FALSE);
	g_object_unref(st);
	return (char *)g_byte_array_free(ba, FALSE);
}

static void
add_addr_list(struct parts *p, InternetAddressList *l)
{
	InternetAddress *a;
	const char *addr;
	char **v;
	int i, n;

	if (l == NULL)
		return;
	n = internet_address_list_length(l);
	for (i = 0; i < n; i++) {
		a = internet_address_list_get_address(l, i);
		if (!INTERNET_ADDRESS_IS_MAILBOX(a))
			continue;
		addr = internet_address_mailbox_get_addr(
		    INTERNET_ADDRESS_MAILBOX(a));
		if (addr == NULL || strchr(addr, '@') == NULL)
			continue;
		v = reallocarray(p->orig_to, p->norig_to + 1, sizeof(*v));
		if (v == NULL)
			return;
		p->orig_to = v;
		if ((v[p->norig_to] = strdup(addr)) != NULL)
			p->norig_to++;
	}
}

static void
take_original(struct parts *p, GMimeMessage *orig)
{
	InternetAddressList *l;
	const char *id;

	if (p->orig_msgid != NULL || orig == NULL)
		return;
	if ((id = g_mime_message_get_message_id(orig)) != NULL &&
	    asprintf(&p->orig_msgid, "<%s>", id) == -1)
		p->orig_msgid = NULL;
	add_addr_list(p, g_mime_message_get_to(orig));
	l = g_mime_message_get_from(orig);
	/* several originals without a Message-ID: keep the first sender */
	if (p->orig_from == NULL && l != NULL &&
	    internet_address_list_length(l) > 0) {
		InternetAddress *a = internet_address_list_get_address(l, 0);

		if (INTERNET_ADDRESS_IS_MAILBOX(a))
			p->orig_from = strdup(internet_address_mailbox_get_addr(
			    INTERNET_ADDRESS_MAILBOX(a)));
	}
}

/* Headers of the original given as text (text/rfc822-headers). */
static void
take_original_headers(struct parts *p, const char *s, size_t len)
{
	GMimeStream *st;
	GMimeParser *ps;
	GMimeMessage *m;
	struct sbuf t = { 0 };

	if (p->orig_msgid != NULL)
		return;
	sbuf_add(&t, s, len);
	sbuf_adds(&t, "\n\n");
	st = g_mime_stream_mem_new_with_buffer(t.s, t.len);
	ps = g_mime_parser_new_with_stream(st);
	m = g_mime_parser_construct_message(ps, NULL);
	if (m != NULL) {
		take_original(p, m);
		g_object_unref(m);
	}
	g_object_unref(ps);
	g_object_unref(st);
	sbuf_free(&t);
}

static void
walk(struct parts *p, GMimeObject *o, int depth)
{
	GMimeContentType *ct;
	const char *type, *sub;
	struct sbuf raw = { 0 };
	char *txt;
	int i, n;

	if (o == NULL || depth > 20)
		return;
	if (GMIME_IS_MULTIPART(o)) {
		n = g_mime_multipart_get_count(GMIME_MULTIPART(o));
		/* a boundary that is not there: the body is all prologue */
		if (n == 0 && (txt = (char *)g_mime_multipart_get_prologue(
		    GMIME_MULTIPART(o))) != NULL)
			add_text(&p->text, txt, strlen(txt));
		for (i = 0; i < n; i++)
			walk(p, g_mime_multipart_get_part(GMIME_MULTIPART(o),
			    i), depth + 1);
		return;
	}
	if (GMIME_IS_MESSAGE_PART(o)) {
		GMimeMessage *in = g_mime_message_part_get_message(
		    GMIME_MESSAGE_PART(o));
		GMimeObject *top = in ? g_mime_message_get_mime_part(in) :
		    NULL;

		/* a forwarded bounce: read the bounce, not its wrapper */
		if (top != NULL && !p->has_dsn && GMIME_IS_MULTIPART(top) &&
		    (ct = g_mime_object_get_content_type(top)) != NULL &&
		    (sub = g_mime_content_type_get_media_subtype(ct)) != NULL &&
		    strcasecmp(sub, "report") == 0 && p->orig_msgid == NULL) {
			walk(p, top, depth + 1);
			return;
		}
		take_original(p, in);
		return;
	}
	if (!GMIME_IS_PART(o))
		return;
	ct = g_mime_object_get_content_type(o);
	type = ct ? g_mime_content_type_get_media_type(ct) : "text";
	sub = ct ? g_mime_content_type_get_media_subtype(ct) : "plain";
	if (type == NULL || sub == NULL)
		return;
	if (strcasecmp(sub, "delivery-status") == 0 ||
	    strcasecmp(sub, "global-delivery-status") == 0) {
		/* Every recipient group counts, however many there are. */
		part_bytes(GMIME_PART(o), &raw, DSN_MAX);
		if (raw.len > 0 && dsn_parse(raw.s, raw.len, &p->dsn, NULL) ==
		    0)
			p->has_dsn = dsn_nrcpt(&p->dsn) > 0;
	} else if (strcasecmp(sub, "feedback-report") == 0) {
		part_bytes(GMIME_PART(o), &raw, TEXT_MAX);
		if (raw.len > 0 && dsn_parse(raw.s, raw.len, &p->arf, NULL) ==
		    0)
			p->has_arf = true;
	} else if (strcasecmp(sub, "rfc822-headers") == 0 ||
	    strcasecmp(sub, "global-headers") == 0 ||
	    (strcasecmp(type, "message") == 0 &&
	    strcasecmp(sub, "rfc822") == 0)) {
		part_bytes(GMIME_PART(o), &raw, TEXT_MAX);
		take_original_headers(p, raw.s ? raw.s : "", raw.len);
	} else if (strcasecmp(type, "text") == 0 && GMIME_IS_TEXT_PART(o)) {
		if (g_mime_part_get_filename(GMIME_PART(o)) != NULL &&
		    p->text.len > 0)
			return;
		if ((txt = part_text(GMIME_TEXT_PART(o))) == NULL)
			return;
		if (strcasecmp(sub, "html") == 0) {
			if (p->text.len == 0)
				html_to_text(&raw, txt);
		} else
			sbuf_adds(&raw, txt);
		g_free(txt);
		if (raw.len > 0)
			add_text(&p->text, raw.s, raw.len);
	}
	sbuf_free(&raw);
}

/*
 * Delivery-status fields in the text itself (a broken MIME structure, a
 * forwarded or quoted bounce): parse them with the quote marks removed.
 */
static void
text_dsn(struct parts *p)
{
	struct sbuf t = { 0 };
	const char *s = p->text.s, *l;

	if (str_casestr(s, "final-recipient:") == NULL)
		return;
	for (l = s; *l != '\0'; ) {
		const char *e = strchr(l, '\n');
		size_t len = e ? (size_t)(e - l + 1) : strlen(l);

		while (len > 0 && (*l == '>' || (*l == ' ' && l[1] == '>'))) {
			l++;
			len--;
			if (len > 0 && *l == ' ') {
				l++;
				len--;
			}
		}
		sbuf_add(&t, l, len);
		l += len;
		if (e == NULL)
			break;
	}
	if (t.s != NULL && dsn_parse(t.s, t.len, &p->dsn, NULL) == 0)
		p->has_dsn = dsn_nrcpt(&p->dsn) > 0;
	sbuf_free(&t);
}

/* Split the copy of the original message off the bounce text. */
static void
cut_original(struct bounce *b, struct parts *p)
{
	size_t s, e;
	char *id;

	if (p->text.len == 0)
		return;
	if (!re_find(b, RE_CUT, p->text.s, p->text.len, 0, &s, &e, 0))
		return;
	/* keep the text before the cut; a cut at the very top is noise */
	while (s > 0 && p->text.s[s - 1] != '\n')
		s--;
	if (s == 0)
		return;
	sbuf_add(&p->orig, p->text.s + s, p->text.len - s);
	p->text.len = s;
	p->text.s[s] = '\0';
	if (p->orig_msgid == NULL && re_find(b, RE_MSGID, p->orig.s,
	    p->orig.len, 0, &s, &e, 1) && (id = strndup(p->orig.s + s,
	    e - s)) != NULL)
		p->orig_msgid = id;
}

static void
parts_free(struct parts *p)
{
	size_t i;

	sbuf_free(&p->text);
	sbuf_free(&p->orig);
	dsn_free(&p->dsn);
	dsn_free(&p->arf);
	free(p->orig_msgid);
	for (i = 0; i < p->norig_to; i++)
		free(p->orig_to[i]);
	free(p->orig_to);
	free(p->orig_from);
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
 * markers of multi-line SMTP replies after the first; keep at most
 * DIAG_MAX bytes.
 */
static void
one_line_max(struct sbuf *out, const char *s, size_t len, size_t max)
{
	bool sp = false, nl = false;
	size_t i, k;

	sbuf_reset(out);
	/* a byte of s gives at most one byte; max + 1 bytes at most */
	if (sbuf_reserve(out, len < max ? len : max + 1) == -1)
		return;
	for (i = 0; i < len && out->len < max; i++) {
		if (isspace((unsigned char)s[i])) {
			sp = out->len > 0;
			nl = true;
			continue;
		}
		if (nl && out->len > 0 && ((k = continuation(s + i, len - i)) >
		    0 || (k = repeated_code(out, s + i, len - i)) > 0)) {
			i += k - 1;
			nl = false;
			continue;
		}
		nl = false;
		if (sp)
			out->s[out->len++] = ' ';
		sp = false;
		out->s[out->len++] = s[i];
	}
	out->s[out->len] = '\0';
}

static void
one_line(struct sbuf *out, const char *s, size_t len)
{
	one_line_max(out, s, len, DIAG_MAX);
}

/* The paragraph of text around offset at (to a blank line each side
 * after, limited), as the recipient's diagnostic. */
static void
paragraph(const char *t, size_t len, size_t at, size_t *ps, size_t *pe)
{
	size_t s = at, e = at, lines = 0;

	while (s > 0 && !(t[s - 1] == '\n' && s >= 2 && t[s - 2] == '\n'))
		s--;
	if (at - s > 600) {
		s = at;
		while (s > 0 && t[s - 1] != '\n')
			s--;
	}
	/* to the end of this paragraph; if it is just the address line,
	 * on through the next one (Exim, qmail) */
	for (;;) {
		while (e < len && t[e] != '\n')
			e++;
		if (e >= len)
			break;
		e++;
		lines++;
		if (e < len && t[e] == '\n') {
			if (lines > 1 || e - s > 200)
				break;
			while (e < len && t[e] == '\n')
				e++;
		}
		if (e - s > 1200)
			break;
	}
	*ps = s;
	*pe = e;
}

static bool
addr_seen(char **v, size_t n, const char *a)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcasecmp(v[i], a) == 0)
			return true;
	return false;
}

static bool
header_line(const char *t, size_t at)
{
	static const char *const hdr[] = { "from:", "to:", "cc:",
	    "reply-to:", "sender:", "return-path:", "message-id:",
	    "received:", "in-reply-to:", "references:", "errors-to:",
	    "delivered-to:", "x-", "envelope-from", "date:",
	    "list-", ">from:", "mail from", "reporting-mta",
	    "original-envelope-id", "x-postfix-sender" };
	size_t s = at, i;

	while (s > 0 && t[s - 1] != '\n')
		s--;
	while (t[s] == ' ' || t[s] == '\t')
		s++;
	for (i = 0; i < nitems(hdr); i++)
		if (strncasecmp(t + s, hdr[i], strlen(hdr[i])) == 0)
			return true;
	return false;
}

static const char *
msg_header(GMimeMessage *m, const char *name)
{
	return g_mime_object_get_header(GMIME_OBJECT(m), name);
}

static bool
in_list(InternetAddressList *l, const char *a)
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
static char *
clean_addr(const char *v)
{
	char *a, *p;
	size_t n;

	while (*v == ' ' || *v == '\t' || *v == '<' || *v == '"')
		v++;
	if ((a = strdup(v)) == NULL)
		return NULL;
	if ((p = strpbrk(a, ">\" \t;,")) != NULL)
		*p = '\0';
	n = strlen(a);
	while (n > 0 && a[n - 1] == '.')
		a[--n] = '\0';
	return a;
}

struct ctx {
	struct bounce		*b;
	GMimeMessage		*m;
	struct parts		*p;
	struct bounce_rcpt	 base;
	bounce_emit		 emit;
	void			*arg;
	struct derr		*e;
	struct sbuf		 diag;
};

/* Nothing better than an SMTP code decided the reason. */
static bool
vague(const struct bounce_rcpt *r)
{
	return strcmp(r->reason, "undefined") == 0 || (r->matched != NULL &&
	    strncmp(r->matched, "smtp:", 5) == 0);
}

/* Copy src to dst with every copy of addr blanked out. */
static void
mask_addr(struct sbuf *dst, const char *src, const char *addr)
{
	size_t alen = addr ? strlen(addr) : 0;
	const char *p;

	sbuf_reset(dst);
	sbuf_adds(dst, src ? src : "");
	if (alen < 3 || dst->s == NULL)
		return;
	for (p = dst->s; (p = str_casestr(p, addr)) != NULL; p += alen)
		memset((char *)p, ' ', alen);
}

/*
 * Classify with the recipient's own text; else the whole bounce text.
 * The recipient's address is blanked out first: its local part is no
 * reason ("no-such-user@...").  near, when known, is the recipient's
 * paragraph of the human-readable part, which tells the SMTP command
 * when it names one (else the whole text does).
 */
static int
classify_text(struct ctx *c, struct bounce_rcpt *r, const char *own,
    const char *near, const char *status, int smtp)
{
	struct sbuf o = { 0 }, w = { 0 }, n = { 0 };
	size_t s, e;
	int ret = 0;

	mask_addr(&w, own, r->recipient);
	one_line_max(&o, w.s, w.len, TEXT_MAX);
	mask_addr(&w, c->p->text.s, r->recipient);
	/* the paragraph, if it names the command; else the whole text */
	if (near != NULL) {
		mask_addr(&n, near, r->recipient);
		if (!re_find(c->b, RE_RCPT, n.s, n.len, 0, &s, &e, 0) &&
		    !re_find(c->b, RE_DATA, n.s, n.len, 0, &s, &e, 0))
			sbuf_free(&n);
	}
	r->status = status;
	r->smtp_code = smtp;
	c->b->dsn = c->p->has_dsn;
	if (reason_ctx(c->b, o.s, n.s != NULL ? n.s : w.s, r, c->e) == -1)
		ret = -1;
	else if (vague(r) && w.s != NULL &&
	    re_find(c->b, RE_SMTP, w.s, w.len, 0, &s, &e, 0)) {
		/* the remote server's reply, from its code on */
		sbuf_reset(&o);
		sbuf_add(&o, w.s + s, w.len - s > 600 ? 600 : w.len - s);
		r->status = status;
		if (reason_ctx(c->b, o.s, w.s, r, c->e) == -1)
			ret = -1;
	}
	if (ret == 0 && vague(r)) {
		r->status = status;
		if (reason_ctx(c->b, w.s, w.s, r, c->e) == -1)
			ret = -1;
	}
	if (ret == 0 && vague(r) && w.s != NULL &&
	    re_find(c->b, RE_CONN, w.s, w.len, 0, &s, &e, 0)) {
		r->reason = "blocked";
		r->kind = "soft";
		r->matched = NULL;
	}
	sbuf_free(&o);
	sbuf_free(&w);
	sbuf_free(&n);
	return ret;
}

/* An address a bounce can be about: local@domain, no route, no path. */
static bool
usable_addr(const char *a)
{
	const char *at;

	if (a == NULL || *a == '/' || *a == '|' || *a == '@' ||
	    (at = strchr(a, '@')) == NULL || at == a || at[1] == '\0')
		return false;
	return memchr(a, ':', (size_t)(at - a)) == NULL &&
	    strchr(at + 1, '@') == NULL;
}

/*
 * A Final-Recipient that is no address (a pipe or file Exim delivered
 * to, a source route): the Original-Recipient, else the address Exim
 * says it was "generated by", else an address inside the value.
 */
static char *
dsn_better_rcpt(struct ctx *c, const struct dsn_group *g, const char *final)
{
	const char *v, *t = c->p->text.s, *at;
	char *a;
	size_t s, e;

	if ((v = dsn_get(g, "Original-Recipient")) != NULL) {
		if ((a = clean_addr(dsn_untype(v))) == NULL)
			return NULL;
		if (usable_addr(a))
			return a;
		free(a);
	}
	if (t != NULL && (at = strstr(t, final)) != NULL &&
	    (at = strstr(at, "generated by ")) != NULL &&
	    re_find(c->b, RE_ADDR, at, strlen(at) > 300 ? 300 : strlen(at),
	    0, &s, &e, 0) && s == 13)
		return strndup(at + s, e - s);
	if (re_find(c->b, RE_ADDR, final, strlen(final), 0, &s, &e, 0) &&
	    (a = strndup(final + s, e - s)) != NULL) {
		if (usable_addr(a))
			return a;
		free(a);
	}
	return NULL;
}

/*
 * The remote reply that a relay quotes in its own verdict (RE_WRAP) into
 * *out: 1 if there is one, else 0 with *out empty.
 */
static int
quoted_reply(struct bounce *b, const char *diag, struct sbuf *out)
{
	size_t s, e;

	sbuf_reset(out);
	/* "X.Y.Z - ": most diagnostics are not worth a match */
	if (diag[0] < '2' || diag[0] > '5' || diag[1] != '.' ||
	    strstr(diag, " - ") == NULL)
		return 0;
	/* matched in a copy with zeroed room after it: PCRE2's JIT reads
	 * a few bytes past the end of a subject */
	if (sbuf_adds(out, diag) == -1 || sbuf_reserve(out, 64) == -1 ||
	    !re_find(b, RE_WRAP, out->s, out->len, 0, &s, &e, 1)) {
		sbuf_reset(out);
		return 0;
	}
	memmove(out->s, out->s + s, e - s);
	out->len = e - s;
	out->s[out->len] = '\0';
	return 1;
}

/*
 * How much of the bounce text the whole-text phrase checks read: a
 * notice says what happened near its top; the rest is boilerplate.
 */
#define HUMAN_MAX	2048

static size_t
text_head(const struct parts *p)
{
	return p->text.len > HUMAN_MAX ? HUMAN_MAX : p->text.len;
}

/*
 * A soft phrase in the bounce's own text (the human-readable part, the
 * original cut off) decides for r: 1 if one did, 0 if none, -1 on a
 * matching error.
 */
static int
soft_in_text(struct ctx *c, struct bounce_rcpt *r)
{
	const struct parts *p = c->p;
	struct phr_hit hit;
	int m;

	if (p->text.s == NULL || p->text.len == 0)
		return 0;
	if ((m = phrase_index_match(c->b->fsoft, p->text.s, text_head(p),
	    &hit, c->e)) != 1)
		return m;
	r->reason = hit.tag;
	r->kind = bounce_kind(r->reason, r->status, r->smtp_code);
	r->matched = hit_matched(c->b, &hit);
	return 1;
}

static int
do_dsn(struct ctx *c)
{
	struct parts *p = c->p;
	const struct dsn_group *g;
	struct bounce_rcpt r;
	const char *v, *rcpt, *diag, *st, *action, *found;
	char stbuf[16], *rc = NULL;
	struct sbuf own = { 0 }, near = { 0 }, wrap = { 0 };
	size_t i, s, e, at;
	time_t t;
	int smtp, ret = 0, n = 0;

	for (i = 0; i < p->dsn.n && ret == 0; i++) {
		g = &p->dsn.g[i];
		rcpt = dsn_get(g, "Final-Recipient");
		if (rcpt == NULL)
			rcpt = dsn_get(g, "Original-Recipient");
		if (rcpt == NULL)
			continue;
		r = c->base;
		free(rc);
		rc = clean_addr(dsn_untype(rcpt));
		if (rc != NULL && !usable_addr(rc)) {
			char *better = dsn_better_rcpt(c, g, dsn_untype(rcpt));

			if (better != NULL) {
				free(rc);
				rc = better;
			}
		}
		r.recipient = rc;
		action = dsn_get(g, "Action");
		r.action = action;
		if ((v = dsn_get(g, "Remote-MTA")) != NULL)
			r.remote_mta = dsn_untype(v);
		else if ((v = dsn_get(&p->dsn.g[0], "Reporting-MTA")) != NULL)
			r.remote_mta = NULL;
		if ((v = dsn_get(g, "Last-Attempt-Date")) != NULL &&
		    time_parse_rfc5322(v, &t) == 0)
			r.ts = t;
		diag = dsn_get(g, "Diagnostic-Code");
		diag = diag ? dsn_untype(diag) : "";
		st = dsn_get(g, "Status");
		stbuf[0] = '\0';
		/* the remote reply a relay quotes decides, its code first */
		if (quoted_reply(c->b, diag, &wrap) == 1)
			st = wrap.s;
		if (st != NULL && sscanf(st, "%15[0-9.]", stbuf) == 1 &&
		    strlen(stbuf) >= 5) {
			/* a vaguer X.0.0 yields to a code in the text */
			if (strcmp(stbuf + 1, ".0.0") == 0 &&
			    re_find(c->b, RE_STATUS, diag, strlen(diag), 0,
			    &s, &e, 1) && e - s < sizeof(stbuf))
				snprintf(stbuf, sizeof(stbuf), "%.*s",
				    (int)(e - s), diag + s);
		} else
			stbuf[0] = '\0';
		smtp = 0;
		if (isdigit((unsigned char)diag[0]) && isdigit((unsigned char)
		    diag[1]) && isdigit((unsigned char)diag[2]) &&
		    !isdigit((unsigned char)diag[3]))
			smtp = atoi(diag);
		else if (re_find(c->b, RE_SMTP, diag, strlen(diag), 0, &s, &e,
		    1))
			smtp = atoi(diag + s);
		/* the recipient's paragraph of the human-readable text */
		sbuf_reset(&own);
		sbuf_reset(&near);
		sbuf_adds(&own, wrap.len > 0 ? wrap.s : diag);
		found = rc && p->text.s ? str_casestr(p->text.s, rc) : NULL;
		if (found != NULL) {
			at = (size_t)(found - p->text.s);
			paragraph(p->text.s, p->text.len, at, &s, &e);
		}
		/* a delivery-status block given as text says no more */
		if (found != NULL && (strncasecmp(p->text.s + s,
		    "Final-Recipient:", 16) == 0 || strncasecmp(p->text.s + s,
		    "Original-Recipient:", 19) == 0))
			found = NULL;
		if (found != NULL) {
			sbuf_addc(&own, '\n');
			if (*diag == '\0')
				sbuf_add(&own, p->text.s + s, e - s);
			sbuf_add(&near, p->text.s + s, e - s);
			sbuf_addc(&near, '\n');
			sbuf_adds(&near, diag);
		}
		one_line(&c->diag, *diag ? diag : own.s, *diag ? strlen(diag) :
		    own.len);
		r.diagnostic = c->diag.len ? c->diag.s : NULL;
		if (action != NULL && (strncasecmp(action, "deliver", 7) == 0 ||
		    strncasecmp(action, "relayed", 7) == 0 ||
		    strncasecmp(action, "expanded", 8) == 0)) {
			r.reason = "delivered";
			r.status = stbuf[0] ? stbuf : NULL;
			r.smtp_code = smtp;
			r.kind = "undetermined";
			r.matched = NULL;
		} else if (classify_text(c, &r, own.s, near.s, stbuf[0] ? stbuf :
		    NULL, smtp) == -1) {
			ret = -1;
			break;
		}
		/* soft first across the report: with one recipient, a soft
		 * phrase of the human-readable part ("rejected: not enough
		 * disk space") beats a hard diagnostic (5.1.1) */
		if (r.kind != NULL && strcmp(r.kind, "hard") == 0 &&
		    dsn_nrcpt(&p->dsn) == 1 && soft_in_text(c, &r) == -1) {
			ret = -1;
			break;
		}
		/* X-Unix: a local program (a pipe, procmail) failed */
		if ((v = dsn_get(g, "Diagnostic-Code")) != NULL &&
		    strncasecmp(v, "x-unix", 6) == 0 && r.reason != NULL &&
		    (strcmp(r.reason, "systemerror") == 0 ||
		    strcmp(r.reason, "undefined") == 0)) {
			r.reason = "mailererror";
			r.kind = "soft";
		}
		if (action != NULL && strncasecmp(action, "delayed", 7) == 0 &&
		    (r.matched == NULL || strncmp(r.matched, "soft", 4) != 0)) {
			r.reason = "expired";
			r.kind = "soft";
		}
		ret = c->emit(c->arg, &r);
		n++;
	}
	free(rc);
	sbuf_free(&own);
	sbuf_free(&wrap);
	sbuf_free(&near);
	return ret != 0 ? ret : (n == 0 ? 1 : 0);
}

static int
do_arf(struct ctx *c)
{
	struct parts *p = c->p;
	struct bounce_rcpt r;
	const char *v;
	char *a = NULL;
	size_t i, j, n = 0;
	int ret = 0;

	r = c->base;
	r.reason = "feedback";
	r.kind = "undetermined";
	if (p->arf.n > 0 && (v = dsn_get(&p->arf.g[0], "Feedback-Type")))
		r.diagnostic = v;
	r.action = NULL;
	for (i = 0; i < p->arf.n && ret == 0; i++)
		for (j = 0; j < p->arf.g[i].n && ret == 0; j++) {
			if (strcasecmp(p->arf.g[i].f[j].name,
			    "Original-Rcpt-To") != 0 &&
			    strcasecmp(p->arf.g[i].f[j].name,
			    "Removal-Recipient") != 0)
				continue;
			free(a);
			a = clean_addr(dsn_untype(p->arf.g[i].f[j].value));
			if (a == NULL || strchr(a, '@') == NULL)
				continue;
			r.recipient = a;
			ret = c->emit(c->arg, &r);
			n++;
		}
	for (i = 0; n == 0 && i < p->norig_to && ret == 0; i++) {
		r.recipient = p->orig_to[i];
		ret = c->emit(c->arg, &r);
		n++;
	}
	if (n == 0 && ret == 0) {
		r.recipient = NULL;
		ret = c->emit(c->arg, &r);
	}
	free(a);
	return ret;
}

/* The address of the message's first From mailbox, or NULL. */
static const char *
sender_addr(GMimeMessage *m)
{
	InternetAddressList *l = g_mime_message_get_from(m);
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

static int
do_vacation(struct ctx *c)
{
	return emit_from_sender(c, "vacation",
	    g_mime_message_get_subject(c->m));
}

/*
 * The first address of a "To:" line in the text (a quoted original
 * message), not the bounce's own To.  Kept in *keep, freed by the caller.
 */
static const char *
quoted_to(struct ctx *c, const char *t, size_t len, char **keep)
{
	const char *l;
	size_t s, e, ll;

	for (l = t; l < t + len; ) {
		const char *nl = memchr(l, '\n', (size_t)(t + len - l));

		ll = nl ? (size_t)(nl - l) : (size_t)(t + len - l);
		while (ll > 0 && (*l == ' ' || *l == '>' || *l == '\t')) {
			l++;
			ll--;
		}
		if (ll > 3 && strncasecmp(l, "to:", 3) == 0 &&
		    re_find(c->b, RE_ADDR, l, ll, 0, &s, &e, 0)) {
			free(*keep);
			if ((*keep = strndup(l + s, e - s)) != NULL &&
			    !in_list(g_mime_message_get_to(c->m), *keep))
				return *keep;
		}
		if (nl == NULL)
			break;
		l = nl + 1;
	}
	return NULL;
}

/* A byte of RE_ADDR's local part. */
static bool
local_char(unsigned char c)
{
	return isalnum(c) || (c != '\0' && strchr("._%+=&'/!#$*?^`{|}~-", c)
	    != NULL);
}

/*
 * RE_ADDR from off, started late: a match needs an '@' after a run of
 * local-part bytes that it starts (the look-behind), so none starts
 * before the run that ends at the first '@' from off.
 */
static int
find_addr(struct bounce *b, const char *t, size_t len, size_t off,
    size_t *s, size_t *e)
{
	const char *at;
	size_t start;

	if (off >= len || (at = memchr(t + off, '@', len - off)) == NULL)
		return 0;
	for (start = (size_t)(at - t); start > off &&
	    local_char((unsigned char)t[start - 1]); start--)
		;
	return re_find(b, RE_ADDR, t, len, start, s, e, 0);
}

/* A plain-text bounce: addresses in the text, each with its paragraph. */
static int
do_text(struct ctx *c)
{
	struct parts *p = c->p;
	const char *t = p->text.s ? p->text.s : "";
	size_t len = p->text.len, s, e, off, ps, pe, i, k, n = 0;
	char **found = NULL, **v, *a;
	size_t *where = NULL, *w;
	struct bounce_rcpt r;
	const char *xf;
	char *pm = NULL, *self = NULL;
	size_t pm_at = 0, self_at = 0;
	int ret = 0;

	/* Exim and others name them in a header */
	if ((xf = msg_header(c->m, "X-Failed-Recipients")) != NULL) {
		const char *q = xf;

		while (re_find(c->b, RE_ADDR, q, strlen(q), 0, &s, &e, 0)) {
			if ((a = strndup(q + s, e - s)) == NULL)
				break;
			q += e;
			if (addr_seen(found, n, a)) {
				free(a);
				continue;
			}
			if ((v = reallocarray(found, n + 1, sizeof(*v))) ==
			    NULL) {
				free(a);
				break;
			}
			found = v;
			if ((w = reallocarray(where, n + 1, sizeof(*w))) ==
			    NULL) {
				free(a);
				break;
			}
			where = w;
			found[n] = a;
			where[n] = (size_t)-1;
			n++;
		}
		if (n == 0)
			xf = NULL;
	}
	for (off = 0;; off = e) {
		if (!find_addr(c->b, t, len, off, &s, &e))
			break;
		if ((a = strndup(t + s, e - s)) == NULL)
			break;
		/* ".user@host." trailing dots are not part of it */
		if (header_line(t, s) || in_list(g_mime_message_get_to(c->m),
		    a) || in_list(g_mime_message_get_from(c->m), a) ||
		    (p->orig_from && strcasecmp(a, p->orig_from) == 0) ||
		    (s > 0 && (t[s - 1] == '=' || t[s - 1] == '.'))) {
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
		if (re_find(c->b, RE_NOADDR, a, strlen(a), 0, &ps, &pe, 0)) {
			/* postmaster@ only if no other address is named */
			if (pm == NULL) {
				pm = a;
				pm_at = s;
			} else
				free(a);
			continue;
		}
		for (i = 0; i < n; i++)
			if (strcasecmp(found[i], a) == 0)
				break;
		if (i < n) {
			if (where[i] == (size_t)-1)
				where[i] = s;
			free(a);
			continue;
		}
		if (xf != NULL) {
			free(a);
			continue;
		}
		if ((v = reallocarray(found, n + 1, sizeof(*v))) == NULL) {
			free(a);
			break;
		}
		found = v;
		if ((w = reallocarray(where, n + 1, sizeof(*w))) == NULL) {
			free(a);
			break;
		}
		where = w;
		found[n] = a;
		where[n] = s;
		n++;
	}
	/* none named: the sender's own, else postmaster@ (not the daemon) */
	if (n == 0 && self == NULL && pm != NULL &&
	    strncasecmp(pm, "mailer-daemon", 13) != 0) {
		self = pm;
		self_at = pm_at;
		pm = NULL;
	}
	if (n == 0 && self != NULL) {
		free(found);
		free(where);
		found = malloc(sizeof(*found));
		where = malloc(sizeof(*where));
		if (found != NULL && where != NULL) {
			found[0] = self;
			where[0] = self_at;
			self = NULL;
			n = 1;
		}
	}
	for (i = 0; i < n && ret == 0; i++) {
		r = c->base;
		r.recipient = found[i];
		if (where[i] != (size_t)-1) {
			paragraph(t, len, where[i], &ps, &pe);
			/* from its own line when another is named before */
			for (k = 0; k < n; k++)
				if (k != i && where[k] != (size_t)-1 &&
				    where[k] < where[i] && where[k] >= ps) {
					ps = where[i];
					while (ps > 0 && t[ps - 1] != '\n')
						ps--;
					break;
				}
			/* up to the line of the next recipient named */
			for (k = 0; k < n; k++)
				if (k != i && where[k] != (size_t)-1 &&
				    where[k] > where[i] && where[k] < pe) {
					e = where[k];
					while (e > where[i] && t[e - 1] != '\n')
						e--;
					if (e > where[i])
						pe = e;
				}
			one_line(&c->diag, t + ps, pe - ps);
		} else
			one_line(&c->diag, t, len);
		r.diagnostic = c->diag.s;
		if (classify_text(c, &r, c->diag.s, NULL, NULL, 0) == -1) {
			ret = -1;
			break;
		}
		ret = c->emit(c->arg, &r);
	}
	if (n == 0 && ret == 0) {
		r = c->base;
		r.recipient = p->norig_to > 0 ? p->orig_to[0] : NULL;
		if (r.recipient == NULL)
			r.recipient = quoted_to(c, t, len, &pm);
		one_line(&c->diag, t, len);
		r.diagnostic = c->diag.s;
		if (classify_text(c, &r, t, NULL, NULL, 0) == -1)
			ret = -1;
		else
			ret = c->emit(c->arg, &r);
	}
	for (i = 0; i < n; i++)
		free(found[i]);
	free(found);
	free(where);
	free(pm);
	free(self);
	return ret;
}

/* The string value of "key":"..." at or after from in JSON text. */
static const char *
json_str(const char *t, const char *from, const char *key, char *buf,
    size_t len)
{
	char pat[64];
	const char *p, *q;
	size_t n;

	(void)t;
	snprintf(pat, sizeof(pat), "\"%s\"", key);
	if ((p = strstr(from, pat)) == NULL)
		return NULL;
	p += strlen(pat);
	while (*p == ' ' || *p == ':' || *p == '\\')
		p++;
	if (*p != '"')
		return NULL;
	p++;
	for (q = p; *q != '\0' && *q != '"'; q++)
		if (*q == '\\' && q[1] != '\0')
			q++;
	n = (size_t)(q - p);
	if (n >= len)
		n = len - 1;
	memcpy(buf, p, n);
	buf[n] = '\0';
	if (n > 0 && buf[n - 1] == '\\')
		buf[n - 1] = '\0';
	return q;
}

/*
 * An Amazon SES notification (JSON in the body): "notificationType"
 * Bounce, Complaint or Delivery, and its recipients.
 */
static int
do_ses(struct ctx *c)
{
	char *t, type[32], addr[320], st[16], diag[DIAG_MAX];
	const char *p, *key, *q;
	struct bounce_rcpt r;
	size_t i, j, n = 0;
	int ret = 0;

	/* drop the escaping of JSON inside JSON (SNS envelopes) */
	if ((t = strdup(c->p->text.s)) == NULL)
		return -1;
	for (i = j = 0; t[i] != '\0'; i++)
		if (!(t[i] == '\\' && t[i + 1] == '"'))
			t[j++] = t[i];
	t[j] = '\0';
	if (json_str(t, t, "notificationType", type, sizeof(type)) == NULL &&
	    json_str(t, t, "eventType", type, sizeof(type)) == NULL) {
		free(t);
		return 1;
	}
	key = strcasecmp(type, "Delivery") == 0 ? NULL : "emailAddress";
	if (key == NULL) {
		p = strstr(t, "\"recipients\"");
		q = p ? strchr(p, '[') : NULL;
		p = q;
	} else
		p = t;
	while (p != NULL && ret == 0) {
		r = c->base;
		if (key != NULL) {
			if ((p = json_str(t, p, key, addr, sizeof(addr))) ==
			    NULL)
				break;
		} else {
			/* "recipients":["a@b","c@d"] */
			const char *end = strchr(p, ']');

			if ((q = strchr(p, '"')) == NULL || end == NULL ||
			    q > end)
				break;
			q++;
			for (i = 0; q[i] != '\0' && q[i] != '"' &&
			    i < sizeof(addr) - 1; i++)
				addr[i] = q[i];
			addr[i] = '\0';
			p = q + i + 1;
		}
		r.recipient = addr;
		st[0] = diag[0] = '\0';
		if (strcasecmp(type, "Bounce") == 0) {
			json_str(t, p, "status", st, sizeof(st));
			json_str(t, p, "diagnosticCode", diag, sizeof(diag));
			r.action = "failed";
			one_line(&c->diag, dsn_untype(diag),
			    strlen(dsn_untype(diag)));
			r.diagnostic = c->diag.s;
			if (classify_text(c, &r, r.diagnostic, NULL, st[0] ? st :
			    NULL, 0) == -1) {
				ret = -1;
				break;
			}
		} else if (strcasecmp(type, "Complaint") == 0) {
			r.reason = "feedback";
			r.kind = "undetermined";
		} else {
			r.reason = "delivered";
			r.kind = "undetermined";
			r.action = "delivered";
		}
		ret = c->emit(c->arg, &r);
		n++;
	}
	free(t);
	return ret != 0 ? ret : (n == 0 ? 1 : 0);
}

/*
 * A subject a person answering or forwarding writes: "Re:", "Fwd:",
 * "AW:", "SV:", "Re[2]:", after an optional list tag "[list] ".
 */
static bool
reply_subject(const char *s)
{
	static const char *const pre[] = { "re", "fw", "fwd", "aw", "sv",
	    "vs", "antw", "r", "rif", "tr", "wg" };
	const char *w;
	size_t i, n;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '[' && (w = strchr(s, ']')) != NULL)
		for (s = w + 1; *s == ' ' || *s == '\t'; s++)
			;
	for (n = 0; isalpha((unsigned char)s[n]); n++)
		;
	for (i = 0; i < nitems(pre); i++)
		if (strlen(pre[i]) == n && strncasecmp(s, pre[i], n) == 0)
			break;
	if (n == 0 || i == nitems(pre))
		return false;
	s += n;
	if (*s == '[') {
		for (s++; isdigit((unsigned char)*s); s++)
			;
		if (*s++ != ']')
			return false;
	}
	while (*s == ' ' || *s == '\t')
		s++;
	return *s == ':';
}

static bool
is_vacation(struct ctx *c, bool bounceish)
{
	const char *v, *subj = g_mime_message_get_subject(c->m);
	size_t s, e;

	if (bounceish)
		return false;
	if ((v = msg_header(c->m, "Auto-Submitted")) != NULL &&
	    strncasecmp(v, "auto-replied", 12) == 0)
		return true;
	if (msg_header(c->m, "X-Autoreply") != NULL ||
	    msg_header(c->m, "X-Autorespond") != NULL ||
	    ((v = msg_header(c->m, "Precedence")) != NULL &&
	    strcasecmp(v, "auto_reply") == 0))
		return true;
	/* by the subject alone; "Re: ... out of the office" is a person
	 * answering one */
	return subj != NULL && !reply_subject(subj) && re_find(c->b,
	    RE_VACATION, subj, strlen(subj), 0, &s, &e, 0);
}

/*
 * Signs of a bounce in the headers.  Returns 2 for a sure sign (an
 * X-Failed-Recipients header, a From address of the mailer daemon), 1 for
 * a subject or a sender's name that says so, 0 for none; *weak: a null
 * Return-Path.
 */
static int
is_bounce(struct ctx *c, bool *weak)
{
	InternetAddressList *l = g_mime_message_get_from(c->m);
	const char *subj = g_mime_message_get_subject(c->m), *v;
	char *from;
	size_t s, e;
	int r = 0;

	*weak = (v = msg_header(c->m, "Return-Path")) != NULL &&
	    strstr(v, "<>") != NULL;
	if (msg_header(c->m, "X-Failed-Recipients") != NULL)
		return 2;
	if ((v = sender_addr(c->m)) != NULL &&
	    (strncasecmp(v, "mailer-daemon", 13) == 0 ||
	    strncasecmp(v, "mailer_daemon", 13) == 0))
		return 2;
	if (subj != NULL && re_find(c->b, RE_BOUNCE, subj, strlen(subj), 0,
	    &s, &e, 0))
		return 1;
	if (l != NULL) {
		from = internet_address_list_to_string(l, NULL, FALSE);
		if (from != NULL) {
			if (strcasestr(from, "mailer-daemon") != NULL ||
			    strcasestr(from, "postmaster") != NULL ||
			    strcasestr(from, "mail delivery") != NULL ||
			    strcasestr(from, "mailer_daemon") != NULL)
				r = 1;
			g_free(from);
		}
	}
	return r;
}

/*
 * A message whose headers only hint at a bounce (its subject, a sender
 * called postmaster, a null Return-Path) must show it in its body too: a
 * copy of the original message, an SMTP or enhanced status code, or a
 * phrase of the phrase files.  News whose subject says "rejected" and
 * spam from "postmaster" do not.  1 if it does, 0 if not, -1 on a
 * matching error.
 */
static int
body_bounces(struct ctx *c)
{
	const struct parts *p = c->p;
	struct phr_hit hit;
	size_t s, e;
	int m;

	if (p->orig.len > 0 || p->orig_msgid != NULL || p->norig_to > 0 ||
	    p->orig_from != NULL)
		return 1;
	if (p->text.s == NULL)
		return 0;
	if (re_find(c->b, RE_STATUS, p->text.s, p->text.len, 0, &s, &e, 0) ||
	    re_find(c->b, RE_SMTP, p->text.s, p->text.len, 0, &s, &e, 0))
		return 1;
	if ((m = phrase_index_match(c->b->fhard, p->text.s, text_head(p), &hit,
	    c->e)) != 0)
		return m;
	return phrase_index_match(c->b->fsoft, p->text.s, text_head(p), &hit,
	    c->e);
}

int
bounce_classify(struct bounce *b, GMimeMessage *m, const char *error,
    bounce_emit emit, void *arg, struct derr *e)
{
	struct parts p;
	struct ctx c;
	GDateTime *dt;
	const char *id, *ct;
	char *mid = NULL;
	bool bounceish, weak;
	int r, sign;

	memset(&c, 0, sizeof(c));
	memset(&p, 0, sizeof(p));
	c.b = b;
	c.m = m;
	c.p = &p;
	c.emit = emit;
	c.arg = arg;
	c.e = e;
	c.base.date = c.base.ts = -1;
	if (m == NULL) {
		c.base.kind = "none";
		c.base.diagnostic = error ? error : "not a message";
		return emit(arg, &c.base);
	}
	if ((id = g_mime_message_get_message_id(m)) != NULL &&
	    asprintf(&mid, "<%s>", id) != -1)
		c.base.message_id = mid;
	if ((dt = g_mime_message_get_date(m)) != NULL) {
		c.base.date = c.base.ts = (time_t)g_date_time_to_unix(dt);
	}
	walk(&p, g_mime_message_get_mime_part(m), 0);
	if (!p.has_dsn && p.text.s != NULL)
		text_dsn(&p);
	cut_original(b, &p);
	c.base.original_message_id = p.orig_msgid;
	ct = msg_header(m, "Content-Type");
	if (p.has_arf || (ct != NULL && strcasestr(ct, "feedback-report")))
		r = do_arf(&c);
	else if (msg_header(m, "X-Apple-Unsubscribe") != NULL)
		r = do_unsubscribe(&c);
	else if (p.has_dsn && (r = do_dsn(&c)) != 1)
		;
	else if (p.text.s != NULL &&
	    strstr(p.text.s, "notificationType") != NULL &&
	    (r = do_ses(&c)) != 1)
		;
	else {
		sign = is_bounce(&c, &weak);
		bounceish = sign > 0;
		r = sign == 2 || p.has_dsn ? 1 : bounceish || weak ?
		    body_bounces(&c) : 0;
		if (r == -1)
			;
		else if (is_vacation(&c, bounceish))
			r = do_vacation(&c);
		else if (r == 1)
			r = do_text(&c);
		else {
			c.base.kind = "none";
			c.base.diagnostic = error ? error : "not a bounce";
			r = emit(arg, &c.base);
		}
	}
	sbuf_free(&c.diag);
	parts_free(&p);
	free(mid);
	return r;
}
