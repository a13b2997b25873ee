/*
 * dns-fakeserver: a misbehaving DNS server on 127.0.0.1 for the tests.
 *
 *   dns-fakeserver MODE [SECONDS]
 *
 * Binds UDP and TCP on one free port, prints the port on stdout, then
 * answers every question for SECONDS (default 30) and exits.  MODE:
 *   silent     never answers (a timeout)
 *   servfail   rcode SERVFAIL
 *   truncate   over UDP an empty answer with TC set; over TCP the TXT
 *              record "via tcp"
 *   badid      a TXT answer with another message id
 *   badq       a TXT answer for another question
 *   ok         a TXT answer "via udp" / "via tcp"
 *   otherport  the right answer, but from another UDP port
 *   strayid    a datagram with another id first, then the right answer
 *   ptrflood   PTR questions get 3,000 names under flood.test (over UDP,
 *              one big datagram), A questions 192.0.2.1
 * With DNS_FAKE_LOG set, each UDP question is appended to that file as
 * "NAME TYPE" (a test can see that none is asked twice).
 */
#include <sys/socket.h>
#include <sys/select.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <err.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <ldns/ldns.h>

#include "core/util.h"

/* ptrflood: 3,000 PTR names, or one address. */
static void
flood(ldns_pkt *a, const ldns_rdf *name, ldns_rr_type type)
{
	ldns_rr *rr;
	char txt[128];
	int i;

	for (i = 0; i < (type == LDNS_RR_TYPE_PTR ? 3000 : 1); i++) {
		if (type == LDNS_RR_TYPE_PTR)
			snprintf(txt, sizeof(txt), "x. IN PTR h%d.flood.test.",
			    i);
		else if (type == LDNS_RR_TYPE_A)
			snprintf(txt, sizeof(txt), "x. IN A 192.0.2.1");
		else
			return;
		if (ldns_rr_new_frm_str(&rr, txt, 60, NULL, NULL) !=
		    LDNS_STATUS_OK)
			return;
		ldns_rdf_deep_free(ldns_rr_owner(rr));
		ldns_rr_set_owner(rr, ldns_rdf_clone(name));
		ldns_pkt_push_rr(a, LDNS_SECTION_ANSWER, rr);
	}
}

/* The reply to q, or NULL for none. */
static ldns_pkt *
reply(const char *mode, ldns_pkt *q, bool tcp)
{
	ldns_pkt *a;
	ldns_rr *qr, *rr;
	ldns_rdf *name;
	char txt[64];

	if (strcmp(mode, "silent") == 0 ||
	    ldns_rr_list_rr_count(ldns_pkt_question(q)) != 1)
		return NULL;
	qr = ldns_rr_list_rr(ldns_pkt_question(q), 0);
	a = ldns_pkt_new();
	ldns_pkt_set_id(a, ldns_pkt_id(q));
	ldns_pkt_set_qr(a, true);
	ldns_pkt_set_aa(a, true);
	ldns_pkt_set_rd(a, ldns_pkt_rd(q));
	name = ldns_rdf_clone(ldns_rr_owner(qr));
	if (strcmp(mode, "badq") == 0) {
		ldns_rdf_deep_free(name);
		name = ldns_dname_new_frm_str("other.example.");
	}
	rr = ldns_rr_new();
	ldns_rr_set_owner(rr, ldns_rdf_clone(name));
	ldns_rr_set_type(rr, ldns_rr_get_type(qr));
	ldns_rr_set_class(rr, LDNS_RR_CLASS_IN);
	ldns_rr_set_question(rr, true);
	ldns_pkt_push_rr(a, LDNS_SECTION_QUESTION, rr);
	if (strcmp(mode, "servfail") == 0) {
		ldns_pkt_set_rcode(a, LDNS_RCODE_SERVFAIL);
	} else if (strcmp(mode, "truncate") == 0 && !tcp) {
		ldns_pkt_set_tc(a, true);
	} else if (strcmp(mode, "ptrflood") == 0) {
		flood(a, name, ldns_rr_get_type(qr));
	} else {
		if (strcmp(mode, "badid") == 0)
			ldns_pkt_set_id(a, (uint16_t)(ldns_pkt_id(q) + 1));
		snprintf(txt, sizeof(txt), "%s IN TXT \"via %s\"", "x.",
		    tcp ? "tcp" : "udp");
		if (ldns_rr_new_frm_str(&rr, txt, 60, NULL, NULL) ==
		    LDNS_STATUS_OK) {
			ldns_rdf_deep_free(ldns_rr_owner(rr));
			ldns_rr_set_owner(rr, ldns_rdf_clone(name));
			ldns_pkt_push_rr(a, LDNS_SECTION_ANSWER, rr);
		}
	}
	ldns_rdf_deep_free(name);
	return a;
}

