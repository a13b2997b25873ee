/*
 * Command-line plumbing shared by the tools in tools/: the common long
 * options (--json, --no-header, --table, -o, --summary, --color,
 * --version, --help), the version line, the nearest name to a typo, the
 * hint when a tool waits on a terminal.  The only lib module that prints or exits, and it is
 * called only from main() before the input loop.
 */
#ifndef CLI_H
#define CLI_H

#include <getopt.h>
#include <stdio.h>
#include <stdbool.h>
#include <time.h>

#include "core/deliv.h"
#include "core/out.h"

enum {
	CLI_OPT_COLOR = 1000,
	CLI_OPT_JSON,
	CLI_OPT_NO_HEADER,
	CLI_OPT_NO_PROGRESS,
	CLI_OPT_PROGRESS,
	CLI_OPT_SUMMARY,
	CLI_OPT_TABLE,
	CLI_OPT_TSV,
	CLI_OPT_VERSION
};

/* Put these in a tool's longopts[] (with its own options, sorted). */
#define CLI_LONGOPTS \
	{ "color",	required_argument,	NULL, CLI_OPT_COLOR }, \
	{ "columns",	required_argument,	NULL, 'o' }, \
	{ "help",	no_argument,		NULL, 'h' }, \
	{ "json",	no_argument,		NULL, CLI_OPT_JSON }, \
	{ "no-header",	no_argument,		NULL, CLI_OPT_NO_HEADER }, \
	{ "no-progress", no_argument,		NULL, CLI_OPT_NO_PROGRESS }, \
	{ "progress",	no_argument,		NULL, CLI_OPT_PROGRESS }, \
	{ "summary",	no_argument,		NULL, CLI_OPT_SUMMARY }, \
	{ "table",	optional_argument,	NULL, CLI_OPT_TABLE }, \
	{ "tsv",	no_argument,		NULL, CLI_OPT_TSV }, \
	{ "version",	no_argument,		NULL, CLI_OPT_VERSION }

/* The lines a tool's --help prints for the common options. */
#define CLI_HELP \
	"  --json                JSON Lines instead of TSV\n" \
	"  --tsv                 TSV (the default; overrides DELIV_FORMAT)\n" \
	"  --table[=long]        a table for people, fitted to the terminal;\n" \
	"                        long: one key: value block a record\n" \
	"  -o, --columns LIST    these columns (comma-separated), in order\n" \
	"  --color WHEN          colour the table: auto, always, never\n" \
	"  --no-header           no TSV/table header line\n" \
	"  --summary             only the tally of the run, as records\n" \
	"  --progress            progress on stderr (default: when a tty)\n" \
	"  --no-progress         no progress line, even on a tty\n" \
	"  -h, --help            this help\n" \
	"  --version             print the version\n"

/*
 * Set up o from the environment (DELIV_FORMAT, NO_COLOR, COLUMNS or the
 * terminal's width for tables, CI) and core/cli's hooks: an unknown -o
 * column exits 2 naming the columns; the tally line goes to stderr when
 * it is a terminal and CI is not set.  Exits 2 with a message if
 * DELIV_FORMAT is bad.  From here on a closed pipe on stdout (a reader
 * such as "head" gone) ends the program quietly with 0.
 */
void	cli_init(struct out_opts *o);

/*
 * cli_init(), and the tool's own: the columns of its table when -o is not
 * given (the 4-6 most useful; NULL: all) and its tally columns (NULL:
 * none); see struct out_opts and the tally in core/out.h.
 */
void	cli_setup(struct out_opts *o, const char *table_cols,
	    const char *tally);

/*
 * getopt_long(3) over optstring plus the common "o:" (-o, --columns).
 * An unknown long option gets a hint after getopt's message:
 * "deliv-lint: did you mean --table?"; the tool then calls usage() as
 * before (cli_common() returns 0 for '?').
 */
int	cli_getopt(int argc, char *argv[], const char *optstring,
	    const struct option *longopts);

/*
 * The index of the name in names[0..n) nearest to word (by edits:
 * insert, delete, change or swap two letters), when it is near enough
 * to be a typo (at most 2 edits, and fewer than word's length); -1 if
 * none.
 */
int	cli_nearest(const char *word, const char *const *names, size_t n);

/*
 * Before a tool reads input (nfiles: its file operands): when it has
 * none and stdin is a terminal, "deliv-TOOL: reading from standard input
 * (Ctrl-D to end)" on stderr; then the progress line as
 * cli_progress_start().
 */
