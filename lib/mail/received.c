/*
 * Received: header parsing.  See mail/received.h.
 *
 * The header is unfolded, its date split off at the last top-level ';',
 * and the rest cut into words and (comments) at paren depth 0.  The
 * keywords from/by/via/with/id/for start clauses.  The from clause and
 * its comments give the peer (ip, rdns, helo, ident) by their shape:
 *
 *	from HELO (RDNS [IP])			Postfix, Sendmail, Courier
 *	from NAME ([IP]:port helo=HELO)		Exim (NAME is the rDNS)
 *	from HELO ([IP])			Exchange, Haraka, ecelerity
 *	from RDNS (HELO h) (ident@IP)		qmail
 *	from RDNS(IP, HELO h)			smap, smtpd
 *	from [IP] (HELO h) / from IP		CommuniGate, webmail, Yahoo
 *
 * PCRE2 patterns (compiled once) find what may appear anywhere: explicit
 * HELO, TLS, authentication, the envelope sender and non-network hops.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <arpa/inet.h>
#include <ctype.h>
#include <pcre2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/util.h"
#include "mail/received.h"

enum {
	RE_HELO,	/* explicit HELO in the from clause */
	RE_TLS,		/* TLS version and cipher, several spellings */
	RE_ENC,		/* "with CIPHER encrypted" */
	RE_AUTH,	/* authenticated submission, MARK = label */
	RE_ENVFROM,
	RE_FETCH,	/* fetchmail and POP/IMAP pick-up */
	RE_SCAN,	/* content scanners re-injecting */
	RE_LOCAL,	/* local pick-up */
	RE_EXIM,
	RE_IDENT,	/* Exim's ident= */
	RE_N
};

static const char *const patterns[RE_N] = {
	[RE_HELO] = "\\b(?:HELO|EHLO|LHLO)(?:[ =]+([^\\s()\",]+)|\\s*(?=\\)))"
	    "|\\bhelo=([^\\s()\",]+)"
	    "|claiming\\s+to\\s+be\\s+\"([^\"]*)\"",
	[RE_TLS] = "using\\s+(TLSv?1(?:[._]\\d)?|SSLv[23])\\s+with\\s+cipher"
	    "\\s+([A-Za-z0-9_-]+)"
	    "|version=(TLSv?1(?:[._]\\d)?|SSLv[23])[^\\s,]*,?\\s+cipher="
	    "([A-Za-z0-9_-]+)"
	    "|\\((?:cipher\\s+|tls_cipher\\s+)?(TLS-?v?1(?:[._]\\d)?|SSLv[23]):"
	    "([A-Za-z0-9_-]+)(?::\\d+)?\\)"
	    "|\\bTLS:\\s*(TLSv?1(?:[._]\\d)?|SSLv[23])[^,()]*,\\d+bits,"
	    "([A-Za-z0-9_-]+)",
	[RE_ENC] = "\\bwith\\s+([A-Za-z0-9_-]+)\\s+encrypted\\b",
	[RE_AUTH] = "\\(authenticated(?:\\s+bits=\\d+)?\\)(*MARK:Sendmail)"
	    "|\\(Authenticated\\s+sender:(*MARK:Postfix)"
	    "|\\(authenticated\\s+as\\s(*MARK:CriticalPath)"
	    "|\\bauthenticated\\s+user\\b(*MARK:HTTP)"
	    "|\\(via\\s+HTTP\\)(*MARK:HTTP)"
	    "|\\(account\\s(*MARK:CommuniGate)"
	    "|\\(AUTH:\\s+\\w+\\s(*MARK:Courier)"
	    "|\\S@\\S+\\s+with\\s+(?:login|plain|cram-md5)\\)(*MARK:Yahoo)"
	    "|\\bwith\\s+(?:local-)?(ESMTPS?A|ASMTP|LMTPS?A|UTF8SMTPS?A|HTTPU)\\b"
	    "(*MARK:with)",
	[RE_ENVFROM] = "envelope-(?:from|sender)\\s*[:=]?\\s*<?"
	    "([^\\s<>,;()]+@[^\\s<>,;()]+)",
	[RE_FETCH] = "\\bfetchmail\\b|\\bwith\\s+(?:POP3?|IMAP4?|IMAPS)\\b",
	[RE_SCAN] = "\\bqmail-scanner\\b|\\bwith\\s+(?:spamassassin|amavis\\w*"
	    "|mailscanner|clamav\\w*|[\\w-]*scann?ed[\\w-]*)\\b",
	[RE_LOCAL] = "\\bmail\\s+pickup\\s+service\\b|^\\(qmail\\s+\\d+\\s"
	    "|\\binvoked\\s+(?:by|for|from)\\b",
	[RE_EXIM] = "\\bExim\\b",
	[RE_IDENT] = "\\bident=([^\\s()]+)",
};

