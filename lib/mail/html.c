/*
 * A forgiving HTML scanner for mail bodies (html_scan), and the quick
 * line-keeping text of HTML (html_lines).  See mail/html.h.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/deliv.h"
#include "core/util.h"
#include "mail/html.h"

struct scan {
	const char	*s;
	size_t		 len;
	size_t		 i;
	unsigned long	 line;
	unsigned long	 mapped;	/* last line put in the map */
	struct html_doc	*d;
	ssize_t		 open_a;	/* index of the open <a>, or -1 */
	size_t		 a_start;	/* text offset where it began */
	bool		 space;		/* last text byte was white space */
	int		 oom;
};

static const struct {
	const char	*name;
	const char	*utf8;
} entities[] = {
	{ "amp", "&" }, { "apos", "'" }, { "copy", "\xc2\xa9" },
	{ "gt", ">" }, { "lt", "<" }, { "nbsp", " " }, { "quot", "\"" },
	{ "reg", "\xc2\xae" }, { "trade", "\xe2\x84\xa2" },
};

static const char *block_tags[] = {
	"br", "div", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "p",
	"table", "td", "th", "tr", "ul", "ol", "blockquote", "center",
};

static void
map_line(struct scan *sc)
{
	struct html_doc *d = sc->d;
	void *p;

	if (sc->line == sc->mapped)
		return;
	if (d->nmap == d->capmap) {
		size_t ncap = d->capmap ? d->capmap * 2 : 64;

		if ((p = reallocarray(d->map_off, ncap, sizeof(size_t))) == NULL) {
			sc->oom = 1;
			return;
		}
		d->map_off = p;
		if ((p = reallocarray(d->map_line, ncap,
		    sizeof(unsigned long))) == NULL) {
			sc->oom = 1;
			return;
		}
		d->map_line = p;
		d->capmap = ncap;
	}
	d->map_off[d->nmap] = d->text.len;
	d->map_line[d->nmap] = sc->line;
	d->nmap++;
	sc->mapped = sc->line;
}

static void
text_add(struct scan *sc, const char *p, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++) {
		unsigned char c = p[k];

		if (c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
		    c == '\f' || c == '\v') {
			if (sc->space)
				continue;
			sc->space = true;
			c = ' ';
		} else
			sc->space = false;
		map_line(sc);
		if (sbuf_addc(&sc->d->text, (char)c) == -1)
			sc->oom = 1;
	}
}

static void
text_break(struct scan *sc)
{
	if (sc->d->text.len == 0)
		return;
	if (sc->space && sc->d->text.s[sc->d->text.len - 1] == ' ') {
		sc->d->text.s[sc->d->text.len - 1] = '\n';
		return;
	}
	if (sc->d->text.s[sc->d->text.len - 1] == '\n')
		return;
	map_line(sc);
	if (sbuf_addc(&sc->d->text, '\n') == -1)
		sc->oom = 1;
	sc->space = true;
}

/* Append the UTF-8 encoding of code point u. */
static void
utf8_add(struct sbuf *b, uint32_t u, int *oom)
{
	if (u == 0 || u > 0x10ffff || (u >= 0xd800 && u <= 0xdfff))
		u = 0xfffd;
	if (sbuf_add_utf8(b, u) == -1)
		*oom = 1;
}

/*
 * Decode the entities of s[0..n) into b.  Unknown entities stay as
 * written.
 */
static void
decode_entities(struct sbuf *b, const char *s, size_t n, int *oom)
{
	size_t i, j, k;

	for (i = 0; i < n; i++) {
		if (s[i] != '&') {
			if (sbuf_addc(b, s[i]) == -1)
				*oom = 1;
			continue;
		}
		for (j = i + 1; j < n && j - i < 12 &&
		    (isalnum((unsigned char)s[j]) || s[j] == '#'); j++)
			;
		if (j > i + 1 && s[i + 1] == '#') {
			uint32_t u = 0;
			bool hex = j > i + 2 && (s[i + 2] == 'x' || s[i + 2] == 'X');
			bool ok = true;

			for (k = i + (hex ? 3 : 2); k < j; k++) {
				int c = (unsigned char)s[k];

				if (hex && isxdigit(c))
					u = u * 16 + (isdigit(c) ? c - '0' :
					    tolower(c) - 'a' + 10);
				else if (!hex && isdigit(c))
					u = u * 10 + (uint32_t)(c - '0');
				else
					ok = false;
				if (u > 0x10ffff)
					u = 0x110000;
			}
			if (ok && k > i + (hex ? 3 : 2)) {
				utf8_add(b, u, oom);
				i = (j < n && s[j] == ';') ? j : j - 1;
				continue;
			}
		} else if (j > i + 1) {
			for (k = 0; k < nitems(entities); k++) {
				size_t l = strlen(entities[k].name);

				if (l == j - i - 1 &&
				    strncasecmp(s + i + 1, entities[k].name, l) == 0)
					break;
			}
			if (k < nitems(entities)) {
				if (sbuf_adds(b, entities[k].utf8) == -1)
					*oom = 1;
				i = (j < n && s[j] == ';') ? j : j - 1;
				continue;
			}
		}
		if (sbuf_addc(b, '&') == -1)
			*oom = 1;
	}
}

