/*
 * Command-line plumbing shared by the tools.  See core/cli.h.
 */
#include <sys/ioctl.h>

#include <err.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/cli.h"
#include "core/deliv.h"
#include "core/util.h"

const char *
cli_progname(void)
{
	return program_invocation_short_name;
}

/* out_open's hook: -o named no column of the schema. */
static _Noreturn void
bad_column(const char *name, const struct out_col *cols, size_t ncols)
{
	size_t c;

	fprintf(stderr, "%s: -o: no such column: %s (columns:",
	    cli_progname(), name);
	for (c = 0; c < ncols; c++)
		fprintf(stderr, "%s%s", c ? ", " : " ", cols[c].name);
	fputs(")\n", stderr);
	exit(DELIV_EXIT_USAGE);
}

/* out_close's hook: the tally line. */
static void
tally_line(const char *line)
{
	fprintf(stderr, "%s: %s\n", cli_progname(), line);
}

/* The width of tables: $COLUMNS, else the terminal's, else 80. */
static int
table_width(void)
{
	struct winsize ws;
	const char *c = getenv("COLUMNS"), *errstr;
	long long v;

	if (c != NULL && *c != '\0') {
		v = parse_num(c, 10, 100000, &errstr);
		if (errstr == NULL)
			return (int)v;
	}
	if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 10)
		return ws.ws_col;
	if (ioctl(2, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 10)
		return ws.ws_col;
	return 80;
}

/*
 * SIGPIPE: when standard output is a pipe whose reader has gone (as
 * "| head" does), stop quietly with 0, as the contract says; a SIGPIPE
 * from anything else (a DNS socket) only makes that write fail.
 */
static void
on_sigpipe(int sig)
{
	struct pollfd p = { .fd = 1, .events = POLLOUT };

	(void)sig;
	if (poll(&p, 1, 0) == 1 && (p.revents & POLLERR))
		_exit(DELIV_EXIT_OK);
}

void
cli_init(struct out_opts *o)
{
	const char *nc, *ci;
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigpipe;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGPIPE, &sa, NULL);

	if (out_opts_init(o, getenv("DELIV_FORMAT")) == -1)
		errx(DELIV_EXIT_USAGE, "DELIV_FORMAT: %s: not tsv, json or table",
		    getenv("DELIV_FORMAT"));
	nc = getenv("NO_COLOR");
	o->no_color_env = nc != NULL && *nc != '\0';
	o->width = table_width();
	o->bad_column = bad_column;
	ci = getenv("CI");
	if (isatty(2) && (ci == NULL || *ci == '\0'))
		o->tally_line = tally_line;
}

void
cli_setup(struct out_opts *o, const char *table_cols, const char *tally)
{
	cli_init(o);
	o->table_cols = table_cols;
	o->tally = tally;
}

/* Edits from a to b: insert, delete, change, swap two neighbours. */
static size_t
edits(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, d[3][65], v;

	if (la > 64 || lb > 64)
		return SIZE_MAX;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		size_t *cur = d[i % 3], *prev = d[(i - 1) % 3],
		    *pp = d[(i + 1) % 3];

		cur[0] = i;
		for (j = 1; j <= lb; j++) {
			v = prev[j - 1] + (a[i - 1] != b[j - 1]);
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && pp[j - 2] + 1 < v)
				v = pp[j - 2] + 1;
			cur[j] = v;
		}
	}
	return d[la % 3][lb];
}

int
cli_nearest(const char *word, const char *const *names, size_t n)
{
	size_t i, d, best = SIZE_MAX, len = strlen(word);
	int at = -1;

	for (i = 0; i < n; i++)
		if ((d = edits(word, names[i])) < best) {
			best = d;
			at = (int)i;
		}
	if (at == -1 || best > 2 || best >= len)
		return -1;
	return at;
}

/* After getopt's "unrecognized option '--tabel'": the nearest option. */
static void
suggest(const char *arg, const struct option *lo)
{
	const char *names[128];
	char word[65];
	size_t n;
	int i;

	if (arg == NULL || strncmp(arg, "--", 2) != 0)
		return;
	snprintf(word, sizeof(word), "%.*s", (int)strcspn(arg + 2, "="),
	    arg + 2);
	for (n = 0; lo[n].name != NULL && n < nitems(names); n++) {
		if (strncmp(lo[n].name, word, strlen(word)) == 0)
			return;		/* ambiguous, not unknown */
		names[n] = lo[n].name;
	}
	if ((i = cli_nearest(word, names, n)) != -1)
		fprintf(stderr, "%s: did you mean --%s?\n", cli_progname(),
		    names[i]);
}

