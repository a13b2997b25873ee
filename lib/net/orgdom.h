/*
 * Organizational domains (RFC 7489 §3.2) from the Public Suffix List:
 * the public suffix of a name plus one label.
 */
#ifndef ORGDOM_H
#define ORGDOM_H

#include <stddef.h>

#include "core/deliv.h"

struct orgdom;

/*
 * Load the list from path (public_suffix_list.dat).  path NULL gives an
 * empty list (every TLD is a suffix, the rule "*").  NULL with e filled
 * when the file cannot be read.  Read-only afterwards: one list can serve
 * several threads.
 */
struct orgdom	*orgdom_load(const char *path, struct derr *e);

/*
 * The organizational domain of name (lower-cased, no trailing dot) into
 * buf; a name that is itself a public suffix is its own.  A NULL list
 * (none loaded at all) uses orgdom_guess(), lower-cased.  Returns buf, or
 * NULL when it does not fit.
 */
char	*orgdom_get(const struct orgdom *, const char *name, char *buf,
	    size_t len);

/*
 * The same with the list's ICANN section alone: the domain its operator
 * registered with a registry ("amazonaws.com" for a host under
 * compute-1.amazonaws.com, where orgdom_get() says the customer's
 * "ec2-...compute-1.amazonaws.com").  For abuse contacts, which are
 * kept per operator.
 */
char	*orgdom_get_icann(const struct orgdom *, const char *name, char *buf,
	    size_t len);

void	 orgdom_free(struct orgdom *);

/*
 * The fallback without a list: the last two labels of name, three under
 * a two-letter TLD whose second-level label has at most three letters
 * ("example.co.uk", "example.com.au").  A name of one or two labels is its
 * own.  name has no final dot.  Points into name (case kept).
 */
const char	*orgdom_guess(const char *name);

#endif
