/*
 * Warm-up plans for a new sending IP or domain: a day-by-day volume per
 * mailbox provider, from a target and a mix, ramped geometrically from a
 * small start, adapted to the results (bounces, complaints, deferrals)
 * read by warmup/results.h.  Every number is documented, with its source, in
 * deliv-warmup-plan(1).  Integer arithmetic; the clock is an argument.
 */
#ifndef WARMUP_H
#define WARMUP_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/deliv.h"
#include "warmup/mix.h"

#define WARM_MAXDAYS	400	/* longest plan */
#define WARM_MINDAYS	30	/* shortest plan: reputation memory */

enum warm_pace { WARM_CONSERVATIVE, WARM_STANDARD, WARM_AGGRESSIVE };

struct warm_results;
struct warm_rules;

struct warm_opts {
	long long		 monthly;	/* --monthly N, or 0 */
	long long		 daily;		/* --daily N, or 0 */
	long long		 ips;		/* new IPs, >= 1 */
	int			 days;		/* --days N, or 0: by pace */
	enum warm_pace		 pace;
	bool			 weekdays_only;
	bool			 migrate;
	time_t			 start;		/* first day (UTC midnight) */
	struct warm_mix		 mix;
	struct warm_mix		 caps;		/* --cap: daily ceilings */
	const struct warm_results	*results;	/* NULL: a plan without results */
	const struct warm_rules		*rules;		/* needed with results */
};

struct warm_row {
	int		 day;		/* 1-based sending day */
	time_t		 date;		/* UTC midnight */
	const char	*provider;	/* mix name, "old" or "all" */
	long long	 volume;
	long long	 cumulative;
	double		 share;		/* volume / this row's target */
	const char	*state;		/* ramp, hold, backoff, warm */
	const char	*note;		/* "" when none */
};

struct warm_plan;

/*
 * Build the plan.  Returns a plan the caller frees with warm_plan_free(),
 * or NULL with e filled (impossible --days, no target, out of memory).
 */
struct warm_plan	*warm_plan_new(const struct warm_opts *, struct derr *e);
void			 warm_plan_free(struct warm_plan *);

/* The rows in order: per day, the providers, "old" (--migrate), "all". */
size_t			 warm_plan_nrows(const struct warm_plan *);
const struct warm_row	*warm_plan_row(const struct warm_plan *, size_t);

/* The daily target T and the providers in row order. */
long long	 warm_plan_target(const struct warm_plan *);
size_t		 warm_plan_nprov(const struct warm_plan *);
const char	*warm_plan_prov(const struct warm_plan *, size_t);

/* True when the results say a provider must stop (exit 1). */
bool		 warm_plan_stopped(const struct warm_plan *);
/* Result days that fell outside the plan's sending days. */
long		 warm_plan_unused(const struct warm_plan *);

#endif
