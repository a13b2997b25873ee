/*
 * The resolver back end of net/dns.h: a libldns resolver (system or
 * given servers), one question at a time, answers checked against the
 * question.  See net/dns_priv.h.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>

#include "core/deliv.h"
#include "net/dns.h"
#include "net/dns_priv.h"

/* Resolver backend */

struct dns *
dns_open_resolver(const struct dns_opts *o, struct derr *e)
{
	struct dns_opts def = { NULL, 0, -1 };
	ldns_resolver *res = NULL;
	ldns_rdf *ns;
	ldns_status st;
	struct dns *d;
	char addr[128], *hash, *end;
	unsigned long port = 53;
	unsigned ms;
	int tries;

	if (o == NULL)
		o = &def;
	if (o->server != NULL) {
		if (strlen(o->server) >= sizeof(addr)) {
			derr_set(e, o->server, "bad server address");
			return NULL;
		}
		strcpy(addr, o->server);
		if ((hash = strchr(addr, '#')) != NULL) {
			*hash++ = '\0';
			errno = 0;
			port = strtoul(hash, &end, 10);
			if (*hash == '\0' || *end != '\0' || port == 0 ||
			    port > 65535) {
				derr_set(e, o->server, "bad port");
				return NULL;
			}
		}
		if (*addr == '[' && addr[strlen(addr) - 1] == ']') {
			memmove(addr, addr + 1, strlen(addr));
			addr[strlen(addr) - 1] = '\0';
		}
		ns = ldns_rdf_new_frm_str(strchr(addr, ':') ?
		    LDNS_RDF_TYPE_AAAA : LDNS_RDF_TYPE_A, addr);
		if (ns == NULL) {
			derr_set(e, o->server, "not an IP address");
			return NULL;
		}
		res = ldns_resolver_new();
		if (res == NULL) {
			ldns_rdf_deep_free(ns);
			derr_set(e, o->server, "%s", strerror(ENOMEM));
			return NULL;
		}
		st = ldns_resolver_push_nameserver(res, ns);
		ldns_rdf_deep_free(ns);
		if (st != LDNS_STATUS_OK) {
			ldns_resolver_deep_free(res);
			derr_set(e, o->server, "%s",
			    ldns_get_errorstr_by_id(st));
			return NULL;
		}
		ldns_resolver_set_port(res, (uint16_t)port);
	} else {
		st = ldns_resolver_new_frm_file(&res, NULL);
		if (st != LDNS_STATUS_OK) {
			derr_set(e, "resolv.conf", "%s",
			    ldns_get_errorstr_by_id(st));
			return NULL;
		}
	}
	ms = o->timeout_ms ? o->timeout_ms : 2000;
	tries = (o->retries < 0 ? 2 : o->retries) + 1;
	if (tries > 255)
		tries = 255;
	ldns_resolver_set_timeout(res, (struct timeval){ ms / 1000,
	    (ms % 1000) * 1000 });
	ldns_resolver_set_retry(res, (uint8_t)tries);
	ldns_resolver_set_retrans(res, 0);
	ldns_resolver_set_usevc(res, false);
	ldns_resolver_set_fallback(res, true);
	ldns_resolver_set_recursive(res, true);
	ldns_resolver_set_dnssec(res, false);
	/* EDNS with the DNS-flag-day buffer size: fewer answers go to TCP. */
	ldns_resolver_set_edns_udp_size(res, 1232);
	ldns_resolver_set_defnames(res, false);
	ldns_resolver_set_dnsrch(res, false);
	if ((d = calloc(1, sizeof(*d))) == NULL) {
		ldns_resolver_deep_free(res);
		derr_set(e, "resolver", "%s", strerror(ENOMEM));
		return NULL;
	}
	d->res = res;
	return d;
}

/* Does the answer belong to the query (id, and the same question)? */
static bool
answer_matches(const ldns_pkt *q, const ldns_pkt *a)
{
	ldns_rr_list *qq = ldns_pkt_question(q), *aq = ldns_pkt_question(a);
	ldns_rr *x, *y;

	if (ldns_pkt_id(q) != ldns_pkt_id(a) || !ldns_pkt_qr(a))
		return false;
	if (ldns_rr_list_rr_count(aq) != 1 || ldns_rr_list_rr_count(qq) != 1)
		return false;
	x = ldns_rr_list_rr(qq, 0);
	y = ldns_rr_list_rr(aq, 0);
	return ldns_rr_get_type(x) == ldns_rr_get_type(y) &&
	    ldns_rr_get_class(x) == ldns_rr_get_class(y) &&
	    ldns_dname_compare(ldns_rr_owner(x), ldns_rr_owner(y)) == 0;
}

