/*
 * SPF (RFC 7208) check_host() and a record linter.  See auth/spf.h.
 *
 * A record is parsed whole before anything is evaluated (a syntax error
 * anywhere is a permerror, §4.6), then evaluated term by term.  Limits:
 * 10 DNS-querying terms (include, a, mx, ptr, exists, redirect) over the
 * whole evaluation, which also ends include/redirect loops; 2 void
 * lookups; 10 MX names per mx term; 10 PTR names per ptr term or %{p}.
 */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ldns/ldns.h>

#include "auth/spf.h"
#include "core/deliv.h"
#include "core/util.h"
#include "net/dns.h"
#include "net/ip.h"

#define SPF_MAX_LOOKUPS	10
#define SPF_MAX_VOIDS	2
#define SPF_MAX_NAMES	10	/* MX or PTR names looked at */
#define SPF_LONG_RECORD	450	/* RFC 7208 §3.4: fits a 512-byte answer */
#define SPF_LINT_DEPTH	20
#define SPF_EXPAND_MAX	8192	/* longest macro expansion we build */

enum mech {
	M_ALL, M_INCLUDE, M_A, M_MX, M_PTR, M_IP4, M_IP6, M_EXISTS,
	M_REDIRECT, M_EXP, M_OTHER
};

struct term {
	enum mech	 m;
	char		 qual;		/* + - ~ ? */
	const char	*text;		/* the whole term */
	const char	*arg;		/* domain-spec or address, may be NULL */
	size_t		 arglen;
	int		 cidr4, cidr6;	/* -1: none given */
	struct ipaddr	 net;
};

struct rec {
	char		*buf;		/* a copy, cut into terms */
	struct term	*t;
	size_t		 n;
	const struct term *redirect, *exp;
};

struct ctx {
	struct dns			*dns;
	const struct spf_request	*req;
	struct ipaddr			 ip;
	char				 sender[600];	/* local@domain */
	char				 local[300];
	char				 odomain[300];
	char				 helo[300];
	unsigned			 lookups, voids;
	char				 reason[512];
	char				 mech[256];
	char				*record;	/* the top record */
	char				 pdomain[300];	/* %{p} cache: for */
	char				 pname[256];	/* this domain, this */
};

static const char *const results[] = {
	"none", "neutral", "pass", "fail", "softfail", "temperror", "permerror"
};

const char *
spf_result_str(enum spf_result r)
{
	return (unsigned)r < nitems(results) ? results[r] : "?";
}

/* Addresses */

static bool
ip_in_rr(const struct ipaddr *ip, const ldns_rr *rr, int bits)
{
	const ldns_rdf *f = ldns_rr_rdf(rr, 0);
	struct ipaddr a;

	memset(&a, 0, sizeof(a));
	if (f == NULL)
		return false;
	if (ldns_rdf_get_type(f) == LDNS_RDF_TYPE_A && ldns_rdf_size(f) == 4)
		a.af = 4;
	else if (ldns_rdf_get_type(f) == LDNS_RDF_TYPE_AAAA &&
	    ldns_rdf_size(f) == 16)
		a.af = 6;
	else
		return false;
	memcpy(a.b, ldns_rdf_data(f), ldns_rdf_size(f));
	return ip_in_prefix(ip, &a, bits);
}

/* Names */

/* A usable domain: labels of 1..63 bytes, 253 in all, two labels or more. */
static bool
domain_ok(const char *d, bool multi)
{
	size_t len = strlen(d), l;
	const char *p, *dot;
	int labels = 0;

	if (len > 0 && d[len - 1] == '.')
		len--;
	if (len == 0 || len > 253)
		return false;
	for (p = d; p < d + len; p = dot + 1) {
		dot = memchr(p, '.', (size_t)(d + len - p));
		if (dot == NULL)
			dot = d + len;
		l = (size_t)(dot - p);
		if (l == 0 || l > 63)
			return false;
		labels++;
	}
	return !multi || labels >= 2;
}

static void
strip_dot(char *d)
{
	size_t len = strlen(d);

	if (len > 1 && d[len - 1] == '.')
		d[len - 1] = '\0';
}

/* Is name (a PTR target) the domain or below it?  Case-blind. */
static bool
name_under(const char *name, const char *domain)
{
	size_t n = strlen(name), d = strlen(domain);

	if (n > 0 && name[n - 1] == '.')
		n--;
	if (d > 0 && domain[d - 1] == '.')
		d--;
	if (n < d || strncasecmp(name + n - d, domain, d) != 0)
		return false;
	return n == d || name[n - d - 1] == '.';
}

/* toplabel (RFC 7208 §7.1): alphanumerics and inner dashes, a letter. */
static bool
toplabel_ok(const char *s, size_t len)
{
	bool alpha = false;
	size_t i;

	if (len == 0 || s[0] == '-' || s[len - 1] == '-')
		return false;
	for (i = 0; i < len; i++) {
		if (isalpha((unsigned char)s[i]))
			alpha = true;
		else if (!isdigit((unsigned char)s[i]) && s[i] != '-')
			return false;
	}
	return alpha;
}

/* Macros (§7) */

enum { EXP_DOMAIN, EXP_TEXT };

static int	ptr_validated(struct ctx *, const char *domain, char *out,
		    size_t len);

/* %{i}: the address, IPv6 as dot-separated nibbles (§7.3); %{c}: text. */
static void
ip_macro_text(const struct ipaddr *ip, bool nibbles, char *buf, size_t len)
{
	if ((nibbles ? ip_nibbles(ip, buf, len) : ip_text(ip, buf, len)) ==
	    NULL)
		buf[0] = '\0';
}

