/*
 * -j N for the mail programs: N worker processes (fork(2), not threads:
 * GLib's locks make threads slower than one process) share the
 * messages, and the parent writes their records in input order, so the
 * output is byte for byte that of one process.  The parent reads the
 * operands (files, Maildirs, stdin, compressed or not) with core/input,
 * without parsing, and feeds messages to the workers in batches, each to
 * the least busy worker: by their place in an mbox file (the worker
 * reads them itself), else by their bytes; each worker runs the
 * program's own loop on its feed (core/input reads it) and ends each
 * batch's records with a NUL, which records never hold.  A program
 * needs a few lines:
 *
 *	default:		(cli_mail_option() of core/cli.h)
 *		if (!workers_option(ch, optarg, &io) &&
 *		    !cli_common(ch, optarg, &oo))
 *			usage();
 *	...
 *	(data loaded; before out_open() and input_open())
 *	cli_workers(argc, argv, &io, &oo);
 */
#ifndef WORKERS_H
#define WORKERS_H

#include <stdbool.h>
#include <sys/types.h>

#include <glib.h>

#include "core/deliv.h"
#include "core/input.h"
#include "core/out.h"

enum { WORKERS_OPT_MAX_SIZE = 1100 };

/* In a mail program's getopt_long() optstring and longopts[]. */
#define WORKERS_OPTSTRING	"j:"
#define WORKERS_LONGOPTS \
	{ "jobs",	required_argument,	NULL, 'j' }, \
	{ "max-size",	required_argument,	NULL, WORKERS_OPT_MAX_SIZE }
#define WORKERS_HELP \
	"  -j, --jobs N          N worker processes (0: one per core; " \
	"default 1)\n" \
	"  --max-size BYTES      skip a message over BYTES (k, M, G; " \
	"default 64M)\n"

/*
 * Handle -j/--jobs N (0 to 256; 0 is one per core) and --max-size
 * BYTES (a number with k, M or G for 2^10, 2^20, 2^30) into io.
 * Returns whether ch was one of them; a bad value is kept in io and
 * reported by workers_start(), so that a program needs no more than
 *
 *	if (!workers_option(ch, optarg, &io) && !cli_common(...))
 *		usage();
 */
bool	workers_option(int ch, const char *arg, struct input_opts *io);

/*
 * Start io->jobs workers on the operands argv[0..argc) (none: stdin).
 * Call it once the program has loaded its data, before out_open() and
 * input_open() (or use cli_workers() of core/cli.h, which prints and
 * exits for the program).  With one job (or a table, whose widths need
 * every record, or --summary, which counts them all), returns 0 at once:
 * go on as usual.  In a worker, returns 0 with io and oo set for it (the
 * feed, no progress, no tally line, the header only in the first, which
 * has the first batch): go on as usual.  In the parent, returns 1 once
 * all the records are written and the workers have ended, *status being
 * the program's exit status (the highest of the workers'); -1 (e
 * filled) for a bad -j or --max-size, -j N with io->solo set, or when it
 * cannot start the workers or one ends early.
 */
int	workers_start(int argc, char *const argv[], struct input_opts *io,
	    struct out_opts *oo, int *status, struct derr *e);

/* A worker's feed, read by core/input. */
struct feed;

struct feed_msg {
	const char	*source;
	const char	*envelope;	/* or NULL */
	const char	*error;		/* or NULL */
	long		 msgno;
	off_t		 offset;
	GByteArray	*buf;		/* the bytes are buf[start..end) */
	size_t		 start, end;
};

/* Read the feed on fd (and own it).  NULL when out of memory. */
struct feed	*feed_open(int fd);

/*
 * The next message: 1 with *fm filled (valid until the next call); 2
 * when the parent could not read an operand (e filled with its error);
 * 0 at the end; -1 when the feed breaks (e filled; then 0).
 */
int	feed_next(struct feed *, struct feed_msg *fm, struct derr *e);

/* Close the fd and free.  NULL is a no-op. */
void	feed_close(struct feed *);

#endif
