/*
 * DNS blocklists and allowlists (RFC 5782): a list file saying what each
 * list's answers mean, an RFC 5782 self-test of every list before it is
 * trusted, and the IP and domain queries, where an error code (the list
 * refusing the query) is never a listing.
 */
#ifndef DNSBL_H
#define DNSBL_H

#include "core/deliv.h"
#include "core/finding.h"
#include "net/dns.h"

/* What an answer means. */
enum dnsbl_class {
	DNSBL_NOT_LISTED = 0,
	DNSBL_LISTED,
	DNSBL_ALLOW,
	DNSBL_REPUTATION,
	DNSBL_ERROR,		/* the list refused or complained */
	DNSBL_INVALID,		/* answer outside 127.0.0.0/8 */
	DNSBL_UNRELIABLE	/* the list failed its self-test */
};

/* "not-listed", "listed", "allow", ... as in corpora/dnsbl/expected.tsv */
const char	*dnsbl_class_str(enum dnsbl_class);

struct dnsbl;

/*
 * Load a list file: TSV with a header naming at least the columns zone,
 * type (ip or domain), code, meaning and class (listed, error, allow,
 * reputation, unused, defunct); "#" lines are comments.  Codes: an
 * address, a last-octet range (127.0.0.5-7), a comma list, a CIDR, or a
 * pattern (127.0.X.Y; 127.0.0.N marks a bitmask list).  NULL with e
 * filled ("file:line") on error.
 */
struct dnsbl	*dnsbl_load(const char *path, struct derr *e);

/*
 * Run the RFC 5782 self-test of every list of the wanted types (IPv4
 * lists: 127.0.0.2 listed, 127.0.0.1 not; domain lists: TEST listed,
 * INVALID not) and keep the outcome.  Call once, before threads.
 */
void	dnsbl_selftest(struct dnsbl *, struct dns *, int ip, int domain);

/*
 * Query every usable IP list for ip (IPv4 or IPv6) and append "dnsbl"
 * records to l; lists that failed their self-test give one record each.
 * Thread-safe after dnsbl_selftest.
 */
void	dnsbl_audit_ip(const struct dnsbl *, struct dns *, const char *ip,
	    struct finding_list *l);

/* The same for a domain against the domain lists. */
void	dnsbl_audit_domain(const struct dnsbl *, struct dns *,
	    const char *domain, struct finding_list *l);

void	dnsbl_free(struct dnsbl *);

#endif
