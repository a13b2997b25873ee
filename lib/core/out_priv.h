/*
 * The inside of core/out, shared by its files: out.c (fields, TSV, JSON,
 * the choice of columns), out_table.c (tables for people) and
 * out_tally.c (the tally).  Nothing outside core/out* includes it.
 */
#ifndef OUT_PRIV_H
#define OUT_PRIV_H

#include "core/out.h"
#include "core/util.h"

#define TABLE_CHUNK	1000	/* table rows aligned together */

struct field {
	bool		 set;
	long long	 i;
	double		 d;
	bool		 b;
	struct sbuf	 s;
};

struct tally;

struct out {
	FILE			*fp;
	struct out_opts		 o;
	const struct out_col	*cols;
	size_t			 ncols;
	struct field		*f;
	struct sbuf		 line;
	size_t			 count;
	bool			 header_done;
	bool			 color;
	int			 err;
	/* The columns written, in order: indexes into cols. */
	size_t			*sel;
	size_t			 nsel;
	/* JSON: each written column's key as it opens its member
	 * (",\"name\":", the first without the comma), escaped once;
	 * key k is keys.s[keyoff[k] .. keyoff[k + 1]). */
	struct sbuf		 keys;
	size_t			*keyoff;
	/* Table rows, each nsel cells, kept until the chunk is full. */
	char			**cells;
	size_t			 nrows;
	size_t			 width;		/* 0: no limit */
	struct tally		*tally;		/* NULL: no tally */
};

/* Append field f of type t as plain text (no escaping). */
int	out_field_text(struct sbuf *, const struct field *f, enum out_type t);

/* Tables: keep the current record as a row; write the rows kept. */
int	out_table_add(struct out *);
int	out_table_flush(struct out *);

/*
 * The tally of spec over cols (items naming no column of cols are
 * skipped); NULL when none is left or out of memory.
 */
struct tally	*tally_new(const char *spec, const struct out_col *cols,
		    size_t ncols);
/* Count the current record of w.  0, or -1 when out of memory. */
int	tally_add(struct tally *, const struct out *w);
/* The line: "N records; kind: hard 7, soft 5; ...".  0 or -1. */
int	tally_line(struct tally *, size_t nrec, struct sbuf *);
/* The tally as records (tally, group, value, count) on w.  0 or -1. */
int	tally_write(struct tally *, size_t nrec, struct out *w);
/* The columns of those records. */
const struct out_col	*tally_cols(size_t *n);
void	tally_free(struct tally *);

#endif
