/*
 * RFC 3464 delivery-status fields (and the like-shaped RFC 5965
 * feedback-report fields): groups of "Name: value" lines separated by
 * blank lines, with folded continuation lines.  The first group is the
 * per-message group, the others are per-recipient.
 */
#ifndef DSN_H
#define DSN_H

#include <stddef.h>

#include "core/deliv.h"

struct dsn_field {
	char	*name;		/* as written, "Final-Recipient" */
	char	*value;		/* unfolded, trimmed */
};

struct dsn_group {
	struct dsn_field	*f;
	size_t			 n;
};

struct dsn {
	struct dsn_group	*g;	/* g[0] is the per-message group */
	size_t			 n;
};

/*
 * Parse s[0..len) (LF, CRLF or CR line ends) into d, which the caller
 * zeroes first and frees with dsn_free().  Lines that are not fields
 * are skipped.  Returns 0, or -1 when out of memory (e filled).
 */
int	dsn_parse(const char *s, size_t len, struct dsn *d, struct derr *e);

/* The first value of field name (caseless) in g, or NULL.  Borrowed. */
const char	*dsn_get(const struct dsn_group *g, const char *name);

/*
 * The value without its RFC 3464 type prefix: "rfc822; a@b" gives
 * "a@b", "smtp; 550 x" gives "550 x".  Points into v.
 */
const char	*dsn_untype(const char *v);

/* Number of groups that have a Final-Recipient or Original-Recipient. */
size_t	dsn_nrcpt(const struct dsn *d);

void	dsn_free(struct dsn *d);

#endif