/* The value of one macro letter, or -1 for a letter not allowed here. */
static int
macro_value(struct ctx *c, const char *domain, int letter, int mode,
    char *buf, size_t len)
{
	switch (tolower(letter)) {
	case 's':
		snprintf(buf, len, "%s", c->sender);
		return 0;
	case 'l':
		snprintf(buf, len, "%s", c->local);
		return 0;
	case 'o':
		snprintf(buf, len, "%s", c->odomain);
		return 0;
	case 'd':
		snprintf(buf, len, "%s", domain);
		return 0;
	case 'i':
		ip_macro_text(&c->ip, true, buf, len);
		return 0;
	case 'p':
		return ptr_validated(c, domain, buf, len);
	case 'v':
		snprintf(buf, len, "%s", c->ip.af == 4 ? "in-addr" : "ip6");
		return 0;
	case 'h':
		snprintf(buf, len, "%s", c->helo);
		return 0;
	case 'c':
		if (mode != EXP_TEXT)
			return -1;
		ip_macro_text(&c->ip, false, buf, len);
		return 0;
	case 'r':
		if (mode != EXP_TEXT)
			return -1;
		snprintf(buf, len, "%s", c->req->receiver ? c->req->receiver :
		    "unknown");
		return 0;
	case 't':
		if (mode != EXP_TEXT)
			return -1;
		snprintf(buf, len, "%lld", c->req->now);
		return 0;
	}
	return -1;
}

static int
url_escape(struct sbuf *out, const char *s, size_t len)
{
	size_t i;
	unsigned char ch;

	for (i = 0; i < len; i++) {
		ch = (unsigned char)s[i];
		if (isalnum(ch) || ch == '-' || ch == '.' || ch == '_' ||
		    ch == '~') {
			if (sbuf_addc(out, (char)ch) == -1)
				return -1;
		} else if (sbuf_printf(out, "%%%02X", ch) == -1)
			return -1;
	}
	return 0;
}

/*
 * Apply the transformers: split value at delims, reverse, keep the
 * rightmost keep parts (0: all), join with dots.
 */
static int
transform(struct sbuf *out, const char *value, long keep, bool rev,
    const char *delims, bool upper)
{
	const char *parts[1100], *p;	/* a value is under 1024 bytes */
	size_t plen[1100], n = 0, i, first;
	struct sbuf tmp = { 0 };
	int rc = 0;

	for (p = value;; ) {
		size_t l = strcspn(p, delims);

		if (n < nitems(parts)) {
			parts[n] = p;
			plen[n++] = l;
		}
		if (p[l] == '\0')
			break;
		p += l + 1;
	}
	if (rev)
		for (i = 0; i < n / 2; i++) {
			const char *tp = parts[i];
			size_t tl = plen[i];

			parts[i] = parts[n - 1 - i];
			plen[i] = plen[n - 1 - i];
			parts[n - 1 - i] = tp;
			plen[n - 1 - i] = tl;
		}
	first = keep > 0 && (size_t)keep < n ? n - (size_t)keep : 0;
	for (i = first; i < n; i++)
		if ((i > first && sbuf_addc(&tmp, '.') == -1) ||
		    sbuf_add(&tmp, parts[i], plen[i]) == -1)
			rc = -1;
	if (rc == 0 && tmp.len > 0)
		rc = upper ? url_escape(out, tmp.s, tmp.len) :
		    sbuf_add(out, tmp.s, tmp.len);
	sbuf_free(&tmp);
	return rc;
}

/*
 * Expand (or, with c NULL, only check) the macro-string s[0..len).
 * EXP_TEXT also allows c, r, t and spaces.  Returns 0, or -1 with why.
 */
static int
expand(struct ctx *c, const char *domain, const char *s, size_t len,
    int mode, struct sbuf *out, const char **why)
{
	char value[1024], delims[16];
	const char *p = s, *end = s + len;
	size_t nd;
	long keep;
	bool rev;
	int letter;

	while (p < end) {
		unsigned char ch = (unsigned char)*p;

		if (out != NULL && out->len > SPF_EXPAND_MAX) {
			*why = "a macro expansion over 8192 bytes";
			return -1;
		}
		if (ch != '%') {
			if (ch < 0x21 || ch > 0x7e) {
				if (!(mode == EXP_TEXT && ch == ' ')) {
					*why = "a character not allowed in "
					    "a macro-string";
					return -1;
				}
			}
			if (out != NULL && sbuf_addc(out, (char)ch) == -1)
				goto nomem;
			p++;
			continue;
		}
		if (++p == end) {
			*why = "'%' at the end";
			return -1;
		}
		switch (*p) {
		case '%':
		case '_':
		case '-':
			if (out != NULL && sbuf_adds(out, *p == '%' ? "%" :
			    *p == '_' ? " " : "%20") == -1)
				goto nomem;
			p++;
			continue;
		case '{':
			break;
		default:
			*why = "'%' not followed by {, %, _ or -";
			return -1;
		}
		p++;
		if (p == end || !isalpha((unsigned char)*p) ||
		    strchr("slodipvhcrtSLODIPVHCRT", *p) == NULL) {
			*why = "an unknown macro letter";
			return -1;
		}
		letter = (unsigned char)*p++;
		if (mode != EXP_TEXT && strchr("crtCRT", letter) != NULL) {
			*why = "%{c}, %{r} and %{t} are for exp= text only";
			return -1;
		}
		keep = 0;
		if (p < end && isdigit((unsigned char)*p)) {
			while (p < end && isdigit((unsigned char)*p)) {
				if (keep < 100000)
					keep = keep * 10 + (*p - '0');
				p++;
			}
			if (keep == 0) {
				*why = "a macro keeping zero labels";
				return -1;
			}
		}
		rev = false;
		if (p < end && (*p == 'r' || *p == 'R')) {
			rev = true;
			p++;
		}
		nd = 0;
		while (p < end && strchr(".-+,/_=", *p) != NULL && *p != '\0') {
			if (nd < sizeof(delims) - 1)
				delims[nd++] = *p;
			p++;
		}
		delims[nd] = '\0';
		if (nd == 0)
			strcpy(delims, ".");
		if (p == end || *p != '}') {
			*why = "an unterminated macro";
			return -1;
		}
		p++;
		if (c == NULL)
			continue;
		if (macro_value(c, domain, letter, mode, value,
		    sizeof(value)) == -1) {
			*why = "a macro letter not allowed here";
			return -1;
		}
		if (transform(out, value, keep, rev, delims,
		    isupper(letter)) == -1)
			goto nomem;
	}
	return 0;
nomem:
	*why = "out of memory";
	return -1;
}

