/*
 * Received: header tokens and clauses: the words and (comments) at
 * paren depth 0 cut into from/by/via/with/id/for clauses, and the simple
 * clauses (with: protocol and TLS; id, by, for: their first word).  See
 * mail/received_priv.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/util.h"
#include "mail/received.h"
#include "mail/received_priv.h"

static const char *const kw[C_N] = {
	NULL, "from", "by", "via", "with", "id", "for"
};

static int
tok_add(struct work *w, enum tok_type type, size_t off, size_t len,
    int glued)
{
	struct tok *nt;

	if ((nt = array_room(w->t, w->nt, &w->capt, sizeof(*nt), 32)) ==
	    NULL)
		return -1;
	w->t = nt;
	w->t[w->nt].type = type;
	w->t[w->nt].off = off;
	w->t[w->nt].len = len;
	w->t[w->nt].glued = glued;
	w->nt++;
	return 0;
}

/* Index just past the comment starting at s[i] == '(' (or n). */
size_t
rcvd_comment_end(const char *s, size_t i, size_t n)
{
	int depth = 0;

	for (; i < n; i++) {
		if (s[i] == '(')
			depth++;
		else if (s[i] == ')' && --depth == 0)
			return i + 1;
	}
	return n;
}

int
rcvd_tokenize(struct work *w)
{
	const char *s = w->u;
	size_t i = 0, n = w->n, j, k;
	int glued;

	while (i < n) {
		glued = i > 0 && s[i - 1] != ' ';
		if (s[i] == ' ' || s[i] == ';' || s[i] == ')' ||
		    s[i] == ',') {
			i++;
			continue;
		}
		if (s[i] == '(') {
			j = rcvd_comment_end(s, i, n);
			if (tok_add(w, T_COMMENT, i, j - i, glued) == -1)
				return -1;
			i = j;
			continue;
		}
		for (j = i; j < n && s[j] != ' ' && s[j] != '(' &&
		    s[j] != ';'; j++) {
			if (s[j] == '[' || s[j] == '<') {
				/* Keep a bracketed group whole. */
				char close = s[j] == '[' ? ']' : '>';

				for (k = j + 1; k < n && s[k] != close &&
				    s[k] != '(' && s[k] != ')'; k++)
					;
				if (k < n && s[k] == close)
					j = k;
			}
		}
		k = j;
		while (k > i && s[k - 1] == ',')
			k--;
		if (k > i && tok_add(w, T_WORD, i, k - i, glued) == -1)
			return -1;
		i = j;
	}
	return 0;
}

static enum clause
keyword(const struct work *w, const struct tok *t)
{
	int c;

	if (t->type != T_WORD || t->len < 2 || t->len > 4)
		return C_NONE;
	for (c = 1; c < C_N; c++)
		if (strlen(kw[c]) == t->len &&
		    strncasecmp(w->u + t->off, kw[c], t->len) == 0)
			return (enum clause)c;
	return C_NONE;
}

void
rcvd_clauses(struct work *w)
{
	enum clause cur = C_NONE, c;
	struct span *sp = NULL;
	size_t i;

	for (i = 0; i < w->nt; i++) {
		if ((c = keyword(w, &w->t[i])) != C_NONE) {
			/* Smail: "from host from [IP] by ..." */
			if (c == C_FROM && cur == C_FROM && !w->cl[C_BY].seen)
				continue;
			if (sp != NULL)
				sp->end = i;
			sp = NULL;
			cur = c;
			if (!w->cl[c].seen)
				sp = &w->cl[c];
			else if (c == C_FROM && !w->from2.seen &&
			    w->cl[C_BY].seen)
				sp = &w->from2;
			if (sp != NULL) {
				sp->seen = 1;
				sp->first = i + 1;
				sp->end = w->nt;
			}
		}
	}
	(void)cur;
	if (sp != NULL)
		sp->end = w->nt;
}

/* "TLSv1.2", "TLS1_2", "TLS-1.0", "TLSv1" -> "TLSv1_2" ... */
int
rcvd_set_tls_version(struct rcvd *r, const char *s, size_t n)
{
	char buf[16];
	size_t i;
	int minor = 0;

	if (n >= 4 && strncasecmp(s, "SSLv", 4) == 0)
		return rcvd_set(r, RCVD_TLS_VERSION, s, n);
	for (i = 3; i < n; i++)
		if (s[i] == '1')
			break;
	if (i + 2 < n + 1 && i + 2 < n && (s[i + 1] == '.' ||
	    s[i + 1] == '_') && isdigit((unsigned char)s[i + 2]))
		minor = s[i + 2] - '0';
	snprintf(buf, sizeof(buf), "TLSv1_%d", minor);
	return rcvd_set(r, RCVD_TLS_VERSION, buf, strlen(buf));
}

