/*
 * Received: header parsing.  One raw header value (folded, never RFC
 * 2047-decoded) in, the fields the receiving MTA recorded out: the peer
 * address, its reverse-DNS name, HELO, the receiving host, ident, envelope
 * sender, queue id, authentication, recipient, protocol, TLS and date.
 * Covers the formats of Postfix, Sendmail, Exim, qmail, Exchange/Office
 * 365, Gmail, Yahoo, Courier, CommuniGate, Domino, MDaemon, XMail,
 * ecelerity, amavisd, the MailScanner milter and friends; headers that
 * are no network hand-over (local pickup, fetchmail, getmail, content
 * scanners, "by" only) are marked local.
 */
#ifndef RECEIVED_H
#define RECEIVED_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/deliv.h"

/* The string fields (a tool that prints them chooses its own order). */
enum rcvd_field {
	RCVD_IP,		/* peer address, normalised (inet_ntop) */
	RCVD_RDNS,		/* reverse-DNS name the MTA recorded */
	RCVD_HELO,		/* HELO/EHLO; address literals keep [] */
	RCVD_BY,		/* receiving host */
	RCVD_IDENT,		/* RFC 1413 ident or user the MTA recorded */
	RCVD_ENVFROM,		/* envelope sender */
	RCVD_ID,		/* queue id */
	RCVD_AUTH,		/* authentication method; empty: none seen */
	RCVD_FOR,		/* the for recipient, no angle brackets */
	RCVD_WITH,		/* protocol, normalised: SMTP, ESMTPS, Local */
	RCVD_TLS_VERSION,	/* TLSv1_0 .. TLSv1_3, SSLv3 */
	RCVD_TLS_CIPHER,
	RCVD_NFIELDS
};

/* One parsed header.  Fields are owned; NULL means absent. */
struct rcvd {
	char		*f[RCVD_NFIELDS];
	char		*date_text;	/* the date as written, or NULL */
	time_t		 date;		/* valid when has_date */
	bool		 has_date;
	bool		 local;		/* no network hand-over: not a relay */
	bool		 rdns_unverified; /* the MTA wrote that the rDNS name
					   does not confirm ("may be
					   forged", "unverified") */
	const char	*why;		/* static reason when local (or NULL):
					   "fetchmail", "scanner", "local",
					   "by-only", "no-ip" */
};

struct rcvd_parser;

/* Compile the patterns (once per run).  NULL and e filled on failure. */
struct rcvd_parser	*rcvd_parser_new(struct derr *e);
void			 rcvd_parser_free(struct rcvd_parser *);

/*
 * Parse the header value s[0..len) (without "Received:") into r, which
 * the caller zero-initialises or rcvd_clear()s.  Returns 0, or -1 when
 * out of memory or on a pattern-match error (e filled).  Garbage is not
 * an error: it gives a record with few fields, marked local "no-ip".
 */
int	rcvd_parse(struct rcvd_parser *, const char *s, size_t len,
	    struct rcvd *r, struct derr *e);

/* Free the fields and zero r. */
void	rcvd_clear(struct rcvd *r);

/*
 * Normalise an address as written ("[IPv6:::1]", "1.2.3.4:25",
 * "::ffff:1.2.3.4", "[1.2.3.4.5678]") into buf: IPv4 dotted quad or
 * compressed lower-case IPv6; IPv4-mapped becomes IPv4.  Returns 4 or 6,
 * or 0 when s is no address.
 */
int	rcvd_ip_norm(const char *s, size_t len, char *buf, size_t buflen);

/*
 * Hand each field of the header block raw[0..len) (a message's bytes;
 * the block ends at the first empty line) to fn: its name and its value
 * after the colon, folding kept, NUL bytes and all (a NUL never ends a
 * field or joins two).  Lines without a field name are passed over.
 * Returns 0, or -1 when fn does.  received_block.c.
 */
int	rcvd_fields(const char *raw, size_t len,
	    int (*fn)(void *arg, const char *name, size_t namelen,
	    const char *value, size_t valuelen), void *arg);

#endif
