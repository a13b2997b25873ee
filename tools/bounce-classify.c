/*
 * deliv-bounce-classify: one record per failed recipient in the bounces
 * read from the input; optionally a suppression list in SQLite.  See
 * deliv-bounce-classify(1).
 */
#include <err.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bounce/bounce.h"
#include "core/cli.h"
#include "core/input.h"
#include "core/out.h"
#include "core/store.h"
#include "core/util.h"

enum { C_SOURCE, C_MSGNO, C_MSGID, C_DATE, C_RCPT, C_ACTION, C_KIND,
	C_REASON, C_STATUS, C_SMTP, C_MTA, C_DIAG, C_MATCHED, C_ORIGID };

static const struct out_col cols[] = {
	{ "source", OUT_STR }, { "msgno", OUT_INT },
	{ "message_id", OUT_STR }, { "date", OUT_STR },
	{ "recipient", OUT_STR }, { "action", OUT_STR },
	{ "kind", OUT_STR }, { "reason", OUT_STR }, { "status", OUT_STR },
	{ "smtp_code", OUT_INT }, { "remote_mta", OUT_STR },
	{ "diagnostic", OUT_STR }, { "matched", OUT_STR },
	{ "original_message_id", OUT_STR }
};

enum { S_RCPT, S_WHY, S_REASON, S_COUNT, S_FIRST, S_LAST, S_UNTIL };

static const struct out_col supp_cols[] = {
	{ "recipient", OUT_STR }, { "why", OUT_STR }, { "reason", OUT_STR },
	{ "count", OUT_INT }, { "first", OUT_STR }, { "last", OUT_STR },
	{ "until", OUT_STR }
};

static const struct out_col filter_cols[] = { { "recipient", OUT_STR } };

enum { OPT_DB = 1, OPT_FILTER, OPT_HARD_DAYS, OPT_NOW, OPT_PHRASES,
	OPT_SOFT_LIMIT, OPT_SOFT_WINDOW, OPT_SUPPRESSED };

static const struct option longopts[] = {
	CLI_LONGOPTS,
	{ "db",		required_argument,	NULL, OPT_DB },
	{ "filter",	no_argument,		NULL, OPT_FILTER },
	{ "hard-days",	required_argument,	NULL, OPT_HARD_DAYS },
	{ "now",	required_argument,	NULL, OPT_NOW },
	{ "phrases",	required_argument,	NULL, OPT_PHRASES },
	{ "soft-limit",	required_argument,	NULL, OPT_SOFT_LIMIT },
	{ "soft-window", required_argument,	NULL, OPT_SOFT_WINDOW },
	{ "suppressed",	no_argument,		NULL, OPT_SUPPRESSED },
	{ NULL,		0,			NULL, 0 }
};

struct run {
	struct out	*out;
	struct store	*db;
	struct msg	*m;
	time_t		 now;
	int		 dberr;
};

static _Noreturn void
usage(void)
{
	fprintf(stderr, "usage: deliv-bounce-classify [--json | --table] "
	    "[--db file [--hard-days n] [--soft-limit n]\n"
	    "           [--soft-window days] [--now epoch]] "
	    "[--phrases dir] [file ...]\n"
	    "       deliv-bounce-classify --db file --suppressed | --filter "
	    "[options] [file ...]\n");
	exit(DELIV_EXIT_USAGE);
}

static _Noreturn void
help(void)
{
	printf("usage: deliv-bounce-classify [options] [file ...]\n"
	    "One record per failed recipient in bounce messages (mbox, "
	    "Maildir, files, stdin).\n"
	    "  --db FILE             record every bounce in this SQLite "
	    "suppression list\n"
	    "  --filter              read addresses, write those not "
	    "suppressed (needs --db)\n"
	    "  --hard-days N         a hard bounce suppresses N days "
	    "(0 = forever; default 7)\n"
	    "  --now EPOCH           the clock, in seconds since 1970 "
	    "(default: now)\n"
	    "  --phrases DIR         where soft.txt and hard.txt are\n"
	    "  --soft-limit N        soft bounces that suppress "
	    "(default 3) ...\n"
	    "  --soft-window DAYS    ... within this many days (default 7)\n"
	    "  --suppressed          list the suppressed addresses "
	    "(needs --db)\n"
	    CLI_HELP);
	exit(DELIV_EXIT_OK);
}

static void
put_time(struct out *o, size_t col, time_t t)
{
	char buf[32];

	if (t >= 0 && time_rfc3339(t, buf, sizeof(buf)) != NULL)
		out_str(o, col, buf);
}

