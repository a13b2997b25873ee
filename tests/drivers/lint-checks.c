/*
 * lint-checks WEIGHTS: a test driver for lib/lint/lint.  Prints the check
 * catalogue with the severities and points of the weights file WEIGHTS,
 * one record a check: id, severity, points, rfc, fix.  The lint test
 * compares it with the man page.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cli.h"
#include "core/out.h"
#include "lint/lint.h"

static const struct out_col cols[] = {
	{ "id", OUT_STR }, { "severity", OUT_STR }, { "points", OUT_NUM },
	{ "rfc", OUT_STR }, { "fix", OUT_STR }
};

int
main(int argc, char *argv[])
{
	const struct lint_check *builtin;
	struct lint_check *c;
	struct out_opts oo;
	struct derr e;
	struct out *o;
	size_t n, i;

	if (argc != 2) {
		fprintf(stderr, "usage: lint-checks weights.tsv\n");
		return 2;
	}
	builtin = lint_checks(&n);
	if ((c = calloc(n, sizeof(*c))) == NULL)
		err(2, NULL);
	memcpy(c, builtin, n * sizeof(*c));
	if (lint_weights_load(argv[1], c, n, &e) == -1)
		errx(2, "%s: %s", e.where, e.what);
	cli_init(&oo);
	if ((o = out_open(stdout, &oo, cols, nitems(cols))) == NULL)
		err(2, "out");
	for (i = 0; i < n; i++) {
		out_str(o, 0, c[i].id);
		out_str(o, 1, lint_sev_name(c[i].sev));
		out_num(o, 2, c[i].points);
		out_str(o, 3, c[i].rfc);
		out_str(o, 4, c[i].fix);
		out_end(o);
	}
	free(c);
	return out_close(o) == 0 ? 0 : 2;
}
