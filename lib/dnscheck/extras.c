/*
 * What dnscheck's DNSSEC, DANE and MTA-STS policy checks load once per
 * run: the trust anchors and the policy file (see dnscheck.h).
 */
#include <stddef.h>
#include <unistd.h>

#include <ldns/ldns.h>

#include "core/deliv.h"
#include "dnscheck/dnscheck.h"
#include "dnscheck/dnssec.h"
#include "dnscheck/mtasts.h"

/* Debian's dns-root-data: the root zone's trust anchor. */
#define ROOT_ANCHOR	"/usr/share/dns/root.key"

int
dnscheck_extras_load(struct dnscheck_opts *o, const char *anchor_file,
    const char *policy_file, struct derr *e)
{
	ldns_rr_list *a = NULL;

	o->anchors = NULL;
	o->mtasts = NULL;
	if (anchor_file == NULL && access(ROOT_ANCHOR, R_OK) == 0)
		anchor_file = ROOT_ANCHOR;
	if (anchor_file != NULL &&
	    (a = dnssec_anchors_load(anchor_file, e)) == NULL)
		return -1;
	if (policy_file != NULL &&
	    (o->mtasts = mtasts_policy_load(policy_file, e)) == NULL) {
		ldns_rr_list_deep_free(a);
		return -1;
	}
	o->anchors = a;
	return 0;
}

void
dnscheck_extras_free(struct dnscheck_opts *o)
{
	ldns_rr_list_deep_free((ldns_rr_list *)o->anchors);
	mtasts_policy_free((struct mtasts_policy *)o->mtasts);
	o->anchors = NULL;
	o->mtasts = NULL;
}
