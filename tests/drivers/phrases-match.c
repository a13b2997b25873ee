/*
 * phrases-match: a test driver for lib/core/phrases.  "phrases-match FILE"
 * loads the list and, for every line of stdin, prints one record: the
 * line number, and the first hit's file, line, tag, phrase and matched
 * text (empty when nothing matches).  "phrases-match --check FILE"
 * instead matches every literal phrase against its own text and prints
 * the phrases that an earlier line shadows ("dead"); exit 1 if any.
 * A match error (a match limit) is written in the file column.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/driver.h"
#include "core/cli.h"
#include "core/out.h"
#include "core/phrases.h"

static const struct out_col cols[] = {
	{ "input", OUT_INT }, { "file", OUT_STR }, { "line", OUT_INT },
	{ "tag", OUT_STR }, { "phrase", OUT_STR }, { "text", OUT_STR }
};

static int
check(struct phr *p)
{
	struct phr_hit own, hit;
	struct derr e;
	size_t i;
	bool regex;
	int dead = 0, r;

	for (i = 0; i < phr_count(p); i++) {
		phr_entry(p, i, &own, &regex);
		if (regex)
			continue;
		r = phr_match(p, own.phrase, strlen(own.phrase), 0, &hit, &e);
		if (r == -1)
			errx(2, "%s: %s", e.where, e.what);
		if (r == 0 || hit.line != own.line) {
			printf("%s:%lu: \"%s\" is shadowed by line %lu\n",
			    own.file, own.line, own.phrase, r ? hit.line : 0);
			dead = 1;
		}
	}
	return dead;
}

int
main(int argc, char *argv[])
{
	struct out_opts oo;
	struct phr_hit hit;
	struct derr e;
	struct phr *p;
	struct out *out;
	char *line = NULL, *name;
	size_t cap = 0;
	ssize_t n;
	long no = 0;
	int r, docheck = 0;

	cli_init(&oo);
	for (; argc > 2 && argv[1][0] == '-'; argc--, argv++) {
		if (strcmp(argv[1], "--check") == 0)
			docheck = 1;
		else if (strcmp(argv[1], "--no-header") == 0)
			oo.header = false;
		else
			break;
	}
	if (argc != 2)
		errx(2, "usage: phrases-match [--check] [--no-header] FILE");
	name = strrchr(argv[1], '/') ? strrchr(argv[1], '/') + 1 : argv[1];
	if ((p = phr_load(argv[1], name, &e)) == NULL)
		errx(2, "%s: %s", e.where, e.what);
	if (docheck) {
		r = check(p);
		phr_free(p);
		return r;
	}
	if ((out = out_open(stdout, &oo, cols, nitems(cols))) == NULL)
		err(2, "out of memory");
	while ((n = drv_line(&line, &cap)) != -1) {
		out_int(out, 0, ++no);
		r = phr_match(p, line, (size_t)n, 0, &hit, &e);
		if (r == -1)
			out_str(out, 1, e.what);
		else if (r == 1) {
			out_str(out, 1, hit.file);
			out_int(out, 2, (long long)hit.line);
			out_str(out, 3, hit.tag);
			out_str(out, 4, hit.phrase);
			out_strn(out, 5, line + hit.start, hit.end - hit.start);
		}
		out_end(out);
	}
	free(line);
	phr_free(p);
	return out_close(out) == -1 ? 2 : 0;
}
