/*
 * Header checks: Date, Message-ID, From, MIME-Version, Subject (and its
 * RFC 2047 encoded-words), headers that may appear once, raw 8-bit bytes.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gmime/gmime.h>

#include "core/util.h"
#include "mail/address.h"
#include "lint/lint_priv.h"

static const char *single_headers[] = {
	"bcc", "cc", "date", "from", "in-reply-to", "message-id",
	"references", "reply-to", "sender", "subject", "to",
	"mime-version", "content-type", "content-transfer-encoding",
	"list-unsubscribe", "list-unsubscribe-post",
};
/* The index of name in single_headers (any case), or -1. */
static int
single_index(const char *name)
{
	size_t j;
	char c0;

	if (name == NULL)
		return -1;
	c0 = (char)tolower((unsigned char)name[0]);
	for (j = 0; j < nitems(single_headers); j++)
		if (single_headers[j][0] == c0 &&
		    strcasecmp(name, single_headers[j]) == 0)
			return (int)j;
	return -1;
}

static bool
has_8bit(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			return true;
	return false;
}

static bool
domain_is_real(const char *d)
{
	static const char *fake[] = {
		".example", ".home", ".internal", ".invalid", ".lan", ".local",
		".localdomain", ".localhost", ".test",
	};
	size_t k;

	if (*d == '[' || strchr(d, '.') == NULL)
		return false;
	if (strcasecmp(d, "localhost") == 0 || lint_host_is_ip(d))
		return false;
	for (k = 0; k < nitems(fake); k++)
		if (str_iendswith(d, fake[k]))
			return false;
	for (; *d != '\0'; d++)
		if (!isalnum((unsigned char)*d) && *d != '.' && *d != '-')
			return false;
	return true;
}

static void
check_encwords(struct ctx *c, const char *raw, const char *where)
{
	size_t start = 0, len = strlen(raw);
	int bad = 0;
	char why[160] = "";

	while (lint_match(c, c->l->re_encword, raw, len, start) == 1) {
		PCRE2_SIZE *o = lint_ov(c);
		char cs[64], enc;
		size_t csl = o[3] - o[2], tl = o[7] - o[6];
		const char *t = raw + o[6];
		iconv_t cd;

		start = o[1];
		if (o[1] - o[0] > 75 && bad == 0)
			snprintf(why, sizeof(why),
			    "encoded-word of %zu characters (limit 75)",
			    (size_t)(o[1] - o[0]));
		if (o[5] - o[4] != 1 || (toupper((unsigned char)raw[o[4]]) != 'B' &&
		    toupper((unsigned char)raw[o[4]]) != 'Q')) {
			snprintf(why, sizeof(why), "unknown encoding \"%.*s\"",
			    (int)(o[5] - o[4] > 8 ? 8 : o[5] - o[4]), raw + o[4]);
			bad++;
			continue;
		}
		enc = (char)toupper((unsigned char)raw[o[4]]);
		if (csl == 0 || csl >= sizeof(cs)) {
			snprintf(why, sizeof(why), "missing or bad charset");
			bad++;
			continue;
		}
		memcpy(cs, raw + o[2], csl);
		cs[csl] = '\0';
		if (strchr(cs, '*') != NULL)
			*strchr(cs, '*') = '\0';	/* RFC 2231 language */
		cd = g_mime_iconv_open("UTF-8", cs);
		if (cd == (iconv_t)-1) {
			snprintf(why, sizeof(why), "unknown charset \"%s\"", cs);
			bad++;
			continue;
		}
		g_mime_iconv_close(cd);
		if (enc == 'B') {
			size_t k;

			for (k = 0; k < tl; k++)
				if (!isalnum((unsigned char)t[k]) && t[k] != '+' &&
				    t[k] != '/' && t[k] != '=')
					break;
			if (k < tl || tl % 4 != 0) {
				snprintf(why, sizeof(why), "bad base64 in "
				    "encoded-word");
				bad++;
			}
		} else {
			size_t k;

			for (k = 0; k < tl; k++)
				if (t[k] == '=' && (k + 2 >= tl + 0 + 1 ||
				    !isxdigit((unsigned char)t[k + 1]) ||
				    !isxdigit((unsigned char)t[k + 2])))
					break;
			if (k < tl) {
				snprintf(why, sizeof(why), "bad =XX in Q "
				    "encoded-word");
				bad++;
			}
		}
	}
	if (bad > 0 || why[0] != '\0')
		addc(c, C_SUBJECT_ENCODING, where, "%s", why);
}