/* Check a domain-spec's syntax: a macro-string with a proper end. */
static int
domain_spec_ok(const char *s, size_t len, const char **why)
{
	const char *dot, *end;
	size_t l;

	if (len == 0) {
		*why = "an empty domain-spec";
		return -1;
	}
	if (expand(NULL, NULL, s, len, EXP_DOMAIN, NULL, why) == -1)
		return -1;
	/* domain-end: a macro-expand, or "." toplabel ["."] */
	if (s[len - 1] == '}' || (len >= 2 && s[len - 2] == '%' &&
	    strchr("%_-", s[len - 1]) != NULL)) {
		/* "%%" is a literal, not an expand, but allowed by grammar */
		return 0;
	}
	end = s + len;
	if (end[-1] == '.')
		end--;
	for (dot = end; dot > s && dot[-1] != '.'; dot--)
		;
	l = (size_t)(end - dot);
	if (dot == s || !toplabel_ok(dot, l)) {
		*why = "a domain-spec not ending in a top-level label";
		return -1;
	}
	return 0;
}

/*
 * Expand a domain-spec for a query: longer than 253 bytes, labels are
 * dropped from the left (§7.3).  Returns 0 with the name in buf, 1 when
 * the result is not a usable name, -1 on a macro error.
 */
static int
target(struct ctx *c, const char *domain, const struct term *t, char *buf,
    size_t len, const char **why)
{
	struct sbuf sb = { 0 };
	const char *p;

	if (t->arg == NULL || t->arglen == 0) {
		snprintf(buf, len, "%s", domain);
		return 0;
	}
	if (expand(c, domain, t->arg, t->arglen, EXP_DOMAIN, &sb, why) ==
	    -1) {
		sbuf_free(&sb);
		return -1;
	}
	p = sb.s ? sb.s : "";
	while (strlen(p) > 253 && strchr(p, '.') != NULL)
		p = strchr(p, '.') + 1;
	snprintf(buf, len, "%s", p);
	sbuf_free(&sb);
	strip_dot(buf);
	return domain_ok(buf, false) ? 0 : 1;
}

/* Parsing (§4.6, §12) */

static int
cidr_parse(const char *s, size_t len, int max)
{
	int v = 0;
	size_t i;

	if (len == 0 || len > 3 || (len > 1 && s[0] == '0'))
		return -1;
	for (i = 0; i < len; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v <= max ? v : -1;
}

/* Take "/N" and "//M" off the end of arg[0..*len). */
static int
dual_cidr(const char *arg, size_t *len, struct term *t, const char **why)
{
	size_t l = *len, i;

	for (i = l; i > 0 && isdigit((unsigned char)arg[i - 1]); i--)
		;
	if (i >= 2 && i < l + 1 && arg[i - 1] == '/' && arg[i - 2] == '/') {
		if ((t->cidr6 = cidr_parse(arg + i, l - i, 128)) == -1)
			goto bad;
		l = i - 2;
		for (i = l; i > 0 && isdigit((unsigned char)arg[i - 1]); i--)
			;
	}
	if (i >= 1 && arg[i - 1] == '/') {
		if ((t->cidr4 = cidr_parse(arg + i, l - i, 32)) == -1)
			goto bad;
		l = i - 1;
	}
	*len = l;
	return 0;
bad:
	*why = "a bad CIDR length";
	return -1;
}

static int
term_parse(char *s, struct term *t, struct rec *r, struct derr *e)
{
	static const struct {
		const char	*name;
		enum mech	 m;
	} mechs[] = {
		{ "all", M_ALL }, { "include", M_INCLUDE }, { "a", M_A },
		{ "mx", M_MX }, { "ptr", M_PTR }, { "ip4", M_IP4 },
		{ "ip6", M_IP6 }, { "exists", M_EXISTS }
	};
	const char *why = NULL, *p;
	size_t i, nl, l;
	char *eq;

	memset(t, 0, sizeof(*t));
	t->text = s;
	t->cidr4 = t->cidr6 = -1;
	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p < 0x21 || (unsigned char)*p > 0x7e) {
			why = "a character outside printable ASCII";
			goto bad;
		}
	/* A modifier: name "=" macro-string. */
	if ((eq = strchr(s, '=')) != NULL && isalpha((unsigned char)*s) &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789-_.") == (size_t)(eq - s)) {
		nl = (size_t)(eq - s);
		t->arg = eq + 1;
		t->arglen = strlen(eq + 1);
		if (nl == 8 && strncasecmp(s, "redirect", 8) == 0)
			t->m = M_REDIRECT;
		else if (nl == 3 && strncasecmp(s, "exp", 3) == 0)
			t->m = M_EXP;
		else
			t->m = M_OTHER;
		if (t->m == M_OTHER) {
			if (expand(NULL, NULL, t->arg, t->arglen, EXP_DOMAIN,
			    NULL, &why) == -1)
				goto bad;
			return 0;
		}
		if (domain_spec_ok(t->arg, t->arglen, &why) == -1)
			goto bad;
		if (t->m == M_REDIRECT) {
			if (r->redirect != NULL) {
				why = "a second redirect=";
				goto bad;
			}
			r->redirect = t;
		} else {
			if (r->exp != NULL) {
				why = "a second exp=";
				goto bad;
			}
			r->exp = t;
		}
		return 0;
	}
	t->qual = '+';
	if (strchr("+-~?", *s) != NULL && *s != '\0')
		t->qual = *s++;
	nl = strcspn(s, ":/");
	for (i = 0; i < nitems(mechs); i++)
		if (strlen(mechs[i].name) == nl &&
		    strncasecmp(s, mechs[i].name, nl) == 0)
			break;
	if (i == nitems(mechs)) {
		why = "an unknown mechanism";
		goto bad;
	}
	t->m = mechs[i].m;
	p = s + nl;
	l = strlen(p);
	switch (t->m) {
	case M_ALL:
		if (l != 0) {
			why = "all takes no argument";
			goto bad;
		}
		break;
	case M_INCLUDE:
	case M_EXISTS:
		if (*p != ':') {
			why = "a domain-spec is required";
			goto bad;
		}
		t->arg = p + 1;
		t->arglen = l - 1;
		if (domain_spec_ok(t->arg, t->arglen, &why) == -1)
			goto bad;
		break;
	case M_A:
	case M_MX:
	case M_PTR:
		if (t->m != M_PTR && dual_cidr(p, &l, t, &why) == -1)
			goto bad;
		if (l == 0)
			break;
		if (*p != ':') {
			why = "unexpected text after the mechanism";
			goto bad;
		}
		t->arg = p + 1;
		t->arglen = l - 1;
		if (domain_spec_ok(t->arg, t->arglen, &why) == -1)
			goto bad;
		break;
	case M_IP4:
	case M_IP6:
		if (*p != ':') {
			why = "an address is required";
			goto bad;
		}
		p++;
		l--;
		t->arg = p;
		if ((eq = memchr(p, '/', l)) != NULL) {
			t->arglen = (size_t)(eq - p);
			if ((t->cidr4 = cidr_parse(eq + 1, l - t->arglen - 1,
			    t->m == M_IP4 ? 32 : 128)) == -1) {
				why = "a bad CIDR length";
				goto bad;
			}
		} else {
			t->arglen = l;
			t->cidr4 = t->m == M_IP4 ? 32 : 128;
		}
		if (ip_parse_n(p, t->arglen, &t->net) == -1 ||
		    t->net.af != (t->m == M_IP4 ? 4 : 6)) {
			why = t->m == M_IP4 ? "not an IPv4 address" :
			    "not an IPv6 address";
			goto bad;
		}
		break;
	default:
		break;
	}
	return 0;
bad:
	derr_set(e, t->text, "%s", why);
	return -1;
}

