/*
 * deliv-lint: check messages before they are sent.  One record per
 * finding and a summary record per message with the score and verdict.
 */
#include <err.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/cli.h"
#include "core/deliv.h"
#include "core/input.h"
#include "core/out.h"
#include "core/util.h"
#include "core/workers.h"
#include "lint/lint.h"

#define DEFAULT_THRESHOLD	5.0
#define WEIGHTS_FILE		"lint-weights.tsv"
#define PSL_FILE	"/usr/share/publicsuffix/public_suffix_list.dat"

enum { C_SOURCE, C_MSGNO, C_RECORD, C_ID, C_SEVERITY, C_POINTS, C_WHERE,
    C_DETAIL, C_FIX, C_SCORE };

static const struct out_col cols[] = {
	{ "source", OUT_STR }, { "msgno", OUT_INT }, { "record", OUT_STR },
	{ "id", OUT_STR }, { "severity", OUT_STR }, { "points", OUT_NUM },
	{ "where", OUT_STR }, { "detail", OUT_STR }, { "fix", OUT_STR },
	{ "score", OUT_NUM },
};

enum { OPT_BULK = 256, OPT_MIN_SEVERITY, OPT_PHRASES, OPT_THRESHOLD,
    OPT_WEIGHTS };

static const struct option longopts[] = {
	{ "bulk",		no_argument,		NULL, OPT_BULK },
	CLI_LONGOPTS,
	{ "min-severity",	required_argument,	NULL, OPT_MIN_SEVERITY },
	{ "phrases",		required_argument,	NULL, OPT_PHRASES },
	{ "threshold",		required_argument,	NULL, OPT_THRESHOLD },
	{ "weights",		required_argument,	NULL, OPT_WEIGHTS },
	WORKERS_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

static _Noreturn void
usage(void)
{
	fprintf(stderr, "usage: deliv-lint [--bulk] [--min-severity LEVEL] "
	    "[--threshold N] [--phrases DIR]\n"
	    "                  [--weights FILE] [-j N] [--max-size BYTES] "
	    "[--json | --table]\n"
	    "                  [--no-header] [file | dir | -] ...\n");
	exit(DELIV_EXIT_USAGE);
}

static _Noreturn void
help(void)
{
	printf("usage: deliv-lint [options] [file | dir | -] ...\n"
	    "Check messages before sending: line length, headers, structure,\n"
	    "content, links and unsubscribe headers; a score per message.\n"
	    "  --bulk                bulk mail: require List-Unsubscribe "
	    "(RFC 8058)\n"
	    "  --min-severity LEVEL  report info, warn or error and up "
	    "(default info)\n"
	    "  --threshold N         fail at a score of N or more "
	    "(default 5)\n"
	    "  --phrases DIR         directory of spam.txt and shorteners.txt\n"
	    "  --weights FILE        severities and points of the checks\n"
	    WORKERS_HELP CLI_HELP);
	exit(fflush(stdout) == 0 ? DELIV_EXIT_OK : DELIV_EXIT_ERROR);
}

static void
write_message(struct out *o, const struct msg *m, const struct lint_result *r,
    int minsev, double threshold, bool *fail)
{
	const struct lint_finding *f;
	size_t k, nerr = 0, nwarn = 0, ninfo = 0;
	int worst = -1;
	bool bad;

	for (k = 0; k < r->n; k++) {
		f = &r->f[k];
		if ((int)f->sev > worst)
			worst = (int)f->sev;
		if (f->sev == LINT_ERROR)
			nerr++;
		else if (f->sev == LINT_WARN)
			nwarn++;
		else
			ninfo++;
		if ((int)f->sev < minsev)
			continue;
		out_str(o, C_SOURCE, m->source);
		out_int(o, C_MSGNO, m->msgno);
		out_str(o, C_RECORD, "finding");
		out_str(o, C_ID, f->check->id);
		out_str(o, C_SEVERITY, lint_sev_name(f->sev));
		out_num(o, C_POINTS, f->points);
		out_str(o, C_WHERE, f->where);
		out_str(o, C_DETAIL, f->detail);
		if (f->check->rfc != NULL) {
			char fix[512];

			snprintf(fix, sizeof(fix), "%s (%s)", f->check->fix,
			    f->check->rfc);
			out_str(o, C_FIX, fix);
		} else
			out_str(o, C_FIX, f->check->fix);
		out_end(o);
	}
	bad = r->error || r->score >= threshold;
	if (bad)
		*fail = true;
	out_str(o, C_SOURCE, m->source);
	out_int(o, C_MSGNO, m->msgno);
	out_str(o, C_RECORD, "summary");
	out_str(o, C_ID, bad ? "fail" : "pass");
	if (worst >= 0)
		out_str(o, C_SEVERITY, lint_sev_name((enum lint_sev)worst));
	{
		char d[160];

		snprintf(d, sizeof(d), "%s: %zu error%s, %zu warning%s, "
		    "%zu info; score %g, threshold %g", bad ? "fail" : "pass",
		    nerr, nerr == 1 ? "" : "s", nwarn, nwarn == 1 ? "" : "s",
		    ninfo, r->score, threshold);
		out_str(o, C_DETAIL, d);
	}
	out_num(o, C_SCORE, r->score);
	out_end(o);
}

struct opts {
	struct out_opts	 oo;
	struct input_opts io;
	const char	*phrases;	/* --phrases, or NULL */
	const char	*weights;	/* --weights, or NULL */
	double		 threshold;
	int		 minsev;
	bool		 bulk;
};

/* The number option opt's argument, or exit 2. */
static double
num(const char *opt, double min, double max, bool integer)
{
	return cli_num_arg(opt, optarg, min, max, integer);
}

static void
options(int argc, char *argv[], struct opts *op)
{
	int ch;

	cli_setup(&op->oo, "msgno,id,severity,points,detail",
	    "verdict:id@record=summary");
	op->threshold = DEFAULT_THRESHOLD;
	op->minsev = LINT_INFO;
	while ((ch = cli_getopt(argc, argv, "h" WORKERS_OPTSTRING, longopts))
	    != -1) {
		switch (ch) {
		case 'h':
			help();
		case OPT_BULK:
			op->bulk = true;
			break;
		case OPT_MIN_SEVERITY:
			if ((op->minsev = lint_sev_parse(optarg)) == -1)
				errx(DELIV_EXIT_USAGE, "--min-severity: %s: "
				    "not info, warn or error", optarg);
			break;
		case OPT_PHRASES:
			op->phrases = optarg;
			break;
		case OPT_THRESHOLD:
			op->threshold = num("--threshold", 0, 1e6, false);
			break;
		case OPT_WEIGHTS:
			op->weights = optarg;
			break;
		default:
			if (!cli_mail_option(ch, optarg, &op->io, &op->oo))
				usage();
		}
	}
}

/* Find the data and load it; exits on failure (before any message). */
static struct lint *
open_lint(const struct opts *op)
{
	struct lint_conf conf = { 0 };
	struct lint *l;
	struct derr e;
	char phr[4096], data[4096], weights[4200];

	if (find_data_dir(op->phrases, getenv("DELIV_PHRASES"),
	    DELIV_DATADIR "/phrases", "phrases", phr, sizeof(phr)) == -1)
		errx(DELIV_EXIT_ERROR, "phrases: directory not found "
		    "(--phrases DIR or DELIV_PHRASES)");
	conf.phrases = phr;
	if ((conf.weights = op->weights) == NULL) {
		if (find_data_dir(NULL, getenv("DELIV_DATA"), DELIV_DATADIR
		    "/data", "data", data, sizeof(data)) == -1)
			errx(DELIV_EXIT_ERROR, "data: directory not found "
			    "(--weights FILE or DELIV_DATA)");
		snprintf(weights, sizeof(weights), "%s/%s", data,
		    WEIGHTS_FILE);
		conf.weights = weights;
	}
	conf.psl = access(PSL_FILE, R_OK) == 0 ? PSL_FILE : NULL;
	if ((l = lint_new(&conf, &e)) == NULL)
		errx(DELIV_EXIT_ERROR, "%s: %s", e.where, e.what);
	return l;
}

/* Lint every message of in; DELIV_EXIT_ERROR when one could not be. */
static int
lint_all(struct input *in, struct out *o, struct lint *l,
    const struct opts *op, bool *fail)
{
	struct lint_result res = { 0 };
	struct msg *m;
	struct derr e;
	const char *raw;
	size_t rawlen;
	int r, status = DELIV_EXIT_OK;

	while ((r = input_next(in, &m, &e)) != 0) {
		if (r == -1) {
			warnx("%s: %s", e.where, e.what);
			continue;
		}
		raw = input_msg_raw(in, m, &rawlen);
		if (lint_message(l, m->mime, m->error, raw, rawlen, op->bulk,
		    &res, &e) == -1) {
			warnx("%s: %ld: %s: %s", m->source, m->msgno, e.where,
			    e.what);
			status = DELIV_EXIT_ERROR;
		}
		write_message(o, m, &res, op->minsev, op->threshold, fail);
	}
	lint_result_free(&res);
	return status;
}

int
main(int argc, char *argv[])
{
	struct opts op = { .io = { .stdin_if_empty = true } };
	struct input_opts *io = &op.io;
	struct input *in;
	struct out *o;
	struct lint *l;
	int status;
	bool fail = false;

	options(argc, argv, &op);
	l = open_lint(&op);
	cli_workers(argc - optind, argv + optind, io, &op.oo);
	if ((in = input_open(argc - optind, argv + optind, io)) == NULL)
		err(DELIV_EXIT_ERROR, "input");
	if ((o = out_open(stdout, &op.oo, cols, nitems(cols))) == NULL)
		err(DELIV_EXIT_ERROR, "output");
	sandbox("stdio rpath");
	status = lint_all(in, o, l, &op, &fail);
	cli_progress_end(io->progress);
	if (out_close(o) == -1) {
		warn("stdout");
		status = DELIV_EXIT_ERROR;
	}
	if (input_errors(in) > 0)
		status = DELIV_EXIT_ERROR;
	input_close(in);
	lint_free(l);
	if (status == DELIV_EXIT_OK && fail)
		status = DELIV_EXIT_FOUND;
	return status;
}
