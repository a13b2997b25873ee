/*
 * Command-line plumbing shared by the tools.  See cli.h.
 */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "deliv.h"

const char *
cli_progname(void)
{
	return program_invocation_short_name;
}

void
cli_init(struct out_opts *o)
{
	const char *nc;

	if (out_opts_init(o, getenv("DELIV_FORMAT")) == -1)
		errx(DELIV_EXIT_USAGE, "DELIV_FORMAT: %s: not tsv, json or table",
		    getenv("DELIV_FORMAT"));
	nc = getenv("NO_COLOR");
	o->no_color_env = nc != NULL && *nc != '\0';
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
	switch (ch) {
	case CLI_OPT_COLOR:
		if (strcmp(arg, "auto") == 0)
			o->color = OUT_COLOR_AUTO;
		else if (strcmp(arg, "always") == 0)
			o->color = OUT_COLOR_ALWAYS;
		else if (strcmp(arg, "never") == 0)
			o->color = OUT_COLOR_NEVER;
		else
			errx(DELIV_EXIT_USAGE,
			    "--color: %s: not auto, always or never", arg);
		return 1;
	case CLI_OPT_JSON:
		o->format = OUT_JSON;
		return 1;
	case CLI_OPT_NO_HEADER:
		o->header = false;
		return 1;
	case CLI_OPT_TABLE:
		o->format = OUT_TABLE;
		return 1;
	case CLI_OPT_TSV:
		o->format = OUT_TSV;
		return 1;
	case CLI_OPT_VERSION:
		cli_version();
	default:
		return 0;
	}
}