int
cli_getopt(int argc, char *argv[], const char *optstring,
    const struct option *longopts)
{
	char os[128];
	int ch;

	snprintf(os, sizeof(os), "%so:", optstring);
	ch = getopt_long(argc, argv, os, longopts, NULL);
	if (ch == '?' && optopt == 0 && optind > 0 && optind <= argc)
		suggest(argv[optind - 1], longopts);
	return ch;
}

struct cli_progress *
cli_input_start(const struct out_opts *o, const char *unit, int nfiles)
{
	if (nfiles == 0 && isatty(0))
		fprintf(stderr, "%s: reading from standard input "
		    "(Ctrl-D to end)\n", cli_progname());
	return cli_progress_start(o, unit);
}

_Noreturn void
cli_version(void)
{
	printf("%s %s\n", cli_progname(), DELIV_VERSION);
	exit(fflush(stdout) == 0 && !ferror(stdout) ? DELIV_EXIT_OK :
	    DELIV_EXIT_ERROR);
}

int
cli_common(int ch, const char *arg, struct out_opts *o)
{
	static const char *const colors[] = { [OUT_COLOR_AUTO] = "auto",
	    [OUT_COLOR_ALWAYS] = "always", [OUT_COLOR_NEVER] = "never" };
	int i;

	switch (ch) {
	case CLI_OPT_COLOR:
		if ((i = str_index(arg, colors, nitems(colors))) == -1)
			errx(DELIV_EXIT_USAGE,
			    "--color: %s: not auto, always or never", arg);
		o->color = (enum out_color)i;
		return 1;
	case CLI_OPT_JSON:
	case CLI_OPT_TSV:
		o->format = ch == CLI_OPT_JSON ? OUT_JSON : OUT_TSV;
		return 1;
	case CLI_OPT_NO_HEADER:
		o->header = false;
		return 1;
	case CLI_OPT_NO_PROGRESS:
	case CLI_OPT_PROGRESS:
		o->progress = ch == CLI_OPT_PROGRESS;
		return 1;
	case CLI_OPT_SUMMARY:
		o->summary = 1;
		return 1;
	case CLI_OPT_TABLE:
		if (arg == NULL)
			o->format = OUT_TABLE;
		else if (strcmp(arg, "long") == 0)
			o->format = OUT_TABLE_LONG;
		else
			errx(DELIV_EXIT_USAGE, "--table: %s: not long", arg);
		return 1;
	case 'o':
		o->columns = arg;
		return 1;
	case CLI_OPT_VERSION:
		cli_version();
	default:
		return 0;
	}
}

struct cli_progress {
	const char	*unit;
	double		 delay;		/* before the first line, seconds */
	double		 start;
	double		 last;
	bool		 shown;
};

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct cli_progress *
cli_progress_start(const struct out_opts *o, const char *unit)
{
	struct cli_progress *p;
	const char *ci = getenv("CI");

	if (o->progress == 0 || (o->progress == -1 && (!isatty(2) ||
	    (ci != NULL && *ci != '\0'))))
		return NULL;
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	p->unit = unit;
	/* DELIV_PROGRESS_DELAY=0 shows every tick (for the tests). */
	p->delay = getenv("DELIV_PROGRESS_DELAY") != NULL ?
	    atof(getenv("DELIV_PROGRESS_DELAY")) : 1.0;
	p->start = p->last = now_s();
	return p;
}

void
cli_progress_tick(struct cli_progress *p, long long items, long long done,
    long long total)
{
	double t, el, rate;
	long long eta;

	if (p == NULL)
		return;
	t = now_s();
	el = t - p->start;
	if (el < p->delay || (p->delay > 0 && t - p->last < 0.25))
		return;
	p->last = t;
	p->shown = true;
	rate = el > 0 ? (double)items / el : 0;
	fprintf(stderr, "\r%s: %lld %s, %.0f/s", cli_progname(),
	    items, p->unit, rate);
	if (total > 0 && done > 0 && done <= total) {
		eta = (long long)(el * (double)(total - done) / (double)done);
		fprintf(stderr, ", %.0f%%, ETA %lld:%02lld",
		    100.0 * (double)done / (double)total, eta / 60, eta % 60);
	}
	fputs("\033[K", stderr);
	fflush(stderr);
}

