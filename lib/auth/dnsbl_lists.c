/*
 * The DNS list file of lib/auth/dnsbl: zones, types and the meaning of each
 * answer code.  See auth/dnsbl.h.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auth/dnsbl.h"
#include "auth/dnsbl_priv.h"
#include "core/deliv.h"
#include "core/ip.h"
#include "core/tsv.h"
#include "core/util.h"

int
dnsbl_ip4(const char *s, uint32_t *v)
{
	struct ipaddr a;

	if (ip_parse(s, &a) == -1 || a.af != 4)
		return -1;
	*v = (uint32_t)a.b[0] << 24 | (uint32_t)a.b[1] << 16 |
	    (uint32_t)a.b[2] << 8 | a.b[3];
	return 0;
}

/*
 * Parse one code item with the given prefix context into rows.  Returns
 * 0 or -1.
 */
static int
parse_item(const char *item, char *prefix, size_t plen, struct row *r)
{
	char buf[64], *dash, *slash, *last;
	uint32_t a, b;
	int n, bits, i, oct[4];
	const char *p;

	memset(r, 0, sizeof(*r));
	if (strchr(item, '.') == NULL) {	/* "255": prefix + octet */
		if ((size_t)snprintf(buf, sizeof(buf), "%s%s", prefix, item) >=
		    sizeof(buf))
			return -1;
	} else if ((size_t)snprintf(buf, sizeof(buf), "%s", item) >=
	    sizeof(buf))
		return -1;
	/* Remember "a.b.c." for the next item. */
	if ((last = strrchr(buf, '.')) != NULL && (size_t)(last - buf + 1) <
	    plen) {
		memcpy(prefix, buf, (size_t)(last - buf + 1));
		prefix[last - buf + 1] = '\0';
	}
	/* Patterns: a letter octet matches anything from there on. */
	for (i = 0, p = buf; i < 4; i++) {
		if (isalpha((unsigned char)*p)) {
			r->pattern = 1;
			if (*p == 'N')
				r->bitmask = 1;
			for (; i < 4; i++)
				oct[i] = -1;
			break;
		}
		n = 0;
		if (sscanf(p, "%d%n", &oct[i], &n) != 1)
			return -1;
		p += n;
		if (i < 3) {
			if (*p != '.')
				return -1;
			p++;
		}
	}
	if (r->pattern) {
		for (a = 0, b = 0, i = 0; i < 4; i++) {
			a = a << 8 | (oct[i] < 0 ? 0 : (uint32_t)oct[i]);
			b = b << 8 | (oct[i] < 0 ? 255 : (uint32_t)oct[i]);
		}
		r->lo = a;
		r->hi = b;
		return 0;
	}
	if ((slash = strchr(buf, '/')) != NULL) {
		*slash = '\0';
		bits = atoi(slash + 1);
		if (dnsbl_ip4(buf, &a) == -1 || bits < 0 || bits > 32)
			return -1;
		r->lo = bits == 0 ? 0 : a & (0xffffffffU << (32 - bits));
		r->hi = r->lo | (bits == 32 ? 0 : 0xffffffffU >> bits);
		return 0;
	}
	if ((dash = strchr(buf, '-')) != NULL) {
		*dash = '\0';
		if (dnsbl_ip4(buf, &a) == -1)
			return -1;
		n = atoi(dash + 1);
		if (n < 0 || n > 255 || (uint32_t)n < (a & 0xff))
			return -1;
		r->lo = a;
		r->hi = (a & 0xffffff00U) | (uint32_t)n;
		return 0;
	}
	if (dnsbl_ip4(buf, &a) == -1)
		return -1;
	r->lo = r->hi = a;
	return 0;
}

