/*
 * Phrase lists searched in one pass: Vectorscan to find which phrases
 * occur, PCRE2 to confirm and locate them; PCRE2 alone (by first word)
 * as the fallback.  See phrase_index.h.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/phrase_filter.h"
#include "core/phrase_index_priv.h"
#include "core/phrase_literal.h"

static bool
ascii_word(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || c == '_';
}

/* ASCII c in lower case. */
static unsigned char
lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/*
 * The word (ASCII letters, digits, _) at s[0..len), caseless: its hash,
 * its length in *n (0 when it is none or too long for a key, as
 * lit_first_word() says).
 */
static uint32_t
word_hash(const char *s, size_t len, size_t *n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len && ascii_word((unsigned char)s[i]); i++) {
		if (i + 1 >= BP_KEY_MAX) {
			*n = 0;
			return 0;
		}
		h = (h ^ lower((unsigned char)s[i])) * 16777619u;
	}
	*n = i;
	return h;
}

/* The group whose key is the word s[0..n) (hash h), or NULL. */
static struct bp_group *
group_of(const struct bp_set *st, const char *s, size_t n, uint32_t h)
{
	struct bp_group *g;
	size_t at, j;
	uint32_t v;

	for (at = h & st->ghmask; (v = st->gh[at]) != 0;
	    at = (at + 1) & st->ghmask) {
		g = &st->g[v - 1];
		if (g->klen != n)
			continue;
		for (j = 0; j < n && lower((unsigned char)s[j]) ==
		    (unsigned char)g->key[j]; j++)
			;
		if (j == n)
			return g;
	}
	return NULL;
}

/* A bit of g->next for the first m (1 to 3) bytes of w, caseless. */
static unsigned
next_hash(const char *w, size_t m)
{
	unsigned h = (unsigned)m;
	size_t i;

	for (i = 0; i < m; i++)
		h = h * 131 + lower((unsigned char)w[i]);
	return h & 255;
}

static bool
next_has(const struct bp_group *g, unsigned h)
{
	return (g->next[h >> 3] & (1u << (h & 7))) != 0;
}

/*
 * The word a member of g goes on with after its key, from its pattern
 * p[0..n) (a literal phrase's as phr_literal_pattern() writes it, or a
 * regex): "\bKEY", white space that is not optional ("\s+", "\s" or
 * one space), then a run of ASCII word bytes (its last one left out when
 * a quantifier follows it).  Noted in g->next (the word's first three
 * bytes, or all of it when shorter: a text's word can match only when
 * it opens with them); when the pattern does not say so plainly, g has
 * no such filter (any_next).
 */
static void
next_note(struct bp_group *g, const char *p, size_t n)
{
	size_t i = 0, k, w, m;
	unsigned h;

	while (n - i >= 3 && strncmp(p + i, "(?:", 3) == 0)
		i += 3;
	if (n - i < 2 + g->klen || strncmp(p + i, "\\b", 2) != 0)
		goto any;
	for (i += 2, k = 0; k < g->klen; k++)
		if (lower((unsigned char)p[i + k]) != (unsigned char)g->key[k])
			goto any;
	i += g->klen;
	if (n - i >= 3 && strncmp(p + i, "\\s+", 3) == 0)
		i += 3;
	else if (n - i >= 2 && strncmp(p + i, "\\s", 2) == 0 &&
	    (n - i == 2 || strchr("*?{+", p[i + 2]) == NULL))
		i += 2;
	else if (i < n && p[i] == ' ' && (n - i == 1 ||
	    strchr("*?{+", p[i + 1]) == NULL))
		i++;
	else
		goto any;
	for (w = i; w < n && ascii_word((unsigned char)p[w]); w++)
		;
	m = w - i;
	if (m > 0 && w < n && strchr("*?{", p[w]) != NULL)
		m--;
	if (m == 0)
		goto any;
	if (m > 3)
		m = 3;
	h = next_hash(p + i, m);
	g->next[h >> 3] |= (unsigned char)(1u << (h & 7));
	if (m < 3)
		g->next_short |= (unsigned char)(1u << (m - 1));
	return;
any:
	g->any_next = true;
}

