/*
 * IP addresses: text to binary and back (inet_pton/inet_ntop), prefixes
 * ("CIDR") and matching, the special-purpose ranges of the IANA
 * registries (RFC 6890 and its updates) as one table, and the reversed
 * names of DNSBL and PTR look-ups.  No DNS, no allocation, no state.
 */
#ifndef CORE_IP_H
#define CORE_IP_H

#include <stdbool.h>
#include <stddef.h>

/* An address.  IPv4 fills b[0..3] and leaves the rest zero. */
struct ipaddr {
	int		af;		/* 4 or 6 */
	unsigned char	b[16];
};

/*
 * Parse IPv4 dotted-quad or IPv6 text (inet_pton: no brackets, no zone
 * id, no prefix).  "::ffff:1.2.3.4" stays IPv6; see ip_unmap().
 * Returns 0, or -1 when s is not an address (a is zeroed either way).
 * ip_parse_n reads s[0..len), which need not be NUL-terminated.
 */
int	ip_parse(const char *s, struct ipaddr *a);
int	ip_parse_n(const char *s, size_t len, struct ipaddr *a);

/*
 * Parse "address" or "address/bits".  *bits gets the prefix length, or
 * the full length (32 or 128) when none is given.  Returns 0, or -1 on a
 * bad address or a length beyond the family's.
 */
int	ip_parse_prefix(const char *s, struct ipaddr *a, int *bits);

/* An IPv4-mapped IPv6 address (::ffff:a.b.c.d) becomes IPv4; others stay. */
void	ip_unmap(struct ipaddr *a);

/* The 16-byte form: IPv6 as is, IPv4 mapped (::ffff:a.b.c.d). */
void	ip_to16(const struct ipaddr *a, unsigned char out[16]);

/*
 * The canonical text (inet_ntop: "192.0.2.1", "2001:db8::1") into buf.
 * Returns buf, or NULL when it does not fit (46 bytes always do).
 */
char	*ip_text(const struct ipaddr *a, char *buf, size_t len);

/*
 * The 32 nibbles of an IPv6 address, dot-separated, first to last
 * ("2.0.0.1.0.d.b.8...."; RFC 7208 §7.3 %{i}).  IPv4 gives its dotted
 * quad.  Returns buf, or NULL when it does not fit (64 bytes do).
 */
char	*ip_nibbles(const struct ipaddr *a, char *buf, size_t len);

/* Do the first bits bits of a and b (byte strings) agree? */
bool	ip_prefix_eq(const unsigned char *a, const unsigned char *b, int bits);

/* Is a inside net/bits?  False when the families differ. */
bool	ip_in_prefix(const struct ipaddr *a, const struct ipaddr *net,
	    int bits);

/*
 * The reversed name of a under zone (RFC 5782 §2.1, §2.4): "4.3.2.1.zone"
 * for 1.2.3.4, 32 nibbles last-first for IPv6.  zone NULL gives the PTR
 * name, "4.3.2.1.in-addr.arpa." or "<nibbles>.ip6.arpa." (absolute).
 * Returns 0, or -1 when it does not fit (buf of 300 always does).
 */
int	ip_reverse(const struct ipaddr *a, const char *zone, char *buf,
	    size_t len);

/*
 * Special-purpose ranges, one bit a category.  ip_special() returns the
 * categories of every table entry that contains a (0: a global unicast
 * address as far as the table knows).  It looks at a as given: call
 * ip_unmap() first to judge ::ffff:10.0.0.1 as 10.0.0.1.
 *
 *   IP_THISNET      0.0.0.0/8                         RFC 791, 6890
 *   IP_UNSPECIFIED  ::/128                            RFC 4291
 *   IP_LOOPBACK     127.0.0.0/8, ::1/128              RFC 1122, 4291
 *   IP_PRIVATE      10/8, 172.16/12, 192.168/16,      RFC 1918
 *                   fc00::/7 (unique local)           RFC 4193
 *   IP_SHARED       100.64.0.0/10 (carrier-grade NAT) RFC 6598
 *   IP_LINKLOCAL    169.254.0.0/16, fe80::/10         RFC 3927, 4291
 *   IP_PROTOCOL     192.0.0.0/24, 2001::/23           RFC 6890
 *   IP_DOC          192.0.2.0/24, 198.51.100.0/24,    RFC 5737
 *                   203.0.113.0/24, 2001:db8::/32,    RFC 3849
 *                   3fff::/20                         RFC 9637
 *   IP_BENCHMARK    198.18.0.0/15, 2001:2::/48        RFC 2544, 5180
 *   IP_RELAY        192.88.99.0/24 (6to4 anycast)     RFC 7526
 *   IP_MAPPED       ::ffff:0:0/96                     RFC 4291
 *   IP_TRANSLATION  64:ff9b::/96, 64:ff9b:1::/48      RFC 6052, 8215
 *   IP_DISCARD      100::/64                          RFC 6666
 *   IP_MULTICAST    224.0.0.0/4, ff00::/8             RFC 5771, 4291
 *   IP_RESERVED     240.0.0.0/4, 255.255.255.255/32   RFC 1112, 919
 */
enum ip_range {
	IP_THISNET	= 1 << 0,
	IP_UNSPECIFIED	= 1 << 1,
	IP_LOOPBACK	= 1 << 2,
	IP_PRIVATE	= 1 << 3,
	IP_SHARED	= 1 << 4,
	IP_LINKLOCAL	= 1 << 5,
	IP_PROTOCOL	= 1 << 6,
	IP_DOC		= 1 << 7,
	IP_BENCHMARK	= 1 << 8,
	IP_RELAY	= 1 << 9,
	IP_MAPPED	= 1 << 10,
	IP_TRANSLATION	= 1 << 11,
	IP_DISCARD	= 1 << 12,
	IP_MULTICAST	= 1 << 13,
	IP_RESERVED	= 1 << 14
};

/*
 * Sets callers pick from.  IP_INTERNAL: the networks a site's own relays
 * use (header-trace's "private" without configured networks).
 * IP_NOT_LISTED: what DNSBLs do not list and must not be asked about
 * (RFC 5782 §6; the caller still lets its own test entries through).
 */
#define IP_INTERNAL	(IP_LOOPBACK | IP_PRIVATE | IP_SHARED | IP_LINKLOCAL)
#define IP_NOT_LISTED	(IP_THISNET | IP_LOOPBACK | IP_PRIVATE | IP_LINKLOCAL)

unsigned	 ip_special(const struct ipaddr *a);

/* The name of one category ("private", "loopback", ...), or "?". */
const char	*ip_range_name(enum ip_range r);

/* Text-in shortcuts: false when s is not an address.  They unmap first. */
bool	ip_text_in(const char *s, unsigned ranges);

#endif
