/*
 * deliv-bounce-classify: one record per failed recipient in the bounces
 * read from the input; optionally a suppression list in SQLite.  See
 * deliv-bounce-classify(1).
 */
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bounce/bounce.h"
#include "bounce/record.h"
#include "bounce/suppress.h"
#include "core/cli.h"
#include "core/input.h"
#include "core/out.h"
#include "core/store.h"
#include "core/util.h"
#include "core/workers.h"
#include "mail/message.h"

enum { OPT_DB = 256, OPT_FILTER, OPT_HARD_DAYS, OPT_NOW, OPT_PHRASES,
	OPT_SOFT_LIMIT, OPT_SOFT_WINDOW, OPT_SUPPRESSED, OPT_UNSUPPRESS };

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
	{ "unsuppress",	no_argument,		NULL, OPT_UNSUPPRESS },
	WORKERS_LONGOPTS,
	{ NULL,		0,			NULL, 0 }
};

struct run {
	struct out	*out;
	struct store	*db;
	struct msg	*m;
	time_t		 now;
	int		 dberr;
	bool		 found;		/* a record of a bounce */
};

static _Noreturn void
usage(void)
{
	fprintf(stderr, "usage: deliv-bounce-classify [--json | --table] "
	    "[--db file [--hard-days n] [--soft-limit n]\n"
	    "           [--soft-window days] [--now epoch]] "
	    "[--phrases dir] [file ...]\n"
	    "       deliv-bounce-classify --db file --suppressed | --filter "
	    "[options] [file ...]\n"
	    "       deliv-bounce-classify --db file --unsuppress "
	    "address ...\n");
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
	    "(default 0: until removed)\n"
	    CLI_HELP_NOW
	    "  --phrases DIR         where the phrase lists are\n"
	    "  --soft-limit N        soft bounces that suppress "
	    "(default 3) ...\n"
	    "  --soft-window DAYS    ... within this many days (default 7)\n"
	    "  --suppressed          list the suppressed addresses "
	    "(needs --db)\n"
	    "  --unsuppress          remove the address operands from "
	    "the list (needs --db)\n"
	    CLI_HELP);
	exit(DELIV_EXIT_OK);
}

static int
emit(void *arg, const struct bounce_rcpt *r)
{
	struct run *u = arg;
	struct derr e;

	if (bounce_record_out(u->out, u->m->source, u->m->msgno, r) == -1)
		return -1;
	if (strcmp(r->kind, "none") != 0)
		u->found = true;
	if (u->db != NULL && bounce_store_record(u->db, r, u->m->source,
	    u->m->msgno, u->now, &e) == -1) {
		/* the first write error ends the run: said once */
		warnx("%s: %s", e.where, e.what);
		u->dberr = 1;
		return 2;
	}
	return 0;
}

/* --suppressed, or --filter of the lines of the operands (or stdin). */
static int
db_mode(struct run *u, bool list, int argc, char *argv[],
    const struct out_opts *oo, const struct store_policy *pol)
{
	const struct out_col *c;
	struct derr e;
	size_t n;

	/* a read-only WAL database still maps and locks its -shm file */
	sandbox("stdio rpath wpath cpath flock");
	c = list ? bounce_supp_cols(&n) : bounce_filter_cols(&n);
	if ((u->out = out_open(stdout, oo, c, n)) == NULL)
		err(DELIV_EXIT_ERROR, "out_open");
	if ((list ? bounce_list_suppressed(u->db, u->now, pol, u->out, &e) :
	    bounce_filter_files(u->db, argc, argv, u->now, pol, u->out,
	    &e)) == -1) {
		warnx("%s: %s", e.where, e.what);
		return 1;
	}
	if (bounce_stale_note(u->db, u->now, pol, &e) == -1)
		warnx("%s%s%s", e.where, *e.where ? ": " : "", e.what);
	return 0;
}

/* The integer argument of option opt, or exit 2. */
static long
num(const char *opt, double max)
{
	return (long)cli_num_arg(opt, optarg, 0, max, true);
}

struct opts {
	struct store_policy	 pol;
	struct out_opts		 oo;
	const char		*dbpath;
	const char		*phrases;
	const char		*nowarg;	/* --now, or NULL */
	bool			 filter, list, unsup;
	struct input_opts	 io;
};

