/*
 * dnscheck's offline MTA-STS policy check: a policy file (RFC 8461 3.2)
 * given with --mta-sts-policy, its fields, its mx: patterns against the
 * domain's MX hosts, and its relation to the _mta-sts TXT record.
 */
#ifndef DNSCHECK_MTASTS_H
#define DNSCHECK_MTASTS_H

#include <stddef.h>

#include "core/deliv.h"
#include "core/finding.h"
#include "net/dns.h"

#define MTASTS_MAX_SIZE		65536	/* bytes of a policy (RFC 8461 3.3) */
#define MTASTS_MAX_MX		32
#define MTASTS_MAX_ERRORS	8
#define MTASTS_MAX_AGE		31557600	/* RFC 8461 3.2 */

struct mtasts_policy {
	char	 name[256];		/* the file, for messages */
	int	 version;		/* version: STSv1 seen */
	char	 mode[16];		/* enforce, testing, none, or "" */
	long long max_age;		/* -1: absent */
	char	 mx[MTASTS_MAX_MX][256];
	size_t	 nmx;
	struct {
		int	line;
		char	what[160];
	}	 err[MTASTS_MAX_ERRORS];
	size_t	 nerr;
};

/*
 * Parse a policy's text (len bytes, NULs included) into *p, name naming
 * it.  Never fails: problems go to p->err (line 0: the whole policy).
 */
void	mtasts_policy_parse(const char *text, size_t len, const char *name,
	    struct mtasts_policy *p);

/* Read and parse a policy file; NULL with e filled when unreadable. */
struct mtasts_policy *mtasts_policy_load(const char *path, struct derr *e);

void	mtasts_policy_free(struct mtasts_policy *);

/* Does the mx: pattern match host (RFC 8461 4.1)?  1 or 0. */
int	mtasts_mx_match(const char *pattern, const char *host);

/*
 * Audit domain's policy p (NULL: none given, offline) against its MX
 * hosts and its _mta-sts TXT record; "mta-sts" findings appended to l.
 */
void	mtasts_audit(struct dns *, const struct mtasts_policy *p,
	    const char *domain, struct finding_list *l);

#endif
