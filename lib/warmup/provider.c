/*
 * Mailbox providers from domains and MX names.  See warmup/provider.h.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/deliv.h"
#include "core/tsv.h"
#include "core/util.h"
#include "warmup/provider.h"

enum prov_kind { PROV_DOMAIN, PROV_MX };

struct prov_rule {
	char		*provider;
	char		*pattern;	/* lower case; "name.*" = any suffix */
	enum prov_kind	 kind;
};

struct prov_table {
	struct prov_rule	*rules;
	size_t			 n, cap;
	struct strpool		 str;	/* the rules' names and patterns */
};

static int	add_rule(struct prov_table *, const char *, enum prov_kind,
		    const char *);
static bool	domain_match(const char *, const char *);

void
prov_free(struct prov_table *t)
{
	if (t == NULL)
		return;
	strpool_free(&t->str);
	free(t->rules);
	free(t);
}

static int
add_rule(struct prov_table *t, const char *prov, enum prov_kind kind,
    const char *pat)
{
	struct prov_rule *r;

	if ((r = array_add(&t->rules, t->n, &t->cap, sizeof(*r), 32)) == NULL)
		return -1;
	r->provider = strpool_dup(&t->str, prov);
	r->pattern = strpool_dup(&t->str, pat);
	r->kind = kind;
	if (r->provider == NULL || r->pattern == NULL)
		return -1;
	str_lower(r->pattern);
	t->n++;
	return 0;
}

/* One line "provider<TAB>domain|mx<TAB>pattern" into arg, a prov_table. */
static int
add_line(void *arg, struct tsv_row *r, struct derr *e)
{
	if (r->n < 3 || *r->f[0] == '\0' || *r->f[1] == '\0' ||
	    *r->f[2] == '\0' || strchr(r->f[2], '\t') != NULL) {
		derr_set(e, r->where, "want provider, domain|mx, pattern "
		    "separated by tabs");
		return -1;
	}
	if (strcmp(r->f[1], "domain") != 0 && strcmp(r->f[1], "mx") != 0) {
		derr_set(e, r->where, "%s: not domain or mx", r->f[1]);
		return -1;
	}
	if (add_rule(arg, r->f[0], strcmp(r->f[1], "mx") == 0 ? PROV_MX :
	    PROV_DOMAIN, r->f[2]) == -1) {
		derr_set(e, r->where, "out of memory");
		return -1;
	}
	return 0;
}

struct prov_table *
prov_load(const char *path, struct derr *e)
{
	static const struct tsv_opts o = { .flags = TSV_TRIM | TSV_REST,
	    .max_fields = 3 };
	struct prov_table *t;

	if ((t = zalloc(sizeof(*t), path, e)) == NULL ||
	    tsv_each(path, NULL, &o, add_line, t, e) == -1) {
		prov_free(t);
		return NULL;
	}
	return t;
}

/*
 * A public suffix, roughly: one label ("fr", "com"), or a second-level
 * label of the kind countries register under ("co.uk", "com.au").
 */
static bool
public_suffix(const char *s)
{
	static const char *const sld[] = { "ac", "co", "com", "ne", "net",
	    "or", "org" };
	const char *dot;
	size_t i;

	if (*s == '\0' || strchr(s, '.') == NULL)
		return *s != '\0';
	dot = strchr(s, '.');
	if (strchr(dot + 1, '.') != NULL || strlen(dot + 1) != 2)
		return false;
	for (i = 0; i < nitems(sld); i++)
		if (strlen(sld[i]) == (size_t)(dot - s) &&
		    strncasecmp(s, sld[i], (size_t)(dot - s)) == 0)
			return true;
	return false;
}

/* d matches pat exactly, or pat is "name.*" and d is "name.<suffix>". */
static bool
domain_match(const char *d, const char *pat)
{
	size_t n = strlen(pat);

	if (n >= 2 && strcmp(pat + n - 2, ".*") == 0)
		return strncasecmp(d, pat, n - 1) == 0 &&
		    public_suffix(d + n - 1);
	return strcasecmp(d, pat) == 0;
}

const char *
prov_of_domain(const struct prov_table *t, const char *domain)
{
	size_t i;

	if (t == NULL || domain == NULL || *domain == '\0')
		return "other";
	for (i = 0; i < t->n; i++)
		if (t->rules[i].kind == PROV_DOMAIN &&
		    domain_match(domain, t->rules[i].pattern))
			return t->rules[i].provider;
	return "other";
}

const char *
prov_of_mx(const struct prov_table *t, const char *host)
{
	char buf[256];
	size_t i, n;

	if (t == NULL || host == NULL || *host == '\0')
		return "other";
	n = strlen(host);
	if (host[n - 1] == '.')
		n--;		/* absolute name */
	if (n >= sizeof(buf))
		return "other";
	memcpy(buf, host, n);
	buf[n] = '\0';
	for (i = 0; i < t->n; i++) {
		const char *pat = t->rules[i].pattern;

		if (t->rules[i].kind != PROV_MX)
			continue;
		if (str_iendswith(buf, pat) || (pat[0] == '.' &&
		    strcasecmp(buf, pat + 1) == 0))
			return t->rules[i].provider;
	}
	return "other";
}

const char *
prov_of_address(const struct prov_table *t, const char *addr)
{
	char buf[256];
	const char *at;
	size_t n;

	if (addr == NULL || (at = strrchr(addr, '@')) == NULL)
		return "other";
	at++;
	n = strcspn(at, "> \t\r\n");
	if (n == 0 || n >= sizeof(buf))
		return "other";
	memcpy(buf, at, n);
	buf[n] = '\0';
	if (buf[n - 1] == '.')
		buf[n - 1] = '\0';
	return prov_of_domain(t, buf);
}
