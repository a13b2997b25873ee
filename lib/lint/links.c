/*
 * Link checks over the HTML links and the URLs of text parts: URL
 * shorteners, http:, IP literals, link text showing another host,
 * malformed URLs, tracking pixels, domains unrelated to From.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <glib.h>

#include "core/util.h"
#include "lint/lint_priv.h"

struct linkstat {
	size_t		 n;
	char		 where[64];
	struct sbuf	 ex;
	size_t		 nex;
};

static void
stat_add(struct linkstat *s, const char *where, const char *ex)
{
	if (s->n++ == 0)
		snprintf(s->where, sizeof(s->where), "%s", where);
	if (s->nex < MAX_EXAMPLES && ex != NULL &&
	    (s->ex.s == NULL || strstr(s->ex.s, ex) == NULL)) {
		if (s->ex.len > 0)
			sbuf_adds(&s->ex, ", ");
		sbuf_printf(&s->ex, "%.80s", ex);
		s->nex++;
	}
}

struct links {
	struct linkstat	 shortener, http, ip, texthost, malformed, pixel,
			 unrelated;
	GHashTable	*unrel;
};

/* Host shown by an anchor's visible text, if it looks like a URL. */
static char *
text_host(const char *t)
{
	const char *p, *s;
	size_t n;
	char *h;

	while (isspace((unsigned char)*t))
		t++;
	if (strncasecmp(t, "http://", 7) == 0)
		t += 7;
	else if (strncasecmp(t, "https://", 8) == 0)
		t += 8;
	for (p = t; *p != '\0' && (isalnum((unsigned char)*p) || *p == '.' ||
	    *p == '-'); p++)
		;
	n = (size_t)(p - t);
	if (n < 4 || memchr(t, '.', n) == NULL)
		return NULL;
	for (s = p; *s != '\0'; s++)
		if (isspace((unsigned char)*s))
			break;
	/* Whole text must be the URL (trailing space allowed). */
	while (*s != '\0' && isspace((unsigned char)*s))
		s++;
	if (*s != '\0')
		return NULL;
	if (*p != '\0' && *p != '/' && *p != ':' && *p != '?' && *p != '#' &&
	    !isspace((unsigned char)*p))
		return NULL;
	/* A TLD of letters. */
	{
		const char *dot = t + n;

		while (dot > t && dot[-1] != '.')
			dot--;
		if (t + n - dot < 2)
			return NULL;
		for (s = dot; s < t + n; s++)
			if (!isalpha((unsigned char)*s))
				return NULL;
	}
	if ((h = strndup(t, n)) != NULL)
		str_lower(h);
	return h;
}

