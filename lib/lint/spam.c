/*
 * lint's spam phrase list (phrases/spam.txt: weight TAB phrase), loaded
 * with core/phrases and searched with core/phrase_index.  The phrases
 * are searched in groups, and the group order is part of the result:
 * where two phrases overlap, the one of the earlier group counts, and
 * findings come group by group.  The groups: one for each letter or
 * digit a match must start with (caseless; 0-9 then a-z), then each
 * other phrase on its own, in file order.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/deliv.h"
#include "core/phrase_index.h"
#include "core/phrases.h"
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

/* Index the entries sub[0..n) as the next group. */
static int
add_group(struct lint *l, const size_t *sub, size_t n, struct derr *e)
{
	struct phrase_index **v;

	if (n == 0)
		return 0;
	if ((v = reallocarray(l->spamidx, l->nspamidx + 1, sizeof(*v))) ==
	    NULL) {
		derr_set(e, "spam.txt", "out of memory");
		return -1;
	}
	l->spamidx = v;
	if ((v[l->nspamidx] = phrase_index_new_subset(l->spam, sub, n, e)) ==
	    NULL)
		return -1;
	l->nspamidx++;
	return 0;
}

int
lint_spam_load(struct lint *l, const char *path, struct derr *e)
{
	struct phr_hit h;
	size_t k, n, m, *sub = NULL;
	int g, *grp = NULL, rc = -1;

	if ((l->spam = phr_load(path, "spam.txt", e)) == NULL)
		return -1;
	n = phr_count(l->spam);
	if ((grp = calloc(n + 1, sizeof(*grp))) == NULL ||
	    (sub = calloc(n + 1, sizeof(*sub))) == NULL) {
		derr_set(e, "spam.txt", "out of memory");
		goto out;
	}
	for (k = 0; k < n; k++) {
		phr_entry(l->spam, k, &h, NULL);
		grp[k] = phrase_group(h.phrase);
		if (h.line > l->maxline)
			l->maxline = h.line;
	}
	for (g = 0; g < GROUP_OTHER; g++) {
		for (k = m = 0; k < n; k++)
			if (grp[k] == g)
				sub[m++] = k;
		if (add_group(l, sub, m, e) == -1)
			goto out;
	}
	for (k = 0; k < n; k++)
		if (grp[k] == GROUP_OTHER && add_group(l, &k, 1, e) == -1)
			goto out;
	rc = 0;
out:
	free(grp);
	free(sub);
	return rc;
}

void
lint_spam_free(struct lint *l)
{
	size_t k;

	for (k = 0; k < l->nspamidx; k++)
		phrase_index_free(l->spamidx[k]);
	free(l->spamidx);
	phr_free(l->spam);
}
