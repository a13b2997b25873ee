/*
 * Fuzz lib/net/dns's zone backend: arbitrary bytes as a zone file of
 * fuzz.test (loaded from a memfd path), then a few queries: apex SOA and
 * MX, A and TXT of a few names (CNAMEs followed, wildcards), and a name
 * outside the zone.
 */
#include <stdint.h>
#include <unistd.h>

#include "common.h"
#include "net/dns.h"

static const struct {
	const char	*name;
	ldns_rr_type	 type;
} q[] = {
	{ "fuzz.test", LDNS_RR_TYPE_SOA },
	{ "fuzz.test", LDNS_RR_TYPE_MX },
	{ "fuzz.test", LDNS_RR_TYPE_A },
	{ "www.fuzz.test", LDNS_RR_TYPE_A },
	{ "www.fuzz.test", LDNS_RR_TYPE_AAAA },
	{ "a.b.fuzz.test.", LDNS_RR_TYPE_A },
	{ "_dmarc.fuzz.test", LDNS_RR_TYPE_TXT },
	{ "other.example", LDNS_RR_TYPE_A },
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ldns_rr_list *rrs;
	struct derr e;
	struct dns *d, *d2;
	char path[64];
	char *files[1];
	char **txt;
	size_t i, n;
	int fd;

	if ((fd = fuzz_memfd(data, size, path, sizeof(path))) == -1)
		return 0;
	files[0] = path;
	if ((d = dns_open_zones(files, 1, "fuzz.test", &e)) == NULL) {
		close(fd);
		return 0;
	}
	for (i = 0; i < sizeof(q) / sizeof(q[0]); i++) {
		if (dns_query(d, q[i].name, q[i].type, &rrs, &e) ==
		    DNS_ANSWER)
			ldns_rr_list_deep_free(rrs);
	}
	d2 = dns_dup(d);
	dns_free(d);
	if (d2 != NULL) {
		if (dns_txt(d2, "fuzz.test", &txt, &n, &e) == DNS_ANSWER)
			dns_txt_free(txt);
		dns_free(d2);
	}
	close(fd);
	return 0;
}