/* The domain-reserved finding of rd, in header where. */
static void
add_reserved(struct ctx *c, const char *where, const struct lint_reserved *rd)
{
	addc(c, C_DOMAIN_RESERVED, where, "%s domain (%s, %s): %s", rd->kind,
	    RESERVED_NAME(rd), rd->rfc, rd->why);
}

/* Reply-To: replies to a reserved domain go nowhere. */
static void
check_reply_to(struct ctx *c)
{
	InternetAddressList *al = g_mime_message_get_reply_to(c->msg);
	const struct lint_reserved *rd;
	const char *a, *at;
	int k, n = al ? internet_address_list_length(al) : 0;

	for (k = 0; k < n; k++) {
		a = mail_mailbox_addr(al, k);
		if (a != NULL && (at = strrchr(a, '@')) != NULL &&
		    (rd = lint_reserved_domain(at + 1)) != NULL) {
			add_reserved(c, "header Reply-To", rd);
			return;
		}
	}
}

void
lint_check_headers(struct ctx *c)
{
	GMimeObject *o = GMIME_OBJECT(c->msg);
	GMimeHeaderList *hl = g_mime_object_get_header_list(o);
	GMimeHeader *h;
	int n, k, cnt;
	size_t j;
	struct sbuf b8 = { 0 };
	const char *v;
	const struct lint_reserved *rd;
	int nsingle[nitems(single_headers)] = { 0 };

	/* Date */
	h = mail_header_find(o, "Date", &cnt);
	if (h == NULL)
		addc(c, C_DATE_MISSING, "header Date", "no Date header");
	else {
		time_t t;
		char *s = strdup(lint_raw_value(h));

		if (s == NULL) {
			c->oom = 1;
			return;
		}
		if (time_parse_rfc5322(str_trim(s), &t) == -1)
			addc(c, C_DATE_INVALID, "header Date",
			    "unparseable date \"%.60s\"", str_trim(s));
		free(s);
	}

	/* Message-ID */
	h = mail_header_find(o, "Message-ID", &cnt);
	if (h == NULL)
		addc(c, C_MSGID_MISSING, "header Message-ID", "no Message-ID");
	else {
		v = lint_raw_value(h);
		if (lint_match(c, c->l->re_msgid, v, strlen(v), 0) != 1)
			addc(c, C_MSGID_SYNTAX, "header Message-ID",
			    "not <left@right>: \"%.60s\"", v);
		else {
			PCRE2_SIZE *ovp = lint_ov(c);
			char *d = strndup(v + ovp[2], ovp[3] - ovp[2]);

			if (d == NULL) {
				c->oom = 1;
				return;
			}
			if ((rd = lint_reserved_domain(d)) != NULL)
				addc(c, C_MSGID_DOMAIN, "header Message-ID",
				    "\"%.60s\" is a %s domain (%s, %s), not a "
				    "public domain name", d, rd->kind,
				    RESERVED_NAME(rd), rd->rfc);
			else if (!domain_is_real(d))
				addc(c, C_MSGID_DOMAIN, "header Message-ID",
				    "\"%.60s\" is not a public domain name", d);
			free(d);
		}
	}

	/* From, Reply-To */
	h = mail_header_find(o, "From", &cnt);
	if (h == NULL)
		addc(c, C_FROM_MISSING, "header From", "no From header");
	else {
		InternetAddressList *al = g_mime_message_get_from(c->msg);
		int nm = al ? internet_address_list_length(al) : 0;
		int good = 0;

		rd = NULL;

		for (k = 0; k < nm; k++) {
			const char *a = mail_mailbox_addr(al, k), *at;

			if (a == NULL || (at = strrchr(a, '@')) == NULL ||
			    at == a || strpbrk(a, " \t<>,;") != NULL)
				continue;
			/* a reserved domain is its own finding, not syntax */
			if (rd == NULL && (rd = lint_reserved_domain(at + 1)) !=
			    NULL && good == 0 && c->from_domain == NULL &&
			    (c->from_domain = strdup(at + 1)) != NULL)
				str_lower(c->from_domain);
			if (!domain_is_real(at + 1))
				continue;
			if (good++ == 0 && c->from_domain == NULL &&
			    (c->from_domain = strdup(at + 1)) != NULL)
				str_lower(c->from_domain);
		}
		if (rd != NULL)
			add_reserved(c, "header From", rd);
		if (good == 0 && rd == NULL)
			addc(c, C_FROM_SYNTAX, "header From",
			    "no valid mailbox in \"%.80s\"", lint_raw_value(h));
		else if (nm > 1)
			addc(c, C_FROM_MULTIPLE, "header From",
			    "%d addresses", nm);
	}
	check_reply_to(c);

	/* MIME-Version */
	h = mail_header_find(o, "MIME-Version", &cnt);
	if (h == NULL) {
		int a, b;

		GMimeObject *top = g_mime_message_get_mime_part(c->msg);
		GMimeContentType *ct = top ? g_mime_object_get_content_type(top) :
		    NULL;
		bool mime = top != NULL && (GMIME_IS_MULTIPART(top) ||
		    (ct != NULL && !g_mime_content_type_is_type(ct, "text",
		    "plain")) || (GMIME_IS_PART(top) &&
		    (g_mime_part_get_content_encoding(GMIME_PART(top)) ==
		    GMIME_CONTENT_ENCODING_BASE64 ||
		    g_mime_part_get_content_encoding(GMIME_PART(top)) ==
		    GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE)));

		/* Plain text with a charset is harmless; real MIME is not. */
		if (mime)
			addc(c, C_MIME_VERSION, "header MIME-Version",
			    "MIME body without MIME-Version");
		else if (mail_message_header(c->msg, "Content-Type", &a) !=
		    NULL || mail_message_header(c->msg,
		    "Content-Transfer-Encoding", &b) != NULL)
			lint_add(c, C_MIME_VERSION, LINT_INFO, 0,
			    "header MIME-Version",
			    "MIME headers without MIME-Version");
	}

	/* Subject */
	h = mail_header_find(o, "Subject", &cnt);
	if (h == NULL)
		addc(c, C_SUBJECT_MISSING, "header Subject", "no Subject");
	else {
		char *s = strdup(lint_raw_value(h));

		if (s == NULL) {
			c->oom = 1;
			return;
		}
		if (*str_trim(s) == '\0')
			addc(c, C_SUBJECT_MISSING, "header Subject",
			    "empty Subject");
		free(s);
		check_encwords(c, lint_raw_value(h), "header Subject");
	}

	/*
	 * Duplicates (counted in the message's headers and its top part's,
	 * as mail_message_header() does) and 8-bit bytes: one pass.
	 */
	for (j = 0; j < 2; j++) {
		GMimeObject *top = g_mime_message_get_mime_part(c->msg);

		if (j == 1) {
			if (top == NULL)
				break;
			hl = g_mime_object_get_header_list(top);
		}
		n = hl != NULL ? g_mime_header_list_get_count(hl) : 0;
		for (k = 0; k < n; k++) {
			h = g_mime_header_list_get_header_at(hl, k);
			if ((cnt = single_index(g_mime_header_get_name(h))) >= 0)
				nsingle[cnt]++;
			if (has_8bit(lint_raw_value(h)) ||
			    has_8bit(g_mime_header_get_name(h))) {
				if (b8.len > 0)
					sbuf_adds(&b8, ", ");
				if (sbuf_adds(&b8, g_mime_header_get_name(h)) == -1)
					c->oom = 1;
			}
		}
	}
	for (j = 0; j < nitems(single_headers); j++)
		if (nsingle[j] > 1)
			addc(c, C_HEADER_DUP, single_headers[j],
			    "%d %s headers", nsingle[j], single_headers[j]);
	if (b8.len > 0)
		addc(c, C_HEADER_8BIT, "headers", "unencoded 8-bit bytes in %s",
		    b8.s);
	sbuf_free(&b8);
}