/* What each member of g says of the word after its key (next_note()). */
static void
group_notes(struct phrase_index *bp, struct bp_group *g)
{
	struct sbuf one = { 0 };
	size_t i;
	bool regex;

	for (i = 0; i < g->n; i++)
		if (bpi_member_pattern(bp, g, i, &one, &regex) != 0)
			g->any_next = true;
		else
			next_note(g, one.s, one.len);
	sbuf_free(&one);
}

static int
cmpgroup(const void *a, const void *b)
{
	return strcmp(((const struct bp_group *)a)->key,
	    ((const struct bp_group *)b)->key);
}

/*
 * The phrases any[0..n) of st that open with no word, each its own
 * unanchored pattern with the literal its matches hold (if one).
 */
static int
rest_build(struct phrase_index *bp, struct bp_set *st, const size_t *any,
    size_t n, struct derr *e)
{
	struct sbuf b = { 0 };
	struct phr_hit h;
	char lit[LIT_ANY_MAX][LIT_MAX];
	size_t i, k, n_any, len[LIT_ANY_MAX];
	bool regex;
	int id;

	if (n == 0)
		return 0;
	if ((st->rest = calloc(n, sizeof(*st->rest))) == NULL ||
	    (bp->lits == NULL && (bp->lits = litset_new()) == NULL))
		goto oom;
	for (i = 0; i < n; i++) {
		st->rest[i].ent = any[i];
		st->nrest++;
		phr_entry(bp->p, any[i], &h, &regex);
		sbuf_reset(&b);
		if (regex ? sbuf_add(&b, h.phrase + 1, strlen(h.phrase) - 2) :
		    phr_literal_pattern(&b, h.phrase))
			goto oom;
		/* a full set leaves the phrase with no literal: always
		 * tried */
		n_any = lit_required_any(b.s, b.len, lit, len, LIT_ANY_MAX);
		for (k = 0; k < n_any; k++) {
			if ((id = litset_add(bp->lits, lit[k], len[k])) == -1) {
				st->rest[i].nlit = 0;
				break;
			}
			st->rest[i].lit[st->rest[i].nlit++] = id;
		}
	}
	sbuf_free(&b);
	return 0;
oom:
	derr_set(e, "phrases", "out of memory");
	sbuf_free(&b);
	return -1;
}

