/*
 * Fuzz lib/auth/spf and lib/net/dns's zone backend: the input is published as the
 * TXT record of fuzz.test (each byte as \DDD), next to a few fixed
 * records, in a zone file that lib/net/dns loads; then the record's syntax is
 * checked, check_host() runs for an IPv4 and an IPv6 client (macros,
 * includes, exp=), and the linter walks it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth/spf.h"
#include "common.h"
#include "net/dns.h"

static char	path[64];

static const char zone_head[] =
    "$ORIGIN test.\n$TTL 300\n"
    "@ IN SOA ns hostmaster 1 3600 600 86400 300\n"
    "@ IN NS ns\nns IN A 127.0.0.1\n"
    "mx IN A 192.0.2.1\nmx IN AAAA 2001:db8::1\n"
    "fuzz IN MX 10 mx\n"
    "inc IN TXT \"v=spf1 a:mx.test ~all\"\n"
    "exp IN TXT \"%{i} %{s} %{l} %{o} %{d} %{p} %{v} %{h} %{c} %{r} %{t}\"\n"
    "1.2.0.192.in-addr.arpa. IN PTR mx.test.\n"
    "loop IN CNAME loop\n"
    "slow IN TYPE65280 \\# 0\n"
    "*.w IN A 127.0.0.2\n";

static void
cleanup(void)
{
	unlink(path);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct spf_request req = { 0 };
	struct spf_answer a;
	struct spf_lint l;
	struct derr e;
	struct dns *d;
	char *files[1];
	FILE *fp;
	size_t i;
	int fd;

	char text[2001];

	if (fuzz_cstr(text, sizeof(text), data, size) == NULL)
		return 0;
	spf_syntax(text, &e);			/* stops at a NUL: fine */
	if (*path == '\0') {
		snprintf(path, sizeof(path), "/tmp/fuzz_spf.XXXXXX");
		if ((fd = mkstemp(path)) == -1)
			abort();
		close(fd);
		atexit(cleanup);
	}
	if ((fp = fopen(path, "w")) == NULL)
		abort();
	fputs(zone_head, fp);
	fputs("fuzz IN TXT \"", fp);
	for (i = 0; i < size; i++) {
		if (i > 0 && i % 200 == 0)
			fputs("\" \"", fp);
		fprintf(fp, "\\%03u", data[i]);
	}
	fputs("\"\n", fp);
	fclose(fp);
	files[0] = path;
	if ((d = dns_open_zones(files, 1, NULL, &e)) == NULL)
		return 0;
	req.sender = "a.user@fuzz.test";
	req.helo = "mx.test";
	req.receiver = "mx.example";
	req.now = 1700000000;
	req.default_exp = "%{i} is not %{d}";
	req.ip = "192.0.2.1";
	spf_check(d, &req, &a);
	spf_answer_free(&a);
	req.ip = "2001:db8::1";
	req.sender = "";
	spf_check(d, &req, &a);
	spf_answer_free(&a);
	if (spf_lint(d, "fuzz.test", &l) == 0)
		spf_lint_free(&l);
	dns_free(d);
	return 0;
}
