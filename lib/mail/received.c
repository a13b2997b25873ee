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

#include <ctype.h>
#include <pcre2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/ip.h"
#include "core/util.h"
#include "mail/received.h"
#include "mail/received_priv.h"

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
	    "|\\(Authenticated\\s+sender(?::|\\))(*MARK:Postfix)"
	    "|\\(authenticated\\s+as\\s(*MARK:CriticalPath)"
	    "|\\bauthenticated\\s+user\\b(*MARK:HTTP)"
	    "|\\(via\\s+HTTP\\)(*MARK:HTTP)"
	    "|\\bvia\\s+HTTP\\b(*MARK:HTTP)"
	    "|\\bwith\\s+HTTP\\b(*MARK:HTTP)"
	    "|\\(account\\s(*MARK:CommuniGate)"
	    "|\\(AUTH:\\s+\\w+\\s(*MARK:Courier)"
	    "|\\S@\\S+\\s+with\\s+(?:login|plain|cram-md5)\\)(*MARK:Yahoo)"
	    "|\\bwith\\s+(?:local-)?"
	    "(ESMTPS?A|ASMTP|LMTPS?A|UTF8E?SMTPS?A|HTTPU)\\b(*MARK:with)",
	[RE_ENVFROM] = "envelope[- ](?:from|sender)\\s*[:=]?\\s*[<\"]?"
	    "([^\\s<>,;()\"]+@[^\\s<>,;()\"]+)",
	[RE_FETCH] = "\\bfetchmail\\b|\\bwith\\s+[\\w-]+\\s+getmail\\d*\\b"
	    "|\\bwith\\s+(?:POP3?|IMAP4?|IMAPS)\\b",
	[RE_SCAN] = "\\bqmail-scanner\\b|\\bwith\\s+(?:spamassassin|amavis\\w*"
	    "|mailscanner|clamav\\w*|[\\w-]*scann?ed[\\w-]*)\\b",
	[RE_LOCAL] = "\\bmail\\s+pickup\\s+service\\b|^\\(qmail\\s+\\d+\\s"
	    "|\\binvoked\\s+(?:by|for|from)\\b",
	[RE_EXIM] = "\\bExim\\b",
	[RE_IDENT] = "\\bident=([^\\s()]+)",
};

