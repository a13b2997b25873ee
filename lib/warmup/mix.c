/*
 * Provider mixes of warm-up plans.  See warmup/mix.h.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/deliv.h"
#include "core/util.h"
#include "warmup/mix.h"

static const struct {
	const char	*name;
	long long	 weight;	/* start weight, hundredths */
} known[] = {
	/* Oracle Responsys day-1 table: Hotmail 0.75, Yahoo 0.5 of Gmail. */
	{ "gmail", 100 },
	{ "microsoft", 75 },
	{ "yahoo", 50 },
	{ "apple", 50 },	/* no FBL; strictest connection limits */
};

long long
warm_mix_weight(const char *name)
{
	size_t i;

	for (i = 0; i < nitems(known); i++)
		if (strcmp(name, known[i].name) == 0)
			return known[i].weight;
	return 100;
}

void
warm_mix_default(struct warm_mix *m)
{
	memset(m, 0, sizeof(*m));
	warm_mix_add(m, "gmail", 40);
	warm_mix_add(m, "microsoft", 25);
	warm_mix_add(m, "yahoo", 15);
	warm_mix_add(m, "apple", 10);
	warm_mix_add(m, "other", 10);
}

int
warm_mix_add(struct warm_mix *m, const char *name, long long n)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (strcmp(m->name[i], name) == 0) {
			m->weight[i] += n;
			return 0;
		}
	if (m->n == WARM_MAXPROV || strlen(name) >= sizeof(m->name[0]))
		return -1;
	snprintf(m->name[m->n], sizeof(m->name[0]), "%s", name);
	m->weight[m->n++] = n;
	return 0;
}

/*
 * Read spec, "NAME=VALUE,...", the argument of option opt, into m
 * (emptied first): each NAME lower-cased and given once, a provider name
 * when names is set, each VALUE from 0 to max (unit names it in errors,
 * "percent " or ""; want is the form, "PROVIDER=N").  0, or -1 with e
 * filled.
 */
static int
parse_pairs(struct warm_mix *m, const char *spec, const char *opt,
    const char *want, long long max, const char *unit, bool names,
    struct derr *e)
{
	char buf[512], *p, *item, *eq;
	const char *errstr, *s;
	long long v;
	size_t i;

	memset(m, 0, sizeof(*m));
	if (strlen(spec) >= sizeof(buf)) {
		derr_set(e, opt, "too long");
		return -1;
	}
	snprintf(buf, sizeof(buf), "%s", spec);
	p = buf;
	while ((item = strsep(&p, ",")) != NULL) {
		if ((eq = strchr(item, '=')) == NULL || eq == item) {
			derr_set(e, opt, "%s: want %s", item, want);
			return -1;
		}
		*eq++ = '\0';
		str_lower(item);
		for (s = item; names && *s != '\0'; s++)
			if (!isalnum((unsigned char)*s) && *s != '-' &&
			    *s != '_' && *s != '.')
				break;
		if (names && (*s != '\0' || strcmp(item, "all") == 0 ||
		    strcmp(item, "old") == 0)) {
			derr_set(e, opt, "%s: not a provider name", item);
			return -1;
		}
		v = parse_num(eq, 0, max, &errstr);
		if (errstr != NULL) {
			derr_set(e, opt, "%s=%s: %s%s", item, eq, unit, errstr);
			return -1;
		}
		for (i = 0; i < m->n; i++)
			if (strcmp(m->name[i], item) == 0) {
				derr_set(e, opt, "%s: given twice", item);
				return -1;
			}
		if (warm_mix_add(m, item, v) == -1) {
			derr_set(e, opt, "%s: too many providers", item);
			return -1;
		}
	}
	return 0;
}

int
warm_mix_parse(struct warm_mix *m, const char *spec, struct derr *e)
{
	long long sum = 0;
	size_t i;
	bool other = false;

	if (parse_pairs(m, spec, "--mix", "PROVIDER=PERCENT", 100, "percent ",
	    true, e) == -1)
		return -1;
	for (i = 0; i < m->n; i++) {
		other |= strcmp(m->name[i], "other") == 0;
		sum += m->weight[i];
	}
	if (sum > 100 || (sum < 100 && other) || sum == 0) {
		derr_set(e, "--mix", "%s: percentages sum to %lld, not 100",
		    spec, sum);
		return -1;
	}
	if (sum < 100 && warm_mix_add(m, "other", 100 - sum) == -1) {
		derr_set(e, "--mix", "too many providers");
		return -1;
	}
	warm_mix_sort(m);
	return 0;
}

/* Output order: the known providers, the rest by name, "other" last. */
int
warm_mix_rank(const char *name)
{
	size_t i;

	for (i = 0; i < nitems(known); i++)
		if (strcmp(name, known[i].name) == 0)
			return (int)i;
	return strcmp(name, "other") == 0 ? 99 : 50;
}

void
warm_mix_sort(struct warm_mix *m)
{
	struct warm_mix t;
	size_t i, j, n = 0;

	/* Insertion sort into t, dropping empty providers; stable. */
	memset(&t, 0, sizeof(t));
	for (i = 0; i < m->n; i++) {
		if (m->weight[i] <= 0)
			continue;
		for (j = n; j > 0; j--) {
			int a = warm_mix_rank(t.name[j - 1]),
			    b = warm_mix_rank(m->name[i]);

			if (a < b || (a == b && (a != 50 ||
			    strcmp(t.name[j - 1], m->name[i]) < 0)))
				break;
			memcpy(t.name[j], t.name[j - 1], sizeof(t.name[0]));
			t.weight[j] = t.weight[j - 1];
		}
		memcpy(t.name[j], m->name[i], sizeof(t.name[0]));
		t.weight[j] = m->weight[i];
		n++;
	}
	t.n = n;
	*m = t;
}

int
warm_caps_parse(struct warm_mix *m, const char *spec, struct derr *e)
{
	return parse_pairs(m, spec, "--cap", "PROVIDER=N", 1000000000000LL,
	    "", false, e);
}
