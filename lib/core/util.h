/*
 * Small helpers glibc lacks: strtonum-style number parsing, a growable
 * string buffer, growable arrays, ASCII case helpers and RFC 3339 time
 * formatting.
 */
#ifndef UTIL_H
#define UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <strings.h>
#include <time.h>

/*
 * strtonum(3): the value of s in [min, max]; on error returns 0 and sets
 * *errstr to "invalid", "too small" or "too large" (NULL on success).
 */
long long	parse_num(const char *s, long long min, long long max,
		    const char **errstr);

/* A growable NUL-terminated byte buffer.  Zero-initialise, then use. */
struct sbuf {
	char	*s;
	size_t	 len;
	size_t	 cap;
};
/* Append; return 0, or -1 when out of memory (buffer unchanged). */
int	sbuf_add(struct sbuf *, const char *, size_t);
int	sbuf_adds(struct sbuf *, const char *);
int	sbuf_addc(struct sbuf *, char);
/* Append the UTF-8 encoding of code point u (at most 0x10ffff). */
int	sbuf_add_utf8(struct sbuf *, uint32_t u);
int	sbuf_printf(struct sbuf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Make room for more bytes (and the NUL); 0, or -1 out of memory. */
int	sbuf_reserve(struct sbuf *, size_t more);
void	sbuf_reset(struct sbuf *);	/* empty it, keep the memory */
void	sbuf_free(struct sbuf *);	/* free the memory, zero it */

/*
 * Room for one more element in the array v of n elements of size bytes,
 * *cap allocated: v itself while n < *cap, else v grown to twice *cap
 * (first when *cap is 0) with *cap updated.  NULL when out of memory (v
 * and *cap unchanged).
 */
void	*array_room(void *v, size_t n, size_t *cap, size_t size, size_t first);
/*
 * The next element of an array, for the common case: vp is the address
 * of the array's pointer (a T **, here as void *), n its elements, the
 * rest as array_room().  The array is grown as needed (*vp and *cap
 * updated) and its element n zeroed; the caller counts it (n++) once
 * it is whole.  A pointer to that element, or NULL when out of memory
 * (nothing changed).
 */
void	*array_add(void *vp, size_t n, size_t *cap, size_t size, size_t first);
/*
 * One zeroed object of size bytes (a module's struct, at its _new or
 * _load), or NULL with e set to "WHERE: out of memory".
 */
struct derr;
void	*zalloc(size_t size, const char *where, struct derr *e);
/* Free the n strings of v, then v.  NULL v (with n 0) is fine. */
void	 strv_free(char **v, size_t n);

/*
 * The strings of a table or a list that are freed all at once (the rows
 * of a data file, a list of findings): copies kept in a few large blocks,
 * so a record needs no free of each string and no unwinding of half-made
 * copies.  Zero-initialise, then use; strpool_free() frees them all.
 */
struct strpool_blk;
struct strpool {
	struct strpool_blk	*blk;
};
/* A copy of s (of its first n bytes, then NUL); NULL out of memory. */
char	*strpool_dup(struct strpool *, const char *s);
char	*strpool_ndup(struct strpool *, const char *s, size_t n);
/* A copy of s, or NULL when s is NULL; sets *bad when out of memory. */
char	*strpool_dup_null(struct strpool *, const char *s, int *bad);
/* The formatted string; NULL out of memory. */
char	*strpool_printf(struct strpool *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
char	*strpool_vprintf(struct strpool *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
void	 strpool_free(struct strpool *);	/* free all, zero it */

/* The index of the first of the n strings of v equal to s, or -1. */
int	 str_index(const char *s, const char *const *v, size_t n);
/* Lower-case ASCII letters in place; return s. */
char	*str_lower(char *s);
/* Trim ASCII white space at both ends in place; return the new start. */
char	*str_trim(char *s);
/* Case-insensitive ASCII suffix test. */
bool	 str_iendswith(const char *s, const char *suffix);
/*
 * strcasecmp(a, b) == 0 in the C locale, the first bytes compared first
 * (most names differ there): for a field name looked up in a loop.
 */
static inline bool
str_caseeq(const char *a, const char *b)
{
	unsigned char x = (unsigned char)a[0], y = (unsigned char)b[0];

	if (x >= 'A' && x <= 'Z')
		x = (unsigned char)(x - 'A' + 'a');
	if (y >= 'A' && y <= 'Z')
		y = (unsigned char)(y - 'A' + 'a');
	return x == y && strcasecmp(a, b) == 0;
}
/*
 * strcasestr(3) in the C locale, faster for a needle with a byte that is
 * not an ASCII letter (an address, "name:"): the first caseless match
 * of needle in s.
 */
const char	*str_casestr(const char *s, const char *needle);

/*
 * Format t (seconds since the epoch) as RFC 3339 UTC, "2024-01-31T12:00:00Z",
 * into buf (at least 21 bytes).  Return buf, or NULL if it does not fit.
 */
char	*time_rfc3339(time_t t, char *buf, size_t len);

/*
 * Parse an RFC 5322 / RFC 2822 date (lenient: obsolete zones, missing
 * seconds, trailing comments) into *t.  Return 0, or -1 if unparseable.
 */
int	 time_parse_rfc5322(const char *s, time_t *t);

/*
 * Parse an asctime(3)/date(1)-style date as some MTAs write it in
 * Received: ("Sun Nov 13 15:38:52 2005", "Wed Aug 28 10:45:49 2002
 * +0100", "Fri Sep 14 14:36:56 EDT 2018"; no zone means UTC) into *t.
 * Return 0, or -1 if unparseable.
 */
int	 time_parse_asctime(const char *s, time_t *t);

/* Parse "YYYY-MM-DD" (UTC midnight) into *t.  Return 0 or -1. */
int	 time_parse_ymd(const char *s, time_t *t);

struct derr;
/*
 * "dir/name" into buf of len bytes: 0, or -1 with e filled ("DIR: path
 * too long") when it does not fit.
 */
int	 path_join(char *buf, size_t len, const char *dir, const char *name,
	    struct derr *e);

/*
 * Find a data directory: opt (a command-line option), then env (an
 * environment variable's value, read by the tool), then installed (the
 * compiled-in path, e.g. DELIV_DATADIR "/data"), then subdir ("data",
 * "phrases") beside or one level above the running executable's
 * directory (so the source tree works uninstalled).  NULL or empty
 * arguments are skipped.  Copies the first that is a directory into buf
 * and returns 0; returns -1 when none is.
 */
int	 find_data_dir(const char *opt, const char *env, const char *installed,
	    const char *subdir, char *buf, size_t len);

#endif