void
cli_progress_end(struct cli_progress *p)
{
	if (p == NULL)
		return;
	if (p->shown)
		fputs("\r\033[K", stderr);
	free(p);
}

/* Write a bound of cli_num's range as the user would type it. */
static void
fmt_bound(char *buf, size_t len, double v, bool integer)
{
	if (integer)
		snprintf(buf, len, "%.0f", v);
	else
		snprintf(buf, len, "%.15g", v);
}

double
cli_num_arg(const char *opt, const char *arg, double min, double max,
    bool integer)
{
	struct derr e;
	double v;

	if (cli_num(opt, arg, min, max, integer, &v, &e) == -1)
		errx(DELIV_EXIT_USAGE, "%s: %s", e.where, e.what);
	return v;
}

int
cli_num(const char *opt, const char *arg, double min, double max,
    bool integer, double *v, struct derr *e)
{
	char *end, lo[32], hi[32];
	long long ll;
	double d;

	errno = 0;
	end = NULL;
	/* Decimal only: no blanks, hex, "inf" or "nan". */
	if (arg == NULL || *arg == '\0' ||
	    arg[strspn(arg, "0123456789.+-eE")] != '\0')
		goto bad;
	if (integer) {
		ll = strtoll(arg, &end, 10);
		d = (double)ll;
	} else
		d = strtod(arg, &end);
	if (*end != '\0' || errno == ERANGE || !isfinite(d) || d < min ||
	    d > max)
		goto bad;
	*v = d;
	return 0;
bad:
	fmt_bound(lo, sizeof(lo), min, integer);
	fmt_bound(hi, sizeof(hi), max, integer);
	derr_set(e, opt, "not a number between %s and %s: %s", lo, hi,
	    arg != NULL ? arg : "");
	return -1;
}

/* Seconds since the epoch, digits only. */
static int
epoch_seconds(const char *s, time_t *t)
{
	const char *errstr;
	long long v;

	if (*s < '0' || *s > '9')
		return -1;
	v = parse_num(s, 0, LLONG_MAX, &errstr);
	if (errstr != NULL)
		return -1;
	*t = (time_t)v;
	return 0;
}

/* YYYY-MM-DDTHH:MM:SSZ, UTC. */
static int
rfc3339_utc(const char *s, time_t *t)
{
	char day[11];
	int h, mi, sec, n = 0;

	if (strlen(s) != 20 || s[10] != 'T' || s[19] != 'Z')
		return -1;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (time_parse_ymd(day, t) == -1 ||
	    sscanf(s + 11, "%2d:%2d:%2dZ%n", &h, &mi, &sec, &n) != 3 ||
	    n != 9 || h > 23 || mi > 59 || sec > 60 || h < 0 || mi < 0 ||
	    sec < 0)
		return -1;
	*t += (time_t)h * 3600 + mi * 60 + sec;
	return 0;
}

int
cli_now(const char *arg, time_t *now, struct derr *e)
{
	const char *sde;

	if (arg != NULL) {
		if (epoch_seconds(arg, now) == 0 ||
		    time_parse_ymd(arg, now) == 0 || rfc3339_utc(arg, now) == 0)
			return 0;
		derr_set(e, "--now", "not a time: %s", arg);
		return -1;
	}
	if ((sde = getenv("SOURCE_DATE_EPOCH")) != NULL) {
		if (epoch_seconds(sde, now) == 0)
			return 0;
		derr_set(e, "SOURCE_DATE_EPOCH", "not a time: %s", sde);
		return -1;
	}
	*now = time(NULL);
	return 0;
}

int
cli_data_file(const char *dir, const char *name, char *buf, size_t len)
{
	char d[PATH_MAX];

	if (find_data_dir(dir, getenv("DELIV_DATA"), DELIV_DATADIR "/data",
	    "data", d, sizeof(d)) == -1)
		return -1;
	if ((size_t)snprintf(buf, len, "%s/%s", d, name) >= len)
		return -1;
	return 0;
}

FILE *
cli_open(const char *path, const char *mode)
{
	FILE *fp;

	if (path == NULL)
		return NULL;
	if (strcmp(path, "-") == 0 && mode[0] == 'r')
		return stdin;
	if ((fp = fopen(path, mode)) == NULL)
		err(DELIV_EXIT_ERROR, "%s", path);
	return fp;
}

int
cli_close(FILE *fp, const char *path)
{
	if (fp == NULL || fp == stdin)
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
