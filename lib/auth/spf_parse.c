/*
 * SPF record syntax (RFC 7208 §4.6, §12): a record cut into terms, the
 * dual CIDR lengths, and the domain-name checks the other SPF modules
 * share.  See auth/spf_priv.h.
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auth/spf.h"
#include "auth/spf_priv.h"
#include "core/deliv.h"
#include "core/ip.h"
#include "core/util.h"
#include "net/dns.h"

/* Names */

/* A usable domain: labels of 1..63 bytes, 253 in all, two labels or more. */
bool
spf_domain_ok(const char *d, bool multi)
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

void
spf_strip_dot(char *d)
{
	size_t len = strlen(d);

	if (len > 1 && d[len - 1] == '.')
		d[len - 1] = '\0';
}

/* Is name (a PTR target) the domain or below it?  Case-blind. */
bool
spf_name_under(const char *name, const char *domain)
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
bool
spf_toplabel_ok(const char *s, size_t len)
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

/*
 * The ":domain-spec" of a mechanism, the l bytes at p, into t; 0, or -1
 * with *why (missing when p does not start with ":").
 */
static int
domain_arg(const char *p, size_t l, struct term *t, const char *missing,
    const char **why)
{
	if (*p != ':') {
		*why = missing;
		return -1;
	}
	t->arg = p + 1;
	t->arglen = l - 1;
	return spf_domain_spec_ok(t->arg, t->arglen, why);
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
			if (spf_expand(NULL, NULL, t->arg, t->arglen, EXP_DOMAIN,
			    NULL, &why) == -1)
				goto bad;
			return 0;
		}
		if (spf_domain_spec_ok(t->arg, t->arglen, &why) == -1)
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
		if (domain_arg(p, l, t, "a domain-spec is required",
		    &why) == -1)
			goto bad;
		break;
	case M_A:
	case M_MX:
	case M_PTR:
		if (t->m != M_PTR && dual_cidr(p, &l, t, &why) == -1)
			goto bad;
		if (l != 0 && domain_arg(p, l, t, "unexpected text after the "
		    "mechanism", &why) == -1)
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

void
spf_rec_free(struct rec *r)
{
	free(r->buf);
	free(r->t);
	memset(r, 0, sizeof(*r));
}

/* Is s an SPF record (§4.5: "v=spf1" then a space or the end)? */
bool
spf_is_record(const char *s)
{
	return strncasecmp(s, "v=spf1", 6) == 0 && (s[6] == ' ' ||
	    s[6] == '\0');
}

int
spf_rec_parse(const char *record, struct rec *r, struct derr *e)
{
	size_t cap;
	char *p, *sp;

	memset(r, 0, sizeof(*r));
	if (!spf_is_record(record)) {
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
		spf_rec_free(r);
		return -1;
	}
	for (p = r->buf; p != NULL; p = sp) {
		if ((sp = strchr(p, ' ')) != NULL)
			*sp++ = '\0';
		if (*p == '\0')
			continue;
		if (term_parse(p, &r->t[r->n], r, e) == -1) {
			spf_rec_free(r);
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

	if (spf_rec_parse(record, &r, e) == -1)
		return -1;
	spf_rec_free(&r);
	return 0;
}
