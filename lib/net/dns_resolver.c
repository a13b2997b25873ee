/*
 * The resolver back end of net/dns.h: the servers of a libldns resolver
 * (system or given), one question at a time over our own sockets (libldns
 * builds and parses the packets): answers taken only from the address
 * and port asked, checked against the question, stray datagrams skipped
 * until the timeout.  See net/dns_priv.h.
 */
#include <sys/socket.h>

#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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

/* Milliseconds on the monotonic clock. */
static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * One try over UDP to the server at sa: a connected socket, so the kernel
 * hands us only datagrams from that address and port; one that does not
 * parse or answer our question (id, QR, question) is dropped and the wait
 * goes on until ms are over.  The answer, or NULL (*timeout set when the
 * time ran out, else e filled).
 */
static ldns_pkt *
udp_try(const struct sockaddr_storage *sa, size_t salen, const uint8_t *wire,
    size_t wlen, const ldns_pkt *q, unsigned ms, bool *timeout,
    const char *qs, struct derr *e)
{
	struct pollfd pfd;
	uint8_t buf[65536];
	ldns_pkt *a = NULL;
	long long end = now_ms() + ms, left;
	ssize_t n;
	int fd;

	*timeout = false;
	if ((fd = socket(sa->ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1 ||
	    connect(fd, (const struct sockaddr *)sa, (socklen_t)salen) == -1 ||
	    send(fd, wire, wlen, 0) != (ssize_t)wlen) {
		derr_set(e, qs, "%s", strerror(errno));
		if (fd != -1)
			close(fd);
		return NULL;
	}
	pfd.fd = fd;
	pfd.events = POLLIN;
	while ((left = end - now_ms()) > 0) {
		if (poll(&pfd, 1, (int)left) <= 0)
			continue;	/* EINTR, or the time is up */
		if ((n = recv(fd, buf, sizeof(buf), 0)) == -1) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			/* ICMP port unreachable: nobody there */
			derr_set(e, qs, "%s", strerror(errno));
			close(fd);
			return NULL;
		}
		if (ldns_wire2pkt(&a, buf, (size_t)n) != LDNS_STATUS_OK)
			continue;
		if (answer_matches(q, a))
			break;
		ldns_pkt_free(a);
		a = NULL;
	}
	close(fd);
	*timeout = a == NULL;
	return a;
}

/* The same question over TCP (after a truncated UDP answer). */
static ldns_pkt *
tcp_try(const struct sockaddr_storage *sa, size_t salen, const uint8_t *wire,
    size_t wlen, const ldns_pkt *q, unsigned ms, const char *qs,
    struct derr *e)
{
	ldns_buffer *qb;
	ldns_pkt *a = NULL;
	ldns_status st = LDNS_STATUS_MEM_ERR;
	uint8_t *ans = NULL;
	size_t alen = 0;

	if ((qb = ldns_buffer_new(wlen)) != NULL) {
		/* libldns sends the bytes before the position */
		ldns_buffer_write(qb, wire, wlen);
		st = ldns_tcp_send(&ans, qb, sa, (socklen_t)salen,
		    (struct timeval){ ms / 1000, (ms % 1000) * 1000 }, &alen);
		ldns_buffer_free(qb);
	}
	if (st == LDNS_STATUS_OK)
		st = ldns_wire2pkt(&a, ans, alen);
	free(ans);
	if (st != LDNS_STATUS_OK) {
		derr_set(e, qs, "TCP: %s", st == LDNS_STATUS_NETWORK_ERR ?
		    "timed out" : ldns_get_errorstr_by_id(st));
		return NULL;
	}
	if (!answer_matches(q, a)) {
		ldns_pkt_free(a);
		derr_set(e, qs, "TCP: answer does not match the question");
		return NULL;
	}
	return a;
}

/*
 * One question: each server in turn, tries times each, over UDP (TCP
 * when the answer is truncated).  The answer packet, or NULL (e filled).
 */
static ldns_pkt *
ask(struct dns *d, const ldns_rdf *name, ldns_rr_type type, const char *qs,
    struct derr *e)
{
	struct sockaddr_storage *sa;
	ldns_rdf **ns = ldns_resolver_nameservers(d->res);
	ldns_pkt *q = NULL, *a = NULL;
	ldns_status st;
	struct timeval tv = ldns_resolver_timeout(d->res);
	unsigned ms = (unsigned)(tv.tv_sec * 1000 + tv.tv_usec / 1000);
	size_t i, nns = ldns_resolver_nameserver_count(d->res), salen, wlen;
	uint8_t *wire = NULL;
	int t, tries = ldns_resolver_retry(d->res);
	bool timeout = true;

	st = ldns_resolver_prepare_query_pkt(&q, d->res, name, type,
	    LDNS_RR_CLASS_IN, LDNS_RD);
	if (st == LDNS_STATUS_OK) {
		ldns_pkt_set_random_id(q);
		ldns_pkt_set_edns_udp_size(q, 1232);
		st = ldns_pkt2wire(&wire, q, &wlen);
	}
	if (st != LDNS_STATUS_OK) {
		derr_set(e, qs, "%s", ldns_get_errorstr_by_id(st));
		ldns_pkt_free(q);
		return NULL;
	}
	derr_set(e, qs, "no DNS server");
	for (t = 0; a == NULL && t < (tries > 0 ? tries : 1); t++)
		for (i = 0; a == NULL && i < nns; i++) {
			sa = ldns_rdf2native_sockaddr_storage(ns[i],
			    ldns_resolver_port(d->res), &salen);
			if (sa == NULL)
				continue;
			d->nq++;
			a = udp_try(sa, salen, wire, wlen, q, ms, &timeout, qs,
			    e);
			if (a != NULL && ldns_pkt_tc(a)) {
				ldns_pkt_free(a);
				a = tcp_try(sa, salen, wire, wlen, q, ms, qs, e);
			} else if (a == NULL && timeout)
				derr_set(e, qs, "timed out");
			free(sa);
		}
	free(wire);
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
