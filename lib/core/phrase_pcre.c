/*
 * The phrase index's PCRE2 patterns (see phrase_index_priv.h): an
 * entry's pattern as lib/core/phrases writes it, a group's anchored
 * alternation, a rest's and a member's own pattern, each compiled the
 * first time it is used.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/phrase_index_priv.h"

/* ASCII c in lower case. */
static unsigned char
lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* Entry ent's pattern, as phr compiles it, appended to b. */
int
bpi_add_pattern(struct sbuf *b, const struct phr *p, size_t ent)
{
	struct phr_hit h;
	bool regex;
	int r = 0;

	phr_entry(p, ent, &h, &regex);
	if (regex) {
		r |= sbuf_adds(b, "(?:");
		r |= sbuf_add(b, h.phrase + 1, strlen(h.phrase) - 2);
		r |= sbuf_addc(b, ')');
	} else
		r |= phr_literal_pattern(b, h.phrase);
	return r;
}

pcre2_code *
bpi_compile(struct phrase_index *bp, const size_t *idx, size_t n, uint32_t opt,
    bool marks, struct derr *e)
{
	struct sbuf b = { 0 };
	pcre2_code *re;
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	size_t i;
	int code, r = 0;

	r |= sbuf_adds(&b, "(?:");
	for (i = 0; i < n; i++) {
		if (i > 0)
			r |= sbuf_addc(&b, '|');
		r |= bpi_add_pattern(&b, bp->p, idx[i]);
		if (marks)
			r |= sbuf_printf(&b, "(*MARK:%zu)", idx[i]);
	}
	r |= sbuf_addc(&b, ')');
	if (r != 0) {
		sbuf_free(&b);
		derr_set(e, "phrases", "out of memory");
		return NULL;
	}
	re = pcre2_compile((PCRE2_SPTR)b.s, b.len, BP_COMPILE | opt, &code,
	    &off, NULL);
	sbuf_free(&b);
	if (re == NULL) {
		pcre2_get_error_message(code, msg, sizeof(msg));
		derr_set(e, "phrases", "%s", (const char *)msg);
		return NULL;
	}
	return re;
}

int
bpi_member_pattern(struct phrase_index *bp, const struct bp_group *g, size_t i,
    struct sbuf *one, bool *regex)
{
	struct phr_hit h;

	phr_entry(bp->p, g->idx[i], &h, regex);
	sbuf_reset(one);
	if (*regex)
		return sbuf_add(one, h.phrase + 1, strlen(h.phrase) - 2);
	return phr_literal_pattern(one, h.phrase);
}

/*
 * A group of literal phrases whose patterns all open with \b and the
 * key: "\bKEY(?:REST1(*MARK:i1)|REST2(*MARK:i2)|...)", the same matches
 * and marks as bpi_compile()'s alternation of the whole patterns (the key
 * is a fixed run, matched once rather than once a phrase).  Else
 * bpi_compile()'s pattern.
 */
static pcre2_code *
compile_group(struct phrase_index *bp, struct bp_group *g, struct derr *e)
{
	struct sbuf b = { 0 }, one = { 0 };
	pcre2_code *re;
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	size_t i, k, pre = 2 + g->klen;
	bool regex, whole = false;
	int code, r = 0;

	/* each member's rest after the key (all literal ones opening
	 * with \bKEY, else the group is compiled whole) */
	for (i = 0; i < g->n; i++) {
		if (bpi_member_pattern(bp, g, i, &one, &regex) != 0 || regex ||
		    one.len <= pre || memcmp(one.s, "\\b", 2) != 0) {
			whole = true;
			break;
		}
		for (k = 0; k < g->klen; k++)
			if (lower((unsigned char)one.s[2 + k]) !=
			    (unsigned char)g->key[k])
				whole = true;
		if (whole)
			break;
		if (i == 0) {
			r |= sbuf_add(&b, one.s, pre);
			r |= sbuf_adds(&b, "(?:");
		} else
			r |= sbuf_addc(&b, '|');
		r |= sbuf_add(&b, one.s + pre, one.len - pre);
		r |= sbuf_printf(&b, "(*MARK:%zu)", g->idx[i]);
	}
	sbuf_free(&one);
	if (whole) {
		sbuf_free(&b);
		return bpi_compile(bp, g->idx, g->n, PCRE2_ANCHORED, true, e);
	}
	r |= sbuf_addc(&b, ')');
	if (r != 0) {
		sbuf_free(&b);
		derr_set(e, "phrases", "out of memory");
		return NULL;
	}
	re = pcre2_compile((PCRE2_SPTR)b.s, b.len, BP_COMPILE | PCRE2_ANCHORED,
	    &code, &off, NULL);
	sbuf_free(&b);
	if (re == NULL) {
		pcre2_get_error_message(code, msg, sizeof(msg));
		derr_set(e, "phrases", "%s", (const char *)msg);
	}
	return re;
}

pcre2_code *
bpi_group_ready(struct phrase_index *bp, struct bp_group *g, size_t left)
{
	struct derr e;

	if (g->re == NULL && (g->re = compile_group(bp, g, &e)) == NULL)
		return NULL;
	if (!g->jit && left > BP_INTERP_MAX) {
		(void)pcre2_jit_compile(g->re, PCRE2_JIT_COMPLETE);
		g->jit = true;
	}
	return g->re;
}

pcre2_code *
bpi_rest_ready(struct phrase_index *bp, struct bp_rest *r)
{
	struct derr e;

	if (r->re == NULL && (r->re = bpi_compile(bp, &r->ent, 1,
	    PCRE2_USE_OFFSET_LIMIT, true, &e)) == NULL)
		return NULL;
	if (!r->jit) {
		(void)pcre2_jit_compile(r->re, PCRE2_JIT_COMPLETE);
		r->jit = true;
	}
	return r->re;
}
