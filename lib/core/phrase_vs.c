/*
 * The phrase index's Vectorscan engine: every phrase of a list compiled
 * into one database (read from or written to the cache, core/
 * phrase_cache), the scan's callback and the text it may scan.  See
 * phrase_index.h; the index itself is phrase_index.c.
 */
#include <stdlib.h>
#include <string.h>

#include "core/phrase_filter.h"
#include "core/phrase_index_priv.h"

#ifdef DELIV_VECTORSCAN
/* The filter of every member into b[] and its flags into flk[]. */
static int
vs_patterns(struct phrase_index *bp, struct sbuf *b, unsigned int *flk)
{
	unsigned int k;

	for (k = 0; k < bp->nm; k++) {
		struct sbuf raw = { 0 };
		struct phr_hit h;
		bool regex;

		phr_entry(bp->p, bp->m[k].ent, &h, &regex);
		flk[k] = HS_FLAG_CASELESS | HS_FLAG_UTF8 | HS_FLAG_UCP |
		    HS_FLAG_SINGLEMATCH;
		if (!regex) {
			if (phrase_filter_literal(&b[k], h.phrase) == -1)
				return -1;
			continue;
		}
		if (bpi_add_pattern(&raw, bp->p, bp->m[k].ent) == -1 ||
		    phrase_filter_regex(&b[k], raw.s) == -1) {
			sbuf_free(&raw);
			return -1;
		}
		sbuf_free(&raw);
		if (phrase_filter_approx(b[k].s))
			flk[k] |= HS_FLAG_PREFILTER;
	}
	return 0;
}

/*
 * The database from the cache (core/phrase_cache), keyed by every
 * pattern and flag: 0 and bp->db set on a hit, with the members
 * Vectorscan could not take; -1 on a miss (key filled when it could be
 * made, *keyed says so).
 */
static int
vs_cached(struct phrase_index *bp, struct sbuf *b, const unsigned int *flk,
    struct phrase_cache_key *key, bool *keyed, const char *name)
{
	unsigned char *st;
	unsigned int k;

	*keyed = false;
	if (phrase_cache_begin(key, name) == -1) {
		bp->cache = PHRASE_CACHE_OFF;
		return -1;
	}
	for (k = 0; k < bp->nm; k++)
		phrase_cache_add(key, b[k].s != NULL ? b[k].s : "", flk[k],
		    k);
	if (phrase_cache_end(key) == -1) {
		bp->cache = PHRASE_CACHE_OFF;
		return -1;
	}
	*keyed = true;
	bp->cache = PHRASE_CACHE_MISS;
	if ((st = calloc(bp->nm, 1)) == NULL)
		return -1;
	if ((bp->db = phrase_cache_load(key, name, st, bp->nm)) == NULL) {
		free(st);
		return -1;
	}
	for (k = 0; k < bp->nm; k++)
		bp->m[k].always = st[k] != 0;
	free(st);
	bp->cache = PHRASE_CACHE_HIT;
	return 0;
}

/* Write the compiled database to the cache. */
static void
vs_store(struct phrase_index *bp, const struct phrase_cache_key *key,
    const char *name)
{
	unsigned char *st;
	unsigned int k;

	if (bp->db == NULL || (st = calloc(bp->nm, 1)) == NULL)
		return;
	for (k = 0; k < bp->nm; k++)
		st[k] = bp->m[k].always;
	if (phrase_cache_store(key, name, bp->db, st, bp->nm) == 0)
		bp->cache = PHRASE_CACHE_STORED;
	free(st);
}

/*
 * One database for every member; a pattern Vectorscan refuses exactly is
 * tried in prefilter mode, then left to PCRE2 alone (always a
 * candidate).  A database of the cache saves the compiling; a compiled
 * one is written to it.  With only_cached, a miss compiles nothing.  -1
 * when no database can be built (then PCRE2 alone).
 */
