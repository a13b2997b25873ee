/*
 * deliv-warmup-plan: a day-by-day warm-up schedule per mailbox provider
 * for a new IP or domain, adapted to the results bounce-classify reports.
 * See deliv-warmup-plan(1).
 */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/cli.h"
#include "core/deliv.h"
#include "core/out.h"
#include "core/util.h"
#include "warmup/calendar.h"
#include "warmup/draw.h"
#include "warmup/provider.h"
#include "warmup/results.h"
#include "warmup/warmup.h"

enum { C_DAY, C_DATE, C_PROVIDER, C_VOLUME, C_CUMULATIVE, C_SHARE,
    C_STATE, C_NOTE };

static const struct out_col cols[] = {
	{ "day", OUT_INT },
	{ "date", OUT_STR },
	{ "provider", OUT_STR },
	{ "volume", OUT_INT },
	{ "cumulative", OUT_INT },
	{ "share", OUT_NUM },
	{ "state", OUT_STR },
	{ "note", OUT_STR },
};

enum {
	OPT_CAP = 256, OPT_CHART, OPT_DAILY, OPT_DAYS, OPT_DB, OPT_ICS, OPT_IPS,
	OPT_MIGRATE, OPT_MIX, OPT_MIX_FROM, OPT_MONTHLY, OPT_PACE,
	OPT_RESULTS, OPT_START, OPT_SVG, OPT_WEEKDAYS_ONLY
};

static const struct option longopts[] = {
	{ "cap",	required_argument,	NULL, OPT_CAP },
	{ "chart",	no_argument,		NULL, OPT_CHART },
	CLI_LONGOPTS,
	{ "daily",	required_argument,	NULL, OPT_DAILY },
	{ "days",	required_argument,	NULL, OPT_DAYS },
	{ "db",		required_argument,	NULL, OPT_DB },
	{ "ics",	required_argument,	NULL, OPT_ICS },
	{ "ips",	required_argument,	NULL, OPT_IPS },
	{ "migrate",	no_argument,		NULL, OPT_MIGRATE },
	{ "mix",	required_argument,	NULL, OPT_MIX },
	{ "mix-from",	required_argument,	NULL, OPT_MIX_FROM },
	{ "monthly",	required_argument,	NULL, OPT_MONTHLY },
	{ "pace",	required_argument,	NULL, OPT_PACE },
	{ "results",	required_argument,	NULL, OPT_RESULTS },
	{ "start",	required_argument,	NULL, OPT_START },
	{ "svg",	required_argument,	NULL, OPT_SVG },
	{ "weekdays-only", no_argument,		NULL, OPT_WEEKDAYS_ONLY },
	{ NULL,		0,			NULL, 0 }
};

#define SYNOPSIS \
	"usage: deliv-warmup-plan --monthly N | --daily N [--start DATE] " \
	"[--ips N]\n" \
	"           [--mix P=PCT,... | --mix-from FILE] [--days N | " \
	"--pace PACE]\n" \
	"           [--cap P=N,...] [--weekdays-only] [--migrate]\n" \
	"           [--results FILE | -] [--db FILE]" \
	" [--chart] [--svg FILE] [--ics FILE]\n"

static _Noreturn void
usage(void)
{
	fputs(SYNOPSIS, stderr);
	exit(DELIV_EXIT_USAGE);
}

/* A usage error: "deliv-warmup-plan: what", then the synopsis; exit 2. */
static _Noreturn void __attribute__((format(printf, 1, 2)))
misuse(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
	usage();
}

static _Noreturn void
help(void)
{
	fputs(SYNOPSIS, stdout);
	fputs("\nA day-by-day warm-up volume per mailbox provider, adapted "
	    "to results.\n\n"
	    "  --monthly N           target: N messages a month (N/30 a day)\n"
	    "  --daily N             target: N messages a day\n"
	    "  --start DATE          first day, YYYY-MM-DD (default: today, "
	    "or the first result)\n"
	    "  --ips N               new IPs sharing the volume (default 1)\n"
	    "  --mix P=PCT,...       provider shares (default gmail=40,"
	    "microsoft=25,\n"
	    "                        yahoo=15,apple=10,other=10)\n"
	    "  --mix-from FILE       shares counted from recipient addresses\n"
	    "  --days N              reach the target on day N (geometric)\n"
	    "  --pace PACE           conservative, standard (default), "
	    "aggressive\n"
	    "  --cap P=N,...         at most N a day to provider P\n"
	    "  --weekdays-only       send Monday to Friday only\n"
	    "  --migrate             also give the old path's share per day\n"
	    "  --results FILE        adapt to results: bounce-classify "
	    "records or\n"
	    "                        date/provider/sent/... TSV (- for stdin)\n"
	    "  --db FILE             adapt to a bounce-classify --db database\n"
	    "  --chart               draw a bar chart instead of records\n"
	    "  --svg FILE            write the chart as SVG to FILE\n"
	    "  --ics FILE            write the days as calendar events to "
	    "FILE\n", stdout);
	fputs(CLI_HELP, stdout);
	exit(fflush(stdout) == 0 ? DELIV_EXIT_OK : DELIV_EXIT_ERROR);
}