static void
rec_free(struct rec *r)
{
	free(r->buf);
	free(r->t);
	memset(r, 0, sizeof(*r));
}

/* Is s an SPF record (§4.5: "v=spf1" then a space or the end)? */
static bool
is_spf(const char *s)
{
	return strncasecmp(s, "v=spf1", 6) == 0 && (s[6] == ' ' ||
	    s[6] == '\0');
}

static int
rec_parse(const char *record, struct rec *r, struct derr *e)
{
	size_t cap;
	char *p, *sp;

	memset(r, 0, sizeof(*r));
	if (!is_spf(record)) {
		derr_set(e, "record", "not a v=spf1 record");
		return -1;
	}
	if ((r->buf = strdup(record + 6)) == NULL) {
		derr_set(e, "record", "%s", strerror(errno));
		return -1;
	}
	for (cap = 1, p = r->buf; *p != '\0'; p++)
		if (*p == ' ')
			cap++;
	if ((r->t = calloc(cap, sizeof(*r->t))) == NULL) {
		derr_set(e, "record", "%s", strerror(errno));
		rec_free(r);
		return -1;
	}
	for (p = r->buf; p != NULL; p = sp) {
		if ((sp = strchr(p, ' ')) != NULL)
			*sp++ = '\0';
		if (*p == '\0')
			continue;
		if (term_parse(p, &r->t[r->n], r, e) == -1) {
			rec_free(r);
			return -1;
		}
		r->n++;
	}
	return 0;
}

int
spf_syntax(const char *record, struct derr *e)
{
	struct rec r;

	if (rec_parse(record, &r, e) == -1)
		return -1;
	rec_free(&r);
	return 0;
}

/* DNS */

enum spf_result
spf_record(struct dns *d, const char *domain, char **record, struct derr *e)
{
	char **txt;
	size_t n, i, found = 0, which = 0;
	enum dns_result r;

	*record = NULL;
	r = dns_txt(d, domain, &txt, &n, e);
	if (r == DNS_TEMPERROR)
		return SPF_TEMPERROR;
	if (r != DNS_ANSWER) {
		derr_set(e, domain, "no SPF record (%s)", r == DNS_NXDOMAIN ?
		    "no such domain" : "no TXT record");
		return SPF_NONE;
	}
	for (i = 0; i < n; i++)
		if (is_spf(txt[i])) {
			found++;
			which = i;
		}
	if (found == 0) {
		dns_txt_free(txt);
		derr_set(e, domain, "no v=spf1 record among %zu TXT", n);
		return SPF_NONE;
	}
	if (found > 1) {
		dns_txt_free(txt);
		derr_set(e, domain, "%zu v=spf1 records", found);
		return SPF_PERMERROR;
	}
	*record = txt[which];
	txt[which] = txt[n - 1];
	txt[n - 1] = NULL;
	dns_txt_free(txt);
	return SPF_PASS;
}

/* Query for the client's address family; count a void lookup. */
static enum dns_result
addr_query(struct ctx *c, const char *name, int af, ldns_rr_list **rrs,
    bool count_void)
{
	struct derr e;
	enum dns_result r;

	r = dns_query(c->dns, name, af == 4 ? LDNS_RR_TYPE_A :
	    LDNS_RR_TYPE_AAAA, rrs, &e);
	if (r == DNS_TEMPERROR)
		snprintf(c->reason, sizeof(c->reason), "%.200s: %.300s", e.where,
		    e.what);
	if (count_void && (r == DNS_NXDOMAIN || r == DNS_NODATA))
		c->voids++;
	return r;
}