/* The PCRE2 engine's structures for one group. */
static int
set_build(struct phrase_index *bp, struct bp_set *st, struct derr *e)
{
	struct bp_group *g, *v;
	struct phr_hit h;
	char key[BP_KEY_MAX];
	size_t i, j, *any = NULL, nany = 0, *w;
	bool regex;

	for (i = 0; i < st->n; i++) {
		size_t ent = bp->m[st->lo + i].ent;

		phr_entry(bp->p, ent, &h, &regex);
		if (regex ? lit_regex_key(h.phrase + 1, strlen(h.phrase) - 2,
		    key) == 0 : (lit_first_word(h.phrase, strlen(h.phrase),
		    key) == 0 || (unsigned char)h.phrase[strlen(key)] >=
		    0x80)) {
			if ((w = reallocarray(any, nany + 1, sizeof(*w))) ==
			    NULL)
				goto oom;
			any = w;
			any[nany++] = ent;
			continue;
		}
		for (j = 0; j < st->ng; j++)
			if (strcmp(st->g[j].key, key) == 0)
				break;
		if (j == st->ng) {
			if ((v = reallocarray(st->g, st->ng + 1, sizeof(*v))) ==
			    NULL)
				goto oom;
			st->g = v;
			memset(&st->g[j], 0, sizeof(*v));
			if ((st->g[j].key = strdup(key)) == NULL)
				goto oom;
			st->ng++;
		}
		g = &st->g[j];
		if ((w = reallocarray(g->idx, g->n + 1, sizeof(*w))) == NULL)
			goto oom;
		g->idx = w;
		g->idx[g->n++] = ent;
	}
	if (st->ng > 0)
		qsort(st->g, st->ng, sizeof(*st->g), cmpgroup);
	/* the groups by the hash of their key, the table at most half full */
	for (st->ghmask = 1; st->ghmask < 2 * st->ng; st->ghmask <<= 1)
		;
	if ((st->gh = calloc(st->ghmask, sizeof(*st->gh))) == NULL)
		goto oom;
	st->ghmask--;
	for (j = 0; j < st->ng; j++) {
		size_t at, n;
		uint32_t hv;

		st->g[j].klen = strlen(st->g[j].key);
		hv = word_hash(st->g[j].key, st->g[j].klen, &n);
		/* a key that is no word: no word of a text is it */
		if (n != st->g[j].klen)
			continue;
		for (at = hv & st->ghmask; st->gh[at] != 0;
		    at = (at + 1) & st->ghmask)
			;
		st->gh[at] = (uint32_t)j + 1;
	}
	for (j = 0; j < 256; j++)
		st->first[j] = ascii_word((unsigned char)j);
	for (j = 0; j < st->ng; j++) {
		unsigned char c0 = (unsigned char)st->g[j].key[0];

		st->first[c0] = 2;
		if (c0 >= 'a' && c0 <= 'z')
			st->first[c0 - 'a' + 'A'] = 2;
	}
	for (j = 0; j < st->ng; j++)
		group_notes(bp, &st->g[j]);
	if (rest_build(bp, st, any, nany, e) == -1)
		goto fail;
	free(any);
	return 0;
oom:
	derr_set(e, "phrases", "out of memory");
fail:
	free(any);
	return -1;
}

static int
cmpmember(const void *a, const void *b)
{
	const struct bp_member *x = a, *y = b;

	if (x->from != y->from)	/* the group, while building */
		return x->from < y->from ? -1 : 1;
	return x->ent < y->ent ? -1 : x->ent > y->ent;
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
	int *grp;
	size_t i, np = phr_count(p);

	if ((grp = calloc(np + 1, sizeof(*grp))) == NULL) {
		derr_set(e, "phrases", "out of memory");
		return NULL;
	}
	for (i = 0; i < np; i++)
		grp[i] = sub == NULL && i < n ? 0 : -1;
	for (i = 0; sub != NULL && i < n; i++)
		if (sub[i] < np)
			grp[sub[i]] = 0;
	bp = phrase_index_new_groups(p, grp, 1, e);
	free(grp);
	return bp;
}

struct phrase_index *
phrase_index_new_groups(struct phr *p, const int *grp, size_t ngroups,
    struct derr *e)
{
	struct phrase_index *bp;
	const char *engine = getenv("DELIV_PHRASES_ENGINE");
	size_t i, np = phr_count(p), g;