static int
emit(void *arg, const struct bounce_rcpt *r)
{
	struct run *u = arg;
	struct store_event ev;
	struct derr e;

	out_str(u->out, C_SOURCE, u->m->source);
	out_int(u->out, C_MSGNO, u->m->msgno);
	out_str(u->out, C_MSGID, r->message_id);
	put_time(u->out, C_DATE, r->date);
	out_str(u->out, C_RCPT, r->recipient);
	out_str(u->out, C_ACTION, r->action);
	out_str(u->out, C_KIND, r->kind);
	out_str(u->out, C_REASON, r->reason);
	out_str(u->out, C_STATUS, r->status);
	if (r->smtp_code > 0)
		out_int(u->out, C_SMTP, r->smtp_code);
	out_str(u->out, C_MTA, r->remote_mta);
	out_str(u->out, C_DIAG, r->diagnostic);
	out_str(u->out, C_MATCHED, r->matched);
	out_str(u->out, C_ORIGID, r->original_message_id);
	if (out_end(u->out) == -1)
		return -1;
	if (u->db != NULL && r->recipient != NULL &&
	    strcmp(r->kind, "none") != 0) {
		ev.recipient = r->recipient;
		ev.ts = r->ts >= 0 ? r->ts : u->now;
		ev.kind = r->kind;
		ev.reason = r->reason;
		ev.status = r->status;
		ev.smtp_code = r->smtp_code;
		ev.source = u->m->source;
		ev.msgno = u->m->msgno;
		if (store_add(u->db, &ev, &e) == -1) {
			warnx("%s: %s", e.where, e.what);
			u->dberr = 1;
		}
	}
	return 0;
}

static int
list_one(void *arg, const struct store_supp *s)
{
	struct out *o = arg;

	out_str(o, S_RCPT, s->recipient);
	out_str(o, S_WHY, s->why);
	out_str(o, S_REASON, s->reason);
	out_int(o, S_COUNT, s->count);
	put_time(o, S_FIRST, s->first);
	put_time(o, S_LAST, s->last);
	if (s->until == -1)
		out_str(o, S_UNTIL, "forever");
	else
		put_time(o, S_UNTIL, s->until);
	return out_end(o);
}

/* --filter: addresses one a line from the operands (or stdin). */
static int
filter(struct store *db, struct out *o, int argc, char *argv[], time_t now,
    const struct store_policy *pol)
{
	FILE *fp;
	char *line = NULL, *a;
	size_t cap = 0;
	struct derr e;
	int i, r, bad = 0;

	for (i = 0; i < (argc > 0 ? argc : 1); i++) {
		if (argc == 0 || strcmp(argv[i], "-") == 0)
			fp = stdin;
		else if ((fp = fopen(argv[i], "r")) == NULL) {
			warn("%s", argv[i]);
			bad = 1;
			continue;
		}
		while (getline(&line, &cap, fp) != -1) {
			a = str_trim(line);
			if (*a == '\0' || *a == '#')
				continue;
			if ((r = store_is_suppressed(db, a, now, pol, &e)) ==
			    -1) {
				warnx("%s: %s", e.where, e.what);
				bad = 1;
				break;
			}
			if (r == 0) {
				out_str(o, 0, a);
				out_end(o);
			}
		}
		if (ferror(fp)) {
			warn("%s", argc ? argv[i] : "-");
			bad = 1;
		}
		if (fp != stdin)
			fclose(fp);
	}
	free(line);
	return bad;
}

static long
num_arg(const char *s, const char *what, long long max)
{
	const char *errstr;
	long long v;

	v = parse_num(s, 0, max, &errstr);
	if (errstr != NULL) {
		warnx("%s is %s: %s", what, errstr, s);
		usage();
	}
	return (long)v;
}

