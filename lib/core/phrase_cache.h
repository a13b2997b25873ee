/*
 * The on-disk cache of compiled Vectorscan phrase databases
 * (core/phrase_index): a database compiled once is serialized into
 * $XDG_CACHE_HOME/deliv/ (default ~/.cache/deliv/) and read back by the
 * next run instead of compiled again.
 *
 * A cache file is named by the list and a SHA-256 key over everything
 * the database is compiled from (every pattern, its flags and id, the
 * mode), Vectorscan's version and the platform it runs on; the file
 * holds that key, the index's own per-phrase state, the serialized
 * database and a SHA-256 of all of it.  A file is used only when it is
 * a regular file of this user that no one else may write, every field
 * and the checksum agree, and Vectorscan accepts the database
 * (hs_serialized_database_info, hs_deserialize_database); anything else
 * is a miss, and the caller compiles.  Files are written to a temporary
 * name and renamed into place, so readers never see half a file.
 * DELIV_NO_CACHE=1 in the environment turns the cache off.  Nothing here
 * fails loudly: the cache only ever saves time.
 */
#ifndef PHRASE_CACHE_H
#define PHRASE_CACHE_H

#ifdef DELIV_VECTORSCAN
#include <stddef.h>

#include <hs.h>

#define PHRASE_CACHE_KEY	32

/* What became of the cache for one index. */
enum phrase_cache_state {
	PHRASE_CACHE_NONE,	/* not consulted (no Vectorscan database) */
	PHRASE_CACHE_OFF,	/* DELIV_NO_CACHE, or no cache folder */
	PHRASE_CACHE_HIT,	/* database read from the cache */
	PHRASE_CACHE_MISS,	/* compiled; the cache could not be written */
	PHRASE_CACHE_STORED	/* compiled and written to the cache */
};

/* The key being built; phrase_cache_add() every compile input. */
struct phrase_cache_key {
	void		*md;	/* EVP_MD_CTX */
	unsigned char	 key[PHRASE_CACHE_KEY];
};

/*
 * Start a key for list name (names the file too); 0, or -1 when the cache
 * is off or out of memory (then no other call is needed).
 */
int	phrase_cache_begin(struct phrase_cache_key *, const char *name);

/* One pattern of the database, with its flags and id. */
void	phrase_cache_add(struct phrase_cache_key *, const char *pat,
	    unsigned int flags, unsigned int id);

/* Finish the key (after the last phrase_cache_add()). 0 or -1. */
int	phrase_cache_end(struct phrase_cache_key *);

/*
 * The database of key, and state[0..n) (bytes the caller keeps with it),
 * or NULL when the cache has none that can be trusted.
 */
hs_database_t	*phrase_cache_load(const struct phrase_cache_key *,
		    const char *name, unsigned char *state, size_t n);

/* Write db and state[0..n) under key: 0, or -1 when it could not. */
int	phrase_cache_store(const struct phrase_cache_key *, const char *name,
	    const hs_database_t *db, const unsigned char *state, size_t n);

/* Release the key (after begin, whether or not end was called). */
void	phrase_cache_done(struct phrase_cache_key *);

#endif
#endif