static char *
rdf_name(const ldns_rdf *f, char *buf, size_t len)
{
	char *s = ldns_rdf2str(f);

	snprintf(buf, len, "%s", s ? s : "");
	free(s);
	strip_dot(buf);
	return buf;
}

/* The PTR names of the client (at most 10), or NULL. */
static ldns_rr_list *
ptr_names(struct ctx *c, enum dns_result *res)
{
	ldns_rr_list *rrs = NULL;
	struct derr e;
	char s[300];

	if (ip_reverse(&c->ip, c->ip.af == 4 ? "in-addr.arpa." : "ip6.arpa.",
	    s, sizeof(s)) == -1) {
		*res = DNS_TEMPERROR;
		return NULL;
	}
	*res = dns_query(c->dns, s, LDNS_RR_TYPE_PTR, &rrs, &e);
	return rrs;
}

/*
 * Validated names (§5.5): each PTR name whose address records hold the
 * client.  Calls f for each; stops when f returns true.
 */
static bool
ptr_walk(struct ctx *c, ldns_rr_list *names,
    bool (*f)(const char *, void *), void *arg)
{
	ldns_rr_list *addrs;
	char name[256];
	size_t i, j, n;

	n = ldns_rr_list_rr_count(names);
	if (n > SPF_MAX_NAMES)
		n = SPF_MAX_NAMES;
	for (i = 0; i < n; i++) {
		rdf_name(ldns_rr_rdf(ldns_rr_list_rr(names, i), 0), name,
		    sizeof(name));
		if (addr_query(c, name, c->ip.af, &addrs, false) !=
		    DNS_ANSWER)
			continue;	/* errors skip the name (§5.5) */
		for (j = 0; j < ldns_rr_list_rr_count(addrs); j++)
			if (ip_in_rr(&c->ip, ldns_rr_list_rr(addrs, j),
			    c->ip.af == 4 ? 32 : 128))
				break;
		if (j < ldns_rr_list_rr_count(addrs) && f(name, arg)) {
			ldns_rr_list_deep_free(addrs);
			return true;
		}
		ldns_rr_list_deep_free(addrs);
	}
	return false;
}

struct pick {
	const char	*domain;
	char		 exact[256], sub[256], any[256];
};

static bool
pick_name(const char *name, void *arg)
{
	struct pick *p = arg;

	if (strcasecmp(name, p->domain) == 0) {
		snprintf(p->exact, sizeof(p->exact), "%s", name);
		return true;
	}
	if (*p->sub == '\0' && name_under(name, p->domain))
		snprintf(p->sub, sizeof(p->sub), "%s", name);
	if (*p->any == '\0')
		snprintf(p->any, sizeof(p->any), "%s", name);
	return false;
}

/* %{p}: the validated name, preferring domain, then below it. */
static int
ptr_validated(struct ctx *c, const char *domain, char *out, size_t len)
{
	struct pick p;
	ldns_rr_list *names;
	enum dns_result r;

	if (*c->pdomain != '\0' && strcmp(c->pdomain, domain) == 0) {
		snprintf(out, len, "%s", c->pname);
		return 0;
	}
	memset(&p, 0, sizeof(p));
	p.domain = domain;
	names = ptr_names(c, &r);
	if (names != NULL) {
		ptr_walk(c, names, pick_name, &p);
		ldns_rr_list_deep_free(names);
	}
	snprintf(c->pname, sizeof(c->pname), "%s", *p.exact ? p.exact :
	    *p.sub ? p.sub : *p.any ? p.any : "unknown");
	snprintf(c->pdomain, sizeof(c->pdomain), "%s", domain);
	snprintf(out, len, "%s", c->pname);
	return 0;
}

static bool
match_under(const char *name, void *arg)
{
	return name_under(name, arg);
}

/* Evaluation (§4.6, §5) */

static enum spf_result check_host(struct ctx *, const char *domain,
		    int depth, char **exp);

enum match { NOMATCH, MATCH, TEMP, PERM };

static enum match
perm(struct ctx *c, const struct term *t, const char *why)
{
	snprintf(c->reason, sizeof(c->reason), "%.200s: %.300s", t->text, why);
	return PERM;
}

static enum match
count_lookup(struct ctx *c, const struct term *t)
{
	if (++c->lookups > SPF_MAX_LOOKUPS)
		return perm(c, t, "more than 10 DNS-querying terms");
	return NOMATCH;
}

static enum match
void_check(struct ctx *c, const struct term *t)
{
	if (c->voids > SPF_MAX_VOIDS)
		return perm(c, t, "more than 2 void lookups");
	return NOMATCH;
}

static enum match
match_addrs(struct ctx *c, const struct term *t, const char *name,
    bool count_void)
{
	ldns_rr_list *rrs;
	enum dns_result r;
	size_t i;
	int bits;

	bits = c->ip.af == 4 ? (t->cidr4 >= 0 ? t->cidr4 : 32) :
	    (t->cidr6 >= 0 ? t->cidr6 : 128);
	r = addr_query(c, name, c->ip.af, &rrs, count_void);
	if (r == DNS_TEMPERROR)
		return TEMP;
	if (r != DNS_ANSWER)
		return count_void ? void_check(c, t) : NOMATCH;
	for (i = 0; i < ldns_rr_list_rr_count(rrs); i++)
		if (ip_in_rr(&c->ip, ldns_rr_list_rr(rrs, i), bits))
			break;
	r = i < ldns_rr_list_rr_count(rrs) ? DNS_ANSWER : DNS_NODATA;
	ldns_rr_list_deep_free(rrs);
	return r == DNS_ANSWER ? MATCH : NOMATCH;
}

