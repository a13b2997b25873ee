/*
 * Phrase lists (phrases/NAME.txt): "tag<TAB>phrase" lines, "#" comments,
 * "/regex/" phrases allowed.  One list is compiled once with PCRE2 (JIT,
 * caseless, UCP, invalid UTF-8 tolerated) into a single alternation whose
 * (*MARK)s tell which line matched.
 */
#ifndef PHRASES_H
#define PHRASES_H

#include <stdbool.h>
#include <stddef.h>

#include "core/deliv.h"

struct phr;

/* A match: borrowed pointers into the list, valid until phr_free(). */
struct phr_hit {
	const char	*file;		/* the list's name, "soft.txt" */
	unsigned long	 line;		/* 1-based line in that file */
	const char	*tag;		/* the tag column: a reason, a weight */
	const char	*phrase;	/* the phrase as written in the file */
	size_t		 start;		/* match offsets in the subject */
	size_t		 end;
};

/*
 * Load and compile the list at path; name is what hits report as file
 * ("soft.txt").  Returns NULL and fills e ("soft.txt:12", "...") on a bad
 * line, a pattern that does not compile, or an unreadable file.
 */
struct phr	*phr_load(const char *path, const char *name, struct derr *e);

/* The same from a string in memory (for tests and fuzzing). */
struct phr	*phr_load_mem(const char *text, size_t len, const char *name,
		    struct derr *e);

/*
 * Search s[0..len) from offset start for the leftmost phrase.  Returns 1
 * and fills hit; 0 when nothing matches; -1 on a match error such as a
 * hit match limit (e filled).  Not thread-safe per struct phr.
 */
int	phr_match(struct phr *, const char *s, size_t len, size_t start,
	    struct phr_hit *hit, struct derr *e);

/* Entries, for listing and dead-phrase tests. */
size_t	phr_count(const struct phr *);
/* Entry i (0-based) as a hit with start = end = 0; regex says "/../". */
void	phr_entry(const struct phr *, size_t i, struct phr_hit *,
	    bool *regex);

void	phr_free(struct phr *);

/*
 * Append a literal phrase to b as the PCRE2 pattern the lists use: ASCII
 * punctuation escaped, white-space runs as \s+, \b at word ends.
 * 0, or -1 when out of memory.
 */
struct sbuf;
int	phr_literal_pattern(struct sbuf *b, const char *phrase);

/*
 * The phrases directory is found with find_data_dir() (util.h):
 * find_data_dir(opt, getenv("DELIV_PHRASES"), DELIV_DATADIR "/phrases",
 * "phrases", buf, sizeof(buf)).
 */

#endif
