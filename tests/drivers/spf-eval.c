/*
 * spf-eval: run lib/auth/spf's check_host() once and print what it found.
 *
 *   spf-eval [-e default-exp] [-t MS] [-r N] [-R receiver] [-T now]
 *       (-s ADDR[#PORT] | -z ZONE [-z ZONE...]) IP SENDER HELO
 *   spf-eval -b [options] (-s ... | -z ...) <LINES
 *
 * With -b, each stdin line "IP<TAB>SENDER<TAB>HELO" is one evaluation
 * (for bench/spf.sh), all through one struct dns; at the end "queries N"
 * goes to stderr.
 * Prints one tab-separated line: result, explanation (empty when none),
 * the deciding term, the reason (permerror/temperror/none), the number
 * of DNS-querying terms and of void lookups.  Exit 0, 2 on usage errors.
 */
#include <err.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

#include "auth/spf.h"
#include "common/driver.h"
#include "core/util.h"
#include "net/dns.h"

static void
usage(void)
{
	fprintf(stderr, "usage: spf-eval [-b] [-e exp] [-R receiver] "
	    "[-r retries] [-T now] [-t ms] (-s server | -z zone ...) "
	    "[ip sender helo]\n");
	exit(2);
}

static void
eval(struct dns *d, struct spf_request *req, const char *ip,
    const char *sender, const char *helo)
{
	struct spf_answer a;

	req->ip = ip;
	req->sender = sender;
	req->helo = helo;
	spf_check(d, req, &a);
	printf("%s\t%s\t%s\t%s\t%u\t%u\n", spf_result_str(a.result),
	    a.explanation ? a.explanation : "", a.mechanism, a.reason,
	    a.lookups, a.voids);
	spf_answer_free(&a);
}

int
main(int argc, char *argv[])
{
	struct drv_dns dd = DRV_DNS_INIT;
	struct spf_request req = { 0 };
	struct dns *d;
	const char *errstr;
	char *line = NULL, *f[3];
	size_t cap = 0;
	bool batch = false;
	int ch, i;

	while ((ch = getopt(argc, argv, "R:T:be:r:s:t:z:")) != -1) {
		switch (ch) {
		case 'b':
			batch = true;
			break;
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
		default:
			if (drv_dns_opt(&dd, ch, optarg) != 1)
				usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != (batch ? 0 : 3) || !drv_dns_given(&dd))
		usage();
	d = drv_dns_open(&dd);
	if (!batch)
		eval(d, &req, argv[0], argv[1], argv[2]);
	while (batch && drv_line(&line, &cap) != -1) {
		f[0] = line;
		for (i = 1; i < 3; i++)
			if (f[i - 1] == NULL || (f[i] = strchr(f[i - 1], '\t')) ==
			    NULL)
				f[i] = NULL;
			else
				*f[i]++ = '\0';
		if (f[2] == NULL) {
			warnx("stdin: need ip, sender, helo");
			continue;
		}
		eval(d, &req, f[0], f[1], f[2]);
	}
	free(line);
	if (batch)
		fprintf(stderr, "queries %lu\n", dns_queries(d));
	dns_free(d);
	return 0;
}
