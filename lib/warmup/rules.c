/*
 * The adaptation rules of warm-up plans.  See warmup/rules.h.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/deliv.h"
#include "core/util.h"
#include "warmup/calendar.h"
#include "warmup/rules.h"

static char	*fmt_pct(char *, size_t, long long, long long);

/* num/den as a percentage with two decimals: "0.71%". */
static char *
fmt_pct(char *buf, size_t len, long long num, long long den)
{
	long long h;

	if (den <= 0) {
		snprintf(buf, len, "n/a");
		return buf;
	}
	h = (num * 10000 + den / 2) / den;
	snprintf(buf, len, "%lld.%02lld%%", h / 100, h % 100);
	return buf;
}

int
warm_rule_eval(const struct warm_rule_day *days, size_t stride, int d,
    long long planned, int *lasthit, struct warm_rule *w)
{
	const struct warm_results_counts *today = &days[(size_t)(d - 1) * stride].c;
	struct sbuf why = { 0 };
	long long sent = 0, del = 0, hard = 0, compl = 0, auth = 0, c7 = 0;
	long long dd, ds;
	char a[32], b[32], pc[48];
	enum warm_rule_act act = WARM_RULE_RAMP;
	int i, num = 1, den = 1, hit = 0;

	/* Pool the most recent days until 1,000 delivered. */
	for (i = d; i >= 1 && del < WARM_RULE_POOL; i--) {
		const struct warm_rule_day *r = &days[(size_t)(i - 1) * stride];

		if (!r->has)
			continue;
		sent += r->c.sent;
		del += r->c.delivered;
		hard += r->c.hard;
		compl += r->c.complaints;
		auth += r->c.authfail;
	}
	for (i = d; i >= 1 && i > d - 7; i--)
		if (days[(size_t)(i - 1) * stride].has)
			c7 += days[(size_t)(i - 1) * stride].c.complaints;
#define RULE(cond, a_, n_, d_, ...) do {				\
	if (cond) {							\
		if (why.len > 0)					\
			sbuf_adds(&why, "; ");				\
		sbuf_printf(&why, __VA_ARGS__);				\
		if ((a_) > act || ((a_) == act && (n_) * den < num * (d_))) { \
			act = (a_); num = (n_); den = (d_);		\
		}							\
	}								\
} while (0)
	/* Complaints: Google and Yahoo 0.1% / 0.3%, SES 0.1% / 0.5%. */
	if (del > 0 && today->complaints > 0 && compl * 1000 >= 3 * del) {
		hit = 1;
		RULE(true, WARM_RULE_BACKOFF, 1, 2, "complaints %lld/%lld pooled = "
		    "%s >= 0.3%% (Gmail and Yahoo line): half, then hold",
		    compl, del, fmt_pct(pc, sizeof(pc), compl, del));
		RULE(*lasthit > 0 && d - *lasthit < 7 && c7 >= 3,
		    WARM_RULE_STOP, 0, 1, "second day at >= 0.3%% within 7 days "
		    "(%lld complaints; Google wants 7 days in a row below "
		    "0.3%%): stop", c7);
		RULE(compl >= 3 && compl * 1000 >= 5 * del, WARM_RULE_STOP, 0, 1,
		    "complaints >= 0.5%% pooled (Amazon SES pauses): stop");
	} else
		RULE(del > 0 && compl * 1000 > del, WARM_RULE_HOLD, 1, 1,
		    "complaints %lld/%lld pooled = %s > 0.1%% (Gmail, SES, "
		    "Braze): hold", compl, del,
		    fmt_pct(pc, sizeof(pc), compl, del));
	if (hit)
		*lasthit = d;
	/* Hard bounces: SES 2% / 5% / 10%. */
	if (sent > 0 && hard * 100 > 10 * sent && hard >= 3)
		RULE(true, WARM_RULE_STOP, 0, 1, "hard bounces %lld/%lld pooled = "
		    "%s > 10%% (Amazon SES may pause): stop; clean the list",
		    hard, sent, fmt_pct(pc, sizeof(pc), hard, sent));
	else if (sent > 0 && hard * 100 > 5 * sent && today->hard > 0)
		RULE(true, WARM_RULE_BACKOFF, 1, 2, "hard bounces %lld/%lld pooled = "
		    "%s > 5%% (Amazon SES review, Braze): half, then hold; "
		    "clean the list (deliv bounce-classify)", hard, sent,
		    fmt_pct(pc, sizeof(pc), hard, sent));
	else
		RULE(sent > 0 && hard * 100 > 2 * sent, WARM_RULE_HOLD, 1, 1,
		    "hard bounces %lld/%lld pooled = %s > 2%% (Amazon SES): "
		    "hold; clean the list (deliv bounce-classify)", hard, sent,
		    fmt_pct(pc, sizeof(pc), hard, sent));
	/*
	 * Deferrals and refusals of the sender: owlat, Braze, Google.  Of
	 * the day itself: they are about that day's traffic.
	 */
	dd = today->deferred + today->refused;
	ds = today->sent;
	if (ds > 0 && dd * 100 > 25 * ds)
		RULE(true, WARM_RULE_PAUSE, 0, 1, "deferred or refused %lld/%lld "
		    "= %s > 25%% (owlat halts; KumoMTA suspends): pause a day, "
		    "then half", dd, ds, fmt_pct(pc, sizeof(pc), dd, ds));
	else if (ds > 0 && dd * 100 > 10 * ds)
		RULE(true, WARM_RULE_BACKOFF, 7, 10, "deferred or refused %lld/%lld "
		    "= %s > 10%% (owlat, Braze; Google: reduce until the errors "
		    "decrease): 0.7 of the volume", dd, ds,
		    fmt_pct(pc, sizeof(pc), dd, ds));
	else
		RULE(ds > 0 && today->deferred * 100 > 5 * ds, WARM_RULE_HOLD, 1, 1,
		    "deferred %lld/%lld = %s > 5%% (owlat): hold a day",
		    today->deferred, ds,
		    fmt_pct(pc, sizeof(pc), today->deferred, ds));
	RULE(auth > 0 && today->authfail > 0, WARM_RULE_HOLD, 1, 1,
	    "%lld authentication refusals: check SPF, DKIM and DMARC with "
	    "deliv dnscheck; volume cannot fix them", auth);
	/* SparkPost moves on only when 90% of the stage went out. */
	RULE(today->sent >= 0 && planned > 0 && today->sent * 100 <
	    90 * planned, WARM_RULE_HOLD, 1, 1, "sent %s of %s planned (< 90%%, "
	    "SparkPost): repeat the volume", warm_fmt_num(a, sizeof(a), today->sent),
	    warm_fmt_num(b, sizeof(b), planned));
#undef RULE
	w->act = act;
	w->num = num;
	w->den = den;
	w->note = NULL;
	if (act != WARM_RULE_RAMP && sbuf_printf(&why, " (day %d results)", d) == 0)
		w->note = why.s;
	else
		sbuf_free(&why);
	return 0;
}
