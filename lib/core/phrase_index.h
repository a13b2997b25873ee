/*
 * A phrase list (lib/core/phrases) searched in one pass over a text, with
 * the same answer as phr_match(): the leftmost phrase (from the start, or
 * from a given offset), and at one position the first in the file.
 * bounce-classify and lint search their lists with it.
 *
 * Two engines give the same hits.  Vectorscan (built with VECTORSCAN=1):
 * every phrase of the list is compiled once into one database (a literal
 * phrase as its words with \s+ between, a regex broadened and in
 * prefilter mode where Vectorscan cannot run it exactly); a text is
 * scanned once, and only the phrases that fired are confirmed and
 * located with PCRE2, each with its own pattern.  PCRE2 alone: literal
 * phrases, and /regex/ phrases whose every match opens with one whole
 * word (\bword then a space, \s, \b or punctuation), grouped by their
 * first word, each group one anchored alternation tried only at the word
 * starts of the text whose word opens some phrase; the other phrases
 * (those that do not open with an ASCII word) each unanchored on its
 * own, and only in a text that holds the run of plain text its every
 * match holds (core/phrase_literal), found for all of them in one pass.
 * An index in groups (lint)
 * moves to Vectorscan after 2 MB of text; an index in one group
 * (bounce-classify, whose leftmost search stops early) stays with PCRE2,
 * but for a short list that phrase_index_new_vectorscan() builds.
 * A compiled database is cached on disk (core/phrase_cache); an index in
 * groups whose database is in the cache uses Vectorscan from the start.
 * DELIV_PHRASES_ENGINE=vectorscan or =pcre2 in the environment forces an
 * engine; VECTORSCAN=0 builds, or a database that does not compile, have
 * PCRE2 alone.
 *
 * A match error (a match limit, the JIT stack) in one phrase never hides
 * the others: that phrase is counted (phrase_index_errors()) and left
 * out for the rest of the text; every other phrase is still searched.
 */
#ifndef PHRASE_INDEX_H
#define PHRASE_INDEX_H

#include <stdbool.h>
#include <stddef.h>

#include "core/deliv.h"
#include "core/phrases.h"

struct phrase_index;

/* Build from a loaded list, which must outlive the result. */
struct phrase_index	*phrase_index_new(struct phr *, struct derr *e);

/*
 * The same over some entries only: sub[0..n), entry numbers of the list
 * (0-based, as phr_entry() takes them) in increasing order; hits report
 * them with their own lines.  sub NULL means the first n entries.
 */
struct phrase_index	*phrase_index_new_subset(struct phr *,
			    const size_t *sub, size_t n, struct derr *e);

/*
 * The list in groups searched one after another (lint's order): grp[i]
 * is the group (0..ngroups-1) of entry i of the list, or -1 to leave it
 * out.  One scan of a text serves every group.
 */
struct phrase_index	*phrase_index_new_groups(struct phr *, const int *grp,
			    size_t ngroups, struct derr *e);

/*
 * One pass over s[0..len) (s must stay valid until the next scan); then
 * phrase_index_next() answers from it.  0, or -1 (e filled) when out of
 * memory or the scanner fails.
 */
int	phrase_index_scan(struct phrase_index *, const char *s, size_t len,
	    struct derr *e);

/*
 * The leftmost phrase of group g (0 for an index that has no groups) in
 * the scanned text at or after start (look-behind such as \b sees the
 * text before start).  1 and hit filled, 0 when none.  To find every
 * hit, search again from the end of the last.  -1 only when out of
 * memory (e filled); a match error in a phrase is counted instead.
 */
int	phrase_index_next(struct phrase_index *, size_t g, size_t start,
	    struct phr_hit *hit, struct derr *e);

/*
 * Phrases left out of the scanned text by a match error; the first one
 * in *first ("spam.txt:311", "match limit exceeded") if not NULL.
 */
size_t	phrase_index_errors(const struct phrase_index *, struct derr *first);

/*
 * phrase_index_new() with Vectorscan from the start, for a short list
 * whose database compiles in a moment (bounce-classify's cut lines);
 * with only_cached, only when the cache (core/phrase_cache) has the
 * database, which then costs nothing to compile.  NULL when there is no
 * Vectorscan (a VECTORSCAN=0 build, DELIV_PHRASES_ENGINE=pcre2), when
 * it cannot compile the list or, with only_cached, the cache has it not,
 * or out of memory (e filled then); the caller keeps its PCRE2 search.
 */
struct phrase_index	*phrase_index_new_vectorscan(struct phr *,
			    bool only_cached, struct derr *e);

/* The engine in use: "vectorscan" or "pcre2". */
const char	*phrase_index_engine(const struct phrase_index *);

/*
 * What the cache of compiled databases (core/phrase_cache) did for this
 * index so far: "hit" (the database was read from it), "stored"
 * (compiled and written), "miss" (compiled, or not yet, and not written),
 * "off" (DELIV_NO_CACHE, no cache folder) or "none" (no database).
 */
const char	*phrase_index_cache(const struct phrase_index *);

/* Scan s[0..len) and return its leftmost phrase (group 0), as next(). */
int	phrase_index_match(struct phrase_index *, const char *s, size_t len,
	    struct phr_hit *hit, struct derr *e);

/* The same from offset start (a new scan each call). */
int	phrase_index_match_from(struct phrase_index *, const char *s,
	    size_t len, size_t start, struct phr_hit *hit, struct derr *e);

void	phrase_index_free(struct phrase_index *);

#endif
