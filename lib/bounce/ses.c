/*
 * Amazon SES notifications: the JSON of a Bounce, Complaint or Delivery
 * event (alone or inside an SNS envelope) in the body, one record per
 * recipient.  See bounce/ses.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bounce/reasons.h"
#include "bounce/ses.h"
#include "bounce/text.h"

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
int
bnc_ses(struct ctx *c)
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
			bnc_one_line(&c->diag, dsn_untype(diag),
			    strlen(dsn_untype(diag)));
			r.diagnostic = c->diag.s;
			if (bnc_classify_text(c, &r, r.diagnostic, NULL, st[0] ? st :
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
