/*
 * spf-lint: run lib/auth/spf's linter on a domain and print its findings.
 *
 *   spf-lint [-t MS] [-r N] (-s ADDR[#PORT] | -z ZONE [-z ZONE...]) DOMAIN
 *
 * First line: status (pass: one usable record), lookups, void lookups,
 * the record.  Then one line per finding: level, code, domain, detail.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "auth/spf.h"
#include "common/driver.h"
#include "net/dns.h"

static void
usage(void)
{
	fprintf(stderr, "usage: spf-lint [-r retries] [-t ms] "
	    "(-s server | -z zone ...) domain\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	static const char *levels[] = { "info", "warn", "fail" };
	struct drv_dns dd = DRV_DNS_INIT;
	struct spf_lint l;
	struct dns *d;
	size_t i;
	int ch;

	while ((ch = getopt(argc, argv, "r:s:t:z:")) != -1)
		if (drv_dns_opt(&dd, ch, optarg) != 1)
			usage();
	argc -= optind;
	argv += optind;
	if (argc != 1 || !drv_dns_given(&dd))
		usage();
	d = drv_dns_open(&dd);
	if (spf_lint(d, argv[0], &l) == -1)
		errx(2, "out of memory");
	printf("%s\t%u\t%u\t%s\n", spf_result_str(l.status), l.lookups,
	    l.voids, l.record ? l.record : "");
	for (i = 0; i < l.n; i++)
		printf("%s\t%s\t%s\t%s\n", levels[l.f[i].level], l.f[i].code,
		    l.f[i].domain, l.f[i].detail);
	spf_lint_free(&l);
	dns_free(d);
	return 0;
}
