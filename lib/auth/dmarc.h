/*
 * DMARC policy records (RFC 7489): the record at _dmarc.DOMAIN or at the
 * organizational domain, its syntax and every tag, and the external
 * report destinations' authorization (§7.1).
 */
#ifndef DMARC_H
#define DMARC_H

#include <stddef.h>

#include "core/finding.h"
#include "net/dns.h"
#include "net/orgdom.h"

#define DMARC_MAX_FINDINGS	24
#define DMARC_MAX_URIS		8

struct dmarc_finding {
	const char		*code;		/* static: "p-none", ... */
	enum finding_status	 level;
	char			 detail[200];
};

/* A report URI of rua= or ruf=. */
struct dmarc_uri {
	char	domain[256];	/* mailto: address domain, "" otherwise */
	int	ruf;		/* from ruf= (else rua=) */
};

struct dmarc_record {
	int			 valid;		/* RFC 7489 syntax */
	char			 p[16];		/* effective policy, "" none */
	char			 sp[16];	/* sp=, or p */
	int			 pct;
	struct dmarc_finding	 f[DMARC_MAX_FINDINGS];
	size_t			 n;
	struct dmarc_uri	 uri[DMARC_MAX_URIS];
	size_t			 nuri;
};

/*
 * Parse and lint a record found for domain (whose organizational domain
 * od gives what "external" means; od may be NULL for the bare rule).
 * Findings use the codes of the DMARC corpus (p-none, no-rua, bad-p,
 * external-rua-needs-authorization, ...).  Never fails.
 */
void	dmarc_parse(const char *txt, const char *domain,
	    const struct orgdom *od, struct dmarc_record *);

/*
 * Is dest (a report address's domain) outside the organizational domain
 * of dom (od NULL: a different name)?  1 or 0.
 */
int	dmarc_external(const struct orgdom *od, const char *dom,
	    const char *dest);

/*
 * Audit domain: find its record (or the organizational domain's), lint
 * it, check report destinations (authorization, MX), and append "dmarc"
 * records to l.
 */
void	dmarc_audit(struct dns *, const struct orgdom *, const char *domain,
	    struct finding_list *l);

#endif
