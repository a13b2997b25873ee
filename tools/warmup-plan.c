/*
 * deliv-warmup-plan: a day-by-day warm-up schedule per mailbox provider
 * for a new IP or domain, adapted to the results bounce-classify reports.
 * See deliv-warmup-plan(1).
 */
#include <err.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cli.h"
#include "core/util.h"
#include "warmup/calendar.h"
#include "warmup/draw.h"
#include "warmup/provider.h"
#include "warmup/record.h"
#include "warmup/results.h"
#include "warmup/rules.h"
#include "warmup/warmup.h"

enum {
	OPT_CAP = 256, OPT_CHART, OPT_DAILY, OPT_DAYS, OPT_DB, OPT_ICS, OPT_IPS,
	OPT_MIGRATE, OPT_MIX, OPT_MIX_FROM, OPT_MONTHLY, OPT_NOW, OPT_PACE,
	OPT_RESULTS, OPT_RULES, OPT_START, OPT_SVG, OPT_WEEKDAYS_ONLY
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
	{ "now",	required_argument,	NULL, OPT_NOW },
	{ "pace",	required_argument,	NULL, OPT_PACE },
	{ "results",	required_argument,	NULL, OPT_RESULTS },
	{ "rules",	required_argument,	NULL, OPT_RULES },
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
	"           [--results FILE | -] [--db FILE] [--rules FILE]" \
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
	    "  --rules FILE          adaptation rules instead of the shipped "
	    "warmup-rules.tsv\n"
	    "  --chart               draw a bar chart instead of records\n"
	    "  --svg FILE            write the chart as SVG to FILE\n"
	    "  --ics FILE            write the days as calendar events to "
	    "FILE\n", stdout);
	fputs(CLI_HELP_NOW CLI_HELP, stdout);
	exit(fflush(stdout) == 0 ? DELIV_EXIT_OK : DELIV_EXIT_ERROR);
}

/* The options. */
struct ctx {
	struct warm_opts	 wo;
	struct out_opts		 oo;
	const char		*mix, *mixfrom, *results, *db, *rules;
	const char		*svgpath, *icspath, *start, *nowarg;
	bool			 chart;
};

/* The integer argument of option opt, or a usage error. */
static long long
num(const char *opt, long long min, long long max)
{
	struct derr e;
	double v;

	if (cli_num(opt, optarg, (double)min, (double)max, true, &v, &e) == -1)
		misuse("%s: %s", e.where, e.what);
	return (long long)v;
}

static void
options(struct ctx *c, int argc, char *argv[])
{
	struct derr e;
	char why[128];
	int ch;

	cli_setup(&c->oo, "day,date,provider,volume,state,note", NULL);
	c->wo.ips = 1;
	c->wo.pace = WARM_STANDARD;
	while ((ch = cli_getopt(argc, argv, "h", longopts)) != -1) {
		switch (ch) {
		case 'h':		help();
		case OPT_CHART:		c->chart = true; break;
		case OPT_DB:		c->db = optarg; break;
		case OPT_ICS:		c->icspath = optarg; break;
		case OPT_MIGRATE:	c->wo.migrate = true; break;
		case OPT_MIX:		c->mix = optarg; break;
		case OPT_MIX_FROM:	c->mixfrom = optarg; break;
		case OPT_NOW:		c->nowarg = optarg; break;
		case OPT_RESULTS:	c->results = optarg; break;
		case OPT_RULES:		c->rules = optarg; break;
		case OPT_START:		c->start = optarg; break;
		case OPT_SVG:		c->svgpath = optarg; break;
		case OPT_WEEKDAYS_ONLY:	c->wo.weekdays_only = true; break;
		case OPT_CAP:
			if (warm_caps_parse(&c->wo.caps, optarg, &e) == -1)
				misuse("%s: %s", e.where, e.what);
			break;
		case OPT_DAILY:
			c->wo.daily = num("--daily", 1, 1000000000000LL);
			break;
		case OPT_DAYS:
			c->wo.days = (int)num("--days", 1, WARM_MAXDAYS);
			break;
		case OPT_IPS:
			c->wo.ips = num("--ips", 1, 1000);
			break;
		case OPT_MONTHLY:
			c->wo.monthly = num("--monthly", 1, 30000000000000LL);
			break;
		case OPT_PACE:
			if (strcmp(optarg, "conservative") == 0)
				c->wo.pace = WARM_CONSERVATIVE;
			else if (strcmp(optarg, "standard") == 0)
				c->wo.pace = WARM_STANDARD;
			else if (strcmp(optarg, "aggressive") == 0)
				c->wo.pace = WARM_AGGRESSIVE;
			else
				misuse("--pace: %s: not conservative, standard "
				    "or aggressive", optarg);
			break;
		default:
			if (!cli_common(ch, optarg, &c->oo))
				usage();
		}
	}
	if (argc > optind)
		misuse("%s: no operands; results go to --results", argv[optind]);
	if ((c->wo.monthly > 0) == (c->wo.daily > 0))
		misuse("give one target: --monthly N or --daily N");
	if (c->mix != NULL && c->mixfrom != NULL)
		misuse("--mix and --mix-from: give one");
	if (c->mixfrom != NULL && c->results != NULL &&
	    strcmp(c->mixfrom, "-") == 0 && strcmp(c->results, "-") == 0)
		misuse("--mix-from - and --results -: only one can be stdin");
	if (c->wo.days > 0 && c->wo.pace != WARM_STANDARD)
		misuse("--days and --pace: give one");
	if (c->start != NULL && warm_parse_date(c->start, &c->wo.start, why,
	    sizeof(why)) == -1)
		misuse("--start: %s: %s", c->start, why);
	if (c->mix != NULL && warm_mix_parse(&c->wo.mix, c->mix, &e) == -1)
		misuse("%s: %s", e.where, e.what);
}

