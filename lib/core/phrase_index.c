/*
 * Phrase lists searched by first word.  See phrase_index.h.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "core/phrase_index.h"
#include "core/util.h"

/* As lib/core/phrases compiles its lists. */
#define BP_COMPILE	(PCRE2_CASELESS | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF)
#define BP_MATCH_LIMIT	10000000
#define BP_DEPTH_LIMIT	10000
#define BP_KEY_MAX	64

struct bp_group {
	char		*key;		/* lower-case first word */
	pcre2_code	*re;		/* anchored alternation */
	size_t		*idx;		/* entries, in file order */
	size_t		 n;
};

struct phrase_index {
	struct phr		*p;
	struct bp_group		*g;	/* sorted by key */
	size_t			 ng;
	unsigned char		 first[256];	/* 1: some key opens so */
	pcre2_code		*any;	/* the rest, unanchored; or NULL */
	pcre2_match_data	*md;
	pcre2_match_context	*mctx;
	pcre2_match_context	*amctx;	/* for any: with an offset limit */
};

static bool
ascii_word(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || c == '_';
}

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* The lower-case ASCII word at s into key; its length, 0 if none. */
static size_t
first_word(const char *s, size_t len, char *key)
{
	size_t n = 0;

	while (n < len && ascii_word((unsigned char)s[n])) {
		if (n + 1 >= BP_KEY_MAX)
			return 0;
		key[n] = lower(s[n]);
		n++;
	}
	key[n] = '\0';
	return n;
}

static pcre2_code *
compile(struct phrase_index *bp, const size_t *idx, size_t n, uint32_t opt,
    struct derr *e)
{
	struct phr_hit h;
	struct sbuf b = { 0 };
	pcre2_code *re;
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	bool regex;
	size_t i;
	int code, r = 0;