static int	ip_norm(const char *, size_t, char *, size_t, int);

struct rcvd_parser {
	pcre2_code		*re[RE_N];
	pcre2_match_data	*md;
	pcre2_match_context	*mc;
};

struct rcvd_parser *
rcvd_parser_new(struct derr *e)
{
	struct rcvd_parser *p;
	PCRE2_SIZE off;
	PCRE2_UCHAR msg[256];
	int i, code;

	if ((p = calloc(1, sizeof(*p))) == NULL) {
		derr_set(e, "received", "out of memory");
		return NULL;
	}
	for (i = 0; i < RE_N; i++) {
		p->re[i] = pcre2_compile((PCRE2_SPTR)patterns[i],
		    PCRE2_ZERO_TERMINATED, PCRE2_CASELESS, &code, &off, NULL);
		if (p->re[i] == NULL) {
			pcre2_get_error_message(code, msg, sizeof(msg));
			derr_set(e, "received", "pattern %d at %zu: %s", i,
			    (size_t)off, (char *)msg);
			rcvd_parser_free(p);
			return NULL;
		}
		(void)pcre2_jit_compile(p->re[i], PCRE2_JIT_COMPLETE);
	}
	p->md = pcre2_match_data_create(16, NULL);
	p->mc = pcre2_match_context_create(NULL);
	if (p->md == NULL || p->mc == NULL) {
		derr_set(e, "received", "out of memory");
		rcvd_parser_free(p);
		return NULL;
	}
	pcre2_set_match_limit(p->mc, 1000000);
	pcre2_set_depth_limit(p->mc, 10000);
	return p;
}

void
rcvd_parser_free(struct rcvd_parser *p)
{
	int i;

	if (p == NULL)
		return;
	for (i = 0; i < RE_N; i++)
		pcre2_code_free(p->re[i]);
	pcre2_match_data_free(p->md);
	pcre2_match_context_free(p->mc);
	free(p);
}

void
rcvd_clear(struct rcvd *r)
{
	int i;

	for (i = 0; i < RCVD_NFIELDS; i++)
		free(r->f[i]);
	free(r->date_text);
	memset(r, 0, sizeof(*r));
}

/*
 * Match pattern i in s[0..len).  Returns 1 (p->md holds the match), 0, or
 * -1 on a match error (e filled).
 */
static int
re_find(struct rcvd_parser *p, int i, const char *s, size_t len,
    struct derr *e)
{
	PCRE2_UCHAR msg[128];
	int rc;

	rc = pcre2_match(p->re[i], (PCRE2_SPTR)s, len, 0, 0, p->md, p->mc);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0) {
		pcre2_get_error_message(rc, msg, sizeof(msg));
		derr_set(e, "received", "%s", (char *)msg);
		return -1;
	}
	return 1;
}

/* Capture group g of the last match: returns 1 and sets *o, *n if set. */
static int
re_group(struct rcvd_parser *p, int g, size_t *o, size_t *n)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(p->md);

	if ((uint32_t)g >= pcre2_get_ovector_count(p->md) ||
	    ov[2 * g] == PCRE2_UNSET)
		return 0;
	*o = ov[2 * g];
	*n = ov[2 * g + 1] - ov[2 * g];
	return 1;
}

/* Set field f to s[0..n) unless already set.  -1 when out of memory. */
static int
set(struct rcvd *r, int f, const char *s, size_t n)
{
	if (r->f[f] != NULL)
		return 0;
	if ((r->f[f] = strndup(s, n)) == NULL)
		return -1;
	return 0;
}

int
rcvd_ip_norm(const char *s, size_t len, char *buf, size_t buflen)
{
	return ip_norm(s, len, buf, buflen, 0);
}

/*
 * rcvd_ip_norm(); port5 also allows "1.2.3.4.5678" unbracketed (a
 * comment's first word, where no version number stands).
 */
