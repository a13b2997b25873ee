/*
 * The one reader of deliv's line-oriented files: the tables of data/
 * (providers, warm-up rules, DNS lists, reasons, registries), the TSV
 * and JSON Lines records other tools wrote, lists of addresses and
 * domains.  A line is a row of fields separated by tabs; "#" comments
 * and blank lines are skipped; CRLF reads as LF; the first row may be a
 * header naming the columns.  Every row comes with its file name and
 * 1-based line number, and every error reads "FILE:LINE: what".  A line
 * longer than a cap, a NUL byte or a file of more rows than a cap is an
 * error, so a hostile file cannot eat memory or hide text.
 */
#ifndef TSV_H
#define TSV_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/deliv.h"

#define TSV_LINE_MAX	65536	/* default cap on a line, in bytes */
#define TSV_ROWS_MAX	100000	/* default cap on the rows of a file */
#define TSV_FIELDS_MAX	64	/* default cap on the fields of a row */
#define TSV_UNLIMITED	SIZE_MAX	/* max_rows: a stream, no cap */

/* How lines are read; or them into tsv_opts.flags. */
enum {
	TSV_HEADER = 1 << 0,	/* the first row names the columns */
	TSV_TRIM = 1 << 1,	/* trim white space around the line and
				   each field; an indented "#" is a comment */
	TSV_UNESCAPE = 1 << 2,	/* decode lib/out's TSV escapes in
				   fields: \t \n \r \\, \xHH, \uHHHH;
				   another "\x" is x; \x00 stays */
	TSV_REST = 1 << 3,	/* the last field (the max_fields-th) takes
				   the rest of the line, tabs and all */
	TSV_NOSPLIT = 1 << 4,	/* a row is the whole line, one field; split
				   it later with tsv_split() */
	TSV_KEEP_COMMENTS = 1 << 5,	/* "#" lines are rows */
	TSV_KEEP_BLANK = 1 << 6,	/* blank lines (spaces, tabs) are rows */
	TSV_NUL_ENDS = 1 << 7	/* a NUL byte ends the line's text (the
				   rest is dropped), not an error: for
				   records of other programs, not tables */
};

/* Options; zero-initialised fields take the defaults. */
struct tsv_opts {
	unsigned	flags;
	size_t		min_fields;	/* fewer is an error (0: none) */
	size_t		max_fields;	/* more is an error, or see TSV_REST
					   (0: TSV_FIELDS_MAX) */
	size_t		max_line;	/* bytes without the newline (0:
					   TSV_LINE_MAX) */
	size_t		max_rows;	/* rows, header included (0:
					   TSV_ROWS_MAX; TSV_UNLIMITED) */
	const char	*none;		/* tsv_each(): a file of no row
					   (but the header) is the error
					   "NAME: none" (NULL: fine) */
};

/* A row, valid until the next tsv_next() or tsv_close(). */
struct tsv_row {
	char		**f;		/* fields, NUL-terminated, writable */
	size_t		  n;		/* how many (at least 1) */
	unsigned long	  line;		/* 1-based line number */
	const char	 *where;	/* "NAME:LINE", for derr_set() */
};

struct tsv;

/*
 * Open the file at path, called name in errors (NULL: path), to read
 * with o (NULL: the defaults).  With TSV_HEADER the header is read here:
 * a file with no row is "NAME: no header line".  NULL with e filled.
 */
struct tsv	*tsv_open(const char *path, const char *name,
		    const struct tsv_opts *o, struct derr *e);
/* The same over fp, already open, which tsv_close() leaves open. */
struct tsv	*tsv_stream(FILE *fp, const char *name,
		    const struct tsv_opts *o, struct derr *e);
/* Free t; close its file if tsv_open() opened it.  NULL is fine. */
void		 tsv_close(struct tsv *t);

/*
 * Read the whole file at path (called name in errors; NULL: path) with
 * o, handing every row to fn(arg, row, e), which returns 0, or -1 with e
 * filled to stop.  0, or -1 with e filled (the file's error or fn's).
 */
int		 tsv_each(const char *path, const char *name,
		    const struct tsv_opts *o,
		    int (*fn)(void *arg, struct tsv_row *r, struct derr *e),
		    void *arg, struct derr *e);

/*
 * The next row into *r: 1, 0 at the end of the file, or -1 with e
 * filled ("NAME:LINE: line longer than 65536 bytes", "...: a NUL byte",
 * "...: 3 fields, not 4 (tab-separated)", "NAME: <errno text>"); after
 * an error every call returns -1.
 */
int		 tsv_next(struct tsv *t, struct tsv_row *r, struct derr *e);

/*
 * Split r, read whole with TSV_NOSPLIT, into its fields in place by t's
 * other flags and field counts.  0, or -1 with e filled.
 */
int		 tsv_split(struct tsv *t, struct tsv_row *r, struct derr *e);

/*
 * Take r's fields as the column names (copied), as TSV_HEADER does with
 * the first row.  0, or -1 when out of memory (e filled).
 */
int		 tsv_header(struct tsv *t, const struct tsv_row *r,
		    struct derr *e);

/* The number of columns of the header; 0 without one. */
size_t		 tsv_ncols(const struct tsv *t);
/* The index of the first column called name, or -1. */
int		 tsv_col(const struct tsv *t, const char *name);
/*
 * The field of r in the column called name; NULL when no column has that
 * name or r is shorter.
 */
const char	*tsv_get(const struct tsv *t, const struct tsv_row *r,
		    const char *name);

/* The name errors give. */
const char	*tsv_name(const struct tsv *t);
/* "NAME:LINE" of the last line read (the header, after tsv_open()). */
const char	*tsv_where(const struct tsv *t);

#endif