static enum match
eval_term(struct ctx *c, const char *domain, const struct term *t,
    int depth)
{
	ldns_rr_list *rrs;
	struct derr e;
	enum dns_result r;
	enum spf_result sr;
	enum match m;
	char name[300], mx[256];
	const char *why = NULL;
	size_t i, n;
	int rc;

	switch (t->m) {
	case M_ALL:
		return MATCH;
	case M_IP4:
	case M_IP6:
		return ip_in_prefix(&c->ip, &t->net, t->cidr4) ? MATCH : NOMATCH;
	default:
		break;
	}
	if ((m = count_lookup(c, t)) != NOMATCH)
		return m;
	if ((rc = target(c, domain, t, name, sizeof(name), &why)) == -1)
		return perm(c, t, why);
	if (rc == 1)
		return NOMATCH;		/* not a usable name: no match */
	switch (t->m) {
	case M_A:
		return match_addrs(c, t, name, true);
	case M_EXISTS:
		r = dns_query(c->dns, name, LDNS_RR_TYPE_A, &rrs, &e);
		ldns_rr_list_deep_free(rrs);
		if (r == DNS_TEMPERROR) {
			snprintf(c->reason, sizeof(c->reason), "%.200s: %.300s",
			    e.where, e.what);
			return TEMP;
		}
		if (r == DNS_ANSWER)
			return MATCH;
		c->voids++;
		return void_check(c, t);
	case M_MX:
		r = dns_query(c->dns, name, LDNS_RR_TYPE_MX, &rrs, &e);
		if (r == DNS_TEMPERROR) {
			snprintf(c->reason, sizeof(c->reason), "%.200s: %.300s",
			    e.where, e.what);
			return TEMP;
		}
		if (r != DNS_ANSWER) {
			c->voids++;
			return void_check(c, t);
		}
		n = ldns_rr_list_rr_count(rrs);
		if (n > SPF_MAX_NAMES) {
			ldns_rr_list_deep_free(rrs);
			return perm(c, t, "more than 10 MX names");
		}
		m = NOMATCH;
		for (i = 0; i < n && m == NOMATCH; i++) {
			rdf_name(ldns_rr_rdf(ldns_rr_list_rr(rrs, i), 1), mx,
			    sizeof(mx));
			if (*mx == '\0' || strcmp(mx, ".") == 0)
				continue;	/* null MX (RFC 7505) */
			m = match_addrs(c, t, mx, false);
		}
		ldns_rr_list_deep_free(rrs);
		return m;
	case M_PTR:
		rrs = ptr_names(c, &r);
		if (r == DNS_NXDOMAIN || r == DNS_NODATA) {
			c->voids++;
			return void_check(c, t);
		}
		if (rrs == NULL)
			return NOMATCH;	/* errors: no match (§5.5) */
		m = ptr_walk(c, rrs, match_under, name) ? MATCH : NOMATCH;
		ldns_rr_list_deep_free(rrs);
		return m;
	case M_INCLUDE:
		sr = check_host(c, name, depth + 1, NULL);
		switch (sr) {
		case SPF_PASS:
			return MATCH;
		case SPF_FAIL:
		case SPF_SOFTFAIL:
		case SPF_NEUTRAL:
			return NOMATCH;
		case SPF_TEMPERROR:
			return TEMP;
		case SPF_NONE:
			return perm(c, t, "the included domain has no SPF "
			    "record");
		default:
			return PERM;
		}
	default:
		return NOMATCH;
	}
}

/* The exp= text, expanded; NULL when there is none to use (§6.2). */
static char *
explain(struct ctx *c, const char *domain, const struct term *t)
{
	struct sbuf sb = { 0 };
	struct derr e;
	char name[300], **txt;
	const char *why;
	size_t n;

	if (t == NULL || target(c, domain, t, name, sizeof(name), &why) != 0)
		return NULL;
	if (dns_txt(c->dns, name, &txt, &n, &e) != DNS_ANSWER)
		return NULL;
	if (n == 1 && expand(c, domain, txt[0], strlen(txt[0]), EXP_TEXT,
	    &sb, &why) == 0 && sb.s != NULL) {
		dns_txt_free(txt);
		return sb.s;
	}
	dns_txt_free(txt);
	sbuf_free(&sb);
	return NULL;
}

static enum spf_result
qual_result(char q)
{
	switch (q) {
	case '-':
		return SPF_FAIL;
	case '~':
		return SPF_SOFTFAIL;
	case '?':
		return SPF_NEUTRAL;
	default:
		return SPF_PASS;
	}
}

/*
 * check_host() for domain.  exp (may be NULL) receives the explanation
 * of a fail decided by this record or its redirect.
 */
static enum spf_result
check_host(struct ctx *c, const char *domain0, int depth, char **exp)
{
	struct rec rec;
	struct derr e;
	enum spf_result r;
	enum match m = NOMATCH;
	const struct term *t = NULL;
	char domain[300], *record, name[300];
	const char *why = NULL;
	size_t i;
	int rc;

	snprintf(domain, sizeof(domain), "%s", domain0);
	strip_dot(domain);
	if (!domain_ok(domain, true)) {
		snprintf(c->reason, sizeof(c->reason), "%s: not a domain name",
		    domain);
		return SPF_NONE;
	}
	r = spf_record(c->dns, domain, &record, &e);
	if (r != SPF_PASS) {
		snprintf(c->reason, sizeof(c->reason), "%.200s: %.300s", e.where,
		    e.what);
		return r;
	}
	if (depth == 0 && c->record == NULL)
		c->record = strdup(record);
	if (rec_parse(record, &rec, &e) == -1) {
		snprintf(c->reason, sizeof(c->reason), "%.200s: %.100s: %.200s",
		    domain, e.where, e.what);
		free(record);
		return SPF_PERMERROR;
	}
	for (i = 0; i < rec.n; i++) {
		t = &rec.t[i];
		if (t->m == M_REDIRECT || t->m == M_EXP || t->m == M_OTHER)
			continue;
		if ((m = eval_term(c, domain, t, depth)) != NOMATCH)
			break;
	}
	if (m == MATCH) {
		r = qual_result(t->qual);
		if (depth == 0)
			snprintf(c->mech, sizeof(c->mech), "%s", t->text);
		if (r == SPF_FAIL && exp != NULL)
			*exp = explain(c, domain, rec.exp);
	} else if (m == TEMP) {
		r = SPF_TEMPERROR;
	} else if (m == PERM) {
		r = SPF_PERMERROR;
	} else if (rec.redirect != NULL) {
		t = rec.redirect;
		if (depth == 0)
			snprintf(c->mech, sizeof(c->mech), "%s", t->text);
		if (count_lookup(c, t) == PERM)
			r = SPF_PERMERROR;
		else if ((rc = target(c, domain, t, name, sizeof(name),
		    &why)) == -1) {
			perm(c, t, why);
			r = SPF_PERMERROR;
		} else if (rc == 1) {
			perm(c, t, "not a domain name");
			r = SPF_PERMERROR;
		} else {
			r = check_host(c, name, depth + 1, exp);
			if (r == SPF_NONE) {
				perm(c, t, "the target has no SPF record");
				r = SPF_PERMERROR;
			}
		}
	} else {
		r = SPF_NEUTRAL;
		if (depth == 0)
			snprintf(c->mech, sizeof(c->mech), "default");
	}
	rec_free(&rec);
	free(record);
	return r;
}