int
main(int argc, char *argv[])
{
	struct store_policy pol = { 7, 3, 7 };
	struct out_opts oo;
	struct input_opts io = { .stdin_if_empty = true };
	struct input *in;
	struct bounce *b;
	struct cli_progress *prog;
	struct run u;
	long long done, total, nmsg = 0;
	struct derr e;
	const char *dbpath = NULL, *phropt = NULL;
	char dir[PATH_MAX], ddir[PATH_MAX];
	bool do_filter = false, do_list = false;
	int ch, r, bad = 0;

	memset(&u, 0, sizeof(u));
	u.now = time(NULL);
	cli_init(&oo);
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			help();
		case OPT_DB:
			dbpath = optarg;
			break;
		case OPT_FILTER:
			do_filter = true;
			break;
		case OPT_HARD_DAYS:
			pol.hard_days = num_arg(optarg, "--hard-days", 36500);
			break;
		case OPT_NOW:
			u.now = (time_t)num_arg(optarg, "--now", LLONG_MAX / 2);
			break;
		case OPT_PHRASES:
			phropt = optarg;
			break;
		case OPT_SOFT_LIMIT:
			pol.soft_limit = num_arg(optarg, "--soft-limit", 1000000);
			if (pol.soft_limit == 0)
				pol.soft_limit = 1;
			break;
		case OPT_SOFT_WINDOW:
			pol.soft_days = num_arg(optarg, "--soft-window", 36500);
			break;
		case OPT_SUPPRESSED:
			do_list = true;
			break;
		default:
			if (!cli_common(ch, optarg, &oo))
				usage();
		}
	}
	argc -= optind;
	argv += optind;
	if ((do_filter || do_list) && dbpath == NULL) {
		warnx("--filter and --suppressed need --db");
		usage();
	}
	if (do_filter && do_list)
		usage();

	if (dbpath != NULL && (u.db = store_open(dbpath, &e)) == NULL)
		errx(DELIV_EXIT_ERROR, "%s: %s", e.where, e.what);
	if (do_list || do_filter) {
		sandbox("stdio rpath wpath cpath flock");
		if (do_list) {
			u.out = out_open(stdout, &oo, supp_cols,
			    nitems(supp_cols));
			if (u.out == NULL)
				err(DELIV_EXIT_ERROR, "out_open");
			if (store_suppressed(u.db, u.now, &pol, list_one, u.out,
			    &e) == -1) {
				warnx("%s: %s", e.where, e.what);
				bad = 1;
			}
		} else {
			u.out = out_open(stdout, &oo, filter_cols,
			    nitems(filter_cols));
			if (u.out == NULL)
				err(DELIV_EXIT_ERROR, "out_open");
			bad = filter(u.db, u.out, argc, argv, u.now, &pol);
		}
		goto done;
	}

	if (find_data_dir(phropt, getenv("DELIV_PHRASES"),
	    DELIV_DATADIR "/phrases", "phrases", dir, sizeof(dir)) == -1)
		errx(DELIV_EXIT_ERROR, "%s: no phrases directory",
		    phropt ? phropt : "phrases");
	if (find_data_dir(NULL, getenv("DELIV_DATA"), DELIV_DATADIR "/data",
	    "data", ddir, sizeof(ddir)) == -1)
		errx(DELIV_EXIT_ERROR, "data: no data directory (set DELIV_DATA)");
	if ((b = bounce_new(dir, ddir, &e)) == NULL)
		errx(DELIV_EXIT_ERROR, "%s: %s", e.where, e.what);
	if ((in = input_open(argc, argv, &io)) == NULL)
		err(DELIV_EXIT_ERROR, "input");
	if ((u.out = out_open(stdout, &oo, cols, nitems(cols))) == NULL)
		err(DELIV_EXIT_ERROR, "out_open");
	if (u.db != NULL && store_begin(u.db, &e) == -1)
		errx(DELIV_EXIT_ERROR, "%s: %s", e.where, e.what);
	sandbox("stdio rpath wpath cpath flock");

	prog = cli_progress_start(&oo, "messages");
	while ((r = input_next(in, &u.m, &e)) != 0) {
		if (r == -1) {
			warnx("%s: %s", e.where, e.what);
			continue;
		}
		if (bounce_classify(b, u.m->mime, u.m->error, emit, &u, &e) ==
		    -1)
			warnx("%s: message %ld: %s: %s", u.m->source,
			    u.m->msgno, e.where, e.what);
		if (prog != NULL) {
			input_position(in, &done, &total);
			cli_progress_tick(prog, ++nmsg, done, total);
		}
	}
	cli_progress_end(prog);
	if (input_errors(in) > 0)
		bad = 1;
	if (u.db != NULL && store_commit(u.db, &e) == -1) {
		warnx("%s: %s", e.where, e.what);
		bad = 1;
	}
	input_close(in);
	bounce_free(b);
done:
	if (out_close(u.out) == -1) {
		warn("stdout");
		bad = 1;
	}
	if (store_close(u.db, &e) == -1) {
		warnx("%s: %s", e.where, e.what);
		bad = 1;
	}
	if (u.dberr)
		bad = 1;
	return bad ? DELIV_EXIT_ERROR : DELIV_EXIT_OK;
}
