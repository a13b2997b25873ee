/*
 * Results of sending, per day and mailbox provider, for warm-up plans:
 * read from bounce-classify records (TSV with header, or JSON Lines),
 * from a plain TSV "date provider sent delivered hard soft complaints
 * deferred", or from the SQLite database bounce-classify --db writes.
 * Also counts recipients by provider for --mix-from.
 */
#ifndef WARMRES_H
#define WARMRES_H

#include <stdbool.h>
#include <stdio.h>

#include "deliv.h"

struct prov_table;
struct warm_mix;

/* Counts for one day and provider.  -1 means unknown. */
struct wres_counts {
	long long	sent;		/* -1: bounce records only */
	long long	delivered;	/* -1: derive from sent */
	long long	hard;		/* hard bounces (address failures) */
	long long	soft;		/* other soft failures */
	long long	complaints;	/* feedback reports */
	long long	deferred;	/* 4xx, rate limits */
	long long	refused;	/* 5xx refusals of the sender */
	long long	authfail;	/* of which authentication failures */
};

struct wres_entry {
	long			day;		/* days since 1970-01-01 */
	char			provider[32];
	struct wres_counts	c;
};

struct wres;

/* An empty set; free with wres_free().  NULL when out of memory. */
struct wres	*wres_new(void);
void		 wres_free(struct wres *);

/*
 * Read records from fp (named name in errors): the format is recognised
 * from the first line.  Adds to w.  Returns the number of lines skipped
 * as unusable (no date, no recipient), or -1 with e filled (unknown
 * format, I/O error, out of memory).
 */
long	wres_read(struct wres *, FILE *fp, const char *name,
	    const struct prov_table *, struct derr *e);

/*
 * Read every event of bounce-classify's database at path (opened read
 * only; it must have a table "events").  Returns the number of events
 * skipped, or -1 with e filled.
 */
long	wres_read_db(struct wres *, const char *path,
	    const struct prov_table *, struct derr *e);

/* Add counts (unknown fields stay unknown).  0, or -1 out of memory. */
int	wres_add(struct wres *, long day, const char *provider,
	    const struct wres_counts *);

/* Entries in (day, provider) order of first appearance. */
size_t			 wres_n(const struct wres *);
const struct wres_entry	*wres_entry(const struct wres *, size_t);
/* The first day with results, or -1 when there are none. */
long			 wres_first_day(const struct wres *);

/*
 * Count the recipients in fp for --mix-from: one address a line, or
 * bounce-classify records (their recipient column).  Lines without an
 * address are skipped.  Returns the number of recipients counted, or -1
 * with e filled.
 */
long	wres_count_recipients(FILE *fp, const char *name,
	    const struct prov_table *, struct warm_mix *, struct derr *e);

#endif
