/*
 * Command-line plumbing shared by the tools in tools/: the common long
 * options (--json, --no-header, --table, --color, --version, --help) and
 * the version line.  The only lib module that prints or exits, and it is
 * called only from main() before the input loop.
 */
#ifndef CLI_H
#define CLI_H

#include <getopt.h>

#include "out.h"

enum {
	CLI_OPT_COLOR = 1000,
	CLI_OPT_JSON,
	CLI_OPT_NO_HEADER,
	CLI_OPT_TABLE,
	CLI_OPT_TSV,
	CLI_OPT_VERSION
};

/* Put these in a tool's longopts[] (with its own options, sorted). */
#define CLI_LONGOPTS \
	{ "color",	required_argument,	NULL, CLI_OPT_COLOR }, \
	{ "help",	no_argument,		NULL, 'h' }, \
	{ "json",	no_argument,		NULL, CLI_OPT_JSON }, \
	{ "no-header",	no_argument,		NULL, CLI_OPT_NO_HEADER }, \
	{ "table",	no_argument,		NULL, CLI_OPT_TABLE }, \
	{ "tsv",	no_argument,		NULL, CLI_OPT_TSV }, \
	{ "version",	no_argument,		NULL, CLI_OPT_VERSION }

/* The lines a tool's --help prints for the common options. */
#define CLI_HELP \
	"  --json                JSON Lines instead of TSV\n" \
	"  --tsv                 TSV (the default; overrides DELIV_FORMAT)\n" \
	"  --table               aligned table for people\n" \
	"  --color WHEN          colour the table: auto, always, never\n" \
	"  --no-header           no TSV/table header line\n" \
	"  -h, --help            this help\n" \
	"  --version             print the version\n"

/*
 * Set up o from the environment (DELIV_FORMAT, NO_COLOR).  Exits 2 with a
 * message if DELIV_FORMAT is bad.
 */
void	cli_init(struct out_opts *o);

/*
 * Handle a common option.  Returns 1 if ch was one (and handled it:
 * --version prints and exits 0), 0 if it is the tool's own.  A bad
 * --color value exits 2.
 */
int	cli_common(int ch, const char *optarg, struct out_opts *o);

/* Print "deliv-TOOL VERSION" and exit 0. */
_Noreturn void	cli_version(void);

/* The tool's short name from argv[0]: "deliv-lint" for every spelling. */
const char	*cli_progname(void);

#endif
