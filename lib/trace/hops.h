/*
 * The hop list of one message: its Received headers parsed (and one
 * X-Originating-IP style header), topmost first, with delays, the trust
 * walk (trace/trust.h) and the forgery and oddity flags of each hop.
 */
#ifndef TRACE_HOPS_H
#define TRACE_HOPS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <gmime/gmime.h>

#include "core/deliv.h"
#include "mail/received.h"
#include "trace/trust.h"

/* One hop of a message, topmost first. */
struct hop {
	struct rcvd	 r;
	enum trust	 trust;
	bool		 has_delay;
	bool		 delay_trusted;	/* both dates written on the trusted
					   side (at or above the origin) */
	bool		 later;		/* dated after the next newer dated
					   hop (more than five minutes) */
	long long	 later_by;	/* by how many seconds */
	long long	 delay;		/* this hop's date minus the next
					   older dated hop's, seconds */
	const char	*extra;		/* header name for an X-Originating-IP
					   style hop, else NULL */
	char		 flags[256];	/* comma list; flags: see
					   deliv-header-trace(1) */
};

struct trace {
	struct hop	*hop;
	size_t		 n, cap;
	long		 origin;	/* index into hop, or -1 */
	char		 none[64];	/* why there is no origin */
	char		*copy;		/* a Received value, NULs made
					   spaces; reused */
	size_t		 copycap;
};

/*
 * The headers that may name the originating client (X-Originating-IP and
 * kin), for trace_message(); NULL-terminated.
 */
extern const char *const trace_xorig_headers[];

/*
 * Fill t (zero-initialised, or reused after trace_reset) from the
 * Received headers and the first parseable X-Originating-IP style header
 * (names in xorig, NULL-terminated) of the message: read from its raw
 * bytes raw[0..rawlen) when raw is not NULL (mail/received.h's
 * rcvd_fields: a NUL byte in a header is a space), else from msg's
 * parsed headers.  Walk the trust path with cfg and set the flags; now
 * is the clock for "date in the future".  Returns 0, or -1 on an
 * out-of-memory or pattern error (e filled).
 */
int	trace_message(struct trace *t, GMimeMessage *msg, const char *raw,
	    size_t rawlen, struct rcvd_parser *p, const struct trust_cfg *cfg,
	    const char *const *xorig, time_t now, struct derr *e);

void	trace_reset(struct trace *t);	/* clear the hops, keep memory */
void	trace_free(struct trace *t);

#endif