	if ((bp = calloc(1, sizeof(*bp))) == NULL ||
	    (bp->m = calloc(np + 1, sizeof(*bp->m))) == NULL ||
	    (bp->set = calloc(ngroups + 1, sizeof(*bp->set))) == NULL)
		goto oom;
	bp->p = p;
	bp->nset = ngroups;
	bp->touched = true;
	for (i = 0; i < np; i++)
		if (grp[i] >= 0 && (size_t)grp[i] < ngroups) {
			bp->m[bp->nm].ent = i;
			bp->m[bp->nm++].from = (size_t)grp[i];
		}
	qsort(bp->m, bp->nm, sizeof(*bp->m), cmpmember);
	for (i = 0; i < bp->nm; i++) {
		g = bp->m[i].from;
		if (bp->set[g].n++ == 0)
			bp->set[g].lo = i;
		bp->m[i].from = 0;
	}
	bp->md = pcre2_match_data_create(4, NULL);
	bp->mctx = pcre2_match_context_create(NULL);
	bp->jit = pcre2_jit_stack_create(32 * 1024, BP_JIT_STACK, NULL);
	if (bp->md == NULL || bp->mctx == NULL || bp->jit == NULL)
		goto oom;
	pcre2_set_match_limit(bp->mctx, BP_MATCH_LIMIT);
	pcre2_set_depth_limit(bp->mctx, BP_DEPTH_LIMIT);
	pcre2_jit_stack_assign(bp->mctx, NULL, bp->jit);
	if ((bp->amctx = pcre2_match_context_copy(bp->mctx)) == NULL)
		goto oom;
	for (g = 0; g < bp->nset; g++)
		if (set_build(bp, &bp->set[g], e) == -1)
			goto fail;
#ifdef DELIV_VECTORSCAN
	/*
	 * Compiling the database costs a few tenths of a second: worth it
	 * for lists in groups once the texts add up (BP_VS_AFTER bytes), at
	 * once when asked.  A list in one group is searched by first word,
	 * which stops at the leftmost hit: there a full scan does not pay
	 * (bench/phrases.sh), so Vectorscan only when asked.
	 */
	if (engine != NULL && strcmp(engine, "vectorscan") == 0)
		(void)bpi_vs_start(bp, false);
	else if (ngroups > 1 && (engine == NULL ||
	    strcmp(engine, "pcre2") != 0)) {
		/* a database in the cache costs nothing to compile */
		bp->vs_after = BP_VS_AFTER;
		(void)bpi_vs_start(bp, true);
	}
#else
	(void)engine;
#endif
	return bp;
oom:
	derr_set(e, "phrases", "out of memory");
fail:
	phrase_index_free(bp);
	return NULL;
}

struct phrase_index *
phrase_index_new_vectorscan(struct phr *p, bool only_cached, struct derr *e)
{
#ifdef DELIV_VECTORSCAN
	const char *engine = getenv("DELIV_PHRASES_ENGINE");
	struct phrase_index *bp;

	if (engine != NULL && strcmp(engine, "pcre2") == 0)
		return NULL;
	if ((bp = phrase_index_new(p, e)) == NULL)
		return NULL;
	if (!bp->vs && bpi_vs_start(bp, only_cached) == -1) {
		phrase_index_free(bp);
		return NULL;
	}
	return bp;
#else
	(void)p;
	(void)only_cached;
	(void)e;
	return NULL;
#endif
}

const char *
phrase_index_engine(const struct phrase_index *bp)
{
	return bp->vs ? "vectorscan" : "pcre2";
}

const char *
phrase_index_cache(const struct phrase_index *bp)
{
#ifdef DELIV_VECTORSCAN
	static const char *const state[] = {
		[PHRASE_CACHE_NONE] = "none", [PHRASE_CACHE_OFF] = "off",
		[PHRASE_CACHE_HIT] = "hit", [PHRASE_CACHE_MISS] = "miss",
		[PHRASE_CACHE_STORED] = "stored"
	};

	return state[bp->cache];
#else
	(void)bp;
	return "none";
#endif
}

/* Search st phrase by phrase in this text. */
static void
set_per_entry(struct phrase_index *bp, struct bp_set *st)
{
	size_t k;

	st->per_entry = true;
	bp->touched = true;
	for (k = 0; k < st->n; k++)
		if (bp->m[st->lo + k].state == 0)
			bp->m[st->lo + k].state = 1;
}

int
phrase_index_scan(struct phrase_index *bp, const char *s, size_t len,
    struct derr *e)
{
	size_t k;

