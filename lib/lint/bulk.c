/*
 * Bulk-mail checks: List-Unsubscribe (RFC 2369) and one-click
 * unsubscribe (RFC 8058), and with --bulk the DKIM signature covering
 * them and aligned with From.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gmime/gmime.h>

#include "auth/dkim.h"
#include "core/util.h"
#include "lint/lint_priv.h"

#define SIG_MAX_TAGS	64

/* s without its white space, in a new string; NULL when out of memory. */
static char *
nospace(const char *s)
{
	char *d, *p;

	if ((d = strdup(s)) == NULL)
		return NULL;
	for (p = d; *s != '\0'; s++)
		if (!isspace((unsigned char)*s))
			*p++ = *s;
	*p = '\0';
	return d;
}

/*
 * The h= and d= of a DKIM-Signature (the first of each, names in any
 * case, white space removed), read leniently; owned, NULL when absent.
 */
static void
sig_tags(const char *sig, char **h, char **d)
{
	struct dkim_tag t[SIG_MAX_TAGS];
	char *s, err[80];
	int n, k;

	*h = *d = NULL;
	if ((s = strdup(sig)) == NULL)
		return;
	n = dkim_tags_split(s, t, nitems(t), DKIM_TAGS_LENIENT, err,
	    sizeof(err));
	for (k = 0; k < n; k++) {
		if (*h == NULL && strcasecmp(t[k].name, "h") == 0)
			*h = nospace(t[k].value);
		else if (*d == NULL && strcasecmp(t[k].name, "d") == 0)
			*d = nospace(t[k].value);
	}
	free(s);
}

static bool
hlist_has(const char *h, const char *name)
{
	size_t n = strlen(name);
	const char *p = h;

	while (p != NULL && *p != '\0') {
		const char *e = strchr(p, ':');
		size_t l = e ? (size_t)(e - p) : strlen(p);

		if (l == n && strncasecmp(p, name, n) == 0)
			return true;
		p = e ? e + 1 : NULL;
	}
	return false;
}

/* Length of v for a detail: up to 80, without trailing white space. */
static int
vlen(const char *v)
{
	size_t n = strlen(v);

	while (n > 0 && isspace((unsigned char)v[n - 1]))
		n--;
	return n > 80 ? 80 : (int)n;
}

