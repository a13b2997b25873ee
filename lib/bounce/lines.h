/*
 * bounce/lines: a recipient's own lines of a notice that names several
 * (an entry of a list of recipients and the reply under it).
 */
#ifndef BOUNCE_LINES_H
#define BOUNCE_LINES_H

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>

#include "bounce/bounce_priv.h"

/*
 * The recipient named at t[at..at+alen) in its paragraph t[*ps..*pe)
 * (bnc_paragraph()), narrowed to its own lines when its address opens
 * its line (an entry: "  a@x", "<a@x>: ..."): those after an earlier
 * line that names another address of addrs (lower case; NULL: none),
 * up to a later line that does.  Whether it is such an entry.
 */
bool	bnc_own_lines(struct bounce *, GHashTable *addrs, const char *t,
	    size_t at, size_t alen, size_t *ps, size_t *pe);

#endif
