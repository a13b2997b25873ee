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
 * When cfg has no trusted or internal networks from the command line:
 * the networks of env (the value of $DELIV_TRUSTED; set but empty means
 * "the private ranges, I know"), else of HOME/.config/deliv/trusted,
 * else of /etc/deliv/trusted, added to cfg->trusted.  0 when none is
 * configured anywhere (the caller warns with TRUST_WARNING), 1 when
 * configured (on the command line, in a file, or by $DELIV_TRUSTED even
 * empty), -1 with e filled on a bad network or file.
 */
int	trust_defaults(struct trust_cfg *cfg, const char *env,
	    const char *home, struct derr *e);

/* What to tell a user who configured no trusted networks at all. */
#define TRUST_WARNING	"no trusted networks (--trusted, $DELIV_TRUSTED, " \
	"~/.config/deliv/trusted): the origin is the first relay outside " \
	"private, loopback and authenticated hops, which may be your own " \
	"MX; a complaint could go to the wrong network"

#endif
