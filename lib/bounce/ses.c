/*
 * Amazon SES notifications: the JSON of a Bounce, Complaint or Delivery
 * event (alone or inside an SNS envelope) in the body, one record per
 * recipient; read with core/json, and leniently when mail transport
 * broke the JSON.  See bounce/ses.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bounce/reasons.h"
#include "bounce/ses.h"
#include "bounce/text.h"
#include "core/json.h"

/* complaintSubType of a message SES did not send (SES API reference) */
#define SUPPRESSED "OnAccountSuppressionList"

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
 * One record of an SES notification of type type: a Bounce classified
 * by its status and diagnostic, a Complaint as feedback, a Delivery as
 * delivered.  A Complaint whose complaintSubType is
 * OnAccountSuppressionList (type "Suppressed" here) is no new complaint:
 * SES accepted the message but did not send it, the address being on
 * the account's suppression list (SES API reference, Complaint): soft,
 * suppressed.  The emitter's value, or -1.
 */
static int
emit_one(struct ctx *c, const char *type, const char *addr, const char *st,
    const char *diag)
{
	struct bounce_rcpt r = c->base;

	r.recipient = addr;
	if (strcasecmp(type, "Bounce") == 0) {
		r.action = "failed";
		bnc_one_line(&c->diag, dsn_untype(diag),
		    strlen(dsn_untype(diag)));
		r.diagnostic = c->diag.s;
		if (bnc_classify_text(c, &r, r.diagnostic, NULL, st[0] ? st :
		    NULL, 0) == -1)
			return -1;
	} else if (strcasecmp(type, "Complaint") == 0) {
		r.reason = "feedback";
		r.kind = "undetermined";
	} else if (strcasecmp(type, "Suppressed") == 0) {
		r.action = "failed";
		r.reason = "suppressed";
		r.kind = "soft";
		r.diagnostic = "complaintSubType OnAccountSuppressionList: "
		    "not sent";
	} else {
		r.reason = "delivered";
		r.kind = "undetermined";
		r.action = "delivered";
	}
	return c->emit(c->arg, &r);
}

/*
 * The records of a notification read with core/json: the recipients of
 * bounce.bouncedRecipients, complaint.complainedRecipients or
 * delivery.recipients.  The emitter's value, -1, or 1 when it is none.
 */
static int
ses_tree(struct ctx *c, const struct json *j)
{
	char type[32], addr[320], st[16], diag[DIAG_MAX];
	const struct json *list, *el;
	const char *v;
	size_t i, n = 0;
	int ret = 0, delivery;

	if ((v = json_get_text(j, "notificationType")) == NULL &&
	    (v = json_get_text(j, "eventType")) == NULL)
		return 1;
	snprintf(type, sizeof(type), "%s", v);
	delivery = strcasecmp(type, "Delivery") == 0;
	if (strcasecmp(type, "Bounce") == 0)
		list = json_path(j, "bounce.bouncedRecipients");
	else if (strcasecmp(type, "Complaint") == 0) {
		list = json_path(j, "complaint.complainedRecipients");
		v = json_text(json_path(j, "complaint.complaintSubType"));
		if (v != NULL && strcasecmp(v, SUPPRESSED) == 0)
			snprintf(type, sizeof(type), "Suppressed");
	}
	else if (delivery)
		list = json_path(j, "delivery.recipients");
	else
		return 1;
	for (i = 0; i < json_count(list) && ret == 0; i++) {
		el = json_at(list, i);
		if ((v = delivery ? json_text(el) : json_get_text(el,
		    "emailAddress")) == NULL)
			continue;
		snprintf(addr, sizeof(addr), "%s", v);
		v = json_get_text(el, "status");
		snprintf(st, sizeof(st), "%s", v ? v : "");
		v = json_get_text(el, "diagnosticCode");
		snprintf(diag, sizeof(diag), "%s", v ? v : "");
		ret = emit_one(c, type, addr, st, diag);
		n++;
	}
	return ret != 0 ? ret : (n == 0 ? 1 : 0);
}

/*
 * JSON that mail transport broke (a long line wrapped inside a string),
 * read leniently: each "emailAddress" (or each of "recipients" for a
 * Delivery) with the "status" and "diagnosticCode" after it.
 */
static int
ses_scan(struct ctx *c)
{
	char *t, type[32], sub[32], addr[320], st[16], diag[DIAG_MAX];
	const char *p, *key, *q;
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
	if (strcasecmp(type, "Complaint") == 0 && json_str(t, t,
	    "complaintSubType", sub, sizeof(sub)) != NULL &&
	    strcasecmp(sub, SUPPRESSED) == 0)
		snprintf(type, sizeof(type), "Suppressed");
	key = strcasecmp(type, "Delivery") == 0 ? NULL : "emailAddress";
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
		if (strcasecmp(type, "Bounce") == 0) {
			json_str(t, p, "status", st, sizeof(st));
			json_str(t, p, "diagnosticCode", diag, sizeof(diag));
		}
		ret = emit_one(c, type, addr, st, diag);
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
