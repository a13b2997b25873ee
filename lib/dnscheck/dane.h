/*
 * dnscheck's DANE check for SMTP (RFC 7672): the TLSA records at
 * _25._tcp of each MX host, their parameters, and whether DNSSEC
 * validates them (unvalidated TLSA records are ignored by senders).
 */
#ifndef DNSCHECK_DANE_H
#define DNSCHECK_DANE_H

#include "core/finding.h"
#include "dnscheck/dnssec.h"

#define DANE_MAX_HOSTS	16	/* MX hosts looked at */

/* Audit the MX hosts of domain: "dane" findings appended to l. */
void	dane_audit(const struct dnssec_ctx *, const char *domain,
	    struct finding_list *l);

#endif
