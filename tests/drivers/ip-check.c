/*
 * ip-check: what lib/core/ip makes of addresses.
 *
 *   ip-check ADDR...            one line per address
 *   ip-check -p ADDR PREFIX     "in" or "out" (PREFIX: address[/bits])
 *
 * A line: the text, family, canonical text, unmapped text, nibbles, the
 * PTR name and the special-purpose categories (of the address as given,
 * comma-separated, "-" for none), tab-separated; "bad" for a non-address.
 * Exit 0, 1 for a bad address or prefix, 2 on a usage error.
 */
#include <stdio.h>
#include <string.h>

#include "core/ip.h"

static int
one(const char *s)
{
	struct ipaddr a, u;
	char text[64], utext[64], nib[80], rev[300];
	unsigned r, bit;
	int n = 0;

	if (ip_parse(s, &a) == -1) {
		printf("%s\tbad\n", s);
		return 1;
	}
	u = a;
	ip_unmap(&u);
	if (ip_text(&a, text, sizeof(text)) == NULL ||
	    ip_text(&u, utext, sizeof(utext)) == NULL ||
	    ip_nibbles(&a, nib, sizeof(nib)) == NULL ||
	    ip_reverse(&a, NULL, rev, sizeof(rev)) == -1)
		return 1;
	printf("%s\t%d\t%s\t%s\t%s\t%s\t", s, a.af, text, utext, nib, rev);
	r = ip_special(&a);
	for (bit = 1; bit != 0 && bit <= IP_RESERVED; bit <<= 1)
		if (r & bit)
			printf("%s%s", n++ ? "," : "",
			    ip_range_name((enum ip_range)bit));
	printf("%s\n", n ? "" : "-");
	return 0;
}

int
main(int argc, char *argv[])
{
	struct ipaddr a, net;
	int i, bits, rc = 0;

	if (argc == 4 && strcmp(argv[1], "-p") == 0) {
		if (ip_parse(argv[2], &a) == -1 ||
		    ip_parse_prefix(argv[3], &net, &bits) == -1) {
			puts("bad");
			return 1;
		}
		puts(ip_in_prefix(&a, &net, bits) ? "in" : "out");
		return 0;
	}
	if (argc < 2) {
		fprintf(stderr, "usage: ip-check addr ... | ip-check -p addr "
		    "prefix\n");
		return 2;
	}
	for (i = 1; i < argc; i++)
		if (one(argv[i]) != 0)
			rc = 1;
	return rc;
}