static int
vs_build(struct phrase_index *bp, bool only_cached)
{
	struct sbuf *b = NULL;
	struct phrase_cache_key key;
	struct phr_hit h;
	const char **pat = NULL;
	unsigned int *flk = NULL, *fl = NULL, *ids = NULL, n = 0, k;
	hs_compile_error_t *ce = NULL;
	bool keyed = false;
	int rc = -1, tries;

	if (bp->nm == 0 || bp->nm > UINT32_MAX / 2 ||
	    (b = calloc(bp->nm, sizeof(*b))) == NULL ||
	    (pat = calloc(bp->nm, sizeof(*pat))) == NULL ||
	    (flk = calloc(bp->nm, sizeof(*flk))) == NULL ||
	    (fl = calloc(bp->nm, sizeof(*fl))) == NULL ||
	    (ids = calloc(bp->nm, sizeof(*ids))) == NULL ||
	    vs_patterns(bp, b, flk) == -1)
		goto out;
	phr_entry(bp->p, bp->m[0].ent, &h, NULL);
	if (vs_cached(bp, b, flk, &key, &keyed, h.file) == 0)
		goto scratch;
	if (only_cached)
		goto out;
	for (tries = 0; tries <= 2 * (int)bp->nm; tries++) {
		for (n = k = 0; k < bp->nm; k++)
			if (!bp->m[k].always) {
				pat[n] = b[k].s;
				fl[n] = flk[k];
				ids[n++] = k;
			}
		if (n == 0)
			break;
		if (hs_compile_multi(pat, fl, ids, n, HS_MODE_BLOCK, NULL,
		    &bp->db, &ce) == HS_SUCCESS)
			break;
		bp->db = NULL;
		if (ce == NULL || ce->expression < 0 ||
		    (unsigned int)ce->expression >= n) {
			hs_free_compile_error(ce);
			goto out;
		}
		k = ids[ce->expression];
		hs_free_compile_error(ce);
		ce = NULL;
		if (flk[k] & HS_FLAG_PREFILTER)
			bp->m[k].always = true;
		else
			flk[k] |= HS_FLAG_PREFILTER;
	}
	if (keyed)
		vs_store(bp, &key, h.file);
scratch:
	if (bp->db != NULL && hs_alloc_scratch(bp->db, &bp->scratch) !=
	    HS_SUCCESS)
		goto out;
	rc = bp->db != NULL || n == 0 ? 0 : -1;
out:
	for (k = 0; b != NULL && k < bp->nm; k++)
		sbuf_free(&b[k]);
	free(b);
	free(pat);
	free(flk);
	free(fl);
	free(ids);
	return rc;
}

int
bpi_vs_fired(unsigned int id, unsigned long long from, unsigned long long to,
    unsigned int flags, void *arg)
{
	struct phrase_index *bp = arg;

	(void)from;
	(void)to;
	(void)flags;
	if (id < bp->nm && bp->m[id].state == 0)
		bp->m[id].state = 1;
	return 0;
}

/*
 * The text Vectorscan may scan (it wants valid UTF-8): s itself, or a
 * copy with every byte of an invalid sequence blanked.  PCRE2 matches
 * nothing across such bytes, so no phrase is lost.  NULL when out of
 * memory.
 */
const char *
bpi_vs_text(struct phrase_index *bp, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, n;
	char *c;

	if ((i = phrase_filter_utf8(u, len)) == len)
		return s;
	if (len > bp->cleancap) {
		if ((c = realloc(bp->clean, len)) == NULL)
			return NULL;
		bp->clean = c;
		bp->cleancap = len;
	}
	memcpy(bp->clean, s, len);
	while (i < len) {
		if ((n = phrase_filter_utf8_seq(u + i, len - i)) == 0) {
			bp->clean[i++] = ' ';
			continue;
		}
		i += n;
	}
	return bp->clean;
}

/*
 * Switch to Vectorscan; on failure stay with PCRE2 alone.  With
 * only_cached, only when the cache has the database (0, else -1).
 */
int
bpi_vs_start(struct phrase_index *bp, bool only_cached)
{
	size_t i;

	if ((bp->vs = vs_build(bp, only_cached) == 0)) {
		bp->vs_after = 0;
		return 0;
	}
	if (!only_cached)
		bp->vs_after = 0;
	hs_free_scratch(bp->scratch);
	hs_free_database(bp->db);
	bp->scratch = NULL;
	bp->db = NULL;
	for (i = 0; i < bp->nm; i++)
		bp->m[i].always = false;
	return -1;
}
#endif
