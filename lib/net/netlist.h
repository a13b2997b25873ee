/*
 * Network lists in SpamAssassin's syntax (trusted_networks,
 * internal_networks, msa_networks): built from text or files, asked
 * whether an address is in them.
 */
#ifndef NET_NETLIST_H
#define NET_NETLIST_H

#include <stdbool.h>

#include "core/deliv.h"

/*
 * A list of networks: "1.2.3.4", "10/8", "1.2/16", "1.2." (octet
 * shorthand), "2001:db8::/32", "[::1]", each optionally preceded by "!"
 * (excluded).  The first entry that contains an address decides.
 */
struct netlist;

struct netlist	*netlist_new(void);
void		 netlist_free(struct netlist *);
/*
 * Add the networks in spec (several, separated by white space or commas).
 * Returns 0, or -1 with e filled ("bad network: ...").
 */
int		 netlist_add(struct netlist *, const char *spec,
		    struct derr *e);
/*
 * Add every network in a file (one or more a line, "#" comments); an
 * error names the file and line, "FILE:LINE: bad network: ...".
 */
int		 netlist_add_file(struct netlist *, const char *path,
		    struct derr *e);
bool		 netlist_empty(const struct netlist *);
/* 1: the first matching entry includes ip; 0: excluded or no match. */
int		 netlist_match(const struct netlist *, const char *ip);

#endif
