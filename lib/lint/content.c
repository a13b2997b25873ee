/*
 * Content checks on the subject and the text the reader sees: capitals,
 * exclamation marks, sums of money, and the weighted spam phrases.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <glib.h>

#include "core/phrase_index.h"
#include "core/phrases.h"
#include "core/util.h"
#include "lint/lint_priv.h"

#define ASCII_ALPHA(ch)	(((ch) | 0x20) >= 'a' && ((ch) | 0x20) <= 'z')

/*
 * The bytes a sum of money can be found by, each one's next place at or
 * after the last asked for (n when there is none): memchr() finds them,
 * and each place is found once, however often it is asked for.  The
 * words are found by a rarer byte of theirs: the first l of "illion",
 * the u of "thou".
 */
static const unsigned char money_bytes[] = { '$', 0xc2, 0xe2, 'l', 'L', 'u',
    'U' };
#define NMONEY	sizeof(money_bytes)

/* The two words: their letters (lower case) and where the byte is. */
static const struct {
	const char	*w;
	size_t		 off;	/* of money_bytes[b], money_bytes[b + 1] */
	size_t		 b;
} money_words[] = { { "illion", 1, 3 }, { "thou", 3, 5 } };
#define NWORDS	nitems(money_words)

struct money_scan {
	const unsigned char	*u;
	size_t			 n;
	size_t			 at[NMONEY];	/* a place of byte b, or n */
	size_t			 from[NMONEY];	/* found from here */
	size_t			 wat[NWORDS];	/* a place of a word, or n */
	size_t			 wfrom[NWORDS];
};

static void
money_scan_init(struct money_scan *m, const char *s, size_t n)
{
	size_t b;

	m->u = (const unsigned char *)s;
	m->n = n;
	/* nothing found yet: from after at */
	for (b = 0; b < NMONEY; b++) {
		m->at[b] = 0;
		m->from[b] = 1;
	}
	for (b = 0; b < NWORDS; b++) {
		m->wat[b] = 0;
		m->wfrom[b] = 1;
	}
}

/* The first place of money_bytes[b] at or after k, or n. */
static size_t
money_next(struct money_scan *m, size_t b, size_t k)
{
	const unsigned char *p;

	if (m->from[b] <= k && m->at[b] >= k)
		return m->at[b];
	p = k < m->n ? memchr(m->u + k, money_bytes[b], m->n - k) : NULL;
	m->from[b] = k;
	m->at[b] = p != NULL ? (size_t)(p - m->u) : m->n;
	return m->at[b];
}

/* Does the word w (lower case) stand at u[k..n), any case? */
static bool
word_at(const unsigned char *u, size_t n, size_t k, const char *w)
{
	size_t j;

	for (j = 0; w[j] != '\0' && k + j < n && (u[k + j] | 0x20) == w[j];
	    j++)
		;
	return w[j] == '\0';
}

/* Where money_words[i] first starts at or after k, or n. */
static size_t
money_word(struct money_scan *m, size_t i, size_t k)
{
	size_t b = money_words[i].b, off = money_words[i].off, q, q2, at;

	if (m->wfrom[i] <= k && m->wat[i] >= k)
		return m->wat[i];
	m->wfrom[i] = k;
	for (q = k + off; ; q = at + 1) {
		at = money_next(m, b, q);
		if ((q2 = money_next(m, b + 1, q)) < at)
			at = q2;
		if (at >= m->n || word_at(m->u, m->n, at - off,
		    money_words[i].w))
			break;
	}
	return m->wat[i] = at >= m->n ? m->n : at - off;
}

/*
 * Where the first "illion" or "thou", in any case, starts at or after k
 * in the text, or n.  (No letter of them has a caseless twin outside
 * ASCII.)
 */
static size_t
next_money_word(struct money_scan *m, size_t k)
{
	size_t a = money_word(m, 0, k), t = money_word(m, 1, k);

	return a < t ? a : t;
}

/* The first currency sign ($, U+00A3, U+20AC) at or after k, or n. */
static size_t
next_currency(struct money_scan *m, size_t k)
{
	const unsigned char *u = m->u;
	size_t b, best, at, n = m->n;

	for (;;) {
		best = n;
		for (b = 0; b < 3; b++)
			if ((at = money_next(m, b, k)) < best)
				best = at;
		if (best == n || u[best] == '$' || (u[best] == 0xc2 &&
		    best + 1 < n && u[best + 1] == 0xa3) || (u[best] == 0xe2 &&
		    best + 2 < n && u[best + 1] == 0x82 && u[best + 2] == 0xac))
			return best;
		k = best + 1;
	}
}

/*
 * The first stretch [lo, *hi] at or after start where a re_money match
 * can begin; lo, or n when there is none.  Every match starts at a
 * currency sign, or at the number before "million", "billion" or
 * "thousand": digits (Unicode ones too, so any non-ASCII byte is taken
 * for one), "." and "," and at most one white-space character, which a
 * scan back from the word covers.
 */
