/*
 * The one record writer: TSV with a header (default), JSON Lines, or an
 * aligned table for people.  Tools never printf a record; they set fields
 * by column index and end the record.
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

enum out_format { OUT_TSV, OUT_JSON, OUT_TABLE };
enum out_color { OUT_COLOR_AUTO, OUT_COLOR_ALWAYS, OUT_COLOR_NEVER };

struct out_opts {
	enum out_format	 format;
	enum out_color	 color;
	bool		 header;	/* TSV/table: print the column names */
	bool		 no_color_env;	/* NO_COLOR is set (the tool reads it) */
	int		 progress;	/* stderr progress: -1 auto, 0, 1 */
};

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

#endif