static long long
num_arg(const char *opt, const char *s, long long min, long long max)
{
	const char *errstr;
	long long v;

	v = parse_num(s, min, max, &errstr);
	if (errstr != NULL)
		misuse("%s: %s: %s", opt, s, errstr);
	return v;
}

static FILE *
open_out(const char *path)
{
	FILE *fp;

	if (path == NULL)
		return NULL;
	if ((fp = fopen(path, "w")) == NULL)
		err(DELIV_EXIT_ERROR, "%s", path);
	return fp;
}

static int
close_out(FILE *fp, const char *path)
{
	if (fp == NULL)
		return 0;
	if (fflush(fp) == EOF || ferror(fp)) {
		warn("%s", path);
		fclose(fp);
		return -1;
	}
	if (fclose(fp) == EOF) {
		warn("%s", path);
		return -1;
	}
	return 0;
}

static void
write_rows(struct out *out, const struct warm_plan *pl)
{
	const struct warm_row *r;
	char date[16];
	struct tm tm;
	size_t i;

	for (i = 0; i < warm_plan_nrows(pl); i++) {
		r = warm_plan_row(pl, i);
		gmtime_r(&r->date, &tm);
		strftime(date, sizeof(date), "%Y-%m-%d", &tm);
		out_int(out, C_DAY, r->day);
		out_str(out, C_DATE, date);
		out_str(out, C_PROVIDER, r->provider);
		out_int(out, C_VOLUME, r->volume);
		out_int(out, C_CUMULATIVE, r->cumulative);
		out_num(out, C_SHARE, r->share);
		out_str(out, C_STATE, r->state);
		out_str(out, C_NOTE, r->note);
		out_end(out);
	}
}

