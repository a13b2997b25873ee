/*
 * DNS answers with their RRSIGs (net/dns_signed.h): from the zone files
 * through the zone back end, or from the resolver with the DNSSEC OK
 * bit set for that one question.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>

#include "core/deliv.h"
#include "net/dns.h"
#include "net/dns_priv.h"
#include "net/dns_signed.h"

static bool
covers(const ldns_rr *sig, ldns_rr_type type)
{
	return ldns_rr_rrsig_typecovered(sig) != NULL &&
	    ldns_rdf2rr_type(ldns_rr_rrsig_typecovered(sig)) == type;
}

/* The resolver: one question with DO; records at name of type and sigs. */
static enum dns_result
resolver_signed(struct dns *d, const ldns_rdf *name, ldns_rr_type type,
    const char *qs, ldns_rr_list **rrs, ldns_rr_list **sigs, struct derr *e)
{
	ldns_lookup_table *lt;
	ldns_rr_list *ans;
	ldns_pkt *a = NULL;
	ldns_rr *rr;
	ldns_status st;
	size_t i;

	ldns_resolver_set_dnssec(d->res, true);
	d->nq++;
	st = ldns_resolver_query_status(&a, d->res, name, type,
	    LDNS_RR_CLASS_IN, LDNS_RD);
	ldns_resolver_set_dnssec(d->res, false);
	if (st != LDNS_STATUS_OK || a == NULL) {
		derr_set(e, qs, "%s", st == LDNS_STATUS_NETWORK_ERR ?
		    "timed out" : ldns_get_errorstr_by_id(st));
		if (a != NULL)
			ldns_pkt_free(a);
		return DNS_TEMPERROR;
	}
	switch (ldns_pkt_get_rcode(a)) {
	case LDNS_RCODE_NOERROR:
		break;
	case LDNS_RCODE_NXDOMAIN:
		ldns_pkt_free(a);
		return DNS_NXDOMAIN;
	default:
		lt = ldns_lookup_by_id(ldns_rcodes, (int)ldns_pkt_get_rcode(a));
		derr_set(e, qs, "server answered %s", lt ? lt->name :
		    "an error");
		ldns_pkt_free(a);
		return DNS_TEMPERROR;
	}
	ans = ldns_pkt_answer(a);
	*rrs = ldns_rr_list_new();
	*sigs = ldns_rr_list_new();
	for (i = 0; i < ldns_rr_list_rr_count(ans); i++) {
		rr = ldns_rr_list_rr(ans, i);
		if (ldns_dname_compare(ldns_rr_owner(rr), name) != 0 ||
		    ldns_rr_get_class(rr) != LDNS_RR_CLASS_IN)
			continue;
		if (ldns_rr_get_type(rr) == type)
			ldns_rr_list_push_rr(*rrs, ldns_rr_clone(rr));
		else if (ldns_rr_get_type(rr) == LDNS_RR_TYPE_RRSIG &&
		    covers(rr, type))
			ldns_rr_list_push_rr(*sigs, ldns_rr_clone(rr));
	}
	ldns_pkt_free(a);
	if (ldns_rr_list_rr_count(*rrs) > 0)
		return DNS_ANSWER;
	ldns_rr_list_deep_free(*rrs);
	ldns_rr_list_deep_free(*sigs);
	*rrs = *sigs = NULL;
	return DNS_NODATA;
}

enum dns_result
dns_query_signed(struct dns *d, const char *qs, ldns_rr_type type,
    ldns_rr_list **rrs, ldns_rr_list **sigs, struct derr *e)
{
	ldns_rdf *name;
	enum dns_result r;

	*rrs = *sigs = NULL;
	if ((name = dns_name(qs)) == NULL) {
		derr_set(e, qs, "not a valid domain name");
		return DNS_NXDOMAIN;
	}
	if (d->zs == NULL) {
		r = resolver_signed(d, name, type, qs, rrs, sigs, e);
		ldns_rdf_deep_free(name);
		return r;
	}
	d->nq++;
	r = dns_zones_query(d, name, type, qs, rrs, e);
	/* A CNAME followed is not the name's own RRset. */
	if (r == DNS_ANSWER && ldns_dname_compare(ldns_rr_owner(
	    ldns_rr_list_rr(*rrs, 0)), name) != 0) {
		ldns_rr_list_deep_free(*rrs);
		*rrs = NULL;
		r = DNS_NODATA;
	}
	if (r == DNS_ANSWER && dns_zones_sigs(d, name, type, sigs) !=
	    DNS_ANSWER)
		*sigs = ldns_rr_list_new();
	if (r == DNS_ANSWER && *sigs == NULL) {
		ldns_rr_list_deep_free(*rrs);
		*rrs = NULL;
		derr_set(e, qs, "%s", strerror(ENOMEM));
		r = DNS_TEMPERROR;
	}
	ldns_rdf_deep_free(name);
	return r;
}
