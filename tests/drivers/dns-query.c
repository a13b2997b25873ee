/*
 * dns-query: ask lib/net/dns one question and print what it answered.
 *
 *   dns-query [-d] [-t MS] [-r N] (-s ADDR[#PORT] | -z ZONE [-z ZONE...]
 *       [-o ORIGIN]) NAME TYPE
 *
 * -d asks through a dns_dup() of the handle, the original freed first.
 * Prints the result (answer, nodata, nxdomain, temperror), then one line
 * per record (TXT: the joined text; others: the record in zone format),
 * and for temperror the reason.  Exit 0, or 2 on a usage/open error.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <ldns/ldns.h>

#include "common/driver.h"
#include "core/deliv.h"
#include "net/dns.h"

static void
usage(void)
{
	fprintf(stderr, "usage: dns-query [-d] [-t ms] [-r retries] "
	    "(-s server | -z zone ... [-o origin]) name type\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	static const char *names[] = { "answer", "nodata", "nxdomain",
	    "temperror" };
	struct drv_dns dd = DRV_DNS_INIT;
	struct derr e;
	struct dns *d, *dup;
	struct timespec t0, t1;
	ldns_rr_list *rrs;
	ldns_rr_type type;
	enum dns_result r;
	char **txt, *s;
	size_t i, n;
	int ch, dflag = 0;

	while ((ch = getopt(argc, argv, "do:r:s:t:z:")) != -1) {
		if (ch == 'd')
			dflag = 1;
		else if (drv_dns_opt(&dd, ch, optarg) != 1)
			usage();
	}
	argc -= optind;
	argv += optind;
	if (argc != 2 || !drv_dns_given(&dd))
		usage();
	if ((type = ldns_get_rr_type_by_name(argv[1])) == 0)
		errx(2, "%s: unknown type", argv[1]);
	d = drv_dns_open(&dd);
	if (dflag) {
		if ((dup = dns_dup(d)) == NULL)
			errx(2, "dns_dup failed");
		dns_free(d);
		d = dup;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (type == LDNS_RR_TYPE_TXT) {
		r = dns_txt(d, argv[0], &txt, &n, &e);
		printf("%s\n", names[r]);
		for (i = 0; i < n; i++)
			printf("%zu\t%s\n", strlen(txt[i]), txt[i]);
		dns_txt_free(txt);
	} else {
		r = dns_query(d, argv[0], type, &rrs, &e);
		printf("%s\n", names[r]);
		for (i = 0; rrs != NULL && i < ldns_rr_list_rr_count(rrs);
		    i++) {
			s = ldns_rr2str(ldns_rr_list_rr(rrs, i));
			printf("%s", s ? s : "?\n");
			free(s);
		}
		ldns_rr_list_deep_free(rrs);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (r == DNS_TEMPERROR)
		printf("reason\t%s: %s\n", e.where, e.what);
	fprintf(stderr, "queries %lu, %ld ms\n", dns_queries(d),
	    (long)((t1.tv_sec - t0.tv_sec) * 1000 +
	    (t1.tv_nsec - t0.tv_nsec) / 1000000));
	dns_free(d);
	return 0;
}
