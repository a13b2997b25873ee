/*
 * Amazon SES notifications: the JSON of a Bounce, Complaint, Delivery,
 * DeliveryDelay or Reject event (notificationType, or eventType under a
 * configuration set's event publishing; alone or inside an SNS
 * envelope) in the body, one record per recipient; read with core/json,
 * and leniently when mail transport broke the JSON.  See bounce/ses.h.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bounce/lines.h"
#include "bounce/reasons.h"
#include "bounce/ses.h"
#include "bounce/text.h"
#include "core/json.h"

/* The notification types read, by the SES Developer Guide's names. */
enum ses_kind { SES_NONE, SES_BOUNCE, SES_DELAY, SES_COMPLAINT,
    SES_DELIVERY, SES_REJECT };

/* Per kind: its name, the list of its recipients, its own word for the
 * cause (the subtype). */
static const struct {
	const char	*name, *list, *sub;
} kinds[] = {
	[SES_BOUNCE] = { "Bounce", "bounce.bouncedRecipients",
	    "bounce.bounceSubType" },
	[SES_DELAY] = { "DeliveryDelay", "deliveryDelay.delayedRecipients",
	    "deliveryDelay.delayType" },
	[SES_COMPLAINT] = { "Complaint", "complaint.complainedRecipients",
	    "complaint.complaintSubType" },
	[SES_DELIVERY] = { "Delivery", "delivery.recipients", NULL },
	[SES_REJECT] = { "Reject", NULL, "reject.reason" },
};

/*
 * SES's own word for a cause and its reason: the bounce types table
 * (bounceSubType) and the DeliveryDelay delayType list of the SES
 * Developer Guide (notification contents; event publishing contents).
 * firm: SES did not attempt delivery, so its word outranks the status
 * it gives; else a phrase of the reply outranks it, a bare status or
 * code does not.
 */
struct ses_word {
	enum ses_kind	 kind;
	const char	*name, *reason;
	bool		 firm;
};

static const struct ses_word words[] = {
	{ SES_BOUNCE, "NoEmail", "userunknown", false },
	{ SES_BOUNCE, "Suppressed", "suppressed", true },
	{ SES_BOUNCE, "OnAccountSuppressionList", "suppressed", true },
	{ SES_BOUNCE, "MailboxFull", "mailboxfull", false },
	{ SES_BOUNCE, "MessageTooLarge", "mesgtoobig", false },
	{ SES_BOUNCE, "ContentRejected", "contenterror", false },
	{ SES_BOUNCE, "AttachmentRejected", "policyviolation", false },
	{ SES_DELAY, "MailboxFull", "mailboxfull", false },
	{ SES_DELAY, "SpamDetected", "spamdetected", false },
	{ SES_DELAY, "IPFailure", "blocked", false },
	{ SES_DELAY, "RecipientServerError", "systemerror", false },
	{ SES_DELAY, "TransientCommunicationFailure", "networkerror", false },
	{ SES_COMPLAINT, "OnAccountSuppressionList", "suppressed", true },
	{ SES_REJECT, "Bad content", "virusdetected", true },
};

