/*
 * Compressed input: gzip (zlib), xz (liblzma) and bzip2 (libbz2) told by
 * their magic bytes and read back as the plain bytes, a stream of
 * concatenated members as one.  core/input reads files and stdin
 * through it; nothing here parses mail.
 */
#ifndef ZREAD_H
#define ZREAD_H

#include <stddef.h>
#include <sys/types.h>

enum zread_kind { ZREAD_NONE, ZREAD_GZIP, ZREAD_XZ, ZREAD_BZIP2 };

/* The compression whose magic bytes start p[0..n), or ZREAD_NONE. */
enum zread_kind	zread_magic(const void *p, size_t n);

/* Its name: "gzip", "xz", "bzip2" ("" for none). */
const char	*zread_name(enum zread_kind);

struct zread;

/*
 * A decompressor of kind k reading fd, the n bytes at pre having already
 * been read from it (they are copied).  NULL when out of memory.
 */
struct zread	*zread_new(enum zread_kind k, int fd, const void *pre,
		    size_t n);

/*
 * Up to n plain bytes into dst.  Returns how many (> 0), 0 at the end of
 * the data, -1 on a read error (errno set) or bad compressed data (errno
 * EILSEQ, *why says what; else *why is NULL).
 */
ssize_t	zread_read(struct zread *, void *dst, size_t n, const char **why);

/* Compressed bytes read from fd so far (for progress). */
long long	zread_consumed(const struct zread *);

/* Free; the fd is the caller's.  NULL is a no-op. */
void	zread_free(struct zread *);

#endif
