/*
 * lint's spam phrase list (phrases/spam.txt: weight TAB phrase), loaded
 * with core/phrases and searched with core/phrase_index (one scan of a
 * text for every phrase), and its findings.  The phrases
 * are searched in groups, and the group order is part of the result:
 * where two phrases overlap, the one of the earlier group counts, and
 * findings come group by group.  The groups: one for each letter or
 * digit a match must start with (caseless; 0-9 then a-z), then each
 * other phrase on its own, in file order.
 */
#include <ctype.h>
#include <stdio.h>
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

int
lint_spam_load(struct lint *l, const char *path, struct derr *e)
{
	struct phr_hit h;
	size_t k, n;
	int g, used[GROUP_OTHER] = { 0 }, *grp = NULL, rc = -1;
	size_t ng = 0, num[GROUP_OTHER];

	if ((l->spam = phr_load(path, "spam.txt", e)) == NULL)
		return -1;
	n = phr_count(l->spam);
	if ((grp = calloc(n + 1, sizeof(*grp))) == NULL) {
		derr_set(e, "spam.txt", "out of memory");
		goto out;
	}
	for (k = 0; k < n; k++) {
		phr_entry(l->spam, k, &h, NULL);
		grp[k] = phrase_group(h.phrase);
		if (grp[k] != GROUP_OTHER)
			used[grp[k]] = 1;
		if (h.line > l->maxline)
			l->maxline = h.line;
	}
	/* 0-9a-z that some phrase opens with, then the others one by one */
	for (g = 0; g < GROUP_OTHER; g++)
		if (used[g])
			num[g] = ng++;
	for (k = 0; k < n; k++)
		grp[k] = grp[k] == GROUP_OTHER ? (int)ng++ : (int)num[grp[k]];
	if ((l->spamidx = phrase_index_new_groups(l->spam, grp, ng, e)) ==
	    NULL)
		goto out;
	l->nspamgroups = ng;
	rc = 0;
out:
	free(grp);
	return rc;
}

void
lint_spam_free(struct lint *l)
{
	phrase_index_free(l->spamidx);
	phr_free(l->spam);
}

/*
 * Phrase hits in one text (s[0..n), part names it; tp the text part, or
 * NULL for the Subject): each phrase once per message (seen[line]), text
 * another phrase already matched counts once.  One scan of the text
 * serves every group.  A phrase that fails to match (a match limit) is
 * a note, never a lower score.
 */
void
lint_spam_phrases(struct ctx *c, const char *s, size_t n, const char *part,
    const struct tpart *tp, unsigned char *seen, size_t nseen)
{
	struct phrase_index *ix = c->l->spamidx;
	struct phr_hit hit;
	struct derr first;
	const char *ps;
	size_t start, k, g, nerr, nspan = 0, capspan = 0;
	int rc = 0;
	char w[96];
	struct { size_t start, end; } *span = NULL;

	if ((ps = lint_padded(c->l, s, n)) == NULL ||
	    phrase_index_scan(ix, ps, n, c->e) == -1) {
		c->oom = 1;
		return;
	}
	for (g = 0; g < c->l->nspamgroups && !c->oom; g++) {
		start = 0;
		while (start < n && (rc = phrase_index_next(ix, g, start, &hit,
		    c->e)) == 1) {
			double wt = strtod(hit.tag, NULL);
			unsigned long line;

			start = hit.end > hit.start ? hit.end : hit.start + 1;
			for (k = 0; k < nspan; k++)
				if (hit.start < span[k].end &&
				    span[k].start < hit.end)
					break;
			if (k < nspan)
				continue;
			if (hit.line < nseen) {
				if (seen[hit.line])
					continue;
				seen[hit.line] = 1;
			}
			if (nspan == capspan) {
				size_t nc = capspan ? capspan * 2 : 16;
				void *p = reallocarray(span, nc, sizeof(*span));

				if (p == NULL) {
					c->oom = 1;
					break;
				}
				span = p;
				capspan = nc;
			}
			span[nspan].start = hit.start;
			span[nspan++].end = hit.end;
			if (tp == NULL)
				snprintf(w, sizeof(w), "%s", part);
			else {
				line = tp->html ? html_line(&tp->doc, hit.start) :
				    lint_line_of(s, hit.start);
				snprintf(w, sizeof(w), "part %s %s line %lu",
				    tp->path, part, line);
			}
			lint_add(c, C_SPAM_PHRASE, LINT_INFO, wt, w,
			    "\"%.*s\" matches \"%.60s%s\" (spam.txt:%lu, "
			    "weight %s)", (int)(hit.end - hit.start > 80 ? 80 :
			    hit.end - hit.start), s + hit.start, hit.phrase,
			    strlen(hit.phrase) > 60 ? "..." : "", hit.line,
			    hit.tag);
			if (c->oom)
				break;
		}
		if (rc == -1)
			c->oom = 1;
	}
	free(span);
	if (!c->oom && (nerr = phrase_index_errors(ix, &first)) > 0) {
		if (tp != NULL)
			snprintf(w, sizeof(w), "part %s %s", tp->path, part);
		else
			snprintf(w, sizeof(w), "%s", part);
		lint_add(c, C_SPAM_PHRASE, LINT_INFO, 0, w,
		    "%zu phrase%s not checked, the others were: %s: %s", nerr,
		    nerr == 1 ? "" : "s", first.where, first.what);
	}
}
