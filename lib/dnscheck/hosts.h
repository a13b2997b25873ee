/*
 * The address checks of a dnscheck audit: A/AAAA of the domain and of
 * its MX hosts, the MX set (RFC 5321 5.1, RFC 7505), and the PTR of each
 * sending IP (forward-confirmed, generic-looking, HELO).
 */
#ifndef DNSCHECK_HOSTS_H
#define DNSCHECK_HOSTS_H

#include "core/finding.h"
#include "dnscheck/dnscheck.h"
#include "net/dns.h"

/* Append the A/AAAA, MX and PTR findings of domain to l. */
void	dnscheck_hosts_run(struct dns *, const struct dnscheck_opts *,
	    const char *domain, struct finding_list *l);

#endif
