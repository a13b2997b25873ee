/*
 * IP addresses: parsing, prefixes, the special-purpose range table and
 * reversed names.  See core/ip.h.
 */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "core/deliv.h"
#include "core/ip.h"
#include "core/util.h"

static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0xff, 0xff };

int
ip_parse(const char *s, struct ipaddr *a)
{
	memset(a, 0, sizeof(*a));
	if (s == NULL)
		return -1;
	if (inet_pton(AF_INET, s, a->b) == 1) {
		a->af = 4;
		return 0;
	}
	if (inet_pton(AF_INET6, s, a->b) == 1) {
		a->af = 6;
		return 0;
	}
	memset(a, 0, sizeof(*a));
	return -1;
}

int
ip_parse_n(const char *s, size_t len, struct ipaddr *a)
{
	char buf[64];

	memset(a, 0, sizeof(*a));
	if (len == 0 || len >= sizeof(buf))
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return ip_parse(buf, a);
}

int
ip_parse_prefix(const char *s, struct ipaddr *a, int *bits)
{
	const char *slash = strchr(s, '/'), *errstr;
	int max;

	if (ip_parse_n(s, slash ? (size_t)(slash - s) : strlen(s), a) == -1)
		return -1;
	max = a->af == 4 ? 32 : 128;
	*bits = max;
	if (slash != NULL) {
		*bits = (int)parse_num(slash + 1, 0, max, &errstr);
		if (errstr != NULL)
			return -1;
	}
	return 0;
}

void
ip_unmap(struct ipaddr *a)
{
	if (a->af == 6 && memcmp(a->b, mapped, 12) == 0) {
		memmove(a->b, a->b + 12, 4);
		memset(a->b + 4, 0, 12);
		a->af = 4;
	}
}

void
ip_to16(const struct ipaddr *a, unsigned char out[16])
{
	if (a->af == 6) {
		memcpy(out, a->b, 16);
		return;
	}
	memcpy(out, mapped, 12);
	memcpy(out + 12, a->b, 4);
}

char *
ip_text(const struct ipaddr *a, char *buf, size_t len)
{
	char t[16];
	size_t n = 0;
	int i;

	/* IPv4 by hand: inet_ntop() formats it with sprintf(), the cost
	 * of a Received header's parse */
	if (a->af == 4) {
		for (i = 0; i < 4; i++) {
			if (a->b[i] >= 100)
				t[n++] = (char)('0' + a->b[i] / 100);
			if (a->b[i] >= 10)
				t[n++] = (char)('0' + a->b[i] / 10 % 10);
			t[n++] = (char)('0' + a->b[i] % 10);
			t[n++] = i < 3 ? '.' : '\0';
		}
		if (n > len)
			return NULL;
		memcpy(buf, t, n);
		return buf;
	}
	if (inet_ntop(a->af == 4 ? AF_INET : AF_INET6, a->b, buf,
	    (socklen_t)len) == NULL)
		return NULL;
	return buf;
}

char *
ip_nibbles(const struct ipaddr *a, char *buf, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, o = 0;

	if (a->af == 4)
		return ip_text(a, buf, len);
	if (len < 64)
		return NULL;
	for (i = 0; i < 16; i++) {
		buf[o++] = hex[a->b[i] >> 4];
		buf[o++] = '.';
		buf[o++] = hex[a->b[i] & 15];
		buf[o++] = i == 15 ? '\0' : '.';
	}
	return buf;
}

bool
ip_prefix_eq(const unsigned char *a, const unsigned char *b, int bits)
{
	int full = bits / 8, rest = bits % 8;
	unsigned char m;

	if (memcmp(a, b, (size_t)full) != 0)
		return false;
	if (rest == 0)
		return true;
	m = (unsigned char)(0xff << (8 - rest));
	return (a[full] & m) == (b[full] & m);
}

bool
ip_in_prefix(const struct ipaddr *a, const struct ipaddr *net, int bits)
{
	if (a->af != net->af)
		return false;
	return ip_prefix_eq(a->b, net->b, bits);
}

int
ip_reverse(const struct ipaddr *a, const char *zone, char *buf, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	char rev[80];
	size_t o = 0;
	int i;

	if (a->af == 4)
		snprintf(rev, sizeof(rev), "%u.%u.%u.%u", a->b[3], a->b[2],
		    a->b[1], a->b[0]);
	else {
		for (i = 15; i >= 0; i--) {
			rev[o++] = hex[a->b[i] & 15];
			rev[o++] = '.';
			rev[o++] = hex[a->b[i] >> 4];
			rev[o++] = i == 0 ? '\0' : '.';
		}
	}
	if (zone == NULL)
		zone = a->af == 4 ? "in-addr.arpa." : "ip6.arpa.";
	if ((size_t)snprintf(buf, len, "%s.%s", rev, zone) >= len)
		return -1;
	return 0;
}