	r |= sbuf_adds(&b, "(?:");
	for (i = 0; i < n; i++) {
		phr_entry(bp->p, idx[i], &h, &regex);
		if (i > 0)
			r |= sbuf_addc(&b, '|');
		if (regex) {
			r |= sbuf_adds(&b, "(?:");
			r |= sbuf_add(&b, h.phrase + 1, strlen(h.phrase) - 2);
			r |= sbuf_addc(&b, ')');
		} else
			r |= phr_literal_pattern(&b, h.phrase);
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
	(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

static int
cmpgroup(const void *a, const void *b)
{
	return strcmp(((const struct bp_group *)a)->key,
	    ((const struct bp_group *)b)->key);
}

struct phrase_index *
phrase_index_new(struct phr *p, struct derr *e)
{
	return phrase_index_new_subset(p, NULL, phr_count(p), e);
}

struct phrase_index *
phrase_index_new_subset(struct phr *p, const size_t *sub, size_t n,
    struct derr *e)
{
	struct phrase_index *bp;
	struct bp_group *g, *v;
	struct phr_hit h;
	char key[BP_KEY_MAX];
	size_t i, j, *any = NULL, nany = 0, *w;
	bool regex;

	if ((bp = calloc(1, sizeof(*bp))) == NULL)
		goto oom;
	bp->p = p;
	for (i = 0; i < n; i++) {
		size_t ent = sub != NULL ? sub[i] : i;

		phr_entry(p, ent, &h, &regex);
		if (regex || first_word(h.phrase, strlen(h.phrase), key) == 0 ||
		    (unsigned char)h.phrase[strlen(key)] >= 0x80) {
			if ((w = reallocarray(any, nany + 1, sizeof(*w))) ==
			    NULL)
				goto oom;
			any = w;
			any[nany++] = ent;
			continue;
		}
		for (j = 0; j < bp->ng; j++)
			if (strcmp(bp->g[j].key, key) == 0)
				break;
		if (j == bp->ng) {
			if ((v = reallocarray(bp->g, bp->ng + 1, sizeof(*v))) ==
			    NULL)
				goto oom;
			bp->g = v;
			memset(&bp->g[j], 0, sizeof(*v));
			if ((bp->g[j].key = strdup(key)) == NULL)
				goto oom;
			bp->ng++;
		}
		g = &bp->g[j];
		if ((w = reallocarray(g->idx, g->n + 1, sizeof(*w))) == NULL)
			goto oom;
		g->idx = w;
		g->idx[g->n++] = ent;
	}
	if (bp->ng > 0)
		qsort(bp->g, bp->ng, sizeof(*bp->g), cmpgroup);
	for (j = 0; j < bp->ng; j++) {
		unsigned char c0 = (unsigned char)bp->g[j].key[0];

		bp->first[c0] = 1;
		if (c0 >= 'a' && c0 <= 'z')
			bp->first[c0 - 'a' + 'A'] = 1;
	}
	for (j = 0; j < bp->ng; j++)
		if ((bp->g[j].re = compile(bp, bp->g[j].idx, bp->g[j].n,
		    PCRE2_ANCHORED, e)) == NULL)
			goto fail;
	if (nany > 0 && (bp->any = compile(bp, any, nany,
	    PCRE2_USE_OFFSET_LIMIT, e)) == NULL)
		goto fail;
	free(any);
	any = NULL;
	bp->md = pcre2_match_data_create(4, NULL);
	bp->mctx = pcre2_match_context_create(NULL);
	if (bp->md == NULL || bp->mctx == NULL)
		goto oom;
	pcre2_set_match_limit(bp->mctx, BP_MATCH_LIMIT);
	pcre2_set_depth_limit(bp->mctx, BP_DEPTH_LIMIT);
	if ((bp->amctx = pcre2_match_context_copy(bp->mctx)) == NULL)
		goto oom;
	return bp;
oom:
	derr_set(e, "phrases", "out of memory");
fail:
	free(any);
	phrase_index_free(bp);
	return NULL;
}

/* Match re at (or, unanchored, after) off; fill *at and *idx. */
static int
try(struct phrase_index *bp, pcre2_code *re, pcre2_match_context *mctx,
    const char *s, size_t len, size_t off, size_t *at, size_t *end,
    size_t *idx, struct derr *e)
{
	PCRE2_UCHAR msg[256];
	PCRE2_SPTR mark;
	PCRE2_SIZE *ov;
	int rc;

	rc = pcre2_match(re, (PCRE2_SPTR)s, len, off, 0, bp->md, mctx);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0) {
		pcre2_get_error_message(rc, msg, sizeof(msg));
		derr_set(e, "phrases", "%s", (const char *)msg);
		return -1;
	}
	if ((mark = pcre2_get_mark(bp->md)) == NULL) {
		derr_set(e, "phrases", "match without a mark");
		return -1;
	}
	ov = pcre2_get_ovector_pointer(bp->md);
	*at = ov[0];
	*end = ov[1];
	*idx = strtoul((const char *)mark, NULL, 10);
	return 1;
}

int
phrase_index_match(struct phrase_index *bp, const char *s, size_t len,
    struct phr_hit *hit, struct derr *e)
{
	return phrase_index_match_from(bp, s, len, 0, hit, e);
}

int
phrase_index_match_from(struct phrase_index *bp, const char *s, size_t len,
    size_t start, struct phr_hit *hit, struct derr *e)
{
	struct bp_group key, *g;
	char word[BP_KEY_MAX];
	size_t i, at = 0, end = 0, idx = 0, a_at, a_end, a_idx;
	int r, found = 0, afound = 0;

	/* the leftmost literal phrase, by the words that open one */
	if (start > len)
		return 0;
	key.key = word;
	for (i = start; bp->ng > 0 && i < len; i++) {
		if (!bp->first[(unsigned char)s[i]] ||
		    (i > 0 && ascii_word((unsigned char)s[i - 1])))
			continue;
		if (first_word(s + i, len - i, word) == 0 ||
		    (g = bsearch(&key, bp->g, bp->ng, sizeof(*g), cmpgroup)) ==
		    NULL)
			continue;
		if ((r = try(bp, g->re, bp->mctx, s, len, i, &at, &end, &idx,
		    e)) == -1)
			return -1;
		if (r == 1) {
			found = 1;
			break;
		}
	}
	/* the rest, only where it starts no later than that */
	if (bp->any != NULL) {
		pcre2_set_offset_limit(bp->amctx, found ? at : PCRE2_UNSET);
		if ((afound = try(bp, bp->any, bp->amctx, s, len, start, &a_at,
		    &a_end, &a_idx, e)) == -1)
			return -1;
	}
	if (afound && (!found || a_at < at || (a_at == at && a_idx < idx))) {
		at = a_at;
		end = a_end;
		idx = a_idx;
		found = 1;
	}
	if (!found)
		return 0;
	phr_entry(bp->p, idx, hit, NULL);
	hit->start = at;
	hit->end = end;
	return 1;
}

void
phrase_index_free(struct phrase_index *bp)
{
	size_t j;

	if (bp == NULL)
		return;
	for (j = 0; j < bp->ng; j++) {
		free(bp->g[j].key);
		free(bp->g[j].idx);
		pcre2_code_free(bp->g[j].re);
	}
	free(bp->g);
	pcre2_code_free(bp->any);
	pcre2_match_data_free(bp->md);
	pcre2_match_context_free(bp->mctx);
	pcre2_match_context_free(bp->amctx);
	free(bp);
}
