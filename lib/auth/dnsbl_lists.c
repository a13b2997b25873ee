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

static int
col_index(char **f, int nf, const char *name)
{
	int i;

	for (i = 0; i < nf; i++)
		if (strcmp(f[i], name) == 0)
			return i;
	return -1;
}

/* Split s on tabs in place; return the number of fields (max max). */
static int
split_tabs(char *s, char **f, int max)
{
	int n = 0;

	while (n < max) {
		f[n++] = s;
		if ((s = strchr(s, '\t')) == NULL)
			break;
		*s++ = '\0';
	}
	return n;
}

struct dnsbl *
dnsbl_load(const char *path, struct derr *e)
{
	static const char *cls[] = { "listed", "error", "allow", "reputation",
	    "unused", "defunct" };
	struct dnsbl *b;
	struct list *l;
	struct row r, *rows;
	FILE *fp;
	char *line = NULL, *f[16], *item, *next, prefix[32];
	size_t cap = 0, i;
	ssize_t len;
	int nf, lineno = 0, cz = -1, ct = -1, cc = -1, cm = -1, ccl = -1;

	if ((b = calloc(1, sizeof(*b))) == NULL) {
		derr_set(e, path, "%s", strerror(errno));
		return NULL;
	}
	if ((fp = fopen(path, "r")) == NULL) {
		derr_set(e, path, "%s", strerror(errno));
		free(b);
		return NULL;
	}
	while ((len = getline(&line, &cap, fp)) != -1) {
		lineno++;
		while (len > 0 && (line[len - 1] == '\n' ||
		    line[len - 1] == '\r'))
			line[--len] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		nf = split_tabs(line, f, (int)nitems(f));
		if (cz == -1) {
			cz = col_index(f, nf, "zone");
			ct = col_index(f, nf, "type");
			cc = col_index(f, nf, "code");
			cm = col_index(f, nf, "meaning");
			ccl = col_index(f, nf, "class");
			if (cz < 0 || ct < 0 || cc < 0 || cm < 0 || ccl < 0) {
				derr_set(e, path, "line %d: a header with "
				    "zone, "
				    "type, code, meaning and class expected",
				    lineno);
				goto fail;
			}
			continue;
		}
		if (nf <= cz || nf <= ct || nf <= cc || nf <= cm ||
		    nf <= ccl) {
			derr_set(e, path, "line %d: too few fields", lineno);
			goto fail;
		}
		for (i = 0; i < nitems(cls); i++)
			if (strcmp(f[ccl], cls[i]) == 0)
				break;
		if (i == nitems(cls) || (strcmp(f[ct], "ip") != 0 &&
		    strcmp(f[ct], "domain") != 0)) {
			derr_set(e, path, "line %d: bad type or class",
			    lineno);
			goto fail;
		}
		if ((l = list_get(b, f[cz], strcmp(f[ct], "domain") == 0)) ==
		    NULL)
			goto nomem;
		if (i != R_ALLOW && i != R_ERROR)
			l->allowlist = 0;
		if (i != R_DEFUNCT)
			l->defunct = 0;
		prefix[0] = '\0';
		for (item = f[cc]; item != NULL; item = next) {
			if ((next = strchr(item, ',')) != NULL)
				*next++ = '\0';
			if (parse_item(str_trim(item), prefix, sizeof(prefix),
			    &r) == -1) {
				derr_set(e, path, "line %d: bad code \"%s\"",
				    lineno, item);
				goto fail;
			}
			r.cls = (enum row_class)i;
			if ((r.meaning = strdup(f[cm])) == NULL)
				goto nomem;
			if ((rows = reallocarray(l->rows, l->nrows + 1,
			    sizeof(*rows))) == NULL) {
				free(r.meaning);
				goto nomem;
			}
			l->rows = rows;
			l->rows[l->nrows++] = r;
			if (r.bitmask)
				l->bitmask = 1;
		}
	}
	if (ferror(fp)) {
		derr_set(e, path, "%s", strerror(errno));
		goto fail;
	}
	if (cz == -1) {
		derr_set(e, path, "no header line");
		goto fail;
	}
	free(line);
	fclose(fp);
	return b;
nomem:
	derr_set(e, path, "%s", strerror(ENOMEM));
fail:
	free(line);
	fclose(fp);
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
