/*
 * spf-eval: run lib/spf's check_host() once and print what it found.
 *
 *   spf-eval [-e default-exp] [-t MS] [-r N] [-R receiver] [-T now]
 *       (-s ADDR[#PORT] | -z ZONE [-z ZONE...]) IP SENDER HELO
 *
 * Prints one tab-separated line: result, explanation (empty when none),
 * the deciding term, the reason (permerror/temperror/none), the number
 * of DNS-querying terms and of void lookups.  Exit 0, 2 on usage errors.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "deliv.h"
#include "dns.h"
#include "spf.h"
#include "util.h"

static void
usage(void)
{
	fprintf(stderr, "usage: spf-eval [-e exp] [-R receiver] [-r tries] "
	    "[-T now] [-t ms] (-s server | -z zone ...) ip sender helo\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	struct dns_opts o = { NULL, 0, -1 };
	struct spf_request req = { 0 };
	struct spf_answer a;
	struct derr e;
	struct dns *d;
	char *zones[16];
	const char *errstr;
	size_t nz = 0;
	int ch;

	while ((ch = getopt(argc, argv, "R:T:e:r:s:t:z:")) != -1) {
		switch (ch) {
		case 'R':
			req.receiver = optarg;
			break;
		case 'T':
			req.now = parse_num(optarg, 0, 1LL << 40, &errstr);
			if (errstr != NULL)
				usage();
			break;
		case 'e':
			req.default_exp = optarg;
			break;
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
	if (argc != 3 || (nz == 0) == (o.server == NULL))
		usage();
	d = nz ? dns_open_zones(zones, nz, NULL, &e) :
	    dns_open_resolver(&o, &e);
	if (d == NULL)
		errx(2, "%s: %s", e.where, e.what);
	req.ip = argv[0];
	req.sender = argv[1];
	req.helo = argv[2];
	spf_check(d, &req, &a);
	printf("%s\t%s\t%s\t%s\t%u\t%u\n", spf_result_str(a.result),
	    a.explanation ? a.explanation : "", a.mechanism, a.reason,
	    a.lookups, a.voids);
	spf_answer_free(&a);
	dns_free(d);
	return 0;
}