/* One question to the server: the answer packet, or NULL (e filled). */
static ldns_pkt *
ask(struct dns *d, const ldns_rdf *name, ldns_rr_type type, const char *qs,
    struct derr *e)
{
	ldns_pkt *q = NULL, *a = NULL;
	ldns_status st;

	st = ldns_resolver_prepare_query_pkt(&q, d->res, name, type,
	    LDNS_RR_CLASS_IN, LDNS_RD);
	if (st != LDNS_STATUS_OK) {
		derr_set(e, qs, "%s", ldns_get_errorstr_by_id(st));
		return NULL;
	}
	d->nq++;
	st = ldns_resolver_send_pkt(&a, d->res, q);
	if (st != LDNS_STATUS_OK || a == NULL) {
		derr_set(e, qs, "%s", st == LDNS_STATUS_NETWORK_ERR ?
		    "timed out" : ldns_get_errorstr_by_id(st));
		ldns_pkt_free(q);
		if (a != NULL)
			ldns_pkt_free(a);
		return NULL;
	}
	if (!answer_matches(q, a)) {
		derr_set(e, qs, "answer does not match the question");
		ldns_pkt_free(q);
		ldns_pkt_free(a);
		return NULL;
	}
	ldns_pkt_free(q);
	return a;
}

enum dns_result
dns_resolver_query(struct dns *d, const ldns_rdf *qname, ldns_rr_type type,
    const char *qs, ldns_rr_list **rrs, struct derr *e)
{
	ldns_rdf *name;
	ldns_pkt *a = NULL;
	ldns_rr_list *ans;
	ldns_rr *rr, *cname;
	enum dns_result r = DNS_NODATA;
	ldns_lookup_table *lt;
	size_t i, hops = 0;

	name = ldns_rdf_clone(qname);
	for (;;) {
		if (a == NULL) {
			if ((a = ask(d, name, type, qs, e)) == NULL) {
				r = DNS_TEMPERROR;
				break;
			}
			switch (ldns_pkt_get_rcode(a)) {
			case LDNS_RCODE_NOERROR:
			case LDNS_RCODE_NXDOMAIN:
				break;
			default:
				lt = ldns_lookup_by_id(ldns_rcodes,
				    (int)ldns_pkt_get_rcode(a));
				derr_set(e, qs, "server answered %s",
				    lt ? lt->name : "an error");
				r = DNS_TEMPERROR;
				goto out;
			}
		}
		ans = ldns_pkt_answer(a);
		cname = NULL;
		for (i = 0; i < ldns_rr_list_rr_count(ans); i++) {
			rr = ldns_rr_list_rr(ans, i);
			if (ldns_dname_compare(ldns_rr_owner(rr), name) != 0 ||
			    ldns_rr_get_class(rr) != LDNS_RR_CLASS_IN)
				continue;
			if (ldns_rr_get_type(rr) == type) {
				if (*rrs == NULL)
					*rrs = ldns_rr_list_new();
				ldns_rr_list_push_rr(*rrs, ldns_rr_clone(rr));
			} else if (ldns_rr_get_type(rr) == LDNS_RR_TYPE_CNAME)
				cname = rr;
		}
		if (*rrs != NULL) {
			r = DNS_ANSWER;
			break;
		}
		if (cname == NULL || type == LDNS_RR_TYPE_CNAME) {
			r = ldns_pkt_get_rcode(a) == LDNS_RCODE_NXDOMAIN ?
			    DNS_NXDOMAIN : DNS_NODATA;
			break;
		}
		if (++hops > DNS_CNAME_MAX) {
			derr_set(e, qs, "CNAME loop");
			r = DNS_TEMPERROR;
			break;
		}
		ldns_rdf_deep_free(name);
		name = ldns_rdf_clone(ldns_rr_rdf(cname, 0));
		/* The target may be in this answer; if not, ask for it. */
		for (i = 0; i < ldns_rr_list_rr_count(ans); i++)
			if (ldns_dname_compare(ldns_rr_owner(
			    ldns_rr_list_rr(ans, i)), name) == 0)
				break;
		if (i == ldns_rr_list_rr_count(ans) &&
		    ldns_pkt_get_rcode(a) != LDNS_RCODE_NXDOMAIN) {
			ldns_pkt_free(a);
			a = NULL;
		}
	}
out:
	ldns_rdf_deep_free(name);
	if (a != NULL)
		ldns_pkt_free(a);
	return r;
}