	bp->s = s;
	bp->len = len;
	bp->nerr = 0;
	bp->lits_found = false;
	bp->utf8 = 0;
	/* the members' states serve Vectorscan and the search phrase by
	 * phrase: reset only after either used them */
	if (bp->touched || bp->vs) {
		for (k = 0; k < bp->nm; k++) {
			bp->m[k].state = bp->m[k].always;
			bp->m[k].cached = false;
		}
		bp->touched = false;
	}
	for (k = 0; k < bp->nset; k++)
		bp->set[k].per_entry = false;
#ifdef DELIV_VECTORSCAN
	if (bp->vs_after > 0 && (bp->scanned += len) >= bp->vs_after) {
		(void)bpi_vs_start(bp, false);
		for (k = 0; k < bp->nm; k++)
			bp->m[k].state = bp->m[k].always;
	}
	if (bp->vs && bp->db != NULL && len > 0) {
		const char *t;

		if (len > UINT32_MAX) {
			/* hs_scan takes 32-bit lengths: every phrase. */
			for (k = 0; k < bp->nm; k++)
				bp->m[k].state = 1;
			return 0;
		}
		if ((t = bpi_vs_text(bp, s, len)) == NULL) {
			derr_set(e, "phrases", "out of memory");
			return -1;
		}
		if (hs_scan(bp->db, t, (unsigned int)len, 0, bp->scratch,
		    bpi_vs_fired, bp) != HS_SUCCESS) {
			derr_set(e, "phrases", "vectorscan scan failed");
			return -1;
		}
	}
#else
	(void)e;
#endif
	/*
	 * The Kelvin sign and the long s match k and s caselessly, but the
	 * search by first word sees only ASCII words: phrase by phrase.
	 */
	if (!bp->vs && lit_odd_case(s, len))
		for (k = 0; k < bp->nset; k++)
			set_per_entry(bp, &bp->set[k]);
	return 0;
}

/* PCRE2's message for rc into e, where is the phrase. */
static void
match_error(struct phrase_index *bp, size_t ent, int rc)
{
	PCRE2_UCHAR msg[256];
	struct phr_hit h;
	char where[300];

	phr_entry(bp->p, ent, &h, NULL);
	if (ent == NONE)
		snprintf(where, sizeof(where), "phrases");
	else
		snprintf(where, sizeof(where), "%s:%lu", h.file, h.line);
	pcre2_get_error_message(rc, msg, sizeof(msg));
	if (bp->nerr++ == 0)
		derr_set(&bp->err1, where, "%s", (const char *)msg);
}

/*
 * Can a member of g match where its key ends, at t[j..len)?  Each is the
 * key, white space and a word: ASCII white space must follow, then a
 * word that opens as one of g->next's does (next_note()).  A byte past
 * ASCII (Unicode white space, a letter that folds to ASCII, an invalid
 * byte) leaves the answer to PCRE2.
 */
static bool
next_may(const struct bp_group *g, const char *t, size_t j, size_t len)
{
	unsigned char c;
	size_t m;

	if (g->any_next)
		return true;
	if (j >= len)
		return false;
	if ((c = (unsigned char)t[j]) >= 0x80)
		return true;
	if (c != ' ' && (c < '\t' || c > '\r'))
		return false;
	while (j < len && ((c = (unsigned char)t[j]) == ' ' ||
	    (c >= '\t' && c <= '\r')))
		j++;
	/* the word there: its first three bytes, or all when shorter */
	for (m = 0; m < 3 && j + m < len; m++) {
		if ((c = (unsigned char)t[j + m]) >= 0x80)
			return true;
		if (!ascii_word(c))
			break;
	}
	if (m == 0)
		return false;
	if (m == 3 && next_has(g, next_hash(t + j, 3)))
		return true;
	return (m >= 2 && (g->next_short & 2) &&
	    next_has(g, next_hash(t + j, 2))) || ((g->next_short & 1) &&
	    next_has(g, next_hash(t + j, 1)));
}

/* Match re at (or, unanchored, after) off; fill *at and *idx. */
static int
try(struct phrase_index *bp, pcre2_code *re, pcre2_match_context *mctx,
    size_t off, size_t *at, size_t *end, size_t *idx)
{
	PCRE2_SPTR mark;
	PCRE2_SIZE *ov;
	int rc;

	rc = pcre2_match(re, (PCRE2_SPTR)bp->s, bp->len, off, 0, bp->md,
	    mctx);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0 || (mark = pcre2_get_mark(bp->md)) == NULL)
		return -1;
	ov = pcre2_get_ovector_pointer(bp->md);
	*at = ov[0];
	*end = ov[1];
	*idx = strtoul((const char *)mark, NULL, 10);
	return 1;
}

