/*
 * The trust walk over a message's relays (SpamAssassin's model): which
 * hops are trusted, internal or untrusted, and which one is the origin,
 * from network lists in SpamAssassin's syntax (net/netlist.h) or, when
 * none is configured, from the private ranges of core/ip.h.
 */
#ifndef TRUST_H
#define TRUST_H

#include "net/netlist.h"
#include "net/orgdom.h"

enum trust {
	TRUST_SKIPPED,		/* no network hand-over */
	TRUST_TRUSTED,
	TRUST_INTERNAL,
	TRUST_UNTRUSTED
};

/* "skipped", "trusted", "internal" or "untrusted". */
const char	*trust_name(enum trust);

/* How to walk and judge a message's hops. */
struct trust_cfg {
	struct netlist		*trusted;	/* may be empty, never NULL */
	struct netlist		*internal;
	struct netlist		*msa;
	/* Registered domains for the by-mismatch flag (orgdom_get); NULL:
	   orgdom_guess(), no Public Suffix List. */
	const struct orgdom	*orgdom;
};

struct trace;

/*
 * Set t->hop[].trust, t->origin (the first untrusted relay, or -1) and,
 * without an origin, t->none ("no-received", "no-relays",
 * "all-trusted").  trace_message() calls it; exported for the tests.
 */
void	trust_walk(struct trace *t, const struct trust_cfg *cfg);

#endif
