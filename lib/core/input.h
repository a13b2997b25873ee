/*
 * Messages from stdin, files, "-", Maildirs and folders, one at a time:
 * mbox or single message decided from the first bytes (also on a pipe),
 * CRLF and CR-only line endings, gzip, xz and bzip2 compression (told
 * by the first bytes), parsed with GMime.  A message that cannot be
 * parsed, or is over the size cap, is still handed out, with its error
 * set.  Reading is the same in a worker of core/workers (-j N).
 */
#ifndef INPUT_H
#define INPUT_H

#include <stdbool.h>
#include <sys/types.h>

#include <gmime/gmime.h>

#include "core/deliv.h"

struct cli_progress;

/* The default size cap of one message (--max-size). */
#define INPUT_MAX_SIZE	((size_t)64 * 1024 * 1024)

struct input_opts {
	bool			 stdin_if_empty; /* no operands: stdin (default) */
	struct cli_progress	*progress;	/* ticked by input_next, or NULL */
	bool			 raw_only;	/* no GMime parse: msg->mime is
						   NULL, error NULL; read the
						   bytes with input_msg_raw() */
	bool			 raw_verify;	/* with raw_only: a message
						   GMime may refuse (its bytes
						   start with no field name and
						   colon, or do not end in a
						   line end) is parsed to tell,
						   and handed out with the
						   error a GMime read gives it;
						   msg->mime stays NULL */
	bool			 lean_headers;	/* GMime gets the top-level
						   Content- fields only; the
						   header block is kept on the
						   message (core/headblock),
						   read by lib/mail's
						   mail_header() and
						   mail_message_*() */
	size_t			 max_size;	/* a message over this many
						   bytes is skipped, handed out
						   with its error set and no
						   bytes; 0: INPUT_MAX_SIZE */
	int			 jobs;		/* core/workers: -j N, N worker
						   processes; -1 one per core;
						   0 or 1: none */
	int			 feed_fd;	/* core/workers sets it in a
						   worker: messages come from
						   this fd; 0: the operands */
	const char		*solo;		/* an option that wants one
						   process ("--db"): -j N is
						   refused; or NULL */
	char			 bad_option[160]; /* workers_option(): a
						   bad -j or --max-size, said
						   by workers_start() */
};

/* One message, valid until the next input_next() or input_close(). */
struct msg {
	GMimeMessage	*mime;		/* NULL when it could not be parsed */
	const char	*source;	/* path, or "-" for stdin */
	long		 msgno;		/* 1-based position in its source */
	const char	*error;		/* why mime is NULL or suspect; or NULL */
	const char	*envelope;	/* mbox "From " line sender, or NULL */
	off_t		 offset;	/* byte offset of the message in source */
};

struct input;

/*
 * Prepare to read the operands (argv[0..argc); none means stdin).  Paths
 * are checked lazily: an unreadable one is reported by input_next().
 * Returns NULL only when out of memory.
 */
struct input	*input_open(int argc, char *const argv[],
		    const struct input_opts *);

/*
 * The next message.  Returns 1 and fills *m; 0 at the end of all input;
 * ticks the progress line of the options (messages handed out before,
 * bytes read of the total);
 * -1 when an operand could not be read (e is filled with the path and the
 * reason; call again to go on with the next operand).
 */
int	input_next(struct input *, struct msg **m, struct derr *e);

/*
 * The message's bytes as read (CR-only line ends turned into LF, an mbox
 * message without its From_ line and the empty line that separates it
 * from the next).  Borrowed, valid like m.  When it has none, *len is
 * 0 and the result may be NULL.
 */
const char	*input_msg_raw(struct input *, struct msg *, size_t *len);

/*
 * Whether those bytes stand verbatim in the mbox file m->source names
 * (not stdin, a pipe, compressed or CR-only input, nor a Maildir's file
 * that its MDA may move meanwhile), at *off: true with *off set.
 */
bool		 input_msg_in_file(struct input *, struct msg *, off_t *off);

/*
 * How far the input is: bytes read so far, and the total size of the
 * operands when they are all regular files or folders of them (else -1).
 */
void	input_position(struct input *, long long *done, long long *total);

/* Number of operands that could not be read. */
int	input_errors(const struct input *);

/* Free everything.  input_close(NULL) is a no-op. */
void	input_close(struct input *);

#endif