static int
ip_norm(const char *s, size_t len, char *buf, size_t buflen, int port5)
{
	char t[80], *q, *dot;
	unsigned char bin[16];
	unsigned a[5];
	int k, n, bracketed;
	size_t i;

	while (len > 0 && (*s == ' ' || *s == '@')) {
		s++;
		len--;
	}
	bracketed = len > 0 && *s == '[';
	if (bracketed) {
		s++;
		len--;
	}
	if (len >= 5 && strncasecmp(s, "IPv6:", 5) == 0) {
		s += 5;
		len -= 5;
	}
	/* Cut at the closing bracket (a ":port" may follow it). */
	for (i = 0; i < len; i++)
		if (s[i] == ']' || s[i] == ' ')
			break;
	len = i;
	if (len == 0 || len >= sizeof(t))
		return 0;
	memcpy(t, s, len);
	t[len] = '\0';
	if ((q = strchr(t, '%')) != NULL)	/* zone id */
		*q = '\0';
	if (strchr(t, ':') != NULL && inet_pton(AF_INET6, t, bin) == 1) {
		if (memcmp(bin, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0) {
			if (inet_ntop(AF_INET, bin + 12, buf,
			    (socklen_t)buflen) == NULL)
				return 0;
			return 4;
		}
		if (inet_ntop(AF_INET6, bin, buf, (socklen_t)buflen) == NULL)
			return 0;
		return 6;
	}
	/* IPv4, maybe with ":port" or a fifth ".port" part. */
	if ((q = strchr(t, ':')) != NULL) {
		for (dot = q + 1; isdigit((unsigned char)*dot); dot++)
			;
		if (*dot != '\0' || dot == q + 1)
			return 0;
		*q = '\0';
	}
	n = 0;
	if (sscanf(t, "%3u.%3u.%3u.%3u%n", &a[0], &a[1], &a[2], &a[3],
	    &n) != 4)
		return 0;
	if (t[n] == '.' && (bracketed || port5)) {	/* "[1.2.3.4.5678]" */
		for (k = n + 1; isdigit((unsigned char)t[k]); k++)
			;
		if (t[k] != '\0' || k == n + 1)
			return 0;
	} else if (t[n] != '\0')
		return 0;
	for (k = 0; k < 4; k++)
		if (a[k] > 255)
			return 0;
	/* Reject leading garbage such as "1.2.3.4" inside "01.2.3.4"? No:
	   sscanf took digits only, so the text is a dotted quad. */
	if (!isdigit((unsigned char)t[0]))
		return 0;
	if ((size_t)snprintf(buf, buflen, "%u.%u.%u.%u", a[0], a[1], a[2],
	    a[3]) >= buflen)
		return 0;
	return 4;
}

/* Tokens of the header outside the date. */
enum tok_type { T_WORD, T_COMMENT };

struct tok {
	enum tok_type	 type;
	size_t		 off, len;	/* comment: including the parens */
	int		 glued;		/* no space before it */
};

enum clause { C_NONE, C_FROM, C_BY, C_VIA, C_WITH, C_ID, C_FOR, C_N };

static const char *const kw[C_N] = {
	NULL, "from", "by", "via", "with", "id", "for"
};

struct span {
	size_t	first, end;	/* token indices [first, end) */
	int	seen;
};

struct work {
	char		*u;		/* unfolded text */
	size_t		 n;		/* its length (before the date) */
	struct tok	*t;
	size_t		 nt, capt;
	struct span	 cl[C_N];
	struct span	 from2;		/* a second "from <addr>" (XMail) */
};

static int
tok_add(struct work *w, enum tok_type type, size_t off, size_t len,
    int glued)
{
	struct tok *nt;

	if (w->nt == w->capt) {
		w->capt = w->capt ? w->capt * 2 : 32;
		if ((nt = reallocarray(w->t, w->capt, sizeof(*nt))) == NULL)
			return -1;
		w->t = nt;
	}
	w->t[w->nt].type = type;
	w->t[w->nt].off = off;
	w->t[w->nt].len = len;
	w->t[w->nt].glued = glued;
	w->nt++;
	return 0;
}

/* Index just past the comment starting at s[i] == '(' (or n). */
static size_t
comment_end(const char *s, size_t i, size_t n)
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

static int
tokenize(struct work *w)
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
			j = comment_end(s, i, n);
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

	if (t->type != T_WORD)
		return C_NONE;
	for (c = 1; c < C_N; c++)
		if (strlen(kw[c]) == t->len &&
		    strncasecmp(w->u + t->off, kw[c], t->len) == 0)
			return (enum clause)c;
	return C_NONE;
}

static void
clauses(struct work *w)
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

/* A host name as a receiving MTA records it: dotted, or "localhost". */
static int
hostlike(const char *s, size_t n)
{
	if (n == 9 && strncasecmp(s, "localhost", 9) == 0)
		return 1;
	if (n == 7 && strncasecmp(s, "unknown", 7) == 0)
		return 0;
	return memchr(s, '.', n) != NULL && s[0] != '[' && s[0] != '<' &&
	    memchr(s, '@', n) == NULL;
}

