/*
 * Command-line plumbing shared by the tools.  See core/cli.h.
 */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/cli.h"
#include "core/deliv.h"

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
	case CLI_OPT_NO_PROGRESS:
		o->progress = 0;
		return 1;
	case CLI_OPT_PROGRESS:
		o->progress = 1;
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
