/*
 * The SPF macro expander (RFC 7208 §7): macro letters, transformers,
 * URL escaping, and the target domain of a term.  See auth/spf_priv.h.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "auth/spf.h"
#include "auth/spf_priv.h"
#include "core/deliv.h"
#include "core/ip.h"
#include "core/util.h"
#include "net/dns.h"

/* Macros (§7) */

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
		return spf_ptr_validated(c, domain, buf, len);
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
int
spf_expand(struct ctx *c, const char *domain, const char *s, size_t len,
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
int
spf_domain_spec_ok(const char *s, size_t len, const char **why)
{
	const char *dot, *end;
	size_t l;

	if (len == 0) {
		*why = "an empty domain-spec";
		return -1;
	}
	if (spf_expand(NULL, NULL, s, len, EXP_DOMAIN, NULL, why) == -1)
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
	if (dot == s || !spf_toplabel_ok(dot, l)) {
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
int
spf_target(struct ctx *c, const char *domain, const struct term *t, char *buf,
    size_t len, const char **why)
{
	struct sbuf sb = { 0 };
	const char *p;

	if (t->arg == NULL || t->arglen == 0) {
		snprintf(buf, len, "%s", domain);
		return 0;
	}
	if (spf_expand(c, domain, t->arg, t->arglen, EXP_DOMAIN, &sb, why) ==
	    -1) {
		sbuf_free(&sb);
		return -1;
	}
	p = sb.s ? sb.s : "";
	while (strlen(p) > 253 && strchr(p, '.') != NULL)
		p = strchr(p, '.') + 1;
	snprintf(buf, len, "%s", p);
	sbuf_free(&sb);
	spf_strip_dot(buf);
	return spf_domain_ok(buf, false) ? 0 : 1;
}