/*
 * The special-purpose table (see core/ip.h for the sources), as bytes
 * so that a look-up parses nothing: the network in text beside each row.
 */
static const struct special {
	int		 af;
	unsigned char	 net[16];
	int		 bits;
	unsigned	 range;
} specials[] = {
	{ 4, { 0 }, 8, IP_THISNET },	/* 0.0.0.0/8 */
	{ 4, { 10 }, 8, IP_PRIVATE },	/* 10.0.0.0/8 */
	{ 4, { 100, 64 }, 10, IP_SHARED },	/* 100.64.0.0/10 */
	{ 4, { 127 }, 8, IP_LOOPBACK },	/* 127.0.0.0/8 */
	{ 4, { 169, 254 }, 16, IP_LINKLOCAL },	/* 169.254.0.0/16 */
	{ 4, { 172, 16 }, 12, IP_PRIVATE },	/* 172.16.0.0/12 */
	{ 4, { 192, 0, 0 }, 24, IP_PROTOCOL },	/* 192.0.0.0/24 */
	{ 4, { 192, 0, 2 }, 24, IP_DOC },	/* 192.0.2.0/24 */
	{ 4, { 192, 88, 99 }, 24, IP_RELAY },	/* 192.88.99.0/24 */
	{ 4, { 192, 168 }, 16, IP_PRIVATE },	/* 192.168.0.0/16 */
	{ 4, { 198, 18 }, 15, IP_BENCHMARK },	/* 198.18.0.0/15 */
	{ 4, { 198, 51, 100 }, 24, IP_DOC },	/* 198.51.100.0/24 */
	{ 4, { 203, 0, 113 }, 24, IP_DOC },	/* 203.0.113.0/24 */
	{ 4, { 224 }, 4, IP_MULTICAST },	/* 224.0.0.0/4 */
	{ 4, { 240 }, 4, IP_RESERVED },	/* 240.0.0.0/4 */
	{ 4, { 255, 255, 255, 255 }, 32, IP_RESERVED },	/* 255.255.255.255/32 */
	{ 6, { 0 }, 128, IP_UNSPECIFIED },	/* ::/128 */
	{ 6, { [15] = 1 }, 128, IP_LOOPBACK },	/* ::1/128 */
	{ 6, { [10] = 0xff, 0xff }, 96, IP_MAPPED },	/* ::ffff:0:0/96 */
	/* 64:ff9b::/96 */
	{ 6, { 0, 0x64, 0xff, 0x9b }, 96, IP_TRANSLATION },
	/* 64:ff9b:1::/48 */
	{ 6, { 0, 0x64, 0xff, 0x9b, 0, 1 }, 48, IP_TRANSLATION },
	{ 6, { 1 }, 64, IP_DISCARD },	/* 100::/64 */
	{ 6, { 0x20, 0x01 }, 23, IP_PROTOCOL },	/* 2001::/23 */
	/* 2001:2::/48 */
	{ 6, { 0x20, 0x01, 0, 0x02 }, 48, IP_BENCHMARK },
	{ 6, { 0x20, 0x01, 0x0d, 0xb8 }, 32, IP_DOC },	/* 2001:db8::/32 */
	{ 6, { 0x3f, 0xff }, 20, IP_DOC },	/* 3fff::/20 */
	{ 6, { 0xfc }, 7, IP_PRIVATE },	/* fc00::/7 */
	{ 6, { 0xfe, 0x80 }, 10, IP_LINKLOCAL },	/* fe80::/10 */
	{ 6, { 0xff }, 8, IP_MULTICAST },	/* ff00::/8 */
};

unsigned
ip_special(const struct ipaddr *a)
{
	unsigned r = 0;
	size_t i;

	for (i = 0; i < nitems(specials); i++)
		if (specials[i].af == a->af &&
		    ip_prefix_eq(a->b, specials[i].net, specials[i].bits))
			r |= specials[i].range;
	return r;
}

const char *
ip_range_name(enum ip_range r)
{
	static const char *const names[] = { "this-network", "unspecified",
	    "loopback", "private", "shared", "link-local", "protocol",
	    "documentation", "benchmark", "6to4-relay", "ipv4-mapped",
	    "translation", "discard", "multicast", "reserved" };
	size_t i;

	for (i = 0; i < nitems(names); i++)
		if ((unsigned)r == 1u << i)
			return names[i];
	return "?";
}

bool
ip_text_in(const char *s, unsigned ranges)
{
	struct ipaddr a;

	if (s == NULL || ip_parse(s, &a) == -1)
		return false;
	ip_unmap(&a);
	return (ip_special(&a) & ranges) != 0;
}
