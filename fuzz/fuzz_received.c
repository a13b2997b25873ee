/*
 * Fuzz lib/mail/received and lib/net/netlist: the input as one
 * Received value (parsed twice: the result must not change), as an
 * address to normalise, and as a network list to match against the
 * parsed peer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "mail/received.h"
#include "net/netlist.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct rcvd_parser *p;
	struct rcvd a, b;
	struct netlist *l;
	struct derr e;
	char buf[64], *s;
	int i;

	if (p == NULL && (p = rcvd_parser_new(&e)) == NULL)
		__builtin_trap();
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	if (rcvd_parse(p, (const char *)data, size, &a, &e) == -1 ||
	    rcvd_parse(p, (const char *)data, size, &b, &e) == -1)
		__builtin_trap();
	for (i = 0; i < RCVD_NFIELDS; i++)
		if ((a.f[i] == NULL) != (b.f[i] == NULL) ||
		    (a.f[i] != NULL && strcmp(a.f[i], b.f[i]) != 0))
			__builtin_trap();
	/* A parsed peer address is normalised: it normalises to itself. */
	if (a.f[RCVD_IP] != NULL && (rcvd_ip_norm(a.f[RCVD_IP],
	    strlen(a.f[RCVD_IP]), buf, sizeof(buf)) == 0 ||
	    strcmp(buf, a.f[RCVD_IP]) != 0))
		__builtin_trap();
	(void)rcvd_ip_norm((const char *)data, size, buf, sizeof(buf));
	if ((s = strndup((const char *)data, size)) != NULL &&
	    (l = netlist_new()) != NULL) {
		if (netlist_add(l, s, &e) == 0 && a.f[RCVD_IP] != NULL)
			(void)netlist_match(l, a.f[RCVD_IP]);
		netlist_free(l);
	}
	free(s);
	rcvd_clear(&a);
	rcvd_clear(&b);
	return 0;
}
