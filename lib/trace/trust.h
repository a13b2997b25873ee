/*
 * The trust walk over a message's relays (SpamAssassin's model) with
 * network lists in SpamAssassin's syntax (net/netlist.h, included), and
 * the hop list of one message with its forgery and oddity flags.
 */
#ifndef TRUST_H
#define TRUST_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <gmime/gmime.h>

#include "core/deliv.h"
#include "mail/received.h"
#include "net/netlist.h"

/*
 * Loopback, private, link-local, shared or unique-local address (IPv4-
 * mapped judged as IPv4): core/ip.h's IP_INTERNAL and IP_LOOPBACK.
 */
bool	ip_is_private(const char *ip);
bool	ip_is_loopback(const char *ip);

enum trust {
	TRUST_SKIPPED,		/* no network hand-over */
	TRUST_TRUSTED,
	TRUST_INTERNAL,
	TRUST_UNTRUSTED
};
const char	*trust_name(enum trust);

struct trust_cfg {
	struct netlist	*trusted;	/* may be empty, never NULL */
	struct netlist	*internal;
	struct netlist	*msa;
};

/* One hop of a message, topmost first. */
struct hop {
	struct rcvd	 r;
	enum trust	 trust;
	bool		 has_delay;
	bool		 later;		/* dated after the next newer dated
					   hop (more than five minutes) */
	long long	 later_by;	/* by how many seconds */
	long long	 delay;		/* this hop's date minus the next
					   older dated hop's, seconds */
	const char	*extra;		/* header name for an X-Originating-IP
					   style hop, else NULL */
	char		 flags[256];	/* comma list */
};

struct trace {
	struct hop	*hop;
	size_t		 n, cap;
	long		 origin;	/* index into hop, or -1 */
	char		 none[64];	/* why there is no origin */
};

/*
 * Fill t (zero-initialised, or reused after trace_reset) from the
 * Received headers of msg and the first parseable X-Originating-IP style
 * header (names in xorig, NULL-terminated), walk the trust path with cfg
 * and set the flags; now is the clock for "date in the future".
 * Returns 0, or -1 on an out-of-memory or pattern error (e filled).
 */
int	trace_message(struct trace *t, GMimeMessage *msg,
	    struct rcvd_parser *p, const struct trust_cfg *cfg,
	    const char *const *xorig, time_t now, struct derr *e);

/* The walk alone over t->hop (exported for the tests). */
void	trust_walk(struct trace *t, const struct trust_cfg *cfg);

void	trace_reset(struct trace *t);	/* clear the hops, keep memory */
void	trace_free(struct trace *t);

/*
 * An address (IPv4 or IPv6 text) as 16 bytes, IPv4 mapped.  0, or -1.
 * The next two are core/ip.h's ip_parse() + ip_to16() and ip_prefix_eq().
 */
int	trust_ip16(const char *ip, unsigned char a[16]);
/* Whether two 16-byte addresses agree in their first plen bits. */
bool	trust_prefix_eq(const unsigned char *a, const unsigned char *b,
	    int plen);

/*
 * The registered domain of a host name, net/orgdom.h's guess without the
 * Public Suffix List (orgdom_guess): the last two labels, three under a
 * two-letter TLD with a short second-level label ("example.co.uk").
 * Points into h.
 */
const char	*trust_reg_domain(const char *h);

#endif
