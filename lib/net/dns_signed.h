/*
 * DNS answers with their signatures, for DNSSEC validation: an RRset
 * and the RRSIG records that cover it, from either back end of
 * net/dns.h (the resolver asks with the DNSSEC OK bit; the zone files
 * give the RRSIGs stored at the name, a DS's from the parent zone).
 */
#ifndef NET_DNS_SIGNED_H
#define NET_DNS_SIGNED_H

#include <ldns/ldns.h>

#include "core/deliv.h"
#include "net/dns.h"

/*
 * As dns_query(), but no CNAME is followed, and on DNS_ANSWER *sigs is
 * an owned list (ldns_rr_list_deep_free) of the RRSIGs at name covering
 * type, possibly empty; otherwise *sigs is NULL.
 */
enum dns_result	dns_query_signed(struct dns *, const char *name,
		    ldns_rr_type type, ldns_rr_list **rrs, ldns_rr_list **sigs,
		    struct derr *e);

#endif