enum spf_result
spf_check(struct dns *d, const struct spf_request *req, struct spf_answer *a)
{
	struct ctx *c;
	struct sbuf sb = { 0 };
	const char *at, *domain, *why;
	enum spf_result r;

	memset(a, 0, sizeof(*a));
	if ((c = calloc(1, sizeof(*c))) == NULL) {
		a->result = SPF_TEMPERROR;
		snprintf(a->reason, sizeof(a->reason), "%s", strerror(errno));
		return a->result;
	}
	c->dns = d;
	c->req = req;
	snprintf(c->helo, sizeof(c->helo), "%s", req->helo ? req->helo : "");
	if (req->sender != NULL && *req->sender != '\0') {
		if ((at = strrchr(req->sender, '@')) != NULL) {
			snprintf(c->local, sizeof(c->local), "%.*s",
			    (int)(at - req->sender), req->sender);
			snprintf(c->odomain, sizeof(c->odomain), "%s", at + 1);
		} else
			snprintf(c->odomain, sizeof(c->odomain), "%s",
			    req->sender);
		if (*c->local == '\0')
			snprintf(c->local, sizeof(c->local), "postmaster");
	} else {
		snprintf(c->local, sizeof(c->local), "postmaster");
		snprintf(c->odomain, sizeof(c->odomain), "%s", c->helo);
	}
	snprintf(c->sender, sizeof(c->sender), "%s@%s", c->local, c->odomain);
	domain = req->domain ? req->domain : c->odomain;
	snprintf(a->domain, sizeof(a->domain), "%.255s", domain);
	strip_dot(a->domain);
	if (req->ip == NULL || ip_parse(req->ip, &c->ip) ==
	    -1) {
		a->result = SPF_PERMERROR;
		snprintf(a->reason, sizeof(a->reason), "%s: not an IP address",
		    req->ip ? req->ip : "(none)");
		free(c);
		return a->result;
	}
	ip_unmap(&c->ip);
	r = check_host(c, a->domain, 0, &a->explanation);
	if (r == SPF_FAIL && a->explanation == NULL &&
	    req->default_exp != NULL &&
	    expand(c, a->domain, req->default_exp, strlen(req->default_exp),
	    EXP_TEXT, &sb, &why) == 0)
		a->explanation = sb.s;
	else
		sbuf_free(&sb);
	if (r == SPF_PERMERROR || r == SPF_TEMPERROR || r == SPF_NONE)
		snprintf(a->reason, sizeof(a->reason), "%s", c->reason);
	a->record = c->record;
	snprintf(a->mechanism, sizeof(a->mechanism), "%s", c->mech);
	a->lookups = c->lookups;
	a->voids = c->voids;
	a->result = r;
	free(c);
	return r;
}

void
spf_answer_free(struct spf_answer *a)
{
	free(a->record);
	free(a->explanation);
	a->record = a->explanation = NULL;
}

/* Linter */

struct lint {
	struct dns	*dns;
	struct spf_lint	*l;
	const char	*stack[SPF_LINT_DEPTH];
	int		 depth;
	bool		 nomem;
};