#define LIT(s)	{ s, sizeof(s) - 1 }
static const struct {
	const char	*s;
	size_t		 n;
} lits[L_N] = {
	[L_ELO] = LIT("elo"), [L_HLO] = LIT("hlo"),
	[L_CLAIMING] = LIT("claiming"), [L_TLS] = LIT("tls"),
	[L_SSL] = LIT("ssl"), [L_ENCRYPTED] = LIT("encrypted"),
	[L_AUTH] = LIT("auth"), [L_HTTP] = LIT("http"),
	[L_ACCOUNT] = LIT("account"), [L_ENVELOPE] = LIT("envelope"),
	[L_FETCHMAIL] = LIT("fetchmail"), [L_GETMAIL] = LIT("getmail"),
	[L_POP] = LIT("pop"), [L_IMAP] = LIT("imap"), [L_SCAN] = LIT("scan"),
	[L_SPAMASSASSIN] = LIT("spamassassin"), [L_AMAVIS] = LIT("amavis"),
	[L_CLAMAV] = LIT("clamav"), [L_PICKUP] = LIT("pickup"),
	[L_QMAIL] = LIT("qmail"), [L_INVOKED] = LIT("invoked"),
	[L_EXIM] = LIT("exim"), [L_IDENT] = LIT("ident="),
	[L_FORGED] = LIT("may be forged"), [L_UNVERIFIED] = LIT("unverified"),
	[L_NOTVERIFIED] = LIT("not verified"),
};
#undef LIT

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
	for (i = 0; i < L_N; i++) {
		p->byc[(unsigned char)lits[i].s[0]] |= (uint32_t)1 << i;
		p->by2[(unsigned char)lits[i].s[1]] |= (uint32_t)1 << i;
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
	free(p->buf);
	free(p->t);
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
int
rcvd_re_find(struct rcvd_parser *p, int i, const char *s, size_t len,
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

#define L_UNSET	SIZE_MAX

/* w->first[]: where each literal first starts in w->lc[0..n). */
static void
scan_lits(const struct rcvd_parser *p, struct work *w, size_t n)
{
	const unsigned char *lc = (const unsigned char *)w->lc;
	uint32_t found = 0, m;
	size_t i, k, l;

	for (k = 0; k < L_N; k++)
		w->first[k] = L_UNSET;
	for (i = 0; i < n; i++) {
		/* lc[n] is the NUL: lc[i + 1] is there */
		m = p->byc[lc[i]] & p->by2[lc[i + 1]] & ~found;
		while (m != 0) {
			k = (size_t)__builtin_ctz(m);
			m &= m - 1;
			l = lits[k].n;
			if (l <= n - i && memcmp(lc + i, lits[k].s, l) == 0) {
				w->first[k] = i;
				found |= (uint32_t)1 << k;
			}
		}
	}
}

/* Does w->lc[off..off+len) hold literal k? */
int
rcvd_has(const struct work *w, int k, size_t off, size_t len)
{
	size_t l = lits[k].n;

	if (w->first[k] == L_UNSET || w->first[k] + l > off + len)
		return 0;
	if (w->first[k] >= off)
		return 1;
	return memmem(w->lc + off, len, lits[k].s, l) != NULL;
}

/*
 * "with", blanks, then a word that starts one of RE_AUTH's "with"
 * alternatives: HTTP, login, plain, cram-md5, local-, ESMTPA, ESMTPSA,
 * ASMTP, LMTPA, LMTPSA, UTF8 (HTTPU is HTTP's).  Anything not printable
 * ASCII counts as a blank, so this says 1 wherever \s+ could match.
 */
static int
with_may(const char *lc, size_t n)
{
	static const char *const words[] = { "http", "login", "plain",
		"cram-md5", "local-", "esmtpa", "esmtpsa", "asmtp", "lmtpa",
		"lmtpsa", "utf8" };
	const char *q = lc, *e = lc + n;
	unsigned char c;
	size_t k, l;

	while ((q = memmem(q, (size_t)(e - q), "with", 4)) != NULL) {
		q += 4;
		if (q >= e)
			return 0;
		c = (unsigned char)*q;
		if (!(c <= ' ' || c >= 0x7f))
			continue;
		while (q < e && ((unsigned char)*q <= ' ' ||
		    (unsigned char)*q >= 0x7f))
			q++;
		for (k = 0; k < nitems(words); k++) {
			l = strlen(words[k]);
			if ((size_t)(e - q) >= l && memcmp(q, words[k], l) == 0)
				return 1;
		}
	}
	return 0;
}

/*
 * May pattern i match in w->u[off..off+len)?  Each test is a literal
 * every alternative of the pattern holds (the patterns are caseless), so
 * 0 means no match for certain.
 */
int
rcvd_re_may(const struct work *w, int i, size_t off, size_t len)
{
#define H(k)	rcvd_has(w, (k), off, len)
	switch (i) {
	case RE_HELO:
		return H(L_ELO) || H(L_HLO) || H(L_CLAIMING);
	case RE_TLS:
		return H(L_TLS) || H(L_SSL);
	case RE_ENC:
		return H(L_ENCRYPTED);
	case RE_AUTH:
		return H(L_AUTH) || H(L_HTTP) || H(L_ACCOUNT) ||
		    with_may(w->lc + off, len);
	case RE_ENVFROM:
		return H(L_ENVELOPE);
	case RE_FETCH:
		return H(L_FETCHMAIL) || H(L_GETMAIL) || H(L_POP) || H(L_IMAP);
	case RE_SCAN:
		return H(L_SCAN) || H(L_SPAMASSASSIN) || H(L_AMAVIS) ||
		    H(L_CLAMAV);
	case RE_LOCAL:
		return H(L_PICKUP) || H(L_QMAIL) || H(L_INVOKED);
	case RE_EXIM:
		return H(L_EXIM);
	case RE_IDENT:
		return H(L_IDENT);
	}
#undef H
	return 1;
}

/* rcvd_re_find() over w->u[0..len) when rcvd_re_may() says it may match. */
static int
re_find_w(struct rcvd_parser *p, int i, const struct work *w, size_t len,
    struct derr *e)
{
	if (!rcvd_re_may(w, i, 0, len))
		return 0;
	return rcvd_re_find(p, i, w->u, len, e);
}

/* Capture group g of the last match: returns 1 and sets *o, *n if set. */
int
rcvd_re_group(struct rcvd_parser *p, int g, size_t *o, size_t *n)
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
int
rcvd_set(struct rcvd *r, int f, const char *s, size_t n)
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
	return rcvd_ip_norm_port(s, len, buf, buflen, 0);
}

/*
 * The dotted quad s with each part's leading zeros dropped ("010.001.2.3"
 * becomes "10.1.2.3") into out (16 bytes), for ip_parse().  Old MTAs pad
 * the parts in Received headers and inet_pton() rejects that; the address
 * is the same, so this one rule stays here.  0, or -1 when s is not four
 * parts of one to three digits.
 */
static int
unpad_quad(const char *s, char out[16])
{
	size_t d, o = 0;
	int k;

	for (k = 0; k < 4; k++) {
		if ((d = strspn(s, "0123456789")) == 0 || d > 3)
			return -1;
		while (d > 1 && *s == '0') {
			s++;
			d--;
		}
		memcpy(out + o, s, d);
		o += d;
		s += d;
		if (*s != (k < 3 ? '.' : '\0'))
			return -1;
		out[o++] = *s++;
	}
	return 0;
}

/*
 * rcvd_ip_norm(); port5 also allows "1.2.3.4.5678" unbracketed (a
 * comment's first word, where no version number stands).  The wrapping
 * is Received's; the address itself is core/ip.h's.
 */
int
rcvd_ip_norm_port(const char *s, size_t len, char *buf, size_t buflen,
    int port5)
{
	char t[80], quad[16], *q;
	struct ipaddr a;
	int bracketed;
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
	/* Every address starts with a hex digit or ':' (inet_pton(3)):
	   most words are no address, and cost no copy. */
	if (len == 0 || (!isxdigit((unsigned char)*s) && *s != ':'))
		return 0;
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
	if (strchr(t, ':') != NULL && ip_parse(t, &a) == 0) {
		ip_unmap(&a);		/* ::ffff:1.2.3.4 is 1.2.3.4 */
		return ip_text(&a, buf, buflen) != NULL ? a.af : 0;
	}
	/* IPv4, maybe with ":port" or a fifth ".port" part. */
	if ((q = strchr(t, ':')) != NULL) {
		if (q[1] == '\0' || q[1 + strspn(q + 1, "0123456789")] != '\0')
			return 0;
		*q = '\0';
	}
	if (unpad_quad(t, quad) == -1) {
		/* "[1.2.3.4.5678]": a fifth part is the port. */
		if (!(bracketed || port5) || (q = strrchr(t, '.')) == NULL ||
		    q[1] == '\0' || q[1 + strspn(q + 1, "0123456789")] != '\0')
			return 0;
		*q = '\0';
		if (unpad_quad(t, quad) == -1)
			return 0;
	}
	if (ip_parse(quad, &a) == -1 || ip_text(&a, buf, buflen) == NULL)
		return 0;
	return 4;
}

/*
 * Unfold s into u (len + 64 bytes): controls become spaces, runs
 * collapse; lc (len + 1 bytes) gets u in ASCII lower case.  Returns the
 * length.
 */
static size_t
unfold(const char *s, size_t len, char *u, char *lc)
{
	size_t i, n = 0;
	unsigned char c;

	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c > 0x20 && c != 0x7f) {	/* most bytes */
			lc[n] = (char)(c | ((unsigned)(c - 'A') < 26 ? 0x20 :
			    0));
			u[n++] = (char)c;
		} else if (n > 0 && u[n - 1] != ' ') {	/* one blank */
			lc[n] = ' ';
			u[n++] = ' ';
		}
	}
	while (n > 0 && u[n - 1] == ' ')
		n--;
	lc[n] = '\0';
	/* Padding: PCRE2's JIT may read a vector past the end. */
	memset(u + n, 0, 64);
	return n;
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
unmatched_parens(char *u, char *lc, size_t n)
{
	size_t at[64], k = 0, i, pending = 0;
	const char *q;

	/* the parentheses, found by strpbrk (u ends in a NUL, holds none) */
	for (q = strpbrk(u, "()"); q != NULL && k < nitems(at);
	    q = strpbrk(q + 1, "()"))
		at[k++] = (size_t)(q - u);
	if (q == NULL) {
		while (k > 0) {
			i = at[--k];
			if (u[i] == ')')
				pending++;
			else if (pending > 0)
				pending--;
			else
				u[i] = lc[i] = ' ';
		}
		return;
	}
	/* many: byte by byte */
	for (i = n; i > 0; i--) {
		if (u[i - 1] == ')')
			pending++;
		else if (u[i - 1] == '(') {
			if (pending > 0)
				pending--;
			else
				u[i - 1] = lc[i - 1] = ' ';
		}
	}
}

