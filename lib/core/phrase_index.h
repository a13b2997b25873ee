/*
 * A faster way to search a phrase list (lib/core/phrases) over long texts,
 * with the same answer as phr_match(): the leftmost phrase (from the
 * start, or from a given offset), and at one position the first in the
 * file.  bounce-classify and lint search their lists with it.  Literal phrases are grouped by their
 * first word; each group is one anchored PCRE2 alternation, tried only
 * at the word starts of the text whose word opens some phrase.  /regex/
 * phrases (and phrases that do not open with an ASCII word) form one
 * unanchored alternation searched once.
 */
#ifndef PHRASE_INDEX_H
#define PHRASE_INDEX_H

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
 * The leftmost phrase in s[0..len).  Returns 1 and fills hit (file,
 * line, tag, phrase, offsets), 0 when none matches, -1 on a match error
 * (e filled).
 */
int	phrase_index_match(struct phrase_index *, const char *s, size_t len,
	    struct phr_hit *hit, struct derr *e);

/*
 * The same from offset start: the leftmost phrase that matches at or
 * after start (look-behind such as \b sees the text before start), as
 * phr_match() with that start.  To find every hit, search again from
 * the end of the last.
 */
int	phrase_index_match_from(struct phrase_index *, const char *s,
	    size_t len, size_t start, struct phr_hit *hit, struct derr *e);

void	phrase_index_free(struct phrase_index *);

#endif