static void
finding(struct lint *w, enum spf_level lv, const char *code,
    const char *domain, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void
finding(struct lint *w, enum spf_level lv, const char *code,
    const char *domain, const char *fmt, ...)
{
	struct spf_finding *f;
	va_list ap;

	f = reallocarray(w->l->f, w->l->n + 1, sizeof(*f));
	if (f == NULL) {
		w->nomem = true;
		return;
	}
	w->l->f = f;
	f += w->l->n++;
	memset(f, 0, sizeof(*f));
	f->level = lv;
	f->code = code;
	snprintf(f->domain, sizeof(f->domain), "%s", domain);
	va_start(ap, fmt);
	vsnprintf(f->detail, sizeof(f->detail), fmt, ap);
	va_end(ap);
}

static bool
has_macro(const struct term *t)
{
	return t->arg != NULL && memchr(t->arg, '%', t->arglen) != NULL;
}

static void lint_walk(struct lint *, const char *domain, const char *via);

static void
lint_void(struct lint *w, const char *name, ldns_rr_type type)
{
	ldns_rr_list *rrs;
	struct derr e;
	enum dns_result r;

	r = dns_query(w->dns, name, type, &rrs, &e);
	ldns_rr_list_deep_free(rrs);
	if (r == DNS_NXDOMAIN || r == DNS_NODATA)
		w->l->voids++;
}

static void
lint_record(struct lint *w, const char *domain, const char *record)
{
	struct rec rec;
	struct derr e;
	const struct term *t, *allterm = NULL;
	char name[300];
	bool all = false, has_all = false;
	size_t i;
	int top = w->depth == 1;

	if (strlen(record) > SPF_LONG_RECORD)
		finding(w, SPF_LINT_WARN, "long-record", domain,
		    "the record is %zu bytes, over %d: it may not fit a "
		    "UDP answer", strlen(record), SPF_LONG_RECORD);
	if (rec_parse(record, &rec, &e) == -1) {
		finding(w, SPF_LINT_FAIL, "syntax", domain, "%s: %s", e.where,
		    e.what);
		w->l->status = SPF_PERMERROR;
		return;
	}
	for (i = 0; i < rec.n; i++)
		if (rec.t[i].m == M_ALL)
			has_all = true;
	for (i = 0; i < rec.n; i++) {
		t = &rec.t[i];
		snprintf(name, sizeof(name), "%.*s", (int)t->arglen,
		    t->arg ? t->arg : "");
		if (t->arg == NULL || t->arglen == 0)
			snprintf(name, sizeof(name), "%s", domain);
		if (allterm != NULL && t->m != M_EXP && t->m != M_OTHER &&
		    t->m != M_REDIRECT)
			finding(w, SPF_LINT_WARN, "after-all", domain,
			    "%s comes after %s and is never evaluated",
			    t->text, allterm->text);
		switch (t->m) {
		case M_ALL:
			all = true;
			if (allterm == NULL)
				allterm = t;
			if (t->qual == '+')
				finding(w, SPF_LINT_FAIL, "all-pass", domain,
				    "%s lets any host on the Internet send as "
				    "this domain", t->text);
			else if (t->qual == '?' && top)
				finding(w, SPF_LINT_WARN, "all-neutral",
				    domain, "%s: hosts not listed get "
				    "neutral, which protects nothing",
				    t->text);
			break;
		case M_PTR:
			w->l->lookups++;
			finding(w, SPF_LINT_WARN, "ptr", domain, "%s: the ptr "
			    "mechanism is slow and unreliable; RFC 7208 "
			    "§5.5 says not to use it", t->text);
			break;
		case M_A:
		case M_EXISTS:
			w->l->lookups++;
			if (!has_macro(t))
				lint_void(w, name, LDNS_RR_TYPE_A);
			break;
		case M_MX:
			w->l->lookups++;
			if (!has_macro(t))
				lint_void(w, name, LDNS_RR_TYPE_MX);
			break;
		case M_REDIRECT:
			all = true;		/* decides the default */
			if (has_all)
				break;		/* never used: see below */
			/* FALLTHROUGH */
		case M_INCLUDE:
			w->l->lookups++;
			if (!has_macro(t))
				lint_walk(w, name, t->text);
			break;
		default:
			break;
		}
	}
	if (!all && top)
		finding(w, SPF_LINT_INFO, "no-all", domain, "no all mechanism "
		    "and no redirect: unlisted hosts get neutral");
	if (allterm != NULL && rec.redirect != NULL)
		finding(w, SPF_LINT_WARN, "redirect-ignored", domain,
		    "%s is never used: %s always matches first",
		    rec.redirect->text, allterm->text);
	rec_free(&rec);
}

static void
lint_walk(struct lint *w, const char *domain, const char *via)
{
	struct derr e;
	enum spf_result r;
	char *record;
	int i;

	for (i = 0; i < w->depth; i++)
		if (strcasecmp(w->stack[i], domain) == 0) {
			finding(w, SPF_LINT_FAIL, "loop", domain, "%s comes "
			    "back to %s: an include/redirect loop", via,
			    domain);
			w->l->status = SPF_PERMERROR;
			return;
		}
	if (w->depth == SPF_LINT_DEPTH || w->l->lookups > 5 * SPF_MAX_LOOKUPS)
		return;
	r = spf_record(w->dns, domain, &record, &e);
	if (r != SPF_PASS) {
		if (w->depth == 0) {
			if (r == SPF_NONE)
				finding(w, SPF_LINT_INFO, "none", domain,
				    "%s", e.what);
			else if (r == SPF_PERMERROR)
				finding(w, SPF_LINT_FAIL, "multiple", domain,
				    "%s: a receiver gets permerror", e.what);
			else
				finding(w, SPF_LINT_WARN, "temperror",
				    domain, "%s", e.what);
			w->l->status = r;
		} else if (r == SPF_TEMPERROR) {
			finding(w, SPF_LINT_WARN, "temperror", domain,
			    "%s: %s", via, e.what);
		} else {
			finding(w, SPF_LINT_FAIL, "include-none", domain,
			    "%s: %s: a receiver gets permerror", via,
			    r == SPF_NONE ? "no SPF record" :
			    "several SPF records");
			w->l->status = SPF_PERMERROR;
		}
		return;
	}
	if (w->depth == 0)
		w->l->record = strdup(record);
	w->stack[w->depth++] = domain;
	lint_record(w, domain, record);
	w->depth--;
	free(record);
}

int
spf_lint(struct dns *d, const char *domain, struct spf_lint *l)
{
	struct lint w;

	memset(l, 0, sizeof(*l));
	memset(&w, 0, sizeof(w));
	w.dns = d;
	w.l = l;
	l->status = SPF_PASS;
	lint_walk(&w, domain, domain);
	if (l->lookups > SPF_MAX_LOOKUPS) {
		finding(&w, SPF_LINT_FAIL, "lookups", domain, "%u DNS-querying "
		    "terms in the record and its includes, over the limit of "
		    "10: receivers that reach the 11th give permerror",
		    l->lookups);
	}
	if (l->voids > SPF_MAX_VOIDS)
		finding(&w, SPF_LINT_WARN, "void-lookups", domain, "%u terms "
		    "name domains with no records, over the limit of 2",
		    l->voids);
	if (w.nomem) {
		spf_lint_free(l);
		return -1;
	}
	return 0;
}

void
spf_lint_free(struct spf_lint *l)
{
	free(l->record);
	free(l->f);
	memset(l, 0, sizeof(*l));
}