int
main(int argc, char *argv[])
{
	struct ctx c = { 0 };
	struct derr e;
	struct prov_table *pt = NULL;
	struct warm_results *res = NULL;
	struct warm_rules *rules = NULL;
	struct warm_plan *pl;
	struct out *out;
	FILE *rfp, *mfp, *svg, *ics;
	char ppath[PATH_MAX + 32], rpath[PATH_MAX + 32];
	time_t now;
	long skipped;
	int rc = DELIV_EXIT_OK;
	bool adapt;

	options(&c, argc, argv);
	if (cli_now(c.nowarg, &now, &e) == -1)
		misuse("%s: %s", e.where, e.what);
	adapt = c.results != NULL || c.db != NULL;

	/* Acquire: the tables, results, database, output files. */
	if ((adapt || c.mixfrom != NULL) && (cli_data_file(NULL,
	    "providers.tsv", ppath, sizeof(ppath)) == -1 || (adapt &&
	    c.rules == NULL && cli_data_file(NULL, "warmup-rules.tsv", rpath,
	    sizeof(rpath)) == -1)))
		errx(DELIV_EXIT_ERROR, "data: no data directory (set "
		    "DELIV_DATA)");
	if ((adapt || c.mixfrom != NULL) && (pt = prov_load(ppath, &e)) == NULL)
		errx(DELIV_EXIT_ERROR, "%s: %s", e.where, e.what);
	if ((adapt || c.rules != NULL) && (rules = warm_rules_load(c.rules !=
	    NULL ? c.rules : rpath, &e)) == NULL)
		errx(DELIV_EXIT_ERROR, "%s: %s", e.where, e.what);
	mfp = cli_open(c.mixfrom, "r");
	rfp = cli_open(c.results, "r");
	if (adapt && (res = warm_results_new()) == NULL)
		err(DELIV_EXIT_ERROR, "results");
	if (c.db != NULL && warm_results_read_db(res, c.db, pt, &e) == -1)
		errx(DELIV_EXIT_ERROR, "%s: %s", e.where, e.what);
	svg = cli_open(c.svgpath, "w");
	ics = cli_open(c.icspath, "w");
	sandbox("stdio");

	if (mfp != NULL && warm_results_mix_from(mfp, c.mixfrom, pt, &c.wo.mix,
	    &e) == -1)
		errx(DELIV_EXIT_ERROR, "%s: %s", e.where, e.what);
	cli_close(mfp, c.mixfrom);
	if (rfp != NULL && (skipped = warm_results_read(res, rfp, c.results,
	    pt, &e)) == -1)
		errx(DELIV_EXIT_ERROR, "%s: %s", e.where, e.what);
	if (rfp != NULL && skipped > 0)
		warnx("%s: %ld records without a usable date or provider "
		    "skipped", c.results, skipped);
	cli_close(rfp, c.results);
	if (c.start == NULL)
		c.wo.start = warm_time_of(res != NULL &&
		    warm_results_first_day(res) >= 0 ?
		    warm_results_first_day(res) : warm_day_of(now));
	c.wo.results = res;
	c.wo.rules = rules;
	if ((pl = warm_plan_new(&c.wo, &e)) == NULL)
		misuse("%s: %s", e.where, e.what);
	if (warm_plan_unused(pl) > 0)
		warnx("%ld provider days of results fall before --start or "
		    "on days without sending: not used", warm_plan_unused(pl));

	/* a write error is said (errno: "No space left on device"), exit 2 */
	if (c.chart ? warm_chart(pl, stdout, 60) == -1 || fflush(stdout) ==
	    EOF : (out = warm_record_open(stdout, &c.oo)) == NULL ||
	    (warm_record_write(out, pl) == -1) + (out_close(out) == -1)) {
		warn("stdout");
		rc = DELIV_EXIT_ERROR;
	}
	/* the drawings' write errors stay in ferror(), which cli_close says */
	if (svg != NULL && (warm_svg(pl, svg), cli_close(svg, c.svgpath)) ==
	    -1)
		rc = DELIV_EXIT_ERROR;
	if (ics != NULL && (warm_ics(pl, ics, c.wo.start), cli_close(ics,
	    c.icspath)) == -1)
		rc = DELIV_EXIT_ERROR;
	if (rc == DELIV_EXIT_OK && warm_plan_stopped(pl))
		rc = DELIV_EXIT_FOUND;
	warm_plan_free(pl);
	warm_results_free(res);
	warm_rules_free(rules);
	prov_free(pt);
	return rc;
}
