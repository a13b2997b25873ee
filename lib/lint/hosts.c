/*
 * Host names as lint judges them: the URL-shortener list
 * (phrases/shorteners.txt), organizational domains (for links and DKIM
 * d=), and whether a URL host is an IP address (lint_host_is_ip: the
 * standard forms through core/ip, the legacy ones lint's own), and the
 * reserved and special-use domain names that mail never reaches
 * (lint_reserved_domain).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <glib.h>

#include "core/deliv.h"
#include "core/ip.h"
#include "core/tsv.h"
#include "core/util.h"
#include "lint/lint_priv.h"
#include "net/orgdom.h"

#define HOST_MAX	300

/*
 * Reserved and special-use names no mail is delivered to, from the
 * RFCs that set them aside: a name ends in the suffix (or is it, without
 * its leading dot).  The IANA special-use registry lists them all.
 * Not here: example.com, example.net and example.org (RFC 2606 section
 * 3), the names documentation and this project's own examples and test
 * messages use; flagging them would warn on every one of those.
 */
static const struct lint_reserved reserved[] = {
	{ ".test", "reserved", "RFC 6761",
	    "mail to it is never delivered" },
	{ ".example", "reserved", "RFC 2606",
	    "mail to it is never delivered" },
	{ ".invalid", "reserved", "RFC 6761",
	    "it never exists, mail to it is never delivered" },
	{ ".localhost", "special-use", "RFC 6761",
	    "it names the sending machine itself, mail to it never leaves it" },
	{ ".local", "special-use", "RFC 6762",
	    "multicast DNS names of one link, never reachable from the "
	    "Internet" },
	{ ".onion", "special-use", "RFC 7686",
	    "a Tor onion service, which DNS and SMTP never reach" },
	{ ".home.arpa", "special-use", "RFC 8375",
	    "a home network's own names, never reachable from the Internet" },
};

const struct lint_reserved *
lint_reserved_domain(const char *d)
{
	size_t i, n = strlen(d), k;

	while (n > 0 && d[n - 1] == '.')	/* the root's dot */
		n--;
	for (i = 0; i < nitems(reserved); i++) {
		k = strlen(reserved[i].suffix);
		if ((n == k - 1 && strncasecmp(d, reserved[i].suffix + 1, n) ==
		    0) || (n > k && strncasecmp(d + n - k, reserved[i].suffix,
		    k) == 0))
			return &reserved[i];
	}
	return NULL;
}

/* One line of the shortener list: a host name. */
static int
shortener_row(void *arg, struct tsv_row *r, struct derr *e)
{
	struct lint *l = arg;
	const char *s = r->f[0];

	if (strspn(s, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") != strlen(s)) {
		derr_set(e, r->where, "not a domain");
		return -1;
	}
	g_hash_table_add(l->shorteners, g_strdup(str_lower(r->f[0])));
	return 0;
}

int
lint_shorteners_load(struct lint *l, const char *path, struct derr *e)
{
	static const struct tsv_opts o = { .flags = TSV_NOSPLIT | TSV_TRIM };

	l->shorteners = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    NULL);
	return tsv_each(path, path, &o, shortener_row, l, e);
}

void
lint_shorteners_free(struct lint *l)
{
	if (l->shorteners != NULL)
		g_hash_table_destroy(l->shorteners);
	if (l->orgcache != NULL)
		g_hash_table_destroy(l->orgcache);
}

/*
 * host, or a domain above it listed as ".domain" (which also covers the
 * domain itself).  Suffixes of HOST_MAX bytes or more end the search.
 */
bool
lint_is_shortener(const struct lint *l, const char *host)
{
	const char *p;
	char buf[HOST_MAX];

	if (g_hash_table_contains(l->shorteners, host))
		return true;
	for (p = host; (p = strchr(p, '.')) != NULL; p++) {
		if (strlen(p) >= sizeof(buf))
			return false;
		if (g_hash_table_contains(l->shorteners, p))
			return true;
	}
	return snprintf(buf, sizeof(buf), ".%s", host) < (int)sizeof(buf) &&
	    g_hash_table_contains(l->shorteners, buf);
}

/*
 * The organizational domain of host by the Public Suffix List (net/orgdom)
 * into buf; host itself when it does not fit.  The answers are kept for
 * the run (the same few hosts come back in every message): a table of at
 * most ORG_CACHE_MAX names, emptied when full, so memory stays flat.
 */
#define ORG_CACHE_MAX	32768
#define ORG_BUF		256

const char *
lint_org_domain(struct lint *l, const char *host, char *buf, size_t len)
{
	char ob[ORG_BUF];
	const char *o;
	size_t n;

	if (len < ORG_BUF) {
		o = orgdom_get(l->psl, host, buf, len);
		return o != NULL ? o : host;
	}
	if (l->orgcache == NULL)
		l->orgcache = g_hash_table_new_full(g_str_hash, g_str_equal,
		    g_free, g_free);
	if ((o = g_hash_table_lookup(l->orgcache, host)) == NULL) {
		if ((o = orgdom_get(l->psl, host, ob, sizeof(ob))) == NULL)
			o = host;
		if (g_hash_table_size(l->orgcache) >= ORG_CACHE_MAX)
			g_hash_table_remove_all(l->orgcache);
		g_hash_table_insert(l->orgcache, g_strdup(host), g_strdup(o));
	}
	if ((n = strlen(o)) >= len)
		return host;
	memcpy(buf, o, n + 1);
	return buf;
}

bool
lint_same_org(struct lint *l, const char *a, const char *b)
{
	char ba[ORG_BUF], bb[ORG_BUF];

	return strcasecmp(lint_org_domain(l, a, ba, sizeof(ba)),
	    lint_org_domain(l, b, bb, sizeof(bb))) == 0;
}

/*
 * Is the URL host h an IP address (a literal, dotted or dotless decimal,
 * hex)?  lint's own parsing; a shared IP module will replace it.
 */
bool
lint_host_is_ip(const char *h)
{
	struct ipaddr a;
	size_t k;

	/*
	 * A bracketed literal or anything with a colon (IPv6, or a host
	 * with a port) is taken for an address without parsing it.
	 */
	if (*h == '[' || strchr(h, ':') != NULL)
		return true;
	if (ip_parse(h, &a) == 0)
		return true;
	/*
	 * lint's own: the legacy forms inet_aton() and browsers still
	 * accept and ip_parse() does not, dotless decimal or hex hosts
	 * ("3627734385", "0xd8.0x3a...") used to hide an address in a link.
	 */
	for (k = 0; h[k] != '\0'; k++)
		if (!isdigit((unsigned char)h[k]) && h[k] != '.' &&
		    h[k] != 'x' && h[k] != 'X' &&
		    !(isxdigit((unsigned char)h[k]) && strstr(h, "0x")))
			return false;
	return k > 0;
}
