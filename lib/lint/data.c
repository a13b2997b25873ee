/*
 * lint's regular expressions: the URL, money, encoded-word and
 * Message-ID patterns compiled once, and matching with them from a
 * padded copy of the subject (PCRE2's JIT may read past the end).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/deliv.h"
#include "lint/lint_priv.h"

static pcre2_code *
compile(const char *pat, uint32_t flags, struct derr *e)
{
	pcre2_code *re;
	int code;
	PCRE2_SIZE off;
	PCRE2_UCHAR msg[256];

	re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
	    flags | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF, &code, &off, NULL);
	if (re == NULL) {
		pcre2_get_error_message(code, msg, sizeof(msg));
		derr_set(e, "lint", "pattern at %zu: %s", (size_t)off,
		    (char *)msg);
		return NULL;
	}
	(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

int
lint_patterns_new(struct lint *l, struct derr *e)
{
	if ((l->re_url = compile("\\b(?:(?:https?|ftp)://|www\\.)"
	    "[^\\s<>\"'`{}|\\\\^\\[\\]]+", PCRE2_CASELESS, e)) == NULL ||
	    (l->re_money = compile("\\${3,}|[$\\x{a3}\\x{20ac}]\\s?\\d{1,3}"
	    "(?:,\\d{3})+(?:\\.\\d\\d)?|\\b\\d+(?:[.,]\\d+)?\\s?"
	    "(?:million|billion|thousand)\\s(?:dollars|usd|pounds|euros?)\\b|"
	    "[$\\x{a3}\\x{20ac}]\\s?\\d+(?:\\.\\d+)?\\s?(?:million|billion|k)\\b",
	    PCRE2_CASELESS | PCRE2_USE_OFFSET_LIMIT, e)) == NULL ||
	    (l->re_encword = compile("=\\?([^?\\s]*)\\?([^?\\s]*)\\?([^?\\s]*)\\?=",
	    0, e)) == NULL ||
	    (l->re_msgid = compile("^\\s*<[^<>@\\s]+@([^<>@\\s]+)>\\s*$", 0,
	    e)) == NULL)
		return -1;
	if ((l->md = pcre2_match_data_create(16, NULL)) == NULL ||
	    (l->money_mc = pcre2_match_context_create(NULL)) == NULL) {
		derr_set(e, "lint", "out of memory");
		return -1;
	}
	return 0;
}

void
lint_patterns_free(struct lint *l)
{
	pcre2_code_free(l->re_url);
	pcre2_code_free(l->re_money);
	pcre2_code_free(l->re_encword);
	pcre2_code_free(l->re_msgid);
	pcre2_match_data_free(l->md);
	pcre2_match_context_free(l->money_mc);
	free(l->pad);
}

/* s[0..len) in a buffer with zeroed slack; NULL when out of memory. */
const char *
lint_padded(struct lint *l, const char *s, size_t len)
{
	if (l->pad != NULL && l->padsrc == s && l->padlen == len)
		return l->pad;
	if (len + PAD_SLACK > l->padcap) {
		size_t cap = len + PAD_SLACK + 4096;
		char *p = realloc(l->pad, cap);

		if (p == NULL)
			return NULL;
		l->pad = p;
		l->padcap = cap;
	}
	memcpy(l->pad, s, len);
	memset(l->pad + len, 0, PAD_SLACK);
	l->padsrc = s;
	l->padlen = len;
	return l->pad;
}

/* Forget the copy (its source is about to be freed). */
void
lint_unpad(struct lint *l)
{
	l->padsrc = NULL;
	l->padlen = 0;
}

/*
 * Match re against s[0..len) from start.  1 and ovector set, 0 no match,
 * -1 error (c->e filled).
 */
int
lint_match(struct ctx *c, pcre2_code *re, const char *s, size_t len, size_t start)
{
	int rc;

	if (start > len)
		return 0;
	if ((s = lint_padded(c->l, s, len)) == NULL) {
		derr_set(c->e, "lint", "out of memory");
		c->oom = 1;
		return -1;
	}
	rc = pcre2_match(re, (PCRE2_SPTR)s, len, start, 0, c->l->md, NULL);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0) {
		PCRE2_UCHAR msg[256];

		pcre2_get_error_message(rc, msg, sizeof(msg));
		derr_set(c->e, "lint", "match: %s", (char *)msg);
		c->oom = 2;
		return -1;
	}
	return 1;
}

PCRE2_SIZE *
lint_ov(struct ctx *c)
{
	return pcre2_get_ovector_pointer(c->l->md);
}


/* The 1-based line of offset off in s. */
unsigned long
lint_line_of(const char *s, size_t off)
{
	unsigned long n = 1;
	const char *p = s, *e = s + off;

	while (p < e && (p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
		n++;
		p++;
	}
	return n;
}

