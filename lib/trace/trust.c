/*
 * The trust walk over a message's hops.  See trace/trust.h; the network
 * lists are net/netlist.c, the hop list trace/hops.c.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/ip.h"
#include "core/tsv.h"
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

static int
add_row(void *arg, struct tsv_row *r, struct derr *e)
{
	char *h;
	struct derr ne;

	if ((h = strchr(r->f[0], '#')) != NULL)	/* "1.2.3.4  # our MX" */
		*h = '\0';
	if (netlist_add(arg, r->f[0], &ne) == -1) {
		derr_set(e, r->where, "%s", ne.what);
		return -1;
	}
	return 0;
}

int
trust_load_file(struct netlist *l, const char *path, struct derr *e)
{
	/* A line of networks is short; a hostile or wrong file (a device,
	   /dev/zero) stops at the first cap: a NUL, a long line, too
	   many lines. */
	struct tsv_opts o = { .flags = TSV_NOSPLIT | TSV_TRIM,
	    .max_line = TRUST_LINE_MAX, .max_rows = TRUST_LINES_MAX };

	return tsv_each(path, NULL, &o, add_row, l, e);
}

int
trust_defaults(struct trust_cfg *cfg, const char *env, const char *home,
    struct derr *e)
{
	struct derr ne;
	char path[4096];
	const char *files[2];
	size_t i;

	if (!netlist_empty(cfg->trusted) || !netlist_empty(cfg->internal))
		return 1;
	if (env != NULL) {
		if (netlist_add(cfg->trusted, env, &ne) == -1) {
			derr_set(e, "DELIV_TRUSTED", "%s", ne.what);
			return -1;
		}
		return 1;
	}
	path[0] = '\0';
	if (home != NULL && home[0] != '\0')
		snprintf(path, sizeof(path), "%s/.config/deliv/trusted", home);
	files[0] = path;
	files[1] = "/etc/deliv/trusted";
	for (i = 0; i < 2; i++)
		if (files[i][0] != '\0' && access(files[i], F_OK) == 0)
			return trust_load_file(cfg->trusted, files[i], e) ==
			    -1 ? -1 : 1;
	return 0;
}
