/*
 * dnscheck's DANE check (see dnscheck/dane.h): per MX host, the TLSA
 * RRset at _25._tcp.HOST, each record's usage, selector, matching type
 * and data length (RFC 6698, RFC 7672 3.1), and its DNSSEC status.
 */
#include <arpa/inet.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>

#include "core/deliv.h"
#include "core/finding.h"
#include "core/util.h"
#include "dnscheck/dane.h"
#include "dnscheck/dnssec.h"
#include "net/dns.h"
#include "net/dns_signed.h"

static const char *const usages[] = { "PKIX-TA", "PKIX-EE", "DANE-TA",
    "DANE-EE" };

/* One TLSA record: a finding on its parameters. */
static void
check_tlsa(const char *name, const ldns_rr *rr, struct finding_list *l)
{
	unsigned u, s, m;
	size_t len;
	char *txt, *val;

	if (ldns_rr_rd_count(rr) != 4) {
		finding_add(l, "dane", name, FINDING_FAIL, NULL, "a TLSA record "
		    "with %zu fields, not 4", ldns_rr_rd_count(rr));
		return;
	}
	u = ldns_rdf2native_int8(ldns_rr_rdf(rr, 0));
	s = ldns_rdf2native_int8(ldns_rr_rdf(rr, 1));
	m = ldns_rdf2native_int8(ldns_rr_rdf(rr, 2));
	len = ldns_rdf_size(ldns_rr_rdf(rr, 3));
	txt = ldns_rdf2str(ldns_rr_rdf(rr, 3));
	val = NULL;
	if (txt != NULL && asprintf(&val, "%u %u %u %s", u, s, m, txt) == -1)
		val = NULL;
	free(txt);
	if (u > 3 || s > 1 || m > 2)
		finding_add(l, "dane", name, FINDING_FAIL, val, "unknown %s %u "
		    "(RFC 6698): senders treat the record as unusable",
		    u > 3 ? "usage" : s > 1 ? "selector" : "matching type",
		    u > 3 ? u : s > 1 ? s : m);
	else if ((m == 1 && len != 32) || (m == 2 && len != 64))
		finding_add(l, "dane", name, FINDING_FAIL, val, "%s data of %zu "
		    "bytes, not %d: it can match no certificate",
		    m == 1 ? "SHA-256" : "SHA-512", len, m == 1 ? 32 : 64);
	else if (u < 2)
		finding_add(l, "dane", name, FINDING_WARN, val, "usage %u (%s) "
		    "is unusable for SMTP (RFC 7672 3.1.3): publish DANE-EE "
		    "(3) or DANE-TA (2)", u, usages[u]);
	else if (m == 0)
		finding_add(l, "dane", name, FINDING_WARN, val, "%s with the "
		    "full %s (matching type 0): use a digest, 3 1 1 is "
		    "advised (RFC 7671 10.1)", usages[u],
		    s == 0 ? "certificate" : "public key");
	else
		finding_add(l, "dane", name, FINDING_PASS, val, "%s, %s, %s",
		    usages[u], s == 0 ? "full certificate" : "public key",
		    m == 1 ? "SHA-256" : "SHA-512");
	free(val);
}

/* One MX host: 1 it has TLSA records, 0 none, -1 DNS did not answer. */
static int
check_host(const struct dnssec_ctx *c, const char *host,
    struct finding_list *l)
{
	ldns_rr_list *rrs, *sigs;
	enum dnssec_state st;
	struct derr e;
	char name[300], why[512];
	size_t i;
	int r;

	snprintf(name, sizeof(name), "_25._tcp.%s", host);
	r = dns_query_signed(c->d, name, LDNS_RR_TYPE_TLSA, &rrs, &sigs, &e);
	if (r == DNS_TEMPERROR) {
		finding_add(l, "dane", name, FINDING_TEMPERROR, NULL, "%s TLSA: "
		    "%s", name, e.what);
		return -1;
	}
	if (r != DNS_ANSWER)
		return 0;
	for (i = 0; i < ldns_rr_list_rr_count(rrs); i++)
		check_tlsa(name, ldns_rr_list_rr(rrs, i), l);
	st = dnssec_rrset(c, name, rrs, sigs, why, sizeof(why));
	switch (st) {
	case DNSSEC_SECURE:
		finding_add(l, "dane", name, FINDING_PASS, "secure", "the TLSA "
		    "records validate (DNSSEC): DANE senders use them");
		break;
	case DNSSEC_INSECURE:
		finding_add(l, "dane", name, FINDING_WARN, "insecure", "the TLSA "
		    "records are not DNSSEC-validated (%s): senders ignore "
		    "them (RFC 7672 2.2)", why);
		break;
	case DNSSEC_BOGUS:
		finding_add(l, "dane", name, FINDING_FAIL, "bogus", "the TLSA "
		    "records are bogus (%s): DANE senders defer mail to %s",
		    why, host);
		break;
	default:
		finding_add(l, "dane", name, FINDING_TEMPERROR, NULL, "%s", why);
	}
	ldns_rr_list_deep_free(rrs);
	ldns_rr_list_deep_free(sigs);
	return 1;
}

void
dane_audit(const struct dnssec_ctx *c, const char *dom,
    struct finding_list *l)
{
	ldns_rr_list *mx;
	struct derr e;
	unsigned char a6[16];
	char *host, *without[DANE_MAX_HOSTS];
	size_t i, n, nwith = 0, nwithout = 0;
	int r;

	if (dns_query(c->d, dom, LDNS_RR_TYPE_MX, &mx, &e) != DNS_ANSWER)
		return;		/* no MX: the mx check says so */
	n = ldns_rr_list_rr_count(mx);
	for (i = 0; i < n && i < DANE_MAX_HOSTS; i++) {
		host = ldns_rdf2str(ldns_rr_mx_exchange(ldns_rr_list_rr(mx, i)));
		if (host == NULL) {
			l->nomem = 1;
			continue;
		}
		if (strlen(host) > 1 && host[strlen(host) - 1] == '.')
			host[strlen(host) - 1] = '\0';
		str_lower(host);
		/* null MX; an IP address as MX (the mx check fails it) */
		if (strcmp(host, ".") == 0 || inet_pton(AF_INET, host, a6) == 1 ||
		    inet_pton(AF_INET6, host, a6) == 1 ||
		    (r = check_host(c, host, l)) == -1) {
			free(host);
			continue;
		}
		if (r == 1) {
			nwith++;
			free(host);
		} else
			without[nwithout++] = host;
	}
	if (nwith > 0)
		for (i = 0; i < nwithout; i++)
			finding_add(l, "dane", without[i], FINDING_WARN, NULL, "no "
			    "TLSA at _25._tcp.%s while other MX hosts have "
			    "them: senders may fall back to this host without "
			    "DANE", without[i]);
	else if (nwithout > 0)
		finding_add(l, "dane", dom, FINDING_INFO, NULL, "no TLSA record "
		    "at _25._tcp of any MX host: no DANE (RFC 7672)");
	for (i = 0; i < nwithout; i++)
		free(without[i]);
	ldns_rr_list_deep_free(mx);
}