static size_t
money_window(struct money_scan *m, size_t start, size_t *hi)
{
	const unsigned char *u = m->u;
	size_t n = m->n, c = next_currency(m, start), w, q;

	*hi = c;
	if ((w = next_money_word(m, start)) == n)
		return c;
	q = w;
	if ((u[w] | 0x20) == 'i' && q > start && ASCII_ALPHA(u[q - 1]))
		q--;	/* the m or b of million, billion */
	while (q > start && (u[q - 1] >= 0x80 || isdigit(u[q - 1]) ||
	    u[q - 1] == '.' || u[q - 1] == ',' || isspace(u[q - 1])))
		q--;
	if (q > c)
		return c;
	*hi = w;
	return q;
}

/* re_money's leftmost match starting in [lo, hi]: 1, 0 none, -1 error. */
static int
money_match(struct ctx *c, const char *s, size_t n, size_t lo, size_t hi)
{
	PCRE2_UCHAR msg[256];
	int rc;

	if ((s = lint_padded(c->l, s, n)) == NULL) {
		derr_set(c->e, "lint", "out of memory");
		c->oom = 1;
		return -1;
	}
	pcre2_set_offset_limit(c->l->money_mc, hi);
	rc = pcre2_match(c->l->re_money, (PCRE2_SPTR)s, n, lo, 0, c->l->md,
	    c->l->money_mc);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0) {
		pcre2_get_error_message(rc, msg, sizeof(msg));
		derr_set(c->e, "lint", "match: %s", (char *)msg);
		c->oom = 2;
		return -1;
	}
	return 1;
}

/*
 * Sums of money in s[0..n) (the re_money matches).  The search runs only
 * over the stretches where a match can begin (money_window()), each
 * with an offset limit, so most of a text is never searched at all and
 * a stretch without a match costs no search to the end.  The same
 * matches as searching from 0 each time.
 */
static size_t
count_money(struct ctx *c, const char *s, size_t n)
{
	struct money_scan m;
	size_t money = 0, start = 0, lo, hi;
	int r;

	if (s == NULL)
		return 0;
	money_scan_init(&m, s, n);
	while ((lo = money_window(&m, start, &hi)) < n) {
		if ((r = money_match(c, s, n, lo, hi)) == -1)
			break;
		if (r == 0) {
			/* on to the next character */
			start = hi + 1;
			while (start < n &&
			    ((unsigned char)s[start] & 0xc0) == 0x80)
				start++;
			continue;
		}
		money++;
		start = lint_ov(c)[1];
	}
	return money;
}

/* ALL-CAPS words of 3+ letters among all words of 3+ letters. */
static void
caps_count(const char *s, size_t n, size_t *words, size_t *caps)
{
	const char *p = s, *e = s + n;

	*words = *caps = 0;
	while (p < e) {
		gunichar u;
		size_t letters = 0;
		bool allup = true;

		/* ASCII fast path: a whole ASCII word at once. */
		if ((unsigned char)*p < 0x80) {
			const char *q = p;

			if (!ASCII_ALPHA(*p)) {
				/* the run of ASCII between words at once */
				while (++p < e && (unsigned char)*p < 0x80 &&
				    !ASCII_ALPHA(*p))
					;
				continue;
			}
			while (q < e && ASCII_ALPHA(*q)) {
				if (*q >= 'a')
					allup = false;
				q++;
			}
			if (q == e || (unsigned char)*q < 0x80) {
				if (q - p >= 3) {
					(*words)++;
					if (allup)
						(*caps)++;
				}
				p = q;
				continue;
			}
			allup = true;	/* a non-ASCII letter may follow */
		}
		u = g_utf8_get_char_validated(p, e - p);

		if (u == (gunichar)-1 || u == (gunichar)-2) {
			p++;
			continue;
		}
		if (!g_unichar_isalpha(u)) {
			p = g_utf8_next_char(p);
			continue;
		}
		while (p < e) {
			u = g_utf8_get_char_validated(p, e - p);
			if (u == (gunichar)-1 || u == (gunichar)-2 ||
			    !g_unichar_isalpha(u))
				break;
			letters++;
			if (!g_unichar_isupper(u))
				allup = false;
			p = g_utf8_next_char(p);
		}
		if (letters >= 3) {
			(*words)++;
			if (allup)
				(*caps)++;
		}
	}
}

static size_t
count_char(const char *s, size_t n, char ch)
{
	const char *p = s, *e = s + n;
	size_t m = 0;

	/* the character is rare: memchr skips the text between */
	while (p < e && (p = memchr(p, ch, (size_t)(e - p))) != NULL) {
		m++;
		p++;
	}
	return m;
}

