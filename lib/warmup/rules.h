/*
 * The adaptation rules of warm-up plans: from one provider's results of
 * the days so far, what the next day does and why.  The rules are data
 * (data/warmup-rules.tsv: each threshold, its action and its source),
 * loaded and checked here; deliv-warmup-plan(1) states them.
 */
#ifndef WARM_RULES_H
#define WARM_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "core/deliv.h"
#include "warmup/results.h"

#define WARM_RULE_POOL	1000	/* delivered messages a rate is pooled over */

enum warm_rule_act { WARM_RULE_RAMP, WARM_RULE_HOLD, WARM_RULE_BACKOFF,
    WARM_RULE_PAUSE, WARM_RULE_STOP };

/* A plan day's results for one provider; sent and delivered known. */
struct warm_rule_day {
	bool				has;
	struct warm_results_counts	c;
};

/* What the next day does. */
struct warm_rule {
	enum warm_rule_act	 act;
	int		 num, den;	/* BACKOFF: volume * num / den */
	char		*note;		/* why; caller frees; NULL for RAMP */
};

struct warm_rules;

/*
 * Load and check the rules file at path (the format is described at the
 * top of data/warmup-rules.tsv).  NULL with e filled: where is
 * "path:line" for a bad line, what says what is wrong with it.
 */
struct warm_rules	*warm_rules_load(const char *path, struct derr *e);
void			 warm_rules_free(struct warm_rules *);

/*
 * Decide after day d (1-based) from days[0], days[stride], ...,
 * days[(d - 1) * stride], the provider's days so far; planned is day d's
 * planned volume; *lasthit is the last day a rule that a repeat rule
 * counts fired (0: never), updated.  The strictest rule that fires wins;
 * the notes of all that fire are joined.  Returns 0, or -1 when out of
 * memory (w->note is then NULL).
 */
int	warm_rule_eval(const struct warm_rules *,
	    const struct warm_rule_day *days, size_t stride, int d,
	    long long planned, int *lasthit, struct warm_rule *w);

#endif
