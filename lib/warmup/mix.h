/*
 * Provider mixes of warm-up plans: which mailbox providers get what share
 * of the daily target, in output order, and each known provider's start
 * weight (the sources are in deliv-warmup-plan(1)).
 */
#ifndef WARMMIX_H
#define WARMMIX_H

#include <stddef.h>

#include "core/deliv.h"

#define WARM_MAXPROV	16	/* providers in a mix */

/* Provider shares: weights (percent or counts), in output order. */
struct warm_mix {
	size_t		 n;
	char		 name[WARM_MAXPROV][32];
	long long	 weight[WARM_MAXPROV];
};

/* The default mix: gmail 40, microsoft 25, yahoo 15, apple 10, other 10. */
void	warm_mix_default(struct warm_mix *);
/*
 * Parse "gmail=40,microsoft=25,...": percentages summing to 100, or to
 * less when "other" is absent (other gets the rest).  0 or -1 (e filled).
 */
int	warm_mix_parse(struct warm_mix *, const char *spec, struct derr *e);
/*
 * Parse "microsoft=20000,...": a daily ceiling per provider (--cap).
 * 0 or -1 (e filled).
 */
int	warm_caps_parse(struct warm_mix *, const char *spec, struct derr *e);
/* Add n to provider name (a count, for --mix-from).  0 or -1 (full). */
int	warm_mix_add(struct warm_mix *, const char *name, long long n);
/* Drop empty providers; known providers first, "other" last. */
void	warm_mix_sort(struct warm_mix *);

/*
 * A provider's start weight in hundredths: gmail 100, microsoft 75,
 * yahoo 50, apple 50, any other 100.
 */
long long	warm_mix_weight(const char *name);
/* Output rank: known providers first, "other" last. */
int		warm_mix_rank(const char *name);

#endif