static struct list *
list_get(struct dnsbl *b, const char *zone, int domain)
{
	struct list *l;
	size_t i;

	for (i = 0; i < b->n; i++)
		if (strcasecmp(b->l[i].zone, zone) == 0)
			return &b->l[i];
	if ((l = reallocarray(b->l, b->n + 1, sizeof(*l))) == NULL)
		return NULL;
	b->l = l;
	l = &b->l[b->n];
	memset(l, 0, sizeof(*l));
	if ((l->zone = strdup(zone)) == NULL)
		return NULL;
	l->domain = domain;
	l->allowlist = 1;
	l->defunct = 1;
	b->n++;
	return l;
}

struct dnsbl *
dnsbl_load(const char *path, struct derr *e)
{
	static const char *const cls[] = { "listed", "error", "allow", "reputation",
	    "unused", "defunct" };
	static const struct tsv_opts o = { .flags = TSV_HEADER | TSV_REST,
	    .max_fields = 16 };
	struct dnsbl *b;
	struct list *l;
	struct row rw, *rows;
	struct tsv *in;
	struct tsv_row r;
	char *item, *next, prefix[32];
	int cl;
	int rc, cz, ct, cc, cm, ccl;

	if ((b = calloc(1, sizeof(*b))) == NULL) {
		derr_set(e, path, "%s", strerror(errno));
		return NULL;
	}
	if ((in = tsv_open(path, NULL, &o, e)) == NULL) {
		free(b);
		return NULL;
	}
	cz = tsv_col(in, "zone");
	ct = tsv_col(in, "type");
	cc = tsv_col(in, "code");
	cm = tsv_col(in, "meaning");
	ccl = tsv_col(in, "class");
	if (cz < 0 || ct < 0 || cc < 0 || cm < 0 || ccl < 0) {
		derr_set(e, tsv_where(in), "a header with zone, type, code, "
		    "meaning and class expected");
		goto fail;
	}
	while ((rc = tsv_next(in, &r, e)) == 1) {
		if (r.n <= (size_t)cz || r.n <= (size_t)ct || r.n <= (size_t)cc ||
		    r.n <= (size_t)cm || r.n <= (size_t)ccl) {
			derr_set(e, r.where, "too few fields");
			goto fail;
		}
		if ((cl = str_index(r.f[ccl], cls, nitems(cls))) == -1 ||
		    (strcmp(r.f[ct], "ip") != 0 &&
		    strcmp(r.f[ct], "domain") != 0)) {
			derr_set(e, r.where, "bad type or class");
			goto fail;
		}
		if ((l = list_get(b, r.f[cz], strcmp(r.f[ct], "domain") ==
		    0)) == NULL)
			goto nomem;
		if (cl != R_ALLOW && cl != R_ERROR)
			l->allowlist = 0;
		if (cl != R_DEFUNCT)
			l->defunct = 0;
		prefix[0] = '\0';
		for (item = r.f[cc]; item != NULL; item = next) {
			if ((next = strchr(item, ',')) != NULL)
				*next++ = '\0';
			if (parse_item(str_trim(item), prefix, sizeof(prefix),
			    &rw) == -1) {
				derr_set(e, r.where, "bad code \"%s\"", item);
				goto fail;
			}
			rw.cls = (enum row_class)cl;
			if ((rw.meaning = strdup(r.f[cm])) == NULL)
				goto nomem;
			if ((rows = reallocarray(l->rows, l->nrows + 1,
			    sizeof(*rows))) == NULL) {
				free(rw.meaning);
				goto nomem;
			}
			l->rows = rows;
			l->rows[l->nrows++] = rw;
			if (rw.bitmask)
				l->bitmask = 1;
		}
	}
	if (rc == -1)
		goto fail;
	tsv_close(in);
	return b;
nomem:
	derr_set(e, path, "%s", strerror(ENOMEM));
fail:
	tsv_close(in);
	dnsbl_free(b);
	return NULL;
}

void
dnsbl_free(struct dnsbl *b)
{
	size_t i, j;

	if (b == NULL)
		return;
	for (i = 0; i < b->n; i++) {
		for (j = 0; j < b->l[i].nrows; j++)
			free(b->l[i].rows[j].meaning);
		free(b->l[i].rows);
		free(b->l[i].zone);
	}
	free(b->l);
	free(b);
}