static void
text_add_decoded(struct scan *sc, const char *p, size_t n)
{
	struct sbuf b = { 0 };

	if (memchr(p, '&', n) == NULL) {
		text_add(sc, p, n);
		return;
	}
	decode_entities(&b, p, n, &sc->oom);
	if (b.s != NULL)
		text_add(sc, b.s, b.len);
	sbuf_free(&b);
}

static void
count_lines(struct scan *sc, size_t from, size_t to)
{
	const char *p = sc->s + from, *e = sc->s + to;

	while (p < e && (p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
		sc->line++;
		p++;
	}
}

static struct html_link *
link_new(struct scan *sc, enum html_kind kind, const char *url, size_t n,
    unsigned long line)
{
	struct html_doc *d = sc->d;
	struct html_link *l;
	struct sbuf b = { 0 };

	if ((l = array_room(d->links, d->nlinks, &d->caplinks,
	    sizeof(*l), 16)) == NULL) {
		sc->oom = 1;
		return NULL;
	}
	d->links = l;
	decode_entities(&b, url, n, &sc->oom);
	l = &d->links[d->nlinks];
	memset(l, 0, sizeof(*l));
	l->url = strpool_ndup(&d->str, b.s ? b.s : "", b.len);
	sbuf_free(&b);
	if (l->url == NULL) {
		sc->oom = 1;
		return NULL;
	}
	d->nlinks++;
	l->kind = kind;
	l->line = line;
	l->width = l->height = -1;
	return l;
}

static void
close_a(struct scan *sc)
{
	struct html_doc *d = sc->d;
	struct html_link *l;
	const char *t;
	size_t n;

	if (sc->open_a < 0)
		return;
	l = &d->links[sc->open_a];
	sc->open_a = -1;
	t = d->text.s ? d->text.s + sc->a_start : "";
	n = d->text.len - sc->a_start;
	if ((l->text = strpool_ndup(&d->str, t, n)) == NULL)
		sc->oom = 1;
}

static bool
tag_is(const char *name, size_t n, const char *want)
{
	return strlen(want) == n && strncasecmp(name, want, n) == 0;
}

static void
danger(struct scan *sc, int bit, unsigned long line)
{
	int k;

	for (k = 0; k < 6; k++)
		if (bit == 1 << k && !(sc->d->danger & bit))
			sc->d->danger_line[k] = line;
	sc->d->danger |= (unsigned)bit;
}

static int
attr_int(const char *v, size_t n)
{
	int x = 0;
	size_t k;

	for (k = 0; k < n && isdigit((unsigned char)v[k]); k++)
		if (x < 100000)
			x = x * 10 + (v[k] - '0');
	return k == 0 ? -1 : x;
}

/* Skip raw text up to the matching close tag (script, style, title). */
static void
skip_raw(struct scan *sc, const char *name)
{
	size_t l = strlen(name);
	size_t start = sc->i;

	while (sc->i < sc->len) {
		const char *p = memchr(sc->s + sc->i, '<', sc->len - sc->i);

		if (p == NULL) {
			sc->i = sc->len;
			break;
		}
		sc->i = (size_t)(p - sc->s) + 1;
		if (sc->i + l < sc->len && sc->s[sc->i] == '/' &&
		    strncasecmp(sc->s + sc->i + 1, name, l) == 0) {
			sc->i--;
			break;
		}
	}
	count_lines(sc, start, sc->i);
}

/* At sc->s[sc->i] == '<': one tag, comment or declaration. */
static void
tag(struct scan *sc)
{
	const char *s = sc->s;
	size_t len = sc->len, i = sc->i + 1, nstart, nlen;
	unsigned long line = sc->line;
	bool end = false;
	struct html_link *l = NULL;
	const char *name;
	bool is_a, is_img;
	int w = -1, h = -1;

	if (i + 2 < len && s[i] == '!' && s[i + 1] == '-' && s[i + 2] == '-') {
		const char *p = memmem(s + i + 3, len - i - 3, "-->", 3);
		size_t e = p ? (size_t)(p - s) + 3 : len;

		count_lines(sc, sc->i, e);
		sc->i = e;
		return;
	}
	if (i < len && (s[i] == '!' || s[i] == '?')) {
		const char *p = memchr(s + i, '>', len - i);
		size_t e = p ? (size_t)(p - s) + 1 : len;

		count_lines(sc, sc->i, e);
		sc->i = e;
		return;
	}
	if (i < len && s[i] == '/') {
		end = true;
		i++;
	}
	nstart = i;
	while (i < len && (isalnum((unsigned char)s[i]) || s[i] == ':' ||
	    s[i] == '-'))
		i++;
	nlen = i - nstart;
	if (nlen == 0 || !isalpha((unsigned char)s[nstart])) {
		/* A lone "<": text. */
		text_add(sc, "<", 1);
		sc->i++;
		return;
	}
	name = s + nstart;
	is_a = tag_is(name, nlen, "a");
	is_img = tag_is(name, nlen, "img");
	if (!end) {
		if (tag_is(name, nlen, "script"))
			danger(sc, HTML_D_SCRIPT, line);
		else if (tag_is(name, nlen, "iframe") ||
		    tag_is(name, nlen, "frame"))
			danger(sc, HTML_D_IFRAME, line);
		else if (tag_is(name, nlen, "form"))
			danger(sc, HTML_D_FORM, line);
		else if (tag_is(name, nlen, "object") ||
		    tag_is(name, nlen, "embed") || tag_is(name, nlen, "applet"))
			danger(sc, HTML_D_OBJECT, line);
	}
	if (is_a && (end || sc->open_a >= 0))
		close_a(sc);
	if (is_img && !end)
		sc->d->nimg++;
	/* Attributes. */
	while (i < len && s[i] != '>') {
		size_t as, al, vs = 0, vl = 0;

		if (isspace((unsigned char)s[i]) || s[i] == '/') {
			if (s[i] == '\n')
				sc->line++;
			i++;
			continue;
		}
		as = i;
		while (i < len && !isspace((unsigned char)s[i]) && s[i] != '=' &&
		    s[i] != '>' && s[i] != '/')
			i++;
		al = i - as;
		if (al == 0) {
			i++;
			continue;
		}
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i < len && s[i] == '=') {
			i++;
			while (i < len && isspace((unsigned char)s[i])) {
				if (s[i] == '\n')
					sc->line++;
				i++;
			}
			if (i < len && (s[i] == '"' || s[i] == '\'')) {
				char q = s[i++];
				const char *p = memchr(s + i, q, len - i);
				size_t e = p ? (size_t)(p - s) : len;

				vs = i;
				vl = e - i;
				count_lines(sc, i, e);
				i = p ? e + 1 : len;
			} else {
				vs = i;
				while (i < len && !isspace((unsigned char)s[i]) &&
				    s[i] != '>')
					i++;
				vl = i - vs;
			}
		}
		if (end)
			continue;
		if (al > 2 && strncasecmp(s + as, "on", 2) == 0) {
			size_t k;

			for (k = 2; k < al && isalpha((unsigned char)s[as + k]); k++)
				;
			if (k == al)
				danger(sc, HTML_D_HANDLER, line);
		}
		if (vl > 0) {
			size_t k = vs;

			while (k < vs + vl && isspace((unsigned char)s[k]))
				k++;
			if (vs + vl - k >= 11 &&
			    strncasecmp(s + k, "javascript:", 11) == 0)
				danger(sc, HTML_D_JSURL, line);
		}
		if (is_a && al == 4 && strncasecmp(s + as, "href", 4) == 0 &&
		    l == NULL) {
			l = link_new(sc, HTML_A, s + vs, vl, line);
			if (l != NULL) {
				sc->open_a = (ssize_t)(sc->d->nlinks - 1);
				sc->a_start = sc->d->text.len;
			}
		} else if (is_img && al == 3 &&
		    strncasecmp(s + as, "src", 3) == 0 && l == NULL) {
			l = link_new(sc, HTML_IMG, s + vs, vl, line);
		} else if (is_img && al == 5 &&
		    strncasecmp(s + as, "width", 5) == 0)
			w = attr_int(s + vs, vl);
		else if (is_img && al == 6 &&
		    strncasecmp(s + as, "height", 6) == 0)
			h = attr_int(s + vs, vl);
	}
	if (is_img && !end && l == NULL)
		l = link_new(sc, HTML_IMG, "", 0, line);
	if (is_img && l != NULL) {
		l->width = w;
		l->height = h;
	}
	sc->i = i < len ? i + 1 : len;
	if (end)
		goto blocks;
	if (tag_is(name, nlen, "script")) {
		skip_raw(sc, "script");
		return;
	}
	if (tag_is(name, nlen, "style")) {
		skip_raw(sc, "style");
		return;
	}
	if (tag_is(name, nlen, "title")) {
		skip_raw(sc, "title");
		return;
	}
blocks:
	for (size_t k = 0; k < nitems(block_tags); k++)
		if (tag_is(name, nlen, block_tags[k])) {
			text_break(sc);
			return;
		}
	if (!sc->space)
		text_add(sc, " ", 1);
}

