/*
 * Fuzz lib/auth/dnsbl: arbitrary bytes as a list file (zones, types, codes
 * and what they mean), then, when it loads, the RFC 5782 self-test of its
 * lists and an IPv4, an IPv6 and a domain query, answered by a fixed zone
 * (bl.test) whose names answer with codes inside and outside
 * 127.0.0.0/8, bitmasks and TXT reasons.
 */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "auth/dnsbl.h"
#include "common.h"

static struct dns	*dns;

static const char zone[] =
    "$ORIGIN bl.test.\n$TTL 300\n"
    "@ IN SOA ns hostmaster 1 3600 600 86400 300\n"
    "@ IN NS ns\nns IN A 127.0.0.1\n"
    "2.0.0.127 IN A 127.0.0.2\n2.0.0.127 IN A 127.0.0.10\n"
    "2.0.0.127 IN TXT \"listed: see https://bl.test/q?ip=127.0.0.2\"\n"
    "1.2.0.192 IN A 127.0.0.6\n1.2.0.192 IN A 127.255.255.254\n"
    "1.2.0.192 IN TXT \"rate limited\"\n"
    "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2 "
    "IN A 10.0.0.1\n"
    "test IN A 127.0.1.2\nexample.com IN A 127.0.0.3\n"
    "*.w IN A 127.0.0.4\n"
    "slow IN TYPE65280 \\# 0\n";

static void
done(void)
{
	dns_free(dns);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char path[] = "/tmp/fuzz_dnsbl.XXXXXX";
	char *files[1];
	struct derr e;

	(void)argc;
	(void)argv;
	fuzz_tmpfile(path, zone, sizeof(zone) - 1);
	files[0] = path;
	dns = dns_open_zones(files, 1, "bl.test", &e);
	unlink(path);
	if (dns == NULL)
		fuzz_abort(&e);
	atexit(done);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct finding_list l = { 0 };
	struct dnsbl *b;
	struct derr e;
	char path[64];
	int fd;

	if ((fd = fuzz_memfd(data, size, path, sizeof(path))) == -1)
		return 0;
	if ((b = dnsbl_load(path, &e)) != NULL) {
		dnsbl_selftest(b, dns, 1, 1);
		dnsbl_audit_ip(b, dns, "192.0.2.1", &l);
		dnsbl_audit_ip(b, dns, "2001:db8::1", &l);
		dnsbl_audit_domain(b, dns, "example.com", &l);
		finding_list_free(&l);
		dnsbl_free(b);
	}
	close(fd);
	return 0;
}