struct cli_progress;
struct cli_progress	*cli_input_start(const struct out_opts *o,
			    const char *unit, int nfiles);

/*
 * Handle a common option.  Returns 1 if ch was one (and handled it:
 * --version prints and exits 0), 0 if it is the tool's own.  A bad
 * --color value exits 2.
 */
int	cli_common(int ch, const char *optarg, struct out_opts *o);

/* Print "deliv-TOOL VERSION" and exit 0. */
_Noreturn void	cli_version(void);

/*
 * A progress line on stderr for long runs: items done, rate, and the
 * share and ETA when the input size is known.  Shown when o->progress is
 * 1, or when it is -1 (auto) and stderr is a tty and CI is not set; only
 * after the first second, at most four times a second.  NULL when off.
 */
struct cli_progress;
struct cli_progress	*cli_progress_start(const struct out_opts *o,
			    const char *unit);
/* Items done so far; bytes done and total (-1 when unknown). */
void	cli_progress_tick(struct cli_progress *, long long items,
	    long long done, long long total);
/* Clear the line and free.  NULL is a no-op. */
void	cli_progress_end(struct cli_progress *);

/*
 * The one way a tool reads a number option: arg, the value of option opt
 * (spelled as typed, "--days"), must be a number in [min, max], an
 * integer when integer is true (exact up to 2^53), else a decimal.
 * Returns 0 and sets *v; -1 when it is not, with e filled as
 * where "--days", what "not a number between 1 and 365: x", for the
 * caller to print (errx "%s: %s") and exit DELIV_EXIT_USAGE with.
 */
int	cli_num(const char *opt, const char *arg, double min, double max,
	    bool integer, double *v, struct derr *e);
/* cli_num() for a tool's option loop: the value, or say why and exit 2. */
double	cli_num_arg(const char *opt, const char *arg, double min, double max,
	    bool integer);

/*
 * The current time of a run: arg (the value of --now, or NULL) when
 * given, else $SOURCE_DATE_EPOCH when set, else time(NULL).  --now takes
 * seconds since the epoch, YYYY-MM-DD (UTC midnight) or
 * YYYY-MM-DDTHH:MM:SSZ; SOURCE_DATE_EPOCH takes seconds.  Returns 0 and
 * sets *now; -1 when a value is not a time, with e filled (where "--now"
 * or "SOURCE_DATE_EPOCH", what "not a time: X").
 */
int	cli_now(const char *arg, time_t *now, struct derr *e);

/* The help line of --now, for a tool's --help. */
#define CLI_HELP_NOW \
	"  --now TIME            the current time: seconds, YYYY-MM-DD or\n" \
	"                        YYYY-MM-DDTHH:MM:SSZ (default: " \
	"$SOURCE_DATE_EPOCH, the clock)\n"

/*
 * The path of the shipped data file name ("rir.tsv") in buf: in dir (a
 * --data option, may be NULL), else in $DELIV_DATA, the installed data
 * directory or the source tree's data/ (see find_data_dir).  Returns 0,
 * or -1 when there is no data directory (or buf is too short).
 */
int	cli_data_file(const char *dir, const char *name, char *buf,
	    size_t len);

/*
 * Files a tool acquires before its loop: cli_open() opens path with mode
 * ("-" is stdin for reading; NULL gives NULL) or exits 2 with
 * "deliv-TOOL: path: why"; cli_close() flushes and closes one opened for
 * writing, says why it cannot and returns -1, else 0 (NULL: a no-op).
 */
FILE	*cli_open(const char *path, const char *mode);
int	 cli_close(FILE *fp, const char *path);

/*
 * The progress line of the mail programs (io->progress) and their -j N
 * (core/workers.h), for main() once the data is loaded, before
 * out_open() and input_open(): returns in a worker and with one process
 * (go on as usual); the parent exits with the workers' status once
 * their records are written, or exits 2 with a message (a bad -j or
 * --max-size; -j N with io->solo, an option that needs one process).
 */
struct input_opts;
void	cli_workers(int argc, char *const argv[], struct input_opts *io,
	    struct out_opts *oo);
/* cli_common(), and -j, --max-size into io (WORKERS_LONGOPTS). */
int	cli_mail_option(int ch, const char *optarg, struct input_opts *io,
	    struct out_opts *oo);

/* The tool's short name from argv[0]: "deliv-lint" for every spelling. */
const char	*cli_progname(void);

#endif
