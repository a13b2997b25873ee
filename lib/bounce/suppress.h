/*
 * The suppression side of deliv-bounce-classify over core/store: one
 * bounce record into the store, the --suppressed listing and the
 * --filter of addresses, each written through core/out.
 */
#ifndef BOUNCE_SUPPRESS_H
#define BOUNCE_SUPPRESS_H

#include <stdio.h>
#include <time.h>

#include "bounce/bounce.h"
#include "core/out.h"
#include "core/store.h"

/* The columns of the --suppressed listing and of the --filter output. */
const struct out_col	*bounce_supp_cols(size_t *ncols);
const struct out_col	*bounce_filter_cols(size_t *ncols);

/*
 * Record r (from message msgno of source) in db; r without a recipient
 * or of kind "none" is skipped.  Its time is r->ts, else now.  0 or -1.
 */
int	bounce_store_record(struct store *db, const struct bounce_rcpt *r,
	    const char *source, long msgno, time_t now, struct derr *e);

/* Write every address suppressed at now under pol to o.  0 or -1. */
int	bounce_list_suppressed(struct store *db, time_t now,
	    const struct store_policy *pol, struct out *o, struct derr *e);

/*
 * The address of one --filter line (len bytes, no newline): its first
 * column (up to a tab) parsed as RFC 5322 address text by GMime
 * ("a@x", "<a@x>", "Name <a@x>", "a@x,"), the first mailbox's address;
 * text GMime finds no mailbox in is returned as written, trimmed.  A
 * malloc'd string, or NULL with e->what "" for a blank or "#" line, or
 * e->what set: a NUL byte in the line, out of memory.
 */
char	*bounce_filter_addr(const char *line, size_t len, struct derr *e);

/*
 * --filter: read lines from each of the argc files (none, or "-":
 * stdin) and write to o, for each line whose address
 * (bounce_filter_addr) is not suppressed at now, the address and the
 * line as read.  0, or -1 (e filled) on a file that cannot be read, a
 * store error or a bad line ("FILE:LINE": nothing after it is written).
 */
int	bounce_filter_files(struct store *db, int argc, char *const argv[],
	    time_t now, const struct store_policy *pol, struct out *o,
	    struct derr *e);

/*
 * --unsuppress: each of the argc addresses (read as --filter reads a
 * line) no longer suppressed by its bounces up to now, in one
 * transaction.  0, or -1 (e filled; nothing changed).
 */
int	bounce_unsuppress(struct store *db, int argc, char *const argv[],
	    time_t now, struct derr *e);

/*
 * The note for stderr when the windows of pol leave out events at now:
 * -1 with e->what the note (e->where "") or a store error; 0 when none.
 */
int	bounce_stale_note(struct store *db, time_t now,
	    const struct store_policy *pol, struct derr *e);

#endif