/* Protocol words as mail-parser normalises them. */
static const char *
proto(const char *s, size_t n)
{
	static const char *const known[] = {
		"SMTP", "ESMTP", "ESMTPA", "ESMTPS", "ESMTPSA", "LMTP",
		"LMTPA", "LMTPS", "LMTPSA", "UTF8SMTP", "UTF8SMTPA",
		"UTF8SMTPS", "UTF8SMTPSA", "UTF8LMTP", "UTF8LMTPA",
		"UTF8LMTPS", "UTF8LMTPSA", "HTTP", "HTTPS", "IMAP", "POP3",
		"MMS"
	};
	char t[16];
	size_t i;

	if (n > 6 && strncasecmp(s, "local-", 6) == 0) {
		s += 6;
		n -= 6;
		if (n == 5 && strncasecmp(s, "bsmtp", 5) == 0)
			return "SMTP";
	}
	if (n == 5 && strncasecmp(s, "local", 5) == 0)
		return "Local";
	if (n == 9 && strncasecmp(s, "ESMTP-TLS", 9) == 0)
		return "ESMTPS";
	if (n >= 7 && strncasecmp(s, "SMTPSVC", 7) == 0)
		return "SMTP";
	if (n == 0 || n >= sizeof(t))
		return NULL;
	for (i = 0; i < n; i++)
		t[i] = (char)toupper((unsigned char)s[i]);
	t[n] = '\0';
	/* "UTF8ESMTPS" (maddy: "UTF8" + the protocol) is RFC 6531's
	   UTF8SMTPS */
	if (strncmp(t, "UTF8ESMTP", 9) == 0)
		memmove(t + 4, t + 5, n - 4);
	for (i = 0; i < nitems(known); i++)
		if (t[0] == known[i][0] && strcmp(t, known[i]) == 0)
			return known[i];
	return NULL;
}

/*
 * The parts after the protocol in "PROTO/TLS/CIPHER" or "PROTO/TLSv1.2"
 * (IronPort and others write the TLS details into the with value): a
 * version part sets the TLS version, the part after it or after a bare
 * "TLS" or "SSL" the cipher.  0, or -1 (memory).
 */
static int
with_tls_parts(const char *q, const char *e, struct rcvd *r)
{
	const char *p;
	size_t n;
	int after_tls = 0;

	for (; q < e; q = p + 1) {
		for (p = q; p < e && *p != '/'; p++)
			;
		n = (size_t)(p - q);
		if (n == 0) {
			after_tls = 0;
			continue;
		}
		if (after_tls) {
			if (rcvd_set(r, RCVD_TLS_CIPHER, q, n) == -1)
				return -1;
			after_tls = 0;
		} else if (n == 3 && (strncasecmp(q, "TLS", 3) == 0 ||
		    strncasecmp(q, "SSL", 3) == 0))
			after_tls = 1;
		else if (n > 3 && (strncasecmp(q, "TLS", 3) == 0 ||
		    strncasecmp(q, "SSLv", 4) == 0) &&
		    strspn(q + 3, "vV0123456789._") == n - 3 &&
		    (memchr(q, '1', n) != NULL ||
		    toupper((unsigned char)q[0]) == 'S')) {
			if (rcvd_set_tls_version(r, q, n) == -1)
				return -1;
			after_tls = 1;	/* "TLSv1.2/CIPHER" */
		}
	}
	return 0;
}

int
rcvd_do_with(struct work *w, struct rcvd *r)
{
	const struct span *sp = &w->cl[C_WITH];
	const char *p, *s, *e, *q, *pr;
	size_t i;

	if (!sp->seen)
		return 0;
	for (i = sp->first; i < sp->end; i++) {
		if (w->t[i].type != T_WORD)
			continue;
		s = w->u + w->t[i].off;
		e = s + w->t[i].len;
		if (*s == '[')		/* "[XMail 1.20 ESMTP Server]" */
			s++;
		for (q = s; q < e; q = p) {
			while (q < e && (*q == ' ' || *q == ']'))
				q++;
			for (p = q; p < e && *p != ' ' && *p != ']' &&
			    *p != '/'; p++)
				;
			if (p > q &&
			    (pr = proto(q, (size_t)(p - q))) != NULL) {
				if (rcvd_set(r, RCVD_WITH, pr,
				    strlen(pr)) == -1)
					return -1;
				/* "ESMTP/TLS/AES128-SHA", "esmtps/tlsv1.2" */
				if (p < e && *p == '/')
					return with_tls_parts(p + 1, e, r);
				return 0;
			}
			while (p < e && *p == '/')
				p++;
		}
	}
	return 0;
}

/* The first word of clause c, without <> and trailing punctuation. */
int
rcvd_first_word(struct work *w, struct span *sp, struct rcvd *r, int f)
{
	const char *s;
	char ip[64];
	size_t n;

	if (!sp->seen || sp->first >= sp->end ||
	    w->t[sp->first].type != T_WORD)
		return 0;
	s = w->u + w->t[sp->first].off;
	n = w->t[sp->first].len;
	while (n > 0 && *s == '<') {
		s++;
		n--;
	}
	if (rcvd_ip_norm(s, n, ip, sizeof(ip)) == 6)	/* "2002:a17::" */
		return rcvd_set(r, f, s, n);
	while (n > 0 && (s[n - 1] == '>' || s[n - 1] == ',' ||
	    s[n - 1] == ';' || s[n - 1] == ':'))
		n--;
	if (n == 0)
		return 0;
	return rcvd_set(r, f, s, n);
}

/* An ident or user, without "[<" ">]" around it. */
int
rcvd_set_ident(struct rcvd *r, const char *s, size_t n)
{
	while (n > 0 && (*s == '[' || *s == '<')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ']' || s[n - 1] == '>'))
		n--;
	return n > 0 ? rcvd_set(r, RCVD_IDENT, s, n) : 0;
}