/* What a from-clause comment says about the peer. */
struct cinfo {
	int		 found;
	char		 ip[64];
	int		 bracket;	/* [IP] */
	int		 port_in;	/* [IP:port] (ecelerity) */
	int		 port_after;	/* [IP]:port or IP:port */
	int		 verified;	/* CommuniGate "[IP] verified" */
	const char	*name;		/* "(NAME [IP])": the rDNS */
	size_t		 namelen;
	const char	*ident;
	size_t		 identlen;
};

static int
has_port_in(const char *w, size_t n)
{
	const char *rb = memchr(w, ']', n);
	size_t m = rb ? (size_t)(rb - w) : n;
	const char *c = memchr(w, ':', m);

	/* IPv4 "[1.2.3.4:25]": one colon, dots before it. */
	return c != NULL && memchr(c + 1, ':', m - (size_t)(c + 1 - w)) ==
	    NULL && memchr(w, '.', (size_t)(c - w)) != NULL;
}

static void
comment_info(const char *s, size_t n, struct cinfo *ci)
{
	const char *w, *prev = NULL, *at, *lb;
	size_t i = 0, wl, prevlen = 0, k;
	int skipnext = 0, v, nw = 0;

	memset(ci, 0, sizeof(*ci));
	while (i < n) {
		while (i < n && (s[i] == ' ' || s[i] == '(' || s[i] == ')' ||
		    s[i] == ','))
			i++;
		w = s + i;
		while (i < n && s[i] != ' ' && s[i] != '(' && s[i] != ')' &&
		    s[i] != ',')
			i++;
		if ((wl = (size_t)(s + i - w)) == 0)
			break;
		if (skipnext) {
			skipnext = 0;
			prev = NULL;
			continue;
		}
		if (wl == 7 && strncasecmp(w, "account", 7) == 0) {
			skipnext = 1;
			continue;
		}
		if (wl == 8 && strncasecmp(w, "verified", 8) == 0) {
			ci->verified = 1;
			continue;
		}
		if (ci->found) {
			prev = w;
			prevlen = wl;
			continue;
		}
		if (wl > 6 && strncasecmp(w, "IDENT:", 6) == 0) {
			w += 6;
			wl -= 6;
			if (memchr(w, '@', wl) == NULL) {
				ci->ident = w;
				ci->identlen = wl;
				prev = NULL;
				continue;
			}
		}
		/* user@IP, user@[IP], user@host */
		at = NULL;
		for (k = wl; k > 0; k--)
			if (w[k - 1] == '@') {
				at = w + k - 1;
				break;
			}
		if (at != NULL && at > w) {
			v = rcvd_ip_norm(at + 1, (size_t)(w + wl - at - 1),
			    ci->ip, sizeof(ci->ip));
			if (v != 0) {
				ci->found = 1;
				ci->bracket = at[1] == '[';
				ci->ident = w;
				ci->identlen = (size_t)(at - w);
			} else if (ci->ident == NULL) {
				ci->ident = w;
				ci->identlen = wl;
			}
			/* Sendmail's "ident@RDNS [IP]": the host is the
			   name an [IP] after it belongs to. */
			prev = NULL;
			if (at != NULL && at > w && at + 1 < w + wl &&
			    memchr(at, '[', (size_t)(w + wl - at)) == NULL) {
				prev = at + 1;
				prevlen = (size_t)(w + wl - at - 1);
			}
			continue;
		}
		if ((lb = memchr(w, '[', wl)) != NULL) {
			v = rcvd_ip_norm(lb, (size_t)(w + wl - lb), ci->ip,
			    sizeof(ci->ip));
			if (v != 0) {
				const char *rb = memchr(lb, ']',
				    (size_t)(w + wl - lb));

				ci->found = 1;
				ci->bracket = 1;
				ci->port_in = v == 4 &&
				    has_port_in(lb, (size_t)(w + wl - lb));
				ci->port_after = rb != NULL && rb + 1 < w + wl &&
				    rb[1] == ':';
				if (lb > w) {
					ci->name = w;
					ci->namelen = (size_t)(lb - w);
				} else if (prev != NULL) {
					ci->name = prev;
					ci->namelen = prevlen;
				}
				/* "<unknown.domain>[IP]" */
				if (ci->name != NULL && ci->name[0] == '<') {
					ci->name++;
					ci->namelen--;
					if (ci->namelen > 0 &&
					    ci->name[ci->namelen - 1] == '>')
						ci->namelen--;
				}
			}
			prev = NULL;
			continue;
		}
		/* A bare address: IPv6 anywhere, IPv4 only first (else it
		   may be a version number, "(Server 7.0.5.33 64bit)"). */
		v = ip_norm(w, wl, ci->ip, sizeof(ci->ip), nw == 0);
		if (v == 6 || (v == 4 && nw == 0)) {
			ci->found = 1;
			ci->port_after = v == 4 && memchr(w, ':', wl) != NULL;
			prev = NULL;
			continue;
		}
		prev = w;
		prevlen = wl;
		nw++;
	}
	if (!ci->found)
		ci->ip[0] = '\0';
}