/*
 * Set field f (unless set) to group 1 of pattern i's match in s[0..len).
 * 0, or -1 on a match error or out of memory (e filled).
 */
static int
re_field(struct rcvd_parser *p, int i, const struct work *w, size_t len,
    struct rcvd *r, int f, struct derr *e)
{
	const char *s = w->u;
	size_t o, n;
	int rc;

	if ((rc = re_find_w(p, i, w, len, e)) == -1)
		return -1;
	if (rc == 1 && rcvd_re_group(p, 1, &o, &n) &&
	    rcvd_set(r, f, s + o, n) == -1) {
		derr_set(e, "received", "out of memory");
		return -1;
	}
	return 0;
}

/* The patterns of hops that are no network hand-over, in order. */
static const struct {
	int		 re;
	const char	*why;
} nonrelay[] = {
	{ RE_LOCAL, "local" }, { RE_FETCH, "fetchmail" }, { RE_SCAN, "scanner" }
};

int
rcvd_parse(struct rcvd_parser *p, const char *s, size_t len, struct rcvd *r,
    struct derr *e)
{
	struct work w;
	const char *mark, *d, *q;
	size_t n, semi, o, dl, j;
	int depth, rc, g, ret = -1;

	memset(&w, 0, sizeof(w));
	w.t = p->t;
	w.capt = p->capt;
	if (p->bufcap < 2 * (len + 64)) {
		free(p->buf);
		p->bufcap = 0;
		if ((p->buf = malloc(2 * (len + 64))) == NULL)
			goto oom;
		p->bufcap = 2 * (len + 64);
	}
	w.u = p->buf;
	w.lc = p->buf + len + 64;
	n = unfold(s, len, w.u, w.lc);
	unmatched_parens(w.u, w.lc, n);
	/* "(from user@host) by ..." (Sendmail submit, NAVGW). */
	if (n > 6 && strncasecmp(w.u, "(from ", 6) == 0) {
		j = rcvd_comment_end(w.u, 0, n);
		w.u[0] = w.lc[0] = ' ';
		if (j > 0 && j <= n && w.u[j - 1] == ')')
			w.u[j - 1] = w.lc[j - 1] = ' ';
	}
	scan_lits(p, &w, n);
	/* The date follows the last ';' outside comments. */
	semi = n;
	depth = 0;
	for (q = strpbrk(w.u, "();"); q != NULL; q = strpbrk(q + 1, "();")) {
		if (*q == '(')
			depth++;
		else if (*q == ')' && depth > 0)
			depth--;
		else if (*q == ';' && depth == 0)
			semi = (size_t)(q - w.u);
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
	if (rcvd_tokenize(&w) == -1)
		goto oom;
	rcvd_clauses(&w);

	if (rcvd_do_with(&w, r) == -1)
		goto oom;
	if (rcvd_do_from(p, &w, r, w.u, n, e) == -1)
		goto out;
	if (rcvd_first_word(&w, &w.cl[C_BY], r, RCVD_BY) == -1 ||
	    rcvd_first_word(&w, &w.cl[C_ID], r, RCVD_ID) == -1 ||
	    rcvd_first_word(&w, &w.cl[C_FOR], r, RCVD_FOR) == -1)
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
		if (mailbox_like(d, dl) && rcvd_set(r, RCVD_FOR, d, dl) == -1)
			goto oom;
	}
	if (w.from2.seen && w.from2.first < w.from2.end &&
	    w.u[w.t[w.from2.first].off] == '<' &&
	    rcvd_first_word(&w, &w.from2, r, RCVD_ENVFROM) == -1)
		goto oom;