static void
serve_udp(const char *mode, int fd)
{
	uint8_t buf[4096], *wire;
	struct sockaddr_storage from;
	socklen_t fl = sizeof(from);
	ldns_pkt *q, *a;
	ldns_rr *qr;
	FILE *log;
	size_t len;
	ssize_t n;
	int o;

	if ((n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from,
	    &fl)) <= 0)
		return;
	if (ldns_wire2pkt(&q, buf, (size_t)n) != LDNS_STATUS_OK)
		return;
	if (getenv("DNS_FAKE_LOG") != NULL &&
	    ldns_rr_list_rr_count(ldns_pkt_question(q)) == 1 &&
	    (log = fopen(getenv("DNS_FAKE_LOG"), "a")) != NULL) {
		qr = ldns_rr_list_rr(ldns_pkt_question(q), 0);
		ldns_rdf_print(log, ldns_rr_owner(qr));
		fprintf(log, " %d\n", (int)ldns_rr_get_type(qr));
		fclose(log);
	}
	if ((a = reply(mode, q, false)) != NULL) {
		if (ldns_pkt2wire(&wire, a, &len) == LDNS_STATUS_OK) {
			if (strcmp(mode, "otherport") == 0 &&
			    (o = socket(AF_INET, SOCK_DGRAM, 0)) != -1) {
				sendto(o, wire, len, 0, (struct sockaddr *)&from,
				    fl);
				close(o);
			} else {
				if (strcmp(mode, "strayid") == 0) {
					ldns_write_uint16(wire,
					    (uint16_t)(ldns_pkt_id(q) + 1));
					sendto(fd, wire, len, 0,
					    (struct sockaddr *)&from, fl);
					nanosleep(&(struct timespec){ 0,
					    50000000 }, NULL);
					ldns_write_uint16(wire, ldns_pkt_id(q));
				}
				sendto(fd, wire, len, 0, (struct sockaddr *)&from,
				    fl);
			}
			free(wire);
		}
		ldns_pkt_free(a);
	}
	ldns_pkt_free(q);
}

static void
serve_tcp(const char *mode, int lfd)
{
	uint8_t hdr[2], buf[65536], *wire;
	ldns_pkt *q, *a;
	size_t len, got;
	ssize_t n;
	int fd;

	if ((fd = accept(lfd, NULL, NULL)) == -1)
		return;
	for (got = 0; got < 2; got += (size_t)n)
		if ((n = read(fd, hdr + got, 2 - got)) <= 0)
			goto out;
	len = (size_t)hdr[0] << 8 | hdr[1];
	for (got = 0; got < len; got += (size_t)n)
		if ((n = read(fd, buf + got, len - got)) <= 0)
			goto out;
	if (ldns_wire2pkt(&q, buf, len) != LDNS_STATUS_OK)
		goto out;
	if ((a = reply(mode, q, true)) != NULL) {
		if (ldns_pkt2wire(&wire, a, &len) == LDNS_STATUS_OK) {
			hdr[0] = (uint8_t)(len >> 8);
			hdr[1] = (uint8_t)len;
			if (write(fd, hdr, 2) == 2 &&
			    write(fd, wire, len) != (ssize_t)len)
				warnx("short write");
			free(wire);
		}
		ldns_pkt_free(a);
	}
	ldns_pkt_free(q);
out:
	close(fd);
}

int
main(int argc, char *argv[])
{
	struct sockaddr_in sin;
	socklen_t sl = sizeof(sin);
	const char *errstr;
	time_t end;
	fd_set rs;
	struct timeval tv;
	int u, t, one = 1, tries;
	long secs = 30;

	if (argc < 2 || argc > 3)
		errx(2, "usage: dns-fakeserver mode [seconds]");
	if (argc == 3 && ((secs = (long)parse_num(argv[2], 1, 3600, &errstr)),
	    errstr != NULL))
		errx(2, "%s: seconds %s", argv[2], errstr);
	signal(SIGPIPE, SIG_IGN);
	/* a free UDP port, then TCP on the same number: another program
	 * (a client's ephemeral port, in a suite run in parallel) may hold
	 * that number over TCP; then another UDP port, a few times */
	for (tries = 0;; tries++) {
		memset(&sin, 0, sizeof(sin));
		sin.sin_family = AF_INET;
		sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		sl = sizeof(sin);
		if ((u = socket(AF_INET, SOCK_DGRAM, 0)) == -1 ||
		    bind(u, (struct sockaddr *)&sin, sizeof(sin)) == -1 ||
		    getsockname(u, (struct sockaddr *)&sin, &sl) == -1)
			err(2, "udp");
		if ((t = socket(AF_INET, SOCK_STREAM, 0)) == -1 ||
		    setsockopt(t, SOL_SOCKET, SO_REUSEADDR, &one,
		    sizeof(one)) == -1)
			err(2, "tcp");
		if (bind(t, (struct sockaddr *)&sin, sizeof(sin)) == 0)
			break;
		if (errno != EADDRINUSE || tries == 50)
			err(2, "tcp");
		close(t);
		close(u);
	}
	if (listen(t, 8) == -1)
		err(2, "tcp");
	printf("%u\n", ntohs(sin.sin_port));
	fflush(stdout);
	end = time(NULL) + secs;
	while (time(NULL) < end) {
		FD_ZERO(&rs);
		FD_SET(u, &rs);
		FD_SET(t, &rs);
		tv.tv_sec = 1;
		tv.tv_usec = 0;
		if (select((u > t ? u : t) + 1, &rs, NULL, NULL, &tv) <= 0)
			continue;
		if (FD_ISSET(u, &rs))
			serve_udp(argv[1], u);
		if (FD_ISSET(t, &rs))
			serve_tcp(argv[1], t);
	}
	return 0;
}