void
lint_check_content(struct ctx *c)
{
	const char *subj = g_mime_message_get_subject(c->msg);
	size_t sl = subj ? strlen(subj) : 0, k, words, caps, n;
	struct sbuf body = { 0 };
	size_t nseen = c->l->maxline + 1;
	unsigned char *seen;
	size_t money, first;
	double pts;
	bool have_plain = false;

	for (k = 0; k < c->nparts; k++)
		if (!c->parts[k].html)
			have_plain = true;
	for (k = 0; k < c->nparts; k++) {
		size_t vl;
		const char *v;

		if (c->parts[k].html && have_plain)
			continue;
		v = lint_visible(&c->parts[k], &vl);
		if (sbuf_add(&body, v, vl) == -1 || sbuf_addc(&body, '\n') == -1)
			c->oom = 1;
	}
	if (c->oom) {
		sbuf_free(&body);
		return;
	}
	if (subj != NULL) {
		/* List tags ("[ILUG]") and Re:/Fwd: are not the sender's. */
		struct sbuf st = { 0 };
		int depth = 0;

		for (k = 0; k < sl; k++) {
			if (subj[k] == '[')
				depth++;
			else if (subj[k] == ']' && depth > 0)
				depth--;
			else if (depth == 0 && sbuf_addc(&st, subj[k]) == -1)
				c->oom = 1;
		}
		caps_count(st.s ? st.s : "", st.len, &words, &caps);
		if (st.s != NULL && strncasecmp(str_trim(st.s), "fwd:", 4) == 0 &&
		    caps > 0 && words > 0) {
			/* "FWD:" counted as a word in capitals: drop it. */
			const char *t = str_trim(st.s);

			if (isupper((unsigned char)t[0]) &&
			    isupper((unsigned char)t[1]) &&
			    isupper((unsigned char)t[2]) && t[3] == ':') {
				words--;
				caps--;
			}
		}
		sbuf_free(&st);
		if (words >= 2 && caps * 2 >= words)
			lint_add(c, C_CAPS_SUBJECT, LINT_WARN,
			    caps == words ? 1.5 : 1.0, "header Subject",
			    "%zu of %zu words in capitals", caps, words);
		n = count_char(subj, sl, '!');
		if (n >= 2)
			lint_add(c, C_EXCL_SUBJECT, LINT_WARN, n >= 3 ? 1.5 : 1.0,
			    "header Subject", "%zu exclamation marks", n);
		else if (n == 1)
			lint_add(c, C_EXCL_SUBJECT, LINT_INFO, 0.5, "header Subject",
			    "1 exclamation mark");
	}
	caps_count(body.s ? body.s : "", body.len, &words, &caps);
	if (words >= 20 && caps * 100 >= words * 25)
		lint_add(c, C_CAPS_BODY, LINT_WARN, caps * 100 >= words * 50 ? 2 : 1,
		    "body", "%zu of %zu words in capitals (%.0f%%)", caps, words,
		    100.0 * caps / words);
	else if (words >= 20 && caps * 100 >= words * 10)
		lint_add(c, C_CAPS_BODY, LINT_INFO, 0.7, "body",
		    "%zu of %zu words in capitals (%.0f%%)", caps, words,
		    100.0 * caps / words);
	n = count_char(body.s ? body.s : "", body.len, '!');
	if (n >= 10 || (n >= 4 && n * 100 > words))
		lint_add(c, C_EXCL_BODY, LINT_WARN, n >= 10 ? 1.5 : 1.0, "body",
		    "%zu exclamation marks in %zu words", n, words);
	else if (n >= 3)
		lint_add(c, C_EXCL_BODY, LINT_INFO, 0.3, "body",
		    "%zu exclamation marks in %zu words", n, words);
	money = count_money(c, subj, sl) + count_money(c, body.s, body.len);
	if (money > 0)
		lint_add(c, C_MONEY, money >= 3 ? LINT_WARN : LINT_INFO,
		    money >= 3 ? 1 : 0.5, "body",
		    "sums of money or $$$ (%zu)", money);
	sbuf_free(&body);
	lint_unpad(c->l);

	if ((seen = calloc(nseen, 1)) == NULL) {
		c->oom = 1;
		return;
	}
	first = c->r->n;
	if (subj != NULL)
		lint_spam_phrases(c, subj, sl, "header Subject", NULL, seen, nseen);
	for (k = 0; k < c->nparts && !c->oom; k++) {
		size_t vl, j;
		const char *v = lint_visible(&c->parts[k], &vl);

		/* HTML with a text/plain alternative: the text is enough. */
		for (j = 0; c->parts[k].html && c->parts[k].alt != 0 &&
		    j < c->nparts; j++)
			if (!c->parts[j].html &&
			    c->parts[j].alt == c->parts[k].alt)
				break;
		if (c->parts[k].html && c->parts[k].alt != 0 && j < c->nparts)
			continue;
		if (vl > PHRASE_SCAN_MAX)
			vl = PHRASE_SCAN_MAX;
		lint_spam_phrases(c, v, vl, c->parts[k].html ? "html" : "text",
		    &c->parts[k], seen, nseen);
	}
	free(seen);
	/*
	 * One phrase is a hint; several together are a warning.  Below
	 * PHRASE_WARN points in all, every phrase finding is info.
	 */
	for (k = first, pts = 0; k < c->r->n; k++)
		pts += c->r->f[k].points;
	for (k = first; k < c->r->n; k++)
		c->r->f[k].sev = pts >= PHRASE_WARN ? LINT_WARN : LINT_INFO;
}

