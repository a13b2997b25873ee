/*
 * Network lists in SpamAssassin's syntax (trusted_networks and friends):
 * parsing, files, and the first-match look-up.  See net/netlist.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/deliv.h"
#include "core/ip.h"
#include "core/tsv.h"
#include "core/util.h"
#include "net/netlist.h"

struct net {
	unsigned char	a[16];		/* IPv4 as ::ffff:a.b.c.d */
	int		plen;		/* 0..128 */
	bool		neg;
};

struct netlist {
	struct net	*v;
	size_t		 n, cap;
};

struct netlist *
netlist_new(void)
{
	return calloc(1, sizeof(struct netlist));
}

void
netlist_free(struct netlist *l)
{
	if (l == NULL)
		return;
	free(l->v);
	free(l);
}

bool
netlist_empty(const struct netlist *l)
{
	return l == NULL || l->n == 0;
}

/* One network, SpamAssassin syntax.  0, or -1. */
static int
parse_net(const char *s, struct net *n)
{
	char buf[80], *slash, *p;
	const char *errstr;
	struct ipaddr a;
	unsigned oct[4] = { 0, 0, 0, 0 };
	int k = 0, plen = -1, dot = 0;
	size_t len;

	memset(n, 0, sizeof(*n));
	if (*s == '!') {
		n->neg = true;
		s++;
	}
	if (strlen(s) >= sizeof(buf) || *s == '\0')
		return -1;
	snprintf(buf, sizeof(buf), "%s", s);
	if ((slash = strchr(buf, '/')) != NULL) {
		*slash++ = '\0';
		plen = (int)parse_num(slash, 0, 128, &errstr);
		if (errstr != NULL)
			return -1;
	}
	p = buf;
	len = strlen(p);
	if (*p == '[' && len > 1 && p[len - 1] == ']') {
		p[len - 1] = '\0';
		p++;
	}
	if (strchr(p, ':') != NULL) {
		if (ip_parse(p, &a) == -1 || a.af != 6)
			return -1;
		memcpy(n->a, a.b, 16);
		if (plen == -1)
			plen = 128;
		n->plen = plen;
		return 0;
	}
	/* IPv4, maybe shortened: "10", "10.", "1.2", "1.2.3." */
	while (*p != '\0') {
		if (k == 4 || !isdigit((unsigned char)*p))
			return -1;
		oct[k] = (unsigned)strtoul(p, &p, 10);
		if (oct[k] > 255)
			return -1;
		k++;
		dot = 0;
		if (*p == '.') {
			p++;
			dot = 1;
		} else if (*p != '\0')
			return -1;
	}
	if (k == 0)
		return -1;
	(void)dot;
	if (plen == -1)
		plen = 8 * k;
	if (plen > 32)
		return -1;
	n->a[10] = n->a[11] = 0xff;
	for (k = 0; k < 4; k++)
		n->a[12 + k] = (unsigned char)oct[k];
	n->plen = plen + 96;
	return 0;
}

int
netlist_add(struct netlist *l, const char *spec, struct derr *e)
{
	char *copy, *tok, *save = NULL;
	struct net n, *nv;
	int ret = 0;

	if ((copy = strdup(spec)) == NULL) {
		derr_set(e, "networks", "out of memory");
		return -1;
	}
	for (tok = strtok_r(copy, " \t\r\n,", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t\r\n,", &save)) {
		if (parse_net(tok, &n) == -1) {
			derr_set(e, "networks", "bad network: %s", tok);
			ret = -1;
			break;
		}
		if ((nv = array_room(l->v, l->n, &l->cap, sizeof(*nv),
		    8)) == NULL) {
			derr_set(e, "networks", "out of memory");
			ret = -1;
			break;
		}
		l->v = nv;
		l->v[l->n++] = n;
	}
	free(copy);
	return ret;
}

/* One line of a networks file into arg, a netlist. */
static int
add_line(void *arg, struct tsv_row *r, struct derr *e)
{
	char *h;

	if ((h = strchr(r->f[0], '#')) != NULL)
		*h = '\0';
	if (netlist_add(arg, r->f[0], e) == -1) {
		snprintf(e->where, sizeof(e->where), "%s", r->where);
		return -1;
	}
	return 0;
}

int
netlist_add_file(struct netlist *l, const char *path, struct derr *e)
{
	static const struct tsv_opts o = { .flags = TSV_NOSPLIT };

	return tsv_each(path, NULL, &o, add_line, l, e);
}

int
netlist_match(const struct netlist *l, const char *ip)
{
	struct ipaddr x;
	unsigned char a[16];
	size_t i;

	if (l == NULL || ip == NULL || ip_parse(ip, &x) == -1)
		return 0;
	ip_to16(&x, a);
	for (i = 0; i < l->n; i++)
		if (ip_prefix_eq(a, l->v[i].a, l->v[i].plen))
			return l->v[i].neg ? 0 : 1;
	return 0;
}