/* The end of the word (ASCII letters, digits, _) at s[i..len). */
static size_t
word_end(const struct bp_set *st, const char *s, size_t i, size_t len)
{
	while (i < len && st->first[(unsigned char)s[i]] != 0)
		i++;
	return i;
}

/* Does the text hold one of r's literals (or has r none)? */
static bool
rest_may(const struct phrase_index *bp, const struct bp_rest *r)
{
	size_t k;

	for (k = 0; k < r->nlit; k++)
		if (litset_has(bp->lits, r->lit[k]))
			return true;
	return r->nlit == 0;
}

/* The PCRE2 engine: 1 hit, 0 none, -1 a match error in the group. */
static int
set_match(struct phrase_index *bp, struct bp_set *st, size_t start,
    size_t *atp, size_t *endp, size_t *idxp)
{
	struct bp_group *g;
	pcre2_code *re;
	size_t i, n, at = 0, end = 0, idx = 0, a_at, a_end, a_idx;
	size_t len = bp->len;
	const char *s = bp->s;
	uint32_t hv;
	int r, found = 0, afound = 0;

	/* the leftmost literal phrase, by the words that open one: word
	 * by word (a key's first byte is a word byte), none inside one */
	i = start;
	if (i > 0 && i < len && ascii_word((unsigned char)s[i - 1]))
		i = word_end(st, s, i, len);
	while (st->ng > 0 && i < len) {
		if (st->first[(unsigned char)s[i]] == 0) {
			i++;
			continue;
		}
		n = 0;
		if (st->first[(unsigned char)s[i]] == 2) {
			hv = word_hash(s + i, len - i, &n);
			if (n > 0 && (g = group_of(st, s + i, n, hv)) != NULL &&
			    next_may(g, s, i + n, bp->len)) {
				if ((re = bpi_group_ready(bp, g, len - i)) ==
				    NULL ||
				    (r = try(bp, re, bp->mctx, i, &at, &end,
				    &idx)) == -1)
					return -1;
				if (r == 1) {
					found = 1;
					break;
				}
			}
		}
		/* word_hash() measured the word (a word byte is one that
		 * st->first[] says is not 0) */
		i = n > 0 ? i + n : word_end(st, s, i, len);
	}
	/* the rest, only where it starts no later than that, and only
	 * where the text holds its literal */
	if (st->nrest > 0 && bp->lits != NULL && !bp->lits_found) {
		litset_find(bp->lits, bp->s, bp->len);
		bp->lits_found = true;
	}
	for (i = 0; i < st->nrest; i++) {
		if (!rest_may(bp, &st->rest[i]))
			continue;
		pcre2_set_offset_limit(bp->amctx, found ? at : PCRE2_UNSET);
		if ((re = bpi_rest_ready(bp, &st->rest[i])) == NULL ||
		    (afound = try(bp, re, bp->amctx, start, &a_at, &a_end,
		    &a_idx)) == -1)
			return -1;
		if (afound && (!found || a_at < at || (a_at == at &&
		    a_idx < idx))) {
			at = a_at;
			end = a_end;
			idx = a_idx;
			found = 1;
		}
	}
	*atp = at;
	*endp = end;
	*idxp = idx;
	return found;
}

/* Member k's leftmost match at or after start: 0, or -1 out of memory. */
static int
member_match(struct phrase_index *bp, struct bp_member *m, size_t start,
    struct derr *e)
{
	PCRE2_SIZE *ov;
	int rc;

