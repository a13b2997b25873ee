/*
 * dnscheck's DNSSEC check: is the zone of an audited domain signed, and
 * does it validate from a trust anchor (the root's, from dns-root-data,
 * or --trust-anchor) through DS and DNSKEY, with ldns's verification at
 * the audit's clock.  Also the validation of one RRset, for DANE.
 */
#ifndef DNSCHECK_DNSSEC_H
#define DNSCHECK_DNSSEC_H

#include <stddef.h>

#include <ldns/ldns.h>

#include "core/deliv.h"
#include "core/finding.h"
#include "net/dns.h"

enum dnssec_state {
	DNSSEC_SECURE = 0,	/* a chain of good signatures to an anchor */
	DNSSEC_INSECURE,	/* no chain: unsigned, no DS, no anchor */
	DNSSEC_BOGUS,		/* a signature or a DS that does not verify */
	DNSSEC_TEMPERROR	/* DNS did not answer */
};

/* What the validation works with; anchors may be NULL (none). */
struct dnssec_ctx {
	struct dns		*d;
	const ldns_rr_list	*anchors;	/* DS and DNSKEY records */
	long long		 now;		/* signatures' clock */
};

/*
 * The DS and DNSKEY records of a file in zone-file syntax (other types
 * are skipped); ldns_rr_list_deep_free it.  NULL with e filled ("FILE:
 * LINE: ...", or "no DS or DNSKEY record") when it cannot be used.
 */
ldns_rr_list	*dnssec_anchors_load(const char *path, struct derr *e);

/*
 * Validate rrset (name's records of one type) with sigs, its RRSIGs:
 * find name's zone, its keys' chain to an anchor, then the signatures.
 * why (may be NULL) says why it is not secure.
 */
enum dnssec_state dnssec_rrset(const struct dnssec_ctx *, const char *name,
		    const ldns_rr_list *rrset, const ldns_rr_list *sigs,
		    char *why, size_t whylen);

/* Audit the zone of domain: one "dnssec" finding appended to l. */
void	dnssec_audit(const struct dnssec_ctx *, const char *domain,
	    struct finding_list *l);

#endif
