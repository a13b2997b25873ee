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
#include "core/deliv.h"
#include "core/util.h"
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
	struct dns_opts o = { NULL, 0, -1 };
	struct spf_lint l;
	struct derr e;
	struct dns *d;
	char *zones[16];
	const char *errstr;
	size_t nz = 0, i;
	int ch;

	while ((ch = getopt(argc, argv, "r:s:t:z:")) != -1) {
		switch (ch) {
		case 'r':
			o.retries = (int)parse_num(optarg, 0, 10, &errstr);
			if (errstr != NULL)
				usage();
			break;
		case 's':
			o.server = optarg;
			break;
		case 't':
			o.timeout_ms = (unsigned)parse_num(optarg, 1, 60000,
			    &errstr);
			if (errstr != NULL)
				usage();
			break;
		case 'z':
			if (nz == nitems(zones))
				usage();
			zones[nz++] = optarg;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1 || (nz == 0) == (o.server == NULL))
		usage();
	d = nz ? dns_open_zones(zones, nz, NULL, &e) :
	    dns_open_resolver(&o, &e);
	if (d == NULL)
		errx(2, "%s: %s", e.where, e.what);
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