static void
one_link(struct ctx *c, struct links *L, const char *url, const char *text,
    const char *where, bool img, int width, int height)
{
	char *scheme = NULL, *host = NULL, *fixed = NULL;
	GError *ge = NULL;
	const char *u = url;
	size_t k;

	while (isspace((unsigned char)*u))
		u++;
	if (*u == '\0' || *u == '#')
		return;
	if (img && width >= 0 && width <= 1 && height >= 0 && height <= 1)
		stat_add(&L->pixel, where, u);
	if (strncasecmp(u, "www.", 4) == 0) {
		if ((fixed = g_strconcat("http://", u, NULL)) == NULL)
			return;
		u = fixed;
	}
	if (strncasecmp(u, "http:", 5) != 0 && strncasecmp(u, "https:", 6) != 0 &&
	    strncasecmp(u, "ftp:", 4) != 0) {
		g_free(fixed);
		return;
	}
	for (k = 0; u[k] != '\0'; k++)
		if ((unsigned char)u[k] <= ' ' || u[k] == '"' || u[k] == '<' ||
		    u[k] == '>')
			break;
	if (u[k] != '\0' && !isspace((unsigned char)u[k]))
		stat_add(&L->malformed, where, u);
	else if (u[k] != '\0') {
		/* Trailing space in an href is common; inner is not. */
		size_t j = k;

		while (u[j] != '\0' && isspace((unsigned char)u[j]))
			j++;
		if (u[j] != '\0')
			stat_add(&L->malformed, where, u);
	}
	if (!g_uri_split(u, G_URI_FLAGS_NON_DNS | G_URI_FLAGS_PARSE_RELAXED,
	    &scheme, NULL, &host, NULL, NULL, NULL, NULL, &ge) ||
	    host == NULL || *host == '\0' || strspn(host,
	    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-[]:_")
	    != strlen(host) || strstr(u, "://") == NULL) {
		if (ge != NULL)
			g_error_free(ge);
		stat_add(&L->malformed, where, u);
		goto out;
	}
	str_lower(host);
	if (strncasecmp(u, "http:", 5) == 0)
		stat_add(&L->http, where, host);
	if (lint_host_is_ip(host)) {
		stat_add(&L->ip, where, host);
		goto out;
	}
	if (lint_is_shortener(c->l, host))
		stat_add(&L->shortener, where, host);
	if (text != NULL) {
		char *th = text_host(text);

		if (th != NULL && !lint_same_org(c->l, th, host)) {
			char ex[200];

			snprintf(ex, sizeof(ex), "%s -> %s", th, host);
			stat_add(&L->texthost, where, ex);
		}
		free(th);
	}
	if (c->from_domain != NULL && !img && !lint_same_org(c->l, host, c->from_domain)) {
		char obuf[256];
		const char *od = lint_org_domain(c->l, host, obuf,
		    sizeof(obuf));

		if (!g_hash_table_contains(L->unrel, od)) {
			g_hash_table_add(L->unrel, g_strdup(od));
			stat_add(&L->unrelated, where, od);
		}
	}
out:
	g_free(scheme);
	g_free(host);
	g_free(fixed);
}

/*
 * Where a URL (re_url) at or after start can begin in s[0..n), or n
 * when none can: every match holds "://" at most 5 bytes in ("https://")
 * or opens with "www." in any case, so the search starts at the first
 * of those and the text after the last URL is never searched.  \b
 * still sees the text before the offset; the matches are the same as
 * searching from start.
 */
static size_t
url_from(const char *s, size_t n, size_t start)
{
	const char *q, *d;
	size_t at = n, k, j;

	if (start >= n)
		return n;
	if ((q = memmem(s + start, n - start, "://", 3)) != NULL)
		at = (size_t)(q - s) >= start + 5 ? (size_t)(q - s) - 5 : start;
	for (k = start; k < at && k + 3 < n; k = j + 1) {
		if ((d = memchr(s + k + 3, '.', n - k - 3)) == NULL ||
		    (j = (size_t)(d - s) - 3) >= at)
			break;
		if ((s[j] | 0x20) == 'w' && (s[j + 1] | 0x20) == 'w' &&
		    (s[j + 2] | 0x20) == 'w')
			return j;
	}
	return at;
}

static void
report_links(struct ctx *c, struct linkstat *s, int id, const char *what)
{
	if (s->n > 0)
		addc(c, id, s->where, "%s (%zu): %s", what, s->n,
		    s->ex.s ? s->ex.s : "");
	sbuf_free(&s->ex);
}

void
lint_check_links(struct ctx *c)
{
	struct links L;
	size_t k, j;
	char w[96];

	memset(&L, 0, sizeof(L));
	L.unrel = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (k = 0; k < c->nparts && !c->oom; k++) {
		struct tpart *p = &c->parts[k];

		if (p->html) {
			for (j = 0; j < p->doc.nlinks; j++) {
				struct html_link *hl = &p->doc.links[j];

				snprintf(w, sizeof(w), "part %s html line %lu",
				    p->path, hl->line);
				one_link(c, &L, hl->url, hl->text, w,
				    hl->kind == HTML_IMG, hl->width, hl->height);
			}
			continue;
		}
		size_t lastoff = 0;
		unsigned long lastline = 1;

		for (size_t start = 0; (start = url_from(p->text, p->len,
		    start)) < p->len && lint_match(c, c->l->re_url, p->text,
		    p->len, start) == 1; ) {
			PCRE2_SIZE *o = lint_ov(c);
			char *u = strndup(p->text + o[0], o[1] - o[0]);
			size_t ul;

			start = o[1];
			if (u == NULL) {
				c->oom = 1;
				break;
			}
			/* Sentence punctuation after a URL is not part of it. */
			ul = strlen(u);
			while (ul > 0 && strchr(".,;:!?)'", u[ul - 1]) != NULL)
				u[--ul] = '\0';
			/* Lines counted on from the previous URL. */
			lastline += lint_line_of(p->text + lastoff, o[0] - lastoff) - 1;
			lastoff = o[0];
			snprintf(w, sizeof(w), "part %s text line %lu", p->path,
			    lastline);
			one_link(c, &L, u, NULL, w, false, -1, -1);
			free(u);
		}
	}
	report_links(c, &L.shortener, C_LINK_SHORTENER, "links to URL shorteners");
	report_links(c, &L.http, C_LINK_HTTP, "http: links");
	report_links(c, &L.ip, C_LINK_IP, "links to IP addresses");
	report_links(c, &L.texthost, C_LINK_TEXT_HOST,
	    "links whose text shows another host");
	report_links(c, &L.malformed, C_LINK_MALFORMED, "malformed URLs");
	report_links(c, &L.pixel, C_TRACKING_PIXEL, "1x1 images");
	if (L.unrelated.n > 0 && c->from_domain != NULL)
		addc(c, C_LINK_UNRELATED, L.unrelated.where,
		    "link domains unrelated to %s (%zu): %s", c->from_domain,
		    L.unrelated.n,
		    L.unrelated.ex.s ? L.unrelated.ex.s : "");
	sbuf_free(&L.unrelated.ex);
	g_hash_table_destroy(L.unrel);
}