	/* Patterns over the whole header. */
	if (re_field(p, RE_ENVFROM, &w, n, r, RCVD_ENVFROM, e) == -1 ||
	    re_field(p, RE_IDENT, &w, w.n, r, RCVD_IDENT, e) == -1)
		goto out;
	if ((rc = re_find_w(p, RE_TLS, &w, n, e)) == -1)
		goto out;
	if (rc == 1)
		for (g = 1; g <= 7; g += 2)
			if (rcvd_re_group(p, g, &o, &dl)) {
				if (rcvd_set_tls_version(r, w.u + o, dl) == -1)
					goto oom;
				if (rcvd_re_group(p, g + 1, &o, &dl) &&
				    !(dl == 5 &&
				    strncasecmp(w.u + o, "OTHER", 5) == 0) &&
				    rcvd_set(r, RCVD_TLS_CIPHER, w.u + o, dl) == -1)
					goto oom;
				break;
			}
	/* After RE_TLS: its cipher comes first. */
	if (re_field(p, RE_ENC, &w, n, r, RCVD_TLS_CIPHER, e) == -1)
		goto out;
	if ((rc = re_find_w(p, RE_AUTH, &w, w.n, e)) == -1)
		goto out;
	if (rc == 1) {
		mark = (const char *)pcre2_get_mark(p->md);
		if (mark != NULL && strcmp(mark, "with") == 0 &&
		    rcvd_re_group(p, 1, &o, &dl)) {
			if (rcvd_set(r, RCVD_AUTH, w.u + o, dl) == -1)
				goto oom;
		} else if (mark != NULL &&
		    rcvd_set(r, RCVD_AUTH, mark, strlen(mark)) == -1)
			goto oom;
	}

	/* Is it a network hand-over at all? */
	for (j = 0; j < nitems(nonrelay) && !r->local; j++) {
		if ((rc = re_find_w(p, nonrelay[j].re, &w, w.n, e)) == -1)
			goto out;
		if (rc == 1) {
			r->local = true;
			r->why = nonrelay[j].why;
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
	p->t = w.t;
	p->capt = w.capt;
	return ret;
}
