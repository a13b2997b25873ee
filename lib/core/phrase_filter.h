/*
 * The Vectorscan filters of phrase-list entries, for core/phrase_index:
 * the pattern a phrase is scanned for in one pass over a text (a
 * superset of its matches: PCRE2 confirms every hit), and the UTF-8
 * check of a text before the scan (Vectorscan wants valid UTF-8).
 */
#ifndef PHRASE_FILTER_H
#define PHRASE_FILTER_H

#include <stdbool.h>
#include <stddef.h>

struct sbuf;

/*
 * Append the filter of a literal phrase to b: its words as literals
 * (ASCII punctuation as \xHH) with \s+ between.  0, or -1 when out of
 * memory.
 */
int	phrase_filter_literal(struct sbuf *b, const char *phrase);

/*
 * Append a broader form of the regex re to b (bounded repeats open, \w
 * and \d as \S, wide classes as any character): Vectorscan compiles it
 * far faster.  0, or -1 when out of memory.
 */
int	phrase_filter_regex(struct sbuf *b, const char *re);

/* Does re hold constructs Vectorscan runs only approximately? */
bool	phrase_filter_approx(const char *re);

/* Length of the valid UTF-8 sequence at s (RFC 3629), 0 if invalid. */
size_t	phrase_filter_utf8_seq(const unsigned char *s, size_t len);

/* The length of the valid UTF-8 at the start of u[0..len). */
size_t	phrase_filter_utf8(const unsigned char *u, size_t len);

#endif