static void
options(int argc, char *argv[], struct opts *o, struct run *u)
{
	struct store_policy *p = &o->pol;
	struct derr e;
	int ch;

	while ((ch = cli_getopt(argc, argv, "hj:", longopts)) != -1) {
		switch (ch) {
		case 'h':
			help();
		case OPT_DB:
			o->dbpath = optarg;
			o->io.solo = "--db";	/* -j N: one writer */
			break;
		case OPT_FILTER:
			o->filter = true;
			break;
		case OPT_HARD_DAYS:
			p->hard_days = num("--hard-days", 36500);
			break;
		case OPT_NOW:
			o->nowarg = optarg;
			break;
		case OPT_PHRASES:
			o->phrases = optarg;
			break;
		case OPT_SOFT_LIMIT:
			p->soft_limit = num("--soft-limit", 1000000);
			if (p->soft_limit == 0)
				p->soft_limit = 1;
			break;
		case OPT_SOFT_WINDOW:
			p->soft_days = num("--soft-window", 36500);
			break;
		case OPT_SUPPRESSED:
			o->list = true;
			break;
		case OPT_UNSUPPRESS:
			o->unsup = true;
			break;
		default:
			if (!cli_mail_option(ch, optarg, &o->io, &o->oo))
				usage();
		}
	}
	if ((o->filter || o->list || o->unsup) && o->dbpath == NULL) {
		warnx("--filter, --suppressed and --unsuppress need --db");
		usage();
	}
	if (o->filter + o->list + o->unsup > 1)
		usage();
	if (cli_now(o->nowarg, &u->now, &e) == -1)
		errx(DELIV_EXIT_USAGE, "%s: %s", e.where, e.what);
}

/* Every message of in, classified; 1 if one could not be read. */
static int
classify_all(struct run *u, struct bounce *b, struct input *in)
{
	struct derr e;
	int r;

	while ((r = input_next(in, &u->m, &e)) != 0) {
		if (r == -1) {
			warnx("%s: %s", e.where, e.what);
			continue;
		}
		if ((r = bounce_classify(b, u->m->mime, u->m->error, emit, u,
		    &e)) == -1)
			warnx("%s: message %ld: %s: %s", u->m->source,
			    u->m->msgno, e.where, e.what);
		else if (r == 2 && u->dberr)
			break;
	}
	return input_errors(in) > 0;
}

int
main(int argc, char *argv[])
{
	struct opts o = { .pol = { 0, 3, 7 } };
	struct input *in;
	struct bounce *b;
	struct run u;
	struct derr e;
	const struct out_col *cols;
	size_t ncols;
	int bad = 0;

	memset(&u, 0, sizeof(u));
	cli_setup(&o.oo, "msgno,recipient,kind,reason,status,diagnostic",
	    "kind,reason");
	options(argc, argv, &o, &u);
	argc -= optind;
	argv += optind;
	if (o.dbpath != NULL && (u.db = store_open(o.dbpath, o.list ||
	    o.filter ? STORE_RDONLY : 0, &e)) == NULL)
		errx(DELIV_EXIT_ERROR, "%s: %s", e.where, e.what);
	if (o.unsup) {
		if (argc == 0)
			usage();
		if ((bad = bounce_unsuppress(u.db, argc, argv, u.now, &e)))
			warnx("%s: %s", e.where, e.what);
		goto done;
	}
	if (o.list || o.filter) {
		bad = db_mode(&u, o.list, argc, argv, &o.oo, &o.pol);
		goto done;
	}

	/* GMime leaves the attached original unparsed until a forwarded
	 * bounce is walked into, and of the bounce's own header builds the
	 * Content- fields only: the rest are decoded when read */
	mail_enclosed_as_leaves();
	o.io.lean_headers = true;
	if ((b = bounce_open(o.phrases, getenv("DELIV_PHRASES"),
	    getenv("DELIV_DATA"), &e)) == NULL)
		errx(DELIV_EXIT_ERROR, "%s: %s", e.where, e.what);
	cli_workers(argc, argv, &o.io, &o.oo);
	cols = bounce_record_cols(&ncols);
	if ((in = input_open(argc, argv, &o.io)) == NULL)
		err(DELIV_EXIT_ERROR, "input");
	if ((u.out = out_open(stdout, &o.oo, cols, ncols)) == NULL)
		err(DELIV_EXIT_ERROR, "out_open");
	if (u.db != NULL && store_begin(u.db, &e) == -1)
		errx(DELIV_EXIT_ERROR, "%s: %s", e.where, e.what);
	sandbox("stdio rpath wpath cpath flock");

	bad = classify_all(&u, b, in);
	cli_progress_end(o.io.progress);
	if (u.db != NULL && !u.dberr && store_commit(u.db, &e) == -1) {
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
	return bad || u.dberr ? DELIV_EXIT_ERROR : u.found ? DELIV_EXIT_FOUND :
	    DELIV_EXIT_OK;
}
