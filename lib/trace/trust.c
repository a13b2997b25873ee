/*
 * The trust walk over a message's hops.  See trace/trust.h; the network
 * lists are net/netlist.c, the hop list trace/hops.c.
 */
#include <stdbool.h>
#include <stdio.h>

#include "core/ip.h"
#include "mail/received.h"
#include "trace/hops.h"
#include "trace/trust.h"

const char *
trust_name(enum trust t)
{
	switch (t) {
	case TRUST_TRUSTED:
		return "trusted";
	case TRUST_INTERNAL:
		return "internal";
	case TRUST_UNTRUSTED:
		return "untrusted";
	default:
		return "skipped";
	}
}

void
trust_walk(struct trace *t, const struct trust_cfg *cfg)
{
	const struct netlist *tr, *in;
	bool configured, trusting = true, msa = false, ok;
	struct hop *h;
	const char *ip;
	size_t i;

	tr = !netlist_empty(cfg->trusted) ? cfg->trusted : cfg->internal;
	in = !netlist_empty(cfg->internal) ? cfg->internal : cfg->trusted;
	configured = !netlist_empty(tr);
	t->origin = -1;
	for (i = 0; i < t->n; i++) {
		h = &t->hop[i];
		ip = h->r.f[RCVD_IP];
		if (h->r.local || ip == NULL) {
			h->trust = TRUST_SKIPPED;
			continue;
		}
		if (!trusting) {
			h->trust = TRUST_UNTRUSTED;
			continue;
		}
		if (msa) {
			h->trust = configured && netlist_match(in, ip) ?
			    TRUST_INTERNAL : TRUST_TRUSTED;
			continue;
		}
		if (configured)
			ok = ip_text_in(ip, IP_LOOPBACK) ||
			    netlist_match(tr, ip) || netlist_match(in, ip) ||
			    h->r.f[RCVD_AUTH] != NULL;
		else
			ok = ip_text_in(ip, IP_INTERNAL) ||
			    h->r.f[RCVD_AUTH] != NULL;
		if (!ok) {
			h->trust = TRUST_UNTRUSTED;
			t->origin = (long)i;
			trusting = false;
			continue;
		}
		if (configured)
			h->trust = netlist_match(in, ip) ||
			    ip_text_in(ip, IP_LOOPBACK) ? TRUST_INTERNAL :
			    TRUST_TRUSTED;
		else
			h->trust = ip_text_in(ip, IP_INTERNAL) ?
			    TRUST_INTERNAL : TRUST_TRUSTED;
		if (netlist_match(cfg->msa, ip))
			msa = true;
	}
	if (t->origin == -1) {
		for (i = 0; i < t->n; i++)
			if (t->hop[i].trust != TRUST_SKIPPED)
				break;
		snprintf(t->none, sizeof(t->none), "%s", t->n == 0 ?
		    "no-received" : i == t->n ? "no-relays" : "all-trusted");
	}
}
