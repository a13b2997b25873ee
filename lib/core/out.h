/*
 * The one record writer: TSV with a header (default), JSON Lines, or an
 * aligned table for people (fitted to the terminal, or one "key: value"
 * block a record).  Tools never printf a record; they set fields by
 * column index and end the record.  It also chooses the columns (-o),
 * and counts the values of the tool's tally columns for the summary at
 * the end of a run.
 */
#ifndef OUT_H
#define OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum out_type { OUT_STR, OUT_INT, OUT_NUM, OUT_BOOL };

/* One column of a tool's schema: TSV header order, JSON key order. */
struct out_col {
	const char	*name;
	enum out_type	 type;
};

enum out_format { OUT_TSV, OUT_JSON, OUT_TABLE, OUT_TABLE_LONG };
enum out_color { OUT_COLOR_AUTO, OUT_COLOR_ALWAYS, OUT_COLOR_NEVER };

struct out_opts {
	enum out_format	 format;
	enum out_color	 color;
	bool		 header;	/* TSV/table: print the column names */
	bool		 no_color_env;	/* NO_COLOR is set (the tool reads it) */
	int		 progress;	/* stderr progress: -1 auto, 0, 1 */
	/*
	 * -o/--columns: the column names to write, comma-separated, in
	 * this order, in every format; NULL for all (a table: table_cols).
	 */
	const char	*columns;
	/*
	 * The tool's own (one line in its main): the columns of a table
	 * when -o is not given ("source,kind,reason"; names not in the
	 * schema are skipped, so one list serves several schemas; NULL:
	 * all), and what the tally counts (see below; NULL: no tally).
	 */
	const char	*table_cols;
	const char	*tally;
	/* The summary: -1 a line on a terminal, 0 none, 1 records only. */
	int		 summary;
	/* Table width in columns; 0: $COLUMNS, the terminal's, or 80. */
	int		 width;
	/*
	 * Set by core/cli: out_open() calls bad_column when -o names a
	 * column the schema has not (it says so and exits; NULL: out_open
	 * returns NULL); out_close() hands the tally line to tally_line
	 * (it prints it when stderr is a terminal; NULL: no line).
	 */
	void		(*bad_column)(const char *name,
			    const struct out_col *cols, size_t ncols);
	void		(*tally_line)(const char *line);
};

/*
 * The tally: tally is a comma-separated list of items
 *	[LABEL:][COL[/GROUP]][@FCOL=VALUE]
 * each counting the values of column COL (per value of column GROUP),
 * over the records whose column FCOL is VALUE (all records without @),
 * under the name LABEL (default COL; an item with no COL counts the
 * records).  "kind,reason" counts kinds and reasons;
 * "verdict:id@record=summary" counts the id of summary records;
 * "status/domain" counts statuses per domain.  At most OUT_TALLY_MAX
 * distinct values an item; the rest count as "(other)".  The line reads
 * "N records; kind: hard 7, soft 5; reason: ... (+3 more)", the
 * records (--summary) have the columns tally, group, value, count.
 */
#define OUT_TALLY_MAX	1000

/*
 * Defaults: TSV with header, unless fmtenv (the value of DELIV_FORMAT,
 * may be NULL) names "tsv", "json" or "table".  Returns 0, or -1 if fmtenv
 * names no format (the defaults are then set anyway).
 */
int	out_opts_init(struct out_opts *, const char *fmtenv);

struct out;

/*
 * Start writing records with the given columns to fp.  The column array
 * must outlive the writer.  Returns NULL when out of memory.
 */
struct out	*out_open(FILE *fp, const struct out_opts *,
		    const struct out_col *cols, size_t ncols);
/* Set field col of the current record.  NULL / unset means unknown. */
void	out_str(struct out *, size_t col, const char *s);
void	out_strn(struct out *, size_t col, const char *s, size_t len);
/* Set n string fields from column col on: a record's run of strings. */
void	out_strv(struct out *, size_t col, const char *const *v, size_t n);
void	out_int(struct out *, size_t col, long long v);
void	out_num(struct out *, size_t col, double v);	/* NaN = unknown */
void	out_bool(struct out *, size_t col, bool v);
/* Write the current record and clear the fields.  Returns 0 or -1. */
int	out_end(struct out *);
/* Flush (tables are written here), check ferror; free.  0 or -1. */
int	out_close(struct out *);
/* Number of records written so far. */
size_t	out_count(const struct out *);

/*
 * Low-level escapers, exported for the tests and for tools that write
 * other formats (ARF, SVG): append s[0..len) to b.
 */
struct sbuf;
int	out_tsv_escape(struct sbuf *, const char *s, size_t len);
int	out_json_escape(struct sbuf *, const char *s, size_t len);
/*
 * For people: valid UTF-8 with every control character (C0, DEL, C1)
 * and every bidirectional control and line/paragraph separator (U+200E,
 * U+200F, U+202A-U+202E, U+2066-U+2069, U+2028, U+2029, U+061C) shown
 * as \t, \n, \r, \xHH or \uHHHH; nothing else escaped (a backslash stays
 * one).  Invalid UTF-8 becomes U+FFFD.
 */
int	out_text_escape(struct sbuf *, const char *s, size_t len);
/* Display width of UTF-8 text, one column a code point. */
size_t	out_width(const char *s);
/*
 * The index of the column called name (len bytes) in cols, or -1.
 */
int	out_col_index(const struct out_col *cols, size_t ncols,
	    const char *name, size_t len);

#endif
