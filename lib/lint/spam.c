/*
 * lint's spam phrase list (phrases/spam.txt), split by the first
 * character a match can start with into one phr list a group.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/deliv.h"
#include "core/phrases.h"
#include "core/util.h"
#include "lint/lint_priv.h"

#define NGROUPS	37
#define GROUP_OTHER	(NGROUPS - 1)

/* The group of a phrase: 0-35 for [0-9a-z] it must start with, 36 else. */
static int
phrase_group(const char *ph)
{
	size_t n = strlen(ph), k;
	int depth = 0, cls = 0;
	const char *p;
	unsigned char c;

	if (n >= 3 && ph[0] == '/' && ph[n - 1] == '/') {
		/* A regex: no top-level "|", then \b* and one plain char. */
		for (k = 1; k + 1 < n; k++) {
			if (ph[k] == '\\') {
				k++;
				continue;
			}
			if (cls) {
				if (ph[k] == ']')
					cls = 0;
			} else if (ph[k] == '[')
				cls = 1;
			else if (ph[k] == '(')
				depth++;
			else if (ph[k] == ')')
				depth--;
			else if (ph[k] == '|' && depth == 0)
				return GROUP_OTHER;
		}
		p = ph + 1;
		if (strncmp(p, "(?-i)", 5) == 0)
			p += 5;
		while (strncmp(p, "\\b", 2) == 0)
			p += 2;
		/* "(?:x...)" with no "|" of its own starts with x too. */
		if (strncmp(p, "(?:", 3) == 0) {
			const char *q;

			depth = 0;
			cls = 0;
			for (q = p + 3; *q != '\0'; q++) {
				if (*q == '\\' && q[1] != '\0') {
					q++;
					continue;
				}
				if (cls) {
					if (*q == ']')
						cls = 0;
				} else if (*q == '[')
					cls = 1;
				else if (*q == '(')
					depth++;
				else if (*q == ')' && depth-- == 0)
					break;
				else if (*q == '|' && depth == 0)
					return GROUP_OTHER;
			}
			if (*q != ')' || q[1] == '?' || q[1] == '*' ||
			    q[1] == '{')
				return GROUP_OTHER;
			p += 3;
		}
		c = (unsigned char)*p;
		if (!isalnum(c) || p[1] == '?' || p[1] == '*' || p[1] == '{')
			return GROUP_OTHER;
	} else
		c = (unsigned char)*ph;
	if (isdigit(c))
		return c - '0';
	if (isalpha(c))
		return 10 + tolower(c) - 'a';
	return GROUP_OTHER;
}

/* Compile the lines of text whose group is g (or only line only). */
static int
load_group(struct lint *l, const char *text, int g, unsigned long only,
    struct derr *e)
{
	struct sbuf b = { 0 };
	const char *line, *next, *tab, *ph;
	unsigned long lineno = 0;
	size_t n;
	int used = 0;
	struct phr *p, **v;

	for (line = text; *line != '\0'; line = next) {
		char *one;
		int lg;

		lineno++;
		next = strchr(line, '\n');
		n = next ? (size_t)(next - line) : strlen(line);
		next = next ? next + 1 : line + n;
		if ((one = strndup(line, n)) == NULL)
			goto oom;
		tab = strchr(one, '\t');
		ph = tab ? tab + 1 : one;
		while (*ph == '\t' || *ph == ' ')
			ph++;
		lg = tab ? phrase_group(ph) : 0;
		if (one[strspn(one, " ")] != '#' && *one != '\0' &&
		    (only ? lineno == only : lg == g)) {
			if (sbuf_add(&b, one, n) == -1) {
				free(one);
				goto oom;
			}
			used = 1;
			if (lineno > l->maxline)
				l->maxline = lineno;
		}
		free(one);
		if (sbuf_addc(&b, '\n') == -1)
			goto oom;
	}
	if (!used) {
		sbuf_free(&b);
		return 0;
	}
	if ((v = reallocarray(l->spam, l->nspam + 1, sizeof(*v))) == NULL)
		goto oom;
	l->spam = v;
	if ((p = phr_load_mem(b.s, b.len, "spam.txt", e)) == NULL) {
		sbuf_free(&b);
		return -1;
	}
	l->spam[l->nspam++] = p;
	sbuf_free(&b);
	return 0;
oom:
	sbuf_free(&b);
	derr_set(e, "spam.txt", "out of memory");
	return -1;
}

int
lint_spam_load(struct lint *l, const char *path, struct derr *e)
{
	struct sbuf all = { 0 };
	char chunk[8192];
	const char *line, *next, *tab;
	unsigned long lineno = 0;
	size_t n;
	FILE *fp;
	int k, rc = -1;

	if ((fp = fopen(path, "r")) == NULL) {
		derr_set(e, path, "%s", strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		if (sbuf_add(&all, chunk, n) == -1)
			goto oom;
	if (ferror(fp)) {
		derr_set(e, path, "%s", strerror(errno));
		goto out;
	}
	if (sbuf_add(&all, "", 0) == -1)
		goto oom;
	for (k = 0; k < GROUP_OTHER; k++)
		if (load_group(l, all.s, k, 0, e) == -1)
			goto out;
	for (line = all.s; *line != '\0'; line = next) {
		lineno++;
		next = strchr(line, '\n');
		n = next ? (size_t)(next - line) : strlen(line);
		next = next ? next + 1 : line + n;
		if (line[strspn(line, " ")] == '#' || n == 0)
			continue;
		tab = memchr(line, '\t', n);
		if (tab != NULL) {
			char *ph = strndup(tab + 1, (size_t)(line + n - tab - 1));

			if (ph == NULL)
				goto oom;
			k = phrase_group(str_trim(ph));
			free(ph);
			if (k != GROUP_OTHER)
				continue;
		}
		if (load_group(l, all.s, 0, lineno, e) == -1)
			goto out;
	}
	rc = 0;
	goto out;
oom:
	derr_set(e, path, "out of memory");
out:
	fclose(fp);
	sbuf_free(&all);
	return rc;
}


void
lint_spam_free(struct lint *l)
{
	size_t k;

	for (k = 0; k < l->nspam; k++)
		phr_free(l->spam[k]);
	free(l->spam);
}
