/*
 * tsv-dump: a test driver for lib/core/tsv.  Reads FILE (or stdin, "-")
 * with the options given and prints one line a row: its line number, its
 * number of fields and each field in brackets; with -c NAME, the field in
 * the column NAME instead ("(none)" when the row has none), after a
 * line "column NAME INDEX" (-1: no such column).  A header adds a first
 * line "columns N".  An error is
 * "tsv-dump: FILE:LINE: what" on stderr and exit 2.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/tsv.h"
#include "core/util.h"

static void
usage(void)
{
	fprintf(stderr, "usage: tsv-dump [-bHknRtuz] [-c name] [-l max-line] "
	    "[-M max-fields] [-m min-fields] [-r max-rows] file\n");
	exit(2);
}

static size_t
num(const char *s)
{
	const char *errstr;
	long long v = parse_num(s, 0, 100000000, &errstr);

	if (errstr != NULL)
		usage();
	return (size_t)v;
}

int
main(int argc, char *argv[])
{
	struct tsv_opts o = { 0 };
	struct tsv_row r;
	struct derr e;
	struct tsv *t;
	const char *col = NULL, *v;
	size_t i;
	int ch, rc;

	while ((ch = getopt(argc, argv, "bc:Hkl:M:m:nRr:tuz")) != -1) {
		switch (ch) {
		case 'b': o.flags |= TSV_KEEP_BLANK; break;
		case 'c': col = optarg; break;
		case 'H': o.flags |= TSV_HEADER; break;
		case 'k': o.flags |= TSV_KEEP_COMMENTS; break;
		case 'l': o.max_line = num(optarg); break;
		case 'M': o.max_fields = num(optarg); break;
		case 'm': o.min_fields = num(optarg); break;
		case 'n': o.flags |= TSV_NOSPLIT; break;
		case 'R': o.flags |= TSV_REST; break;
		case 'r': o.max_rows = num(optarg); break;
		case 't': o.flags |= TSV_TRIM; break;
		case 'u': o.flags |= TSV_UNESCAPE; break;
		case 'z': o.flags |= TSV_NUL_ENDS; break;
		default: usage();
		}
	}
	if (argc - optind != 1)
		usage();
	t = strcmp(argv[optind], "-") == 0 ? tsv_stream(stdin, "-", &o, &e) :
	    tsv_open(argv[optind], NULL, &o, &e);
	if (t == NULL)
		errx(2, "%s: %s", e.where, e.what);
	if (tsv_ncols(t) > 0)
		printf("columns\t%zu\n", tsv_ncols(t));
	if (col != NULL)
		printf("column\t%s\t%d\n", col, tsv_col(t, col));
	while ((rc = tsv_next(t, &r, &e)) == 1) {
		if (col != NULL) {
			v = tsv_get(t, &r, col);
			printf("%lu\t%s\n", r.line, v != NULL ? v : "(none)");
			continue;
		}
		printf("%lu\t%zu\t", r.line, r.n);
		for (i = 0; i < r.n; i++)
			printf("[%s]", r.f[i]);
		printf("\n");
	}
	if (rc == -1) {
		fflush(stdout);
		errx(2, "%s: %s", e.where, e.what);
	}
	tsv_close(t);
	return 0;
}