	/*
	 * The leftmost match from an earlier start is the one from start
	 * when it is not before start; but in text that is not UTF-8, PCRE2
	 * begins no match at an invalid byte unless the search starts there
	 * (a \b before one): then only the same start.
	 */
	if (m->cached && m->from <= start && (m->at == NONE ||
	    m->at >= start)) {
		if (bp->utf8 == 0)
			bp->utf8 = phrase_filter_utf8((const unsigned char *)
			    bp->s, bp->len) == bp->len ? 1 : 2;
		if (bp->utf8 == 1 || m->from == start)
			return 0;
	}
	if (m->re == NULL) {
		if ((m->re = bpi_compile(bp, &m->ent, 1, 0, false, e)) == NULL)
			/* compiled alone at load: only memory can fail */
			return -1;
		(void)pcre2_jit_compile(m->re, PCRE2_JIT_COMPLETE);
	}
	rc = pcre2_match(m->re, (PCRE2_SPTR)bp->s, bp->len, start, 0, bp->md,
	    bp->mctx);
	m->cached = true;
	m->from = start;
	m->at = NONE;
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0) {
		match_error(bp, m->ent, rc);
		m->state = 2;
		return 0;
	}
	ov = pcre2_get_ovector_pointer(bp->md);
	m->at = ov[0];
	m->end = ov[1];
	return 0;
}

int
phrase_index_next(struct phrase_index *bp, size_t g, size_t start,
    struct phr_hit *hit, struct derr *e)
{
	struct bp_set *st;
	struct bp_member *m, *best = NULL;
	size_t k, at, end, idx;
	int r;

	if (g >= bp->nset || start > bp->len)
		return 0;
	st = &bp->set[g];
	if (!bp->vs && !st->per_entry) {
		if ((r = set_match(bp, st, start, &at, &end, &idx)) == 0)
			return 0;
		if (r == 1) {
			phr_entry(bp->p, idx, hit, NULL);
			hit->start = at;
			hit->end = end;
			return 1;
		}
		/* A match error: find out which phrase, one by one. */
		set_per_entry(bp, st);
	}
	for (k = 0; k < st->n; k++) {
		m = &bp->m[st->lo + k];
		if (m->state != 1)
			continue;
		if (member_match(bp, m, start, e) == -1)
			return -1;
		if (m->state != 1 || m->at == NONE)
			continue;
		if (best == NULL || m->at < best->at)
			best = m;
	}
	if (best == NULL)
		return 0;
	phr_entry(bp->p, best->ent, hit, NULL);
	hit->start = best->at;
	hit->end = best->end;
	return 1;
}

size_t
phrase_index_errors(const struct phrase_index *bp, struct derr *first)
{
	if (first != NULL && bp->nerr > 0)
		*first = bp->err1;
	return bp->nerr;
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
	if (phrase_index_scan(bp, s, len, e) == -1)
		return -1;
	return phrase_index_next(bp, 0, start, hit, e);
}

void
phrase_index_free(struct phrase_index *bp)
{
	struct bp_set *st;
	size_t j, k;

	if (bp == NULL)
		return;
	for (k = 0; k < bp->nset; k++) {
		st = &bp->set[k];
		for (j = 0; j < st->ng; j++) {
			free(st->g[j].key);
			free(st->g[j].idx);
			pcre2_code_free(st->g[j].re);
		}
		free(st->g);
		free(st->gh);
		for (j = 0; j < st->nrest; j++)
			pcre2_code_free(st->rest[j].re);
		free(st->rest);
	}
	free(bp->set);
	free(bp->lits);		/* the rest's literals */
	for (k = 0; k < bp->nm; k++)
		pcre2_code_free(bp->m[k].re);
	free(bp->m);
#ifdef DELIV_VECTORSCAN
	hs_free_scratch(bp->scratch);
	hs_free_database(bp->db);
	free(bp->clean);
#endif
	pcre2_match_data_free(bp->md);
	pcre2_match_context_free(bp->mctx);
	pcre2_match_context_free(bp->amctx);
	pcre2_jit_stack_free(bp->jit);
	free(bp);
}
