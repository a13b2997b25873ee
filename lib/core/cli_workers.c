/*
 * core/cli's side of -j N: cli_mail_option() and cli_workers() (see
 * core/cli.h) start the workers of core/workers and say its errors.  A file of its own so
 * that only the mail programs link core/workers and core/input.
 */
#include <err.h>
#include <stdlib.h>

#include "core/cli.h"
#include "core/workers.h"

void
cli_workers(int argc, char *const argv[], struct input_opts *io,
    struct out_opts *oo)
{
	struct derr e;
	int st;

	io->progress = cli_input_start(oo, "messages", argc);
	switch (workers_start(argc, argv, io, oo, &st, &e)) {
	case -1:
		errx(DELIV_EXIT_USAGE, "%s: %s", e.where, e.what);
	case 1:
		exit(st);
	}
}

int
cli_mail_option(int ch, const char *optarg, struct input_opts *io,
    struct out_opts *oo)
{
	return workers_option(ch, optarg, io) || cli_common(ch, optarg, oo);
}
