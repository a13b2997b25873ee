/*
 * Shared conventions of libdeliv: exit codes, the error carrier every
 * fallible function fills, and the few BSD conveniences glibc lacks.
 */
#ifndef DELIV_H
#define DELIV_H

#include <stddef.h>

#ifndef nitems
#define nitems(a)	(sizeof(a) / sizeof((a)[0]))
#endif

enum {
	DELIV_EXIT_OK = 0,	/* ran, found nothing at or above threshold */
	DELIV_EXIT_FOUND = 1,	/* ran, found something */
	DELIV_EXIT_ERROR = 2,	/* I/O trouble */
	DELIV_EXIT_USAGE = 2	/* bad options */
};

/*
 * Where and what went wrong.  The caller owns it; library functions fill
 * it and return -1 (or NULL).  Tools turn it into a record field or into
 * "deliv-TOOL: where: what" on stderr.
 */
struct derr {
	char	where[256];
	char	what[512];
};

/* Fill e (may be NULL) with a location and a printf-style message. */
void	derr_set(struct derr *, const char *where, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/* Restrict the process (pledge(2) on OpenBSD, a no-op elsewhere). */
void	sandbox(const char *promises);

#endif
