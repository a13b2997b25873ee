/*
 * out-record: a test driver for lib/core/out.  Each argument is one string
 * field of one record (columns f1..fN); "-n" before an argument makes it
 * unknown, "-i" an integer, "-d" a number; a "+" argument ends a record
 * and starts the next (the first record's fields name the columns).
 * Common output options first.  $OUT_TABLE_COLS and $OUT_TALLY play a
 * tool's table columns and tally (cli_setup()).
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/driver.h"
#include "core/out.h"
#include "core/util.h"

int
main(int argc, char *argv[])
{
	struct out_col *cols;
	struct out_opts oo;
	struct out *out;
	char names[64][16];
	int i, n, r = 0;
	size_t c;

	i = drv_out_opts(argc, argv, "+ho:", &oo,
	    "out-record [--json|--table] field ...");
	argc -= i;
	argv += i;
	oo.table_cols = getenv("OUT_TABLE_COLS");
	oo.tally = getenv("OUT_TALLY");
	if ((cols = calloc(64, sizeof(*cols))) == NULL)
		err(2, NULL);
	for (i = n = 0; i < argc && n < 64 && strcmp(argv[i], "+") != 0;
	    i++, n++) {
		snprintf(names[n], sizeof(names[n]), "f%d", n + 1);
		cols[n].name = names[n];
		cols[n].type = OUT_STR;
		if (strcmp(argv[i], "-i") == 0 && i + 1 < argc)
			cols[n].type = OUT_INT, i++;
		else if (strcmp(argv[i], "-d") == 0 && i + 1 < argc)
			cols[n].type = OUT_NUM, i++;
		else if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
			i++;
	}
	if ((out = out_open(stdout, &oo, cols, (size_t)n)) == NULL)
		err(2, NULL);
	for (i = 0, c = 0; i < argc; i++, c++) {
		if (strcmp(argv[i], "+") == 0) {
			r |= out_end(out);
			c = (size_t)-1;
			continue;
		}
		if (strcmp(argv[i], "-n") == 0 && i + 1 < argc) {
			i++;
			continue;
		}
		if (strcmp(argv[i], "-i") == 0 && i + 1 < argc)
			out_int(out, c, atoll(argv[++i]));
		else if (strcmp(argv[i], "-d") == 0 && i + 1 < argc)
			out_num(out, c, strtod(argv[++i], NULL));
		else
			out_str(out, c, argv[i]);
	}
	if (argc > 0)
		r |= out_end(out);
	if (out_close(out) == -1)
		r = -1;
	free(cols);
	return r != 0 ? 2 : 0;
}
