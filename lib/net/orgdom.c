/*
 * Public Suffix List look-up.  See net/orgdom.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/deliv.h"
#include "core/util.h"
#include "net/orgdom.h"

struct orgdom {
	char	**rules;	/* "com", "co.uk", "*.ck", "!www.ck"; sorted */
	size_t	  n;
};

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct orgdom *
orgdom_load(const char *path, struct derr *e)
{
	struct orgdom *o;
	FILE *fp;
	char *line = NULL, *s, **v;
	size_t cap = 0, vcap = 0;
	ssize_t len;

	if ((o = calloc(1, sizeof(*o))) == NULL) {
		derr_set(e, "orgdom", "%s", strerror(errno));
		return NULL;
	}
	if (path == NULL)
		return o;
	if ((fp = fopen(path, "r")) == NULL) {
		derr_set(e, path, "%s", strerror(errno));
		free(o);
		return NULL;
	}
	while ((len = getline(&line, &cap, fp)) != -1) {
		s = str_trim(line);
		if (*s == '\0' || (s[0] == '/' && s[1] == '/'))
			continue;
		s[strcspn(s, " \t")] = '\0';
		if (o->n == vcap) {
			vcap = vcap ? vcap * 2 : 1024;
			if ((v = reallocarray(o->rules, vcap, sizeof(*v))) ==
			    NULL)
				goto nomem;
			o->rules = v;
		}
		if ((o->rules[o->n] = strdup(str_lower(s))) == NULL)
			goto nomem;
		o->n++;
	}
	if (ferror(fp)) {
		derr_set(e, path, "%s", strerror(errno));
		goto fail;
	}
	free(line);
	fclose(fp);
	qsort(o->rules, o->n, sizeof(*o->rules), cmp);
	return o;
nomem:
	derr_set(e, path, "%s", strerror(ENOMEM));
fail:
	free(line);
	fclose(fp);
	orgdom_free(o);
	return NULL;
}

static int
has(const struct orgdom *o, const char *prefix, const char *s)
{
	char buf[300];
	const char *k = buf;

	if ((size_t)snprintf(buf, sizeof(buf), "%s%s", prefix, s) >=
	    sizeof(buf))
		return 0;
	return o->n > 0 &&
	    bsearch(&k, o->rules, o->n, sizeof(*o->rules), cmp) != NULL;
}

char *
orgdom_get(const struct orgdom *o, const char *name, char *buf, size_t len)
{
	char d[256], *s, *parent, *ps = NULL, *org;
	size_t l;

	if ((l = strlen(name)) >= sizeof(d))
		return NULL;
	memcpy(d, name, l + 1);
	while (l > 0 && d[l - 1] == '.')
		d[--l] = '\0';
	str_lower(d);
	if (o == NULL) {
		if ((size_t)snprintf(buf, len, "%s", orgdom_guess(d)) >= len)
			return NULL;
		return buf;
	}
	for (s = d; s != NULL; s = parent) {
		parent = strchr(s, '.');
		if (parent != NULL)
			parent++;
		if (has(o, "!", s)) {
			ps = parent;
			break;
		}
		if (has(o, "", s) || (parent != NULL && has(o, "*.", parent))) {
			ps = s;
			break;
		}
	}
	if (ps == NULL)			/* the default rule "*" */
		ps = strrchr(d, '.') ? strrchr(d, '.') + 1 : d;
	/* The label before the public suffix. */
	org = ps;
	if (ps > d) {
		org = ps - 1;		/* the dot */
		while (org > d && org[-1] != '.')
			org--;
	}
	if ((size_t)snprintf(buf, len, "%s", org) >= len)
		return NULL;
	return buf;
}

void
orgdom_free(struct orgdom *o)
{
	size_t i;

	if (o == NULL)
		return;
	for (i = 0; i < o->n; i++)
		free(o->rules[i]);
	free(o->rules);
	free(o);
}

const char *
orgdom_guess(const char *h)
{
	const char *p = h + strlen(h), *dots[3] = { NULL, NULL, NULL };
	int k = 0;

	while (p > h && k < 3) {
		p--;
		if (*p == '.')
			dots[k++] = p;
	}
	if (k < 2)
		return h;
	/* "example.co.uk": keep three labels. */
	if (dots[0] - dots[1] - 1 <= 3 && strlen(dots[0] + 1) == 2)
		return k == 3 ? dots[2] + 1 : h;
	return dots[1] + 1;
}
