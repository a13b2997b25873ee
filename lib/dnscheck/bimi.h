/*
 * dnscheck's BIMI check: the assertion record at default._bimi.DOMAIN
 * (v=BIMI1; l=LOGO; a=EVIDENCE), its syntax and HTTPS URIs, and the
 * DMARC policy receivers require before they show a logo (quarantine or
 * reject, pct=100).
 */
#ifndef DNSCHECK_BIMI_H
#define DNSCHECK_BIMI_H

#include <stddef.h>

#include "core/finding.h"
#include "net/dns.h"
#include "net/orgdom.h"

#define BIMI_MAX_FINDINGS	8

struct bimi_finding {
	enum finding_status	level;
	char			detail[200];
};

struct bimi_record {
	int			valid;		/* usable by receivers */
	int			declined;	/* l= and a= empty */
	char			l[512];		/* the logo URI, or "" */
	char			a[512];		/* the evidence URI, or "" */
	struct bimi_finding	f[BIMI_MAX_FINDINGS];
	size_t			n;
};

/* Parse and lint one record's text into *b.  Never fails. */
void	bimi_parse(const char *txt, struct bimi_record *b);

/*
 * Audit domain's BIMI record (or its organizational domain's) and the
 * DMARC policy it needs; "bimi" findings appended to l.
 */
void	bimi_audit(struct dns *, const struct orgdom *, const char *domain,
	    struct finding_list *l);

#endif