/* A comment that is one host name and nothing else: "(host.example)". */
static int
comment_host(const char *s, size_t n, const char **h, size_t *hl)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == ' ' || s[i] == '(' || s[i] == ')' || s[i] == '[' ||
		    s[i] == '@' || s[i] == ',' || s[i] == '<' || s[i] == '=')
			return 0;	/* "(helo=host)" is Exim's HELO */
	char ip[64];
	int alpha = 0;

	while (n > 1 && s[n - 1] == '.')
		n--;
	for (i = 0; i < n; i++)
		if (isalpha((unsigned char)s[i]))
			alpha = 1;
	if (!alpha || !hostlike(s, n) ||
	    rcvd_ip_norm(s, n, ip, sizeof(ip)) != 0)
		return 0;
	*h = s;
	*hl = n;
	return 1;
}

/* "TLSv1.2", "TLS1_2", "TLS-1.0", "TLSv1" -> "TLSv1_2" ... */
static int
set_tls_version(struct rcvd *r, const char *s, size_t n)
{
	char buf[16];
	size_t i;
	int minor = 0;

	if (n >= 4 && strncasecmp(s, "SSLv", 4) == 0)
		return set(r, RCVD_TLS_VERSION, s, n);
	for (i = 3; i < n; i++)
		if (s[i] == '1')
			break;
	if (i + 2 < n + 1 && i + 2 < n && (s[i + 1] == '.' ||
	    s[i + 1] == '_') && isdigit((unsigned char)s[i + 2]))
		minor = s[i + 2] - '0';
	snprintf(buf, sizeof(buf), "TLSv1_%d", minor);
	return set(r, RCVD_TLS_VERSION, buf, strlen(buf));
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
	for (i = 0; i < nitems(known); i++)
		if (strcmp(t, known[i]) == 0)
			return known[i];
	return NULL;
}

static int
do_with(struct work *w, struct rcvd *r)
{
	const struct span *sp = &w->cl[C_WITH];
	const char *p, *s, *e, *q;
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
			for (p = q; p < e && *p != ' ' && *p != ']'; p++)
				;
			if (p > q && (s = proto(q, (size_t)(p - q))) != NULL)
				return set(r, RCVD_WITH, s, strlen(s));
		}
	}
	return 0;
}

/* The first word of clause c, without <> and trailing punctuation. */
static int
first_word(struct work *w, struct span *sp, struct rcvd *r, int f)
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
		return set(r, f, s, n);
	while (n > 0 && (s[n - 1] == '>' || s[n - 1] == ',' ||
	    s[n - 1] == ';' || s[n - 1] == ':'))
		n--;
	if (n == 0)
		return 0;
	return set(r, f, s, n);
}

/* An ident or user, without "[<" ">]" around it. */
static int
set_ident(struct rcvd *r, const char *s, size_t n)
{
	while (n > 0 && (*s == '[' || *s == '<')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ']' || s[n - 1] == '>'))
		n--;
	return n > 0 ? set(r, RCVD_IDENT, s, n) : 0;
}

