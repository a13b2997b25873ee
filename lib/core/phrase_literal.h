/*
 * Literals of phrase-list entries, for core/phrase_index's PCRE2 engine:
 * the ASCII word a phrase opens with (its key: the phrase is tried only
 * at that word); for one that opens with none, the run of plain ASCII
 * every match of it must hold (caseless), and one pass over a text that
 * says which of many such runs occur in it.  A phrase whose run is
 * absent from a text cannot match there, so its own pattern is not
 * tried.
 */
#ifndef PHRASE_LITERAL_H
#define PHRASE_LITERAL_H

#include <stdbool.h>
#include <stddef.h>

/* Runs shorter than this are not worth a search (and the search, which
 * looks at every other byte, needs 3). */
#define LIT_MIN		3
#define LIT_MAX		64
#define LIT_KEY_MAX	64	/* a key word's bytes, with its NUL */

/* The lower-case ASCII word (a-z, 0-9, _) at s[0..len) into key
 * (LIT_KEY_MAX bytes); its length, 0 if none or too long. */
size_t	lit_first_word(const char *s, size_t len, char *key);

/*
 * The first word of a /regex/ phrase re[0..n), lower-cased into key
 * (LIT_KEY_MAX bytes), when every match of it starts with that whole
 * ASCII word: the pattern opens (inside "(?:" groups at most) with \b,
 * the word, then a token that cannot be a word byte (a space, \s, \b,
 * an escaped or plain punctuation byte) and that no quantifier makes
 * optional; no '|' and no optional group encloses the word.  Its
 * length, or 0 (then the phrase is searched as one that opens with no
 * word).
 */
size_t	lit_regex_key(const char *re, size_t n, char *key);

/*
 * The longest run of literal ASCII that every match of the PCRE2 pattern
 * re[0..n) holds (compiled caseless, not extended), lower-cased into
 * out (LIT_MAX bytes), when it is at least LIT_MIN long; its length, or
 * 0 when there is none or the pattern holds something this does not
 * read (an alternation at its top, option settings, \x and other
 * escapes with arguments, verbs).  Conservative: a run it returns is in
 * every match; one it does not see is only a weaker search.
 */
size_t	lit_required(const char *re, size_t n, char *out);

/*
 * Runs of which every match of re holds one: for each branch of an
 * alternation at the top of re (or re, when it has none), its run, else
 * the runs of the branches of a group it always goes through (in the
 * match or, for a positive lookaround, beside it), read so in turn, up
 * to LIT_ANY_MAX of them a group.  Into out[k] (its length len[k]),
 * k < max; their number, or 0 when a branch has none.
 */
#define LIT_ANY_MAX	16
size_t	lit_required_any(const char *re, size_t n, char out[][LIT_MAX],
	    size_t *len, size_t max);

/*
 * Does s[0..len) hold the Kelvin sign or the long s?  Caseless PCRE2
 * matches k and s with them (UTF), so a search by ASCII literals cannot
 * rule a pattern out in such a text.
 */
bool	lit_odd_case(const char *s, size_t len);

/* A set holds at most this many runs. */
#define LITSET_MAX	256

struct litset;

/* An empty set, one block that free() frees; NULL when out of memory. */
struct litset	*litset_new(void);

/*
 * Add a lower-case run s[0..len) (LIT_MIN..LIT_MAX bytes); its number
 * (the same run added twice has one number), or -1 when the set is
 * full or the run is not of that length (then search without it).
 */
int	 litset_add(struct litset *, const char *s, size_t len);

/*
 * Find which runs occur in t[0..len), ASCII letters caseless; then
 * litset_has() says whether run id does.
 */
void	 litset_find(struct litset *, const char *t, size_t len);
bool	 litset_has(const struct litset *, int id);

/* Let litset_has() say yes for every run. */
void	 litset_all(struct litset *);

#endif