int
html_scan(const char *s, size_t len, struct html_doc *d)
{
	struct scan sc;

	memset(&sc, 0, sizeof(sc));
	sc.s = s;
	sc.len = len;
	sc.d = d;
	sc.line = 1;
	sc.open_a = -1;
	sc.space = true;
	while (sc.i < len && !sc.oom) {
		const char *p = memchr(s + sc.i, '<', len - sc.i);
		size_t e = p ? (size_t)(p - s) : len;
		size_t k = sc.i;

		/* Text up to the tag, line by line for the map. */
		while (k < e) {
			const char *nl = memchr(s + k, '\n', e - k);
			size_t le = nl ? (size_t)(nl - s) + 1 : e;

			text_add_decoded(&sc, s + k, le - k);
			if (nl != NULL)
				sc.line++;
			k = le;
		}
		sc.i = e;
		if (p != NULL)
			tag(&sc);
	}
	close_a(&sc);
	if (sbuf_add(&d->text, "", 0) == -1)
		sc.oom = 1;
	return sc.oom ? -1 : 0;
}

unsigned long
html_line(const struct html_doc *d, size_t off)
{
	size_t lo = 0, hi = d->nmap;

	if (d->nmap == 0)
		return 1;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (d->map_off[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return d->map_line[lo];
}

void
html_doc_free(struct html_doc *d)
{
	free(d->links);
	strpool_free(&d->str);
	free(d->map_off);
	free(d->map_line);
	sbuf_free(&d->text);
	memset(d, 0, sizeof(*d));
}

/* The entity at s ("&..."), its text and length into *c and *n: 0 if none. */
static int
html_entity(const char *s, char *c, size_t *n)
{
	static const struct {
		const char *name;
		size_t len;
		char c;
	} ent[] = {
		{ "&nbsp;", 6, ' ' }, { "&lt;", 4, '<' }, { "&gt;", 4, '>' },
		{ "&amp;", 5, '&' },
	};
	size_t i;

	for (i = 0; i < sizeof(ent) / sizeof(ent[0]); i++)
		if (strncmp(s, ent[i].name, ent[i].len) == 0) {
			*c = ent[i].c;
			*n = ent[i].len;
			return 1;
		}
	return 0;
}

/* The length of s[0..n)'s leading white space up to and with its
 * first newline, or 0 when the run has no newline there. */
static size_t
skip_nl(const char *s, size_t n)
{
	size_t k = 0;

	while (k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r'))
		k++;
	return k < n && s[k] == '\n' ? k + 1 : 0;
}

/* The line break a tag at s makes: <p> and <tr> one, <br> one that the
 * source's newline after it does not double, <div> one unless the text
 * is at a line's start (a block opens on a new line, it adds no empty
 * one), nor doubled either. */
static int
tag_break(const char *s, struct sbuf *out, bool *tagnl)
{
	if (strncasecmp(s, "<br", 3) == 0) {
		*tagnl = true;
		return sbuf_addc(out, '\n');
	}
	if (strncasecmp(s, "<div", 4) == 0) {
		*tagnl = true;
		if (out->len > 0 && out->s[out->len - 1] == '\n')
			return 0;
		return sbuf_addc(out, '\n');
	}
	if (strncasecmp(s, "<p", 2) == 0 || strncasecmp(s, "<tr", 3) == 0)
		return sbuf_addc(out, '\n');
	return 0;
}

/*
 * A run at a time: outside a tag the bytes up to the next '<' or '&' are
 * copied at once, inside one the bytes up to the next '<' or '>' are
 * passed over.  The source's newline right after a tag's line break
 * (Outlook's "<div>line</div>\r\n", "line<br>\r\n") is that break,
 * not a second one.
 */
int
html_lines(const char *s, struct sbuf *out)
{
	bool tag = false, tagnl = false;
	size_t n, k;
	char c;
	int r = 0;

	for (;;) {
		if (tag) {
			s += strcspn(s, "<>");
			if (*s == '>') {
				tag = false;
				s++;
				continue;
			}
		} else {
			n = strcspn(s, "<&");
			if (tagnl && (k = skip_nl(s, n)) > 0) {
				s += k;
				n -= k;
			}
			if (n > 0 || *s == '&')
				tagnl = false;
			r |= sbuf_add(out, s, n);
			s += n;
			if (*s == '&') {
				if (html_entity(s, &c, &n) == 0) {
					c = '&';
					n = 1;
				}
				r |= sbuf_addc(out, c);
				s += n;
				continue;
			}
		}
		if (*s == '\0')
			break;
		/* a '<' */
		tag = true;
		r |= tag_break(s, out, &tagnl);
		s++;
	}
	r |= sbuf_addc(out, '\n');
	return r != 0 ? -1 : 0;
}