static int
do_from(struct rcvd_parser *p, struct work *w, struct rcvd *r,
    const char *all, size_t alllen, struct derr *e)
{
	const struct span *sp = &w->cl[C_FROM];
	const struct tok *t, *fw = NULL, *ct = NULL;
	struct cinfo ci, c;
	char wip[64] = "", fip[64] = "";
	const char *fs = NULL, *text, *helo = NULL, *hname = NULL;
	size_t i, fl = 0, textlen, o, n, helolen = 0, hnamelen = 0;
	int rc, g, exim, explicit = 0;

	if (!sp->seen || sp->first >= sp->end)
		return 0;
	t = &w->t[sp->first];
	if (t->type == T_WORD) {
		fw = t;
		fs = w->u + fw->off;
		fl = fw->len;
		while (fl > 1 && fs[fl - 1] == '.')
			fl--;
		if (memchr(fs, '@', fl) != NULL || (fl > 0 && fs[0] == '<')) {
			fw = NULL;	/* a user or an address, no host */
			fs = NULL;
		} else
			(void)rcvd_ip_norm(fs, fl, fip, sizeof(fip));
	}
	memset(&ci, 0, sizeof(ci));
	for (i = sp->first; i < sp->end; i++) {
		t = &w->t[i];
		if (t->type == T_WORD) {
			/* "from host [IP]", "from host - IP" */
			if (t != fw && wip[0] == '\0')
				(void)rcvd_ip_norm(w->u + t->off, t->len, wip,
				    sizeof(wip));
			continue;
		}
		/* A (HELO x) comment names no peer address. */
		text = w->u + t->off + 1;
		textlen = t->len > 1 ? t->len - 1 : 0;
		if (textlen > 0 && text[textlen - 1] == ')')
			textlen--;
		while (textlen > 0 && *text == ' ') {
			text++;
			textlen--;
		}
		if (textlen >= 4 && (strncasecmp(text, "HELO", 4) == 0 ||
		    strncasecmp(text, "EHLO", 4) == 0 ||
		    strncasecmp(text, "LHLO", 4) == 0) &&
		    (textlen == 4 || text[4] == ' '))
			continue;
		if (hname == NULL &&
		    comment_host(text, textlen, &hname, &hnamelen))
			continue;
		comment_info(text, textlen, &c);
		if (c.ident != NULL && ci.ident == NULL && !ci.found) {
			ci.ident = c.ident;
			ci.identlen = c.identlen;
		}
		if (c.found && !ci.found) {
			if (c.ident == NULL) {
				c.ident = ci.ident;
				c.identlen = ci.identlen;
			}
			ci = c;
			ct = t;
		}
	}

	/* Explicit HELO anywhere in the from clause. */
	text = w->u + w->t[sp->first].off;
	t = &w->t[sp->end - 1];
	textlen = t->off + t->len - w->t[sp->first].off;
	if ((rc = re_find(p, RE_HELO, text, textlen, e)) == -1)
		return -1;
	if (rc == 1) {
		explicit = 1;
		for (g = 1; g <= 3; g++)
			if (re_group(p, g, &o, &n)) {
				helo = text + o;
				helolen = n;
				break;
			}
	}

	exim = 0;
	if ((rc = re_find(p, RE_EXIM, all, alllen, e)) == -1)
		return -1;
	exim = rc == 1;

	if (ci.found) {
		if (set(r, RCVD_IP, ci.ip, strlen(ci.ip)) == -1)
			return -1;
		if (ci.bracket && ci.name != NULL) {
			/* from HELO (RDNS [IP]) */
			if (hostlike(ci.name, ci.namelen)) {
				n = ci.namelen;
				while (n > 1 && ci.name[n - 1] == '.')
					n--;
				if (set(r, RCVD_RDNS, ci.name, n) == -1)
					return -1;
			}
			if (!explicit && fw != NULL) {
				helo = fs;
				helolen = fl;
			}
		} else if (ci.bracket) {
			/* from NAME ([IP]...) */
			if (!explicit && !ci.port_in && fw != NULL) {
				helo = fs;
				helolen = fl;
			}
			if (fw != NULL && fip[0] == '\0' && fs[0] != '[' &&
			    (exim || ci.verified || ci.port_after ||
			    (explicit && !ci.port_in)) &&
			    hostlike(fs, fl))
				if (set(r, RCVD_RDNS, fs, fl) == -1)
					return -1;
		} else if (ct != NULL && ct->glued && fw != NULL) {
			/* from RDNS(IP); smap writes "unknown(IP)" */
			if (hostlike(fs, fl) &&
			    set(r, RCVD_RDNS, fs, fl) == -1)
				return -1;
		} else {
			/* from RDNS (HELO h) (ident@IP) */
			if (!explicit && fw != NULL) {
				helo = fs;
				helolen = fl;
			}
			if (fw != NULL && !ci.port_after && fs[0] != '[' &&
			    (hostlike(fs, fl) || fip[0] != '\0'))
				if (set(r, RCVD_RDNS, fs, fl) == -1)
					return -1;
		}
		if (ci.ident != NULL && ci.identlen > 0 &&
		    set_ident(r, ci.ident, ci.identlen) == -1)
			return -1;
	} else {
		if (wip[0] != '\0') {
			if (set(r, RCVD_IP, wip, strlen(wip)) == -1)
				return -1;
			if (!explicit && fw != NULL) {
				helo = fs;
				helolen = fl;
			}
		} else if (fip[0] != '\0') {
			if (set(r, RCVD_IP, fip, strlen(fip)) == -1)
				return -1;
		} else if (!explicit && fw != NULL) {
			helo = fs;
			helolen = fl;
		}
		if (hname != NULL && set(r, RCVD_RDNS, hname, hnamelen) == -1)
			return -1;
		if (ci.ident != NULL && ci.identlen > 0 &&
		    set_ident(r, ci.ident, ci.identlen) == -1)
			return -1;
	}
	/* Webmail: HTTP has no HELO, the word is a host or account name. */
	if (!explicit && r->f[RCVD_WITH] != NULL &&
	    strncmp(r->f[RCVD_WITH], "HTTP", 4) == 0)
		helo = NULL;
	while (helo != NULL && helolen > 0 && *helo == '[' &&
	    helo[1] == '<') {	/* "[<user@host>]" is no HELO */
		helo = NULL;
	}
	if (helo != NULL && helolen > 0 &&
	    set(r, RCVD_HELO, helo, helolen) == -1)
		return -1;
	return 0;
}

