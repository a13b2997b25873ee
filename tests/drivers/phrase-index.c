/*
 * phrase-index: a test driver for lib/core/phrase_index.  "phrase-index
 * FILE [ENTRY...]" loads the list, indexes it (or only the 0-based
 * entries given) and, for every line of stdin, prints one record per hit
 * of a scan that searches again from the end of the last hit: the line
 * number, the hit's list line, tag, offsets and matched text.  Indexing
 * the whole list, it also scans with phr_match() and exits 1 (after a
 * "differ" line on stderr) when the two disagree.  "phrase-index --engine
 * FILE" prints the engine the index uses (vectorscan or pcre2); "--cache"
 * adds what its database cache did (hit, stored, miss, off or none).
 * "phrase-index --literal" prints, for every PCRE2 pattern on stdin, the
 * literal every match of it holds (lib/core/phrase_literal), or "-";
 * "--any" the runs of which every match holds one (lit_required_any()),
 * separated by "|", or "-";
 * "phrase-index --find RUN..." prints, for every line of stdin, the runs
 * (lower case, 3 to 64 bytes) that litset_find() says are in it.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cli.h"
#include "core/out.h"
#include "core/phrase_index.h"
#include "core/phrase_literal.h"
#include "core/phrases.h"

static const struct out_col cols[] = {
	{ "input", OUT_INT }, { "line", OUT_INT }, { "tag", OUT_STR },
	{ "start", OUT_INT }, { "end", OUT_INT }, { "text", OUT_STR }
};

/* --any: one line out for each pattern in. */
static int
any_literals(void)
{
	char *line = NULL, lit[LIT_ANY_MAX][LIT_MAX];
	size_t cap = 0, len[LIT_ANY_MAX], k, n;
	ssize_t got;

	while ((got = getline(&line, &cap, stdin)) != -1) {
		if (got > 0 && line[got - 1] == '\n')
			line[--got] = '\0';
		if ((n = lit_required_any(line, (size_t)got, lit, len,
		    LIT_ANY_MAX)) == 0)
			puts("-");
		for (k = 0; k < n; k++)
			printf("%.*s%s", (int)len[k], lit[k],
			    k + 1 < n ? "|" : "\n");
	}
	free(line);
	return 0;
}

/* --literal: one line out for each pattern in. */
static int
literals(void)
{
	char *line = NULL, lit[LIT_MAX];
	size_t cap = 0, len;
	ssize_t n;

	while ((n = getline(&line, &cap, stdin)) != -1) {
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		if ((len = lit_required(line, (size_t)n, lit)) == 0)
			puts("-");
		else
			printf("%.*s\n", (int)len, lit);
	}
	free(line);
	return 0;
}

/* --find RUN...: the runs in each line of stdin. */
static int
find(int argc, char *argv[])
{
	struct litset *ls;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int k, sp;

	if ((ls = litset_new()) == NULL)
		err(2, NULL);
	for (k = 0; k < argc; k++)
		if (litset_add(ls, argv[k], strlen(argv[k])) != k)
			errx(2, "%s: not a new run of 3 to 64 bytes", argv[k]);
	while ((n = getline(&line, &cap, stdin)) != -1) {
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		litset_find(ls, line, (size_t)n);
		for (k = 0, sp = 0; k < argc; k++)
			if (litset_has(ls, k))
				printf("%s%s", sp++ ? " " : "", argv[k]);
		printf("%s\n", sp ? "" : "-");
	}
	free(line);
	free(ls);
	return 0;
}

int
main(int argc, char *argv[])
{
	struct out_opts oo;
	struct phrase_index *ix;
	struct phr_hit hit, ref;
	struct derr e;
	struct phr *p;
	struct out *out;
	char *line = NULL, *name;
	size_t cap = 0, start, *sub = NULL, nsub = 0;
	ssize_t n;
	long no = 0;
	int r, rr, k, status = 0, showengine = 0;

	if (argc == 2 && strcmp(argv[1], "--literal") == 0)
		return literals();
	if (argc == 2 && strcmp(argv[1], "--any") == 0)
		return any_literals();
	if (argc > 2 && strcmp(argv[1], "--find") == 0)
		return find(argc - 2, argv + 2);
	if (argc > 2 && (strcmp(argv[1], "--engine") == 0 ||
	    strcmp(argv[1], "--cache") == 0)) {
		showengine = argv[1][2] == 'e' ? 1 : 2;
		argc--;
		argv++;
	}
	if (argc < 2)
		errx(2, "usage: phrase-index [--engine | --cache] FILE "
		    "[ENTRY...]");
	name = strrchr(argv[1], '/') ? strrchr(argv[1], '/') + 1 : argv[1];
	if ((p = phr_load(argv[1], name, &e)) == NULL)
		errx(2, "%s: %s", e.where, e.what);
	if (argc > 2 && (sub = calloc((size_t)argc, sizeof(*sub))) == NULL)
		err(2, NULL);
	for (k = 2; k < argc; k++)
		sub[nsub++] = strtoul(argv[k], NULL, 10);
	ix = sub != NULL ? phrase_index_new_subset(p, sub, nsub, &e) :
	    phrase_index_new(p, &e);
	if (ix == NULL)
		errx(2, "%s: %s", e.where, e.what);
	if (showengine) {
		if (showengine == 2)
			printf("%s ", phrase_index_engine(ix));
		puts(showengine == 1 ? phrase_index_engine(ix) :
		    phrase_index_cache(ix));
		phrase_index_free(ix);
		phr_free(p);
		return 0;
	}
	cli_init(&oo);
	oo.header = false;
	if ((out = out_open(stdout, &oo, cols, nitems(cols))) == NULL)
		err(2, "out of memory");
	while ((n = getline(&line, &cap, stdin)) != -1) {
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		no++;
		/* one scan, then each hit from the end of the last, as
		 * bounce-classify finds a notice's lines */
		if (phrase_index_scan(ix, line, (size_t)n, &e) == -1)
			errx(2, "%s: %s", e.where, e.what);
		for (start = 0; start < (size_t)n; start = hit.end > hit.start ?
		    hit.end : hit.start + 1) {
			r = phrase_index_next(ix, 0, start, &hit, &e);
			if (r == -1)
				errx(2, "%s: %s", e.where, e.what);
			if (sub == NULL) {
				rr = phr_match(p, line, (size_t)n, start, &ref,
				    &e);
				if (rr != r || (r == 1 && (ref.line != hit.line ||
				    ref.start != hit.start || ref.end != hit.end))) {
					fprintf(stderr, "differ: input %ld from "
					    "%zu\n", no, start);
					status = 1;
				}
			}
			if (r == 0)
				break;
			out_int(out, 0, no);
			out_int(out, 1, (long long)hit.line);
			out_str(out, 2, hit.tag);
			out_int(out, 3, (long long)hit.start);
			out_int(out, 4, (long long)hit.end);
			out_strn(out, 5, line + hit.start, hit.end - hit.start);
			out_end(out);
		}
	}
	free(line);
	free(sub);
	phrase_index_free(ix);
	phr_free(p);
	return out_close(out) == -1 ? 2 : status;
}