void
lint_check_bulk(struct ctx *c)
{
	bool forced = c->bulk;
	GMimeObject *o = GMIME_OBJECT(c->msg);
	GMimeHeader *lu, *lup, *h;
	int cnt, cnt2, k, n;
	bool detected = false, https = false, syntax = true, folded = false;
	enum lint_sev soft;
	const char *v;
	GMimeHeaderList *hl = g_mime_object_get_header_list(o);

	n = g_mime_header_list_get_count(hl);
	for (k = 0; k < n; k++) {
		const char *name = g_mime_header_get_name(
		    g_mime_header_list_get_header_at(hl, k));

		if (strncasecmp(name, "List-", 5) == 0)
			detected = true;
	}
	if ((h = mail_header_find(o, "Precedence", &cnt)) != NULL) {
		v = lint_raw_value(h);
		if (strcasestr(v, "bulk") || strcasestr(v, "list") ||
		    strcasestr(v, "junk"))
			detected = true;
	}
	if (!forced && !detected)
		return;
	soft = forced ? LINT_WARN : LINT_INFO;
	lu = mail_header_find(o, "List-Unsubscribe", &cnt);
	lup = mail_header_find(o, "List-Unsubscribe-Post", &cnt2);
	if (lu == NULL) {
		lint_add(c, C_UNSUB_MISSING, forced ? LINT_ERROR : LINT_INFO,
		    forced ? c->l->cat[C_UNSUB_MISSING].points : 0,
		    "header List-Unsubscribe", "%s mail without List-Unsubscribe",
		    forced ? "bulk" : "list");
		return;
	}
	v = lint_raw_value(lu);
	while (isspace((unsigned char)*v))
		v++;
	if (strstr(v, "=?") != NULL && strstr(v, "?=") != NULL)
		addc(c, C_UNSUB_ENCODED, "header List-Unsubscribe",
		    "RFC 2047 encoded-word in \"%.*s\"", vlen(v), v);
	{
		const char *p = v;
		bool in = false;

		for (; *p != '\0'; p++) {
			if (*p == '<')
				in = true;
			else if (*p == '>')
				in = false;
			else if (in && (*p == '\n' || *p == '\r'))
				folded = true;
		}
	}
	if (folded)
		addc(c, C_UNSUB_FOLDED, "header List-Unsubscribe",
		    "line break inside a <URI>");
	{
		char *s = strdup(v), *save = NULL, *item;
		size_t nuri = 0;

		if (s == NULL) {
			c->oom = 1;
			return;
		}
		for (item = strtok_r(s, ",", &save); item != NULL;
		    item = strtok_r(NULL, ",", &save)) {
			char *t = str_trim(item);
			size_t tl = strlen(t);

			/* Drop a trailing comment: "<...> (remove)". */
			if (tl > 0 && t[tl - 1] == ')' && strchr(t, '(') != NULL) {
				*strchr(t, '(') = '\0';
				t = str_trim(t);
				tl = strlen(t);
			}
			if (tl == 0)
				continue;
			nuri++;
			if (tl < 3 || t[0] != '<' || t[tl - 1] != '>')
				syntax = false;
			if (strncasecmp(t + (t[0] == '<'), "https:", 6) == 0)
				https = true;
		}
		free(s);
		if (nuri == 0)
			syntax = false;
	}
	if (!syntax)
		lint_add(c, C_UNSUB_SYNTAX, forced ? LINT_ERROR : LINT_WARN,
		    forced ? c->l->cat[C_UNSUB_SYNTAX].points : 0.3,
		    "header List-Unsubscribe", "URI without <angle brackets>: "
		    "\"%.*s\"", vlen(v), v);
	if (!https)
		lint_add(c, C_UNSUB_HTTPS, soft, forced ?
		    c->l->cat[C_UNSUB_HTTPS].points : 0, "header List-Unsubscribe",
		    "no https URI (one-click unsubscribe needs one)");
	if (lup == NULL) {
		if (https || forced)
			lint_add(c, C_UNSUB_POST_MISSING, soft, forced ?
			    c->l->cat[C_UNSUB_POST_MISSING].points : 0,
			    "header List-Unsubscribe-Post",
			    "no List-Unsubscribe-Post");
	} else {
		char *s = strdup(lint_raw_value(lup));

		if (s == NULL) {
			c->oom = 1;
			return;
		}
		if (strcmp(str_trim(s), "List-Unsubscribe=One-Click") != 0)
			addc(c, C_UNSUB_POST_INVALID,
			    "header List-Unsubscribe-Post",
			    "\"%.80s\" is not List-Unsubscribe=One-Click", s);
		free(s);
	}
	/* DKIM: h= covers both fields; d= aligned with From. */
	if (forced) {
		GMimeHeader *sig = NULL;
		bool covered = false, aligned = false;
		char dom[256] = "";

		for (k = 0; k < n; k++) {
			char *hv, *dv;

			h = g_mime_header_list_get_header_at(hl, k);
			if (strcasecmp(g_mime_header_get_name(h),
			    "DKIM-Signature") != 0)
				continue;
			sig = h;
			sig_tags(lint_raw_value(h), &hv, &dv);
			if (hv != NULL && hlist_has(hv, "List-Unsubscribe") &&
			    (lup == NULL ||
			    hlist_has(hv, "List-Unsubscribe-Post")))
				covered = true;
			if (dv != NULL) {
				if (dom[0] == '\0')
					snprintf(dom, sizeof(dom), "%s", dv);
				if (c->from_domain != NULL &&
				    lint_same_org(c->l, dv, c->from_domain))
					aligned = true;
			}
			free(hv);
			free(dv);
		}
		if (sig != NULL && !covered)
			addc(c, C_UNSUB_DKIM_H, "header DKIM-Signature",
			    "h= does not cover List-Unsubscribe%s",
			    lup ? " and List-Unsubscribe-Post" : "");
		if (sig != NULL && !aligned && c->from_domain != NULL)
			addc(c, C_UNSUB_DKIM_D, "header DKIM-Signature",
			    "d=%s does not align with From domain %s", dom,
			    c->from_domain);
	}
}

