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

#define TRUST_LINE_MAX	4096	/* bytes in a line of a trusted file */
#define TRUST_LINES_MAX	100000	/* lines in a trusted file */

/*
 * Add the networks of the file at path (SpamAssassin syntax, several on
 * a line, "#" comments) to l.  A line over TRUST_LINE_MAX bytes, more
 * than TRUST_LINES_MAX lines or a NUL byte is an error, so a device such
 * as /dev/zero cannot eat memory.  0, or -1 with e filled (FILE:LINE).
 */
int	trust_load_file(struct netlist *l, const char *path, struct derr *e);

/*
 * The trusted networks configured outside the command line: env (the
 * value of $DELIV_TRUSTED; an empty value configures none, and says
 * so), else HOME/.config/deliv/trusted, else /etc/deliv/trusted.  Adds
 * them to l and names the source in from[len].  1 when one was found,
 * 0 when none, -1 with e filled on a bad network or file.
 */
int	trust_load_default(struct netlist *l, const char *env,
	    const char *home, char *from, size_t len, struct derr *e);

#endif