/* Unfold into a new string: controls become spaces, runs collapse. */
static char *
unfold(const char *s, size_t len, size_t *outlen)
{
	char *u;
	size_t i, n = 0;
	unsigned char c;

	/* Padding: PCRE2's JIT may read a vector past the end. */
	if ((u = calloc(1, len + 64)) == NULL)
		return NULL;
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f)
			c = ' ';
		if (c == ' ' && (n == 0 || u[n - 1] == ' '))
			continue;
		u[n++] = (char)c;
	}
	while (n > 0 && u[n - 1] == ' ')
		n--;
	u[n] = '\0';
	*outlen = n;
	return u;
}

/* local@domain, both parts non-empty. */
static int
mailbox_like(const char *s, size_t n)
{
	const char *at = memchr(s, '@', n);

	return at != NULL && at > s && at + 1 < s + n;
}

/*
 * Blank each '(' that no ')' closes ("(8.12.2/BASENAME(a.mc):RCS(x)"
 * lacks one), so that the comment does not swallow the clauses and the
 * date after it.  Unmatched ')' are already ignored.
 */
static void
unmatched_parens(char *u, size_t n)
{
	size_t i, pending = 0;

	for (i = n; i > 0; i--) {
		if (u[i - 1] == ')')
			pending++;
		else if (u[i - 1] == '(') {
			if (pending > 0)
				pending--;
			else
				u[i - 1] = ' ';
		}
	}
}

int
rcvd_parse(struct rcvd_parser *p, const char *s, size_t len, struct rcvd *r,
    struct derr *e)
{
	struct work w;
	const char *mark, *d;
	size_t n, i, semi, o, dl, j;
	int depth, rc, g, ret = -1;

	memset(&w, 0, sizeof(w));
	if ((w.u = unfold(s, len, &n)) == NULL)
		goto oom;
	unmatched_parens(w.u, n);
	/* "(from user@host) by ..." (Sendmail submit, NAVGW). */
	if (n > 6 && strncasecmp(w.u, "(from ", 6) == 0) {
		j = comment_end(w.u, 0, n);
		w.u[0] = ' ';
		if (j > 0 && j <= n && w.u[j - 1] == ')')
			w.u[j - 1] = ' ';
	}
	/* The date follows the last ';' outside comments. */
	semi = n;
	for (i = 0, depth = 0; i < n; i++) {
		if (w.u[i] == '(')
			depth++;
		else if (w.u[i] == ')' && depth > 0)
			depth--;
		else if (w.u[i] == ';' && depth == 0)
			semi = i;
	}
	w.n = semi;
	if (semi < n) {
		d = w.u + semi + 1;
		while (*d != '\0' && !isalnum((unsigned char)*d))
			d++;
		if (*d != '\0') {
			if ((r->date_text = strdup(d)) == NULL)
				goto oom;
			r->has_date = time_parse_rfc5322(d, &r->date) == 0 ||
			    time_parse_asctime(d, &r->date) == 0;
		}
	}
	if (tokenize(&w) == -1)
		goto oom;
	clauses(&w);

