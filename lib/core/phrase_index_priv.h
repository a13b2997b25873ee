/*
 * What the modules of the phrase index share and nobody else sees: the
 * index's structures (struct phrase_index, its groups and members), its
 * limits, its PCRE2 patterns (phrase_pcre.c) and the Vectorscan
 * engine's entry points (phrase_vs.c) that phrase_index.c calls.  See phrase_index.h for the index itself.
 */
#ifndef PHRASE_INDEX_PRIV_H
#define PHRASE_INDEX_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#ifdef DELIV_VECTORSCAN
#include <hs.h>
#endif

#include "core/phrase_cache.h"
#include "core/phrase_index.h"
#include "core/phrase_literal.h"
#include "core/util.h"

/* As lib/core/phrases compiles its lists. */
#define BP_COMPILE	(PCRE2_CASELESS | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | \
			PCRE2_NEVER_BACKSLASH_C)
#define BP_MATCH_LIMIT	10000000
#define BP_DEPTH_LIMIT	10000
#define BP_JIT_STACK	(8 * 1024 * 1024)	/* room for deep backtracking */
#define BP_KEY_MAX	LIT_KEY_MAX
#define NONE		SIZE_MAX
#define BP_VS_AFTER	(2 * 1024 * 1024)	/* text before Vectorscan */
/*
 * A group's try on at most this many bytes (from its place to the
 * text's end) is left to PCRE2's interpreter until a longer one comes:
 * JIT-compiling a group's alternation costs about 480 K instructions,
 * a bounce's whole work, and most groups are only ever tried near the
 * end of short texts (a reply line, a diagnostic), where the
 * interpreter costs a few K a try; on longer texts its cost grows with
 * the text and the JIT pays.  The same matches either way.
 */
#define BP_INTERP_MAX	400

struct bp_group {
	char		*key;		/* lower-case first word */
	size_t		 klen;
	pcre2_code	*re;		/* anchored alternation, on first use */
	bool		 jit;		/* re JIT-compiled (then) */
	size_t		*idx;		/* entries, in file order */
	size_t		 n;
	bool		 any_next;	/* next[] does not tell */
	unsigned char	 next[256 / 8];	/* every member is KEY, white
					 * space, then a word of ASCII word
					 * bytes: the hash (next_hash()) of
					 * its first three, or of all of it
					 * when shorter */
	unsigned char	 next_short;	/* bit m - 1: such a word of m < 3
					 * bytes */
};

/* One phrase of the index, with what the current text says of it. */
struct bp_member {
	size_t		 ent;		/* entry number in the list */
	pcre2_code	*re;		/* its own pattern, on first use */
	bool		 always;	/* Vectorscan cannot filter it */
	unsigned char	 state;		/* this text: 0 out, 1 in, 2 failed */
	bool		 cached;	/* its leftmost match from `from`: */
	size_t		 from, at, end;	/* at NONE when there is none */
};

/* A phrase that opens with no word: unanchored, tried only when the
 * text holds one of the literals that its every match holds (lit[],
 * numbers of bp->lits; none: always). */
struct bp_rest {
	size_t		 ent;		/* entry number in the list */
	pcre2_code	*re;		/* compiled on first use */
	bool		 jit;		/* re JIT-compiled (then) */
	int		 lit[LIT_ANY_MAX];
	size_t		 nlit;
};

/* A group: its members, and the PCRE2 engine's search by first word. */
struct bp_set {
	size_t			 lo, n;		/* members m[lo..lo+n) */
	struct bp_group		*g;		/* sorted by key */
	size_t			 ng;
	uint32_t		*gh;	/* g by key_hash(): 1 + index, 0 free */
	size_t			 ghmask;
	unsigned char		 first[256];	/* 2: some key opens so, 1: a
						 * word byte else (ascii_word) */
	struct bp_rest		*rest;	/* the rest, in file order */
	size_t			 nrest;
	bool			 per_entry;	/* this text: phrase by phrase */
};

struct phrase_index {
	struct phr		*p;
	struct bp_member	*m;	/* by group, then entry */
	size_t			 nm;
	struct bp_set		*set;
	size_t			 nset;
	bool			 vs;	/* Vectorscan finds the candidates */
	size_t			 vs_after;	/* bytes to scan before, or 0 */
	size_t			 scanned;
	const char		*s;	/* the scanned text */
	size_t			 len;
	size_t			 nerr;
	struct derr		 err1;
	pcre2_match_data	*md;
	pcre2_match_context	*mctx;
	pcre2_match_context	*amctx;	/* for rest: with an offset limit */
	struct litset		*lits;	/* the rest's required literals */
	bool			 lits_found;	/* found in this text */
	bool			 touched;	/* m[] states need a reset */
	int			 utf8;	/* the text: 0 unknown, 1 valid UTF-8, 2 not */
	pcre2_jit_stack		*jit;
#ifdef DELIV_VECTORSCAN
	hs_database_t		*db;
	hs_scratch_t		*scratch;
	enum phrase_cache_state	 cache;
	char			*clean;	/* the text with bad UTF-8 blanked */
	size_t			 cleancap;
#endif
};

/* Entry ent's pattern, as phr compiles it, appended to b (phrase_pcre.c). */
int	bpi_add_pattern(struct sbuf *b, const struct phr *p, size_t ent);

/*
 * Entries idx[0..n) as one alternation "(?:P1|P2|...)" with options opt,
 * each followed by (*MARK:entry) when marks; NULL (e filled) on error.
 */
pcre2_code	*bpi_compile(struct phrase_index *bp, const size_t *idx,
		    size_t n, uint32_t opt, bool marks, struct derr *e);

/*
 * Member i of g's pattern (a literal phrase's as phr_literal_pattern()
 * writes it, or a regex's body) into one; *regex says which; -1 out of
 * memory.
 */
int	bpi_member_pattern(struct phrase_index *bp, const struct bp_group *g,
	    size_t i, struct sbuf *one, bool *regex);

/*
 * A group's anchored alternation, or a rest's own pattern: compiled the
 * first time it is used and JIT-compiled then (most of a list's patterns
 * are never tried on a short input, and compiling them all at start-up
 * cost more than reading a message; once Vectorscan finds the
 * candidates, none is); a group is JIT-compiled only when it is tried
 * with more than BP_INTERP_MAX bytes left (from the try's place to the
 * text's end).  NULL when it cannot be compiled (memory: each phrase
 * was compiled alone at load): the caller searches phrase by phrase.
 */
pcre2_code	*bpi_group_ready(struct phrase_index *bp, struct bp_group *g,
		    size_t left);
pcre2_code	*bpi_rest_ready(struct phrase_index *bp, struct bp_rest *r);

#ifdef DELIV_VECTORSCAN
/*
 * Switch bp to Vectorscan; on failure it stays with PCRE2 alone (-1).
 * With only_cached, only when the cache has the database.
 */
int	bpi_vs_start(struct phrase_index *bp, bool only_cached);

/* The text Vectorscan may scan: s, or a copy with invalid UTF-8 blanked. */
const char	*bpi_vs_text(struct phrase_index *bp, const char *s, size_t len);

/* Vectorscan's match callback: member id fired in this text. */
int	bpi_vs_fired(unsigned int id, unsigned long long from,
	    unsigned long long to, unsigned int flags, void *arg);
#endif

#endif