static enum ses_kind
kind_of(const char *type)
{
	size_t i;

	for (i = SES_BOUNCE; i <= SES_REJECT; i++)
		if (strcasecmp(type, kinds[i].name) == 0)
			return (enum ses_kind)i;
	return SES_NONE;
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

/* No phrase decided r's reason: a bare status or code, a cue word, or
 * nothing did; or a delayed recipient's phrase said only "expired". */
static bool
said_little(const struct bounce_rcpt *r)
{
	static const char *const weak[] = { "status:", "smtp:", "class:",
	    "bounce-cues.txt:" };
	size_t i;

	if (r->matched == NULL || strcmp(r->reason, "undefined") == 0)
		return true;
	/* a delay's "expired" says only that it was delayed */
	if (r->action != NULL && strcmp(r->action, "delayed") == 0 &&
	    strcmp(r->reason, "expired") == 0)
		return true;
	for (i = 0; i < sizeof(weak) / sizeof(weak[0]); i++)
		if (strncmp(r->matched, weak[i], strlen(weak[i])) == 0)
			return true;
	return false;
}

/* SES's word sub for the cause of a record of kind k, where it says
 * more than r's reply did (words[]). */
static void
ses_said(struct ctx *c, struct bounce_rcpt *r, enum ses_kind k,
    const char *sub)
{
	size_t i;

	for (i = 0; sub != NULL && i < sizeof(words) / sizeof(words[0]); i++)
		if (words[i].kind == k && strcasecmp(words[i].name, sub) == 0)
			break;
	if (sub == NULL || i == sizeof(words) / sizeof(words[0]))
		return;
	if (r->reason != NULL && !words[i].firm && !said_little(r))
		return;
	r->reason = words[i].reason;
	r->kind = bounce_kind(c->b, r->reason, r->status, r->smtp_code);
	snprintf(c->b->matched, sizeof(c->b->matched), "ses:%s",
	    words[i].name);
	r->matched = c->b->matched;
}

/*
 * One record of an SES notification of kind k (sub its subtype, or
 * NULL): a Bounce or a DeliveryDelay classified by its status and
 * diagnostic, then SES's own word; a Complaint as feedback; a Delivery
 * as delivered; a Reject (no recipient named) by its reason.  The
 * emitter's value, or -1.
 */
static int
emit_one(struct ctx *c, enum ses_kind k, const char *sub, const char *addr,
    const char *st, const char *diag)
{
	struct bounce_rcpt r = c->base;

	r.recipient = addr;
	r.action = k == SES_DELAY ? "delayed" : "failed";
	if (k == SES_BOUNCE || k == SES_DELAY) {
		bnc_one_line(&c->diag, dsn_untype(diag),
		    strlen(dsn_untype(diag)));
		r.diagnostic = c->diag.s;
		if (bnc_classify_text(c, &r, r.diagnostic, NULL, st[0] ? st :
		    NULL, 0) == -1)
			return -1;
		ses_said(c, &r, k, sub);
		/* a delayed recipient is expired unless a word says why */
		if (k == SES_DELAY && said_little(&r) &&
		    strncmp(r.matched ? r.matched : "", "ses:", 4) != 0) {
			r.reason = "expired";
			r.kind = "soft";
		}
	} else if (k == SES_REJECT) {
		r.reason = "undefined";
		r.kind = "soft";
		ses_said(c, &r, k, sub);
	} else if (k == SES_COMPLAINT) {
		r.reason = "feedback";
		r.kind = "undetermined";
		r.action = NULL;
		ses_said(c, &r, k, sub);
		if (strcmp(r.reason, "feedback") != 0)
			r.action = "failed";
	} else {
		r.reason = "delivered";
		r.kind = "undetermined";
		r.action = "delivered";
	}
	return c->emit(c->arg, &r);
}

/*
 * The records of a notification read with core/json: the recipients of
 * its kind's list (kinds[]), or for a Reject, which names none, one
 * record without a recipient.  The emitter's value, -1, or 1 when it is
 * none.
 */
static int
ses_tree(struct ctx *c, const struct json *j)
{
	char addr[320], st[16], diag[DIAG_MAX], sub[64];
	const struct json *list, *el;
	const char *v;
	enum ses_kind k;
	size_t i, n = 0;
	int ret = 0;

	if ((v = json_get_text(j, "notificationType")) == NULL &&
	    (v = json_get_text(j, "eventType")) == NULL)
		return 1;
	if ((k = kind_of(v)) == SES_NONE)
		return 1;
	v = kinds[k].sub ? json_text(json_path(j, kinds[k].sub)) : NULL;
	snprintf(sub, sizeof(sub), "%s", v ? v : "");
	if (k == SES_REJECT)
		return emit_one(c, k, sub, NULL, "", "");
	list = json_path(j, kinds[k].list);
	for (i = 0; i < json_count(list) && ret == 0; i++) {
		el = json_at(list, i);
		if ((v = k == SES_DELIVERY ? json_text(el) :
		    json_get_text(el, "emailAddress")) == NULL)
			continue;
		snprintf(addr, sizeof(addr), "%s", v);
		v = json_get_text(el, "status");
		snprintf(st, sizeof(st), "%s", v ? v : "");
		v = json_get_text(el, "diagnosticCode");
		snprintf(diag, sizeof(diag), "%s", v ? v : "");
		ret = emit_one(c, k, sub[0] ? sub : NULL, addr, st, diag);
		n++;
	}
	return ret != 0 ? ret : (n == 0 ? 1 : 0);
}

/*
 * JSON that mail transport broke (a long line wrapped inside a string),
 * read leniently: each "emailAddress" (or each of "recipients" for a
 * Delivery) with the "status" and "diagnosticCode" after it, and the
 * first subtype (bounceSubType, delayType, complaintSubType, reason).
 */
static int
ses_scan(struct ctx *c)
{
	char *t, type[32], addr[320], st[16], diag[DIAG_MAX], sub[64];
	const char *p, *key, *q;
	enum ses_kind k;
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
	if ((k = kind_of(type)) == SES_NONE) {
		free(t);
		return 1;
	}
	sub[0] = '\0';
	if (kinds[k].sub != NULL)
		json_str(t, t, strchr(kinds[k].sub, '.') + 1, sub,
		    sizeof(sub));
	if (k == SES_REJECT) {
		free(t);
		return emit_one(c, k, sub, NULL, "", "");
	}
	key = k == SES_DELIVERY ? NULL : "emailAddress";
	if (key == NULL) {
		p = strstr(t, "\"recipients\"");
		q = p ? strchr(p, '[') : NULL;
		p = q;
	} else
		p = t;
	while (p != NULL && ret == 0) {
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
		st[0] = diag[0] = '\0';
		if (k == SES_BOUNCE || k == SES_DELAY) {
			json_str(t, p, "status", st, sizeof(st));
			json_str(t, p, "diagnosticCode", diag, sizeof(diag));
		}
		ret = emit_one(c, k, sub[0] ? sub : NULL, addr, st, diag);
		n++;
	}
	free(t);
	return ret != 0 ? ret : (n == 0 ? 1 : 0);
}

int
bnc_ses(struct ctx *c)
{
	const char *t = c->p->text.s, *brace = strchr(t, '{');
	const struct json *msg;
	struct json *j, *inner = NULL;
	struct derr e;
	size_t end;
	int r;

	if (brace == NULL || (j = json_parse_prefix(brace, strlen(brace),
	    &end, "ses", &e)) == NULL)
		return ses_scan(c);
	/* an SNS envelope: the notification is the Message string */
	if ((msg = json_get(j, "Message")) != NULL &&
	    json_type(msg) == JSON_STRING && json_get_text(j,
	    "notificationType") == NULL && json_get_text(j, "eventType") ==
	    NULL) {
		if ((inner = json_parse(json_text(msg), json_len(msg), "ses",
		    &e)) == NULL) {
			json_free(j);
			return ses_scan(c);
		}
	}
	r = ses_tree(c, inner != NULL ? inner : j);
	json_free(inner);
	json_free(j);
	/* the first JSON of the text was not the notification */
	return r == 1 ? ses_scan(c) : r;
}