int
main(int argc, char *argv[])
{
	struct warm_opts wo;
	struct out_opts oo;
	struct derr e;
	struct out *out = NULL;
	struct warm_plan *pl;
	struct prov_table *pt = NULL;
	struct warm_results *res = NULL;
	FILE *rfp = NULL, *mfp = NULL, *svg = NULL, *ics = NULL;
	const char *mix = NULL, *mixfrom = NULL, *results = NULL, *db = NULL;
	const char *svgpath = NULL, *icspath = NULL, *start = NULL;
	char dir[PATH_MAX], path[PATH_MAX + 32];
	bool chart = false;
	long skipped;
	int ch, rc = DELIV_EXIT_OK;

	cli_init(&oo);
	memset(&wo, 0, sizeof(wo));
	wo.ips = 1;
	wo.pace = WARM_STANDARD;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			help();
		case OPT_CAP:
			if (warm_caps_parse(&wo.caps, optarg, &e) == -1)
				misuse("%s: %s", e.where, e.what);
			break;
		case OPT_CHART:
			chart = true;
			break;
		case OPT_DAILY:
			wo.daily = num_arg("--daily", optarg, 1,
			    1000000000000LL);
			break;
		case OPT_DAYS:
			wo.days = (int)num_arg("--days", optarg, 1,
			    WARM_MAXDAYS);
			break;
		case OPT_DB:
			db = optarg;
			break;
		case OPT_ICS:
			icspath = optarg;
			break;
		case OPT_IPS:
			wo.ips = num_arg("--ips", optarg, 1, 1000);
			break;
		case OPT_MIGRATE:
			wo.migrate = true;
			break;
		case OPT_MIX:
			mix = optarg;
			break;
		case OPT_MIX_FROM:
			mixfrom = optarg;
			break;
		case OPT_MONTHLY:
			wo.monthly = num_arg("--monthly", optarg, 1,
			    30000000000000LL);
			break;
		case OPT_PACE:
			if (strcmp(optarg, "conservative") == 0)
				wo.pace = WARM_CONSERVATIVE;
			else if (strcmp(optarg, "standard") == 0)
				wo.pace = WARM_STANDARD;
			else if (strcmp(optarg, "aggressive") == 0)
				wo.pace = WARM_AGGRESSIVE;
			else
				misuse("--pace: %s: not conservative, standard "
				    "or aggressive", optarg);
			break;
		case OPT_RESULTS:
			results = optarg;
			break;
		case OPT_START:
			start = optarg;
			break;
		case OPT_SVG:
			svgpath = optarg;
			break;
		case OPT_WEEKDAYS_ONLY:
			wo.weekdays_only = true;
			break;
		default:
			if (!cli_common(ch, optarg, &oo))
				usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 0)
		misuse("%s: no operands; results go to --results", argv[0]);
	if ((wo.monthly > 0) == (wo.daily > 0))
		misuse("give one target: --monthly N or --daily N");
	if (mix != NULL && mixfrom != NULL)
		misuse("--mix and --mix-from: give one");
	if (mixfrom != NULL && results != NULL && strcmp(mixfrom, "-") == 0 &&
	    strcmp(results, "-") == 0)
		misuse("--mix-from - and --results -: only one can be stdin");
	if (wo.days > 0 && wo.pace != WARM_STANDARD)
		misuse("--days and --pace: give one");
	if (start != NULL && time_parse_ymd(start, &wo.start) == -1)
		misuse("--start: %s: not a date YYYY-MM-DD", start);
	if (mix != NULL && warm_mix_parse(&wo.mix, mix, &e) == -1)
		misuse("%s: %s", e.where, e.what);

	/* Acquire: the provider table, results, database, output files. */
	if (mixfrom != NULL || results != NULL || db != NULL) {
		if (find_data_dir(NULL, getenv("DELIV_DATA"), DELIV_DATADIR
		    "/data", "data", dir, sizeof(dir)) == -1)
			errx(DELIV_EXIT_ERROR, "data: no data directory "
			    "(set DELIV_DATA)");
		snprintf(path, sizeof(path), "%s/providers.tsv", dir);
		if ((pt = prov_load(path, &e)) == NULL)
			errx(DELIV_EXIT_ERROR, "%s: %s", e.where, e.what);
	}
	if (mixfrom != NULL && (mfp = strcmp(mixfrom, "-") == 0 ? stdin :
	    fopen(mixfrom, "r")) == NULL)
		err(DELIV_EXIT_ERROR, "%s", mixfrom);
	if (results != NULL && (rfp = strcmp(results, "-") == 0 ? stdin :
	    fopen(results, "r")) == NULL)
		err(DELIV_EXIT_ERROR, "%s", results);
	if ((results != NULL || db != NULL) && (res = warm_results_new()) == NULL)
		err(DELIV_EXIT_ERROR, "results");
	if (db != NULL && (skipped = warm_results_read_db(res, db, pt, &e)) == -1)
		errx(DELIV_EXIT_ERROR, "%s: %s", e.where, e.what);
	svg = open_out(svgpath);
	ics = open_out(icspath);
	sandbox("stdio");

	if (mfp != NULL) {
		memset(&wo.mix, 0, sizeof(wo.mix));
		if (warm_results_count_recipients(mfp, mixfrom, pt, &wo.mix, &e) < 0)
			errx(DELIV_EXIT_ERROR, "%s: %s", e.where, e.what);
		if (mfp != stdin)
			fclose(mfp);
		warm_mix_sort(&wo.mix);
		if (wo.mix.n == 0)
			errx(DELIV_EXIT_ERROR, "%s: no recipient addresses",
			    mixfrom);
	}
	if (rfp != NULL) {
		if ((skipped = warm_results_read(res, rfp, results, pt, &e)) == -1)
			errx(DELIV_EXIT_ERROR, "%s: %s", e.where, e.what);
		if (skipped > 0)
			warnx("%s: %ld records without a usable date or "
			    "provider skipped", results, skipped);
		if (rfp != stdin)
			fclose(rfp);
	}
	if (start == NULL) {
		if (res != NULL && warm_results_first_day(res) >= 0)
			wo.start = warm_time_of(warm_results_first_day(res));
		else
			wo.start = warm_time_of(warm_day_of(time(NULL)));
	}
	wo.results = res;
	if ((pl = warm_plan_new(&wo, &e)) == NULL)
		misuse("%s: %s", e.where, e.what);
	if (warm_plan_unused(pl) > 0)
		warnx("%ld provider days of results fall before --start or "
		    "on days without sending: not used", warm_plan_unused(pl));

	if (chart) {
		if (warm_chart(pl, stdout, 60) == -1 || fflush(stdout) == EOF)
			rc = DELIV_EXIT_ERROR;
	} else {
		if ((out = out_open(stdout, &oo, cols, nitems(cols))) == NULL)
			err(DELIV_EXIT_ERROR, "out");
		write_rows(out, pl);
		if (out_close(out) == -1)
			rc = DELIV_EXIT_ERROR;
	}
	if (svg != NULL && (warm_svg(pl, svg) == -1 ||
	    close_out(svg, svgpath) == -1))
		rc = DELIV_EXIT_ERROR;
	if (ics != NULL && (warm_ics(pl, ics, wo.start) == -1 ||
	    close_out(ics, icspath) == -1))
		rc = DELIV_EXIT_ERROR;
	if (rc == DELIV_EXIT_OK && warm_plan_stopped(pl))
		rc = DELIV_EXIT_FOUND;
	warm_plan_free(pl);
	warm_results_free(res);
	prov_free(pt);
	return rc;
}