	if (do_with(&w, r) == -1)
		goto oom;
	if (do_from(p, &w, r, w.u, n, e) == -1)
		goto out;
	if (first_word(&w, &w.cl[C_BY], r, RCVD_BY) == -1 ||
	    first_word(&w, &w.cl[C_ID], r, RCVD_ID) == -1 ||
	    first_word(&w, &w.cl[C_FOR], r, RCVD_FOR) == -1)
		goto oom;
	/* The receiving host is a domain or an address literal (RFC 5321
	   section 4.4, By-domain), never a mailbox. */
	if (r->f[RCVD_BY] != NULL && strchr(r->f[RCVD_BY], '@') != NULL) {
		free(r->f[RCVD_BY]);
		r->f[RCVD_BY] = NULL;
	}
	/* A recipient is an address: "for cypherpunks-outgoing" or
	   "for <@example.org>" name none. */
	if (r->f[RCVD_FOR] != NULL && !mailbox_like(r->f[RCVD_FOR],
	    strlen(r->f[RCVD_FOR]))) {
		free(r->f[RCVD_FOR]);
		r->f[RCVD_FOR] = NULL;
	}
	/* A "for" after the date ("...; date for <x>"). */
	if (r->f[RCVD_FOR] == NULL && r->date_text != NULL &&
	    (d = strstr(r->date_text, " for ")) != NULL) {
		d += 5;
		while (*d == '<' || *d == ' ')
			d++;
		for (dl = 0; d[dl] != '\0' && d[dl] != '>' && d[dl] != ' ' &&
		    d[dl] != ';'; dl++)
			;
		/* "...; date for multiple recipients" (Proxy+) */
		if (mailbox_like(d, dl) && set(r, RCVD_FOR, d, dl) == -1)
			goto oom;
	}
	if (w.from2.seen && w.from2.first < w.from2.end &&
	    w.u[w.t[w.from2.first].off] == '<' &&
	    first_word(&w, &w.from2, r, RCVD_ENVFROM) == -1)
		goto oom;

	/* Patterns over the whole header. */
	if ((rc = re_find(p, RE_ENVFROM, w.u, n, e)) == -1)
		goto out;
	if (rc == 1 && re_group(p, 1, &o, &dl) &&
	    set(r, RCVD_ENVFROM, w.u + o, dl) == -1)
		goto oom;
	if ((rc = re_find(p, RE_IDENT, w.u, w.n, e)) == -1)
		goto out;
	if (rc == 1 && re_group(p, 1, &o, &dl) &&
	    set(r, RCVD_IDENT, w.u + o, dl) == -1)
		goto oom;
	if ((rc = re_find(p, RE_TLS, w.u, n, e)) == -1)
		goto out;
	if (rc == 1)
		for (g = 1; g <= 7; g += 2)
			if (re_group(p, g, &o, &dl)) {
				if (set_tls_version(r, w.u + o, dl) == -1)
					goto oom;
				if (re_group(p, g + 1, &o, &dl) &&
				    !(dl == 5 &&
				    strncasecmp(w.u + o, "OTHER", 5) == 0) &&
				    set(r, RCVD_TLS_CIPHER, w.u + o, dl) == -1)
					goto oom;
				break;
			}
	if ((rc = re_find(p, RE_ENC, w.u, n, e)) == -1)
		goto out;
	if (rc == 1 && re_group(p, 1, &o, &dl) &&
	    set(r, RCVD_TLS_CIPHER, w.u + o, dl) == -1)
		goto oom;
	if ((rc = re_find(p, RE_AUTH, w.u, w.n, e)) == -1)
		goto out;
	if (rc == 1) {
		mark = (const char *)pcre2_get_mark(p->md);
		if (mark != NULL && strcmp(mark, "with") == 0 &&
		    re_group(p, 1, &o, &dl)) {
			if (set(r, RCVD_AUTH, w.u + o, dl) == -1)
				goto oom;
		} else if (mark != NULL &&
		    set(r, RCVD_AUTH, mark, strlen(mark)) == -1)
			goto oom;
	}

	/* Is it a network hand-over at all? */
	if ((rc = re_find(p, RE_LOCAL, w.u, w.n, e)) == -1)
		goto out;
	if (rc == 1) {
		r->local = true;
		r->why = "local";
	}
	if (!r->local) {
		if ((rc = re_find(p, RE_FETCH, w.u, w.n, e)) == -1)
			goto out;
		if (rc == 1) {
			r->local = true;
			r->why = "fetchmail";
		}
	}
	if (!r->local) {
		if ((rc = re_find(p, RE_SCAN, w.u, w.n, e)) == -1)
			goto out;
		if (rc == 1) {
			r->local = true;
			r->why = "scanner";
		}
	}
	if (!r->local && r->f[RCVD_WITH] != NULL &&
	    strcmp(r->f[RCVD_WITH], "Local") == 0) {
		r->local = true;
		r->why = "local";
	}
	if (!r->local && !w.cl[C_FROM].seen) {
		r->local = true;
		r->why = "by-only";
	}
	if (!r->local && r->f[RCVD_IP] == NULL) {
		r->local = true;
		r->why = "no-ip";
	}
	ret = 0;
	goto out;
oom:
	derr_set(e, "received", "out of memory");
out:
	free(w.t);
	free(w.u);
	return ret;
}
