/*
 * Results of sending, per day and mailbox provider, for warm-up plans:
 * read from bounce-classify records (TSV with header, or JSON Lines),
 * from a plain TSV "date provider sent delivered hard soft complaints
 * deferred", or from the SQLite database bounce-classify --db writes.
 * Also counts recipients by provider for --mix-from.
 */
#ifndef WARM_RESULTS_H
#define WARM_RESULTS_H

#include <stdbool.h>
#include <stdio.h>

#include "core/deliv.h"

struct prov_table;
struct warm_mix;

/* Counts for one day and provider.  -1 means unknown. */
struct warm_results_counts {
	long long	sent;		/* -1: bounce records only */
	long long	delivered;	/* -1: derive from sent */
	long long	hard;		/* hard bounces (address failures) */
	long long	soft;		/* other soft failures */
	long long	complaints;	/* feedback reports */
	long long	deferred;	/* 4xx, rate limits */
	long long	refused;	/* 5xx refusals of the sender */
	long long	authfail;	/* of which authentication failures */
};

struct warm_results_entry {
	long			day;		/* days since 1970-01-01 */
	char			provider[32];
	struct warm_results_counts	c;
};

struct warm_results;

/* An empty set; free with warm_results_free().  NULL when out of memory. */
struct warm_results	*warm_results_new(void);
void		 warm_results_free(struct warm_results *);

/*
 * Read records from fp (named name in errors): the format is recognised
 * from the first line that is not blank.  Adds to w.  Returns the number
 * of lines skipped as unusable (no date, no recipient), or -1 with e
 * filled (unknown format; in JSON Lines a line that is no JSON object,
 * where "NAME:LINE"; in the plain TSV a count that is no whole number
 * from 0 to 10^12 or does not add up, such as complaints > delivered; a
 * line over 1 MB; more than a million day and provider pairs; I/O
 * error; out of memory).
 */
long	warm_results_read(struct warm_results *, FILE *fp, const char *name,
	    const struct prov_table *, struct derr *e);

/*
 * Read every event of bounce-classify's database at path (opened read
 * only; it must have a table "events").  Returns the number of events
 * skipped, or -1 with e filled.
 */
long	warm_results_read_db(struct warm_results *, const char *path,
	    const struct prov_table *, struct derr *e);

/*
 * Add counts (unknown fields stay unknown).  0, -1 out of memory, or -2
 * when w holds its most day and provider pairs (a million) already.
 */
int	warm_results_add(struct warm_results *, long day, const char *provider,
	    const struct warm_results_counts *);

/* The entries, in (day, provider) order of first appearance; *n of them. */
const struct warm_results_entry	*warm_results_entries(const struct warm_results *,
				    size_t *n);
/* The first day with results, or -1 when there are none. */
long			 warm_results_first_day(const struct warm_results *);

/*
 * Count the recipients in fp for --mix-from: one address a line, or
 * bounce-classify records (their recipient column), as the first line
 * that is not blank or a "#" comment tells.  Lines without an address
 * are skipped.  Returns the number of recipients counted, or -1 with e
 * filled (as warm_results_read()).
 */
long	warm_results_count_recipients(FILE *fp, const char *name,
	    const struct prov_table *, struct warm_mix *, struct derr *e);

/*
 * The mix of --mix-from: the recipients of fp counted by provider into
 * *mix (emptied first), sorted by share.  0, or -1 with e filled (also
 * when fp has no recipient address).
 */
int	warm_results_mix_from(FILE *fp, const char *name,
	    const struct prov_table *, struct warm_mix *mix, struct derr *e);

#endif
