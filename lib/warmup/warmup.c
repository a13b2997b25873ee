/*
 * Warm-up plans.  See warmup/warmup.h; the numbers and their sources are in
 * deliv-warmup-plan(1).
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/deliv.h"
#include "core/util.h"
#include "warmup/calendar.h"
#include "warmup/results.h"
#include "warmup/rules.h"
#include "warmup/warmup.h"

#define START_PER_IP	50	/* SendGrid, Braze, StrongGrid, owlat */
#define MAXQ		3	/* queued actions per provider */
#define SPAN		(WARM_MAXDAYS * 7 / 5 + 8)	/* calendar days */

struct action {
	enum warm_rule_act	 act;
	int		 num, den;	/* BACKOFF: volume * num / den */
	char		*note;		/* owned; may be NULL */
};

struct pstate {
	const char	*name;
	long long	 target;	/* T_p */
	long long	 limit;		/* T_p, or less by --cap */
	long long	 cap;		/* per IP: ceil(T_p / ips) */
	long long	 start;		/* S_p per IP */
	long long	 weight;	/* start weight, hundredths */
	long long	 v;		/* per-IP level of the last day */
	long long	*seq;		/* --days: the levels */
	int		 k;
	long long	 cum, vol;
	struct action	 q[MAXQ];
	int		 nq;
	bool		 stopped, bulk;
	int		 lasthit;	/* day of the last >= 0.3% day */
};

struct warm_plan {
	struct warm_opts	 o;
	long long		 target;
	size_t			 np;
	struct pstate		 p[WARM_MAXPROV];
	struct warm_row		*rows;
	char			**notes;
	size_t			 nrows, caprows, capnotes;
	struct warm_rule_day		*res;		/* [calendar day][provider] */
	struct warm_rule_day		*hist;		/* [plan day][provider] */
	long			 startday, firstres, lastres, unused;
	bool			 stopped;
};

/* Growth in hundredths by the per-IP provider volume: see the man page. */
static const struct {
	long long	 below;
	int		 f[3];		/* conservative, standard, aggressive */
} bands[] = {
	{ 1000, { 150, 200, 200 } },
	{ 10000, { 140, 200, 200 } },
	{ 100000, { 130, 150, 180 } },
	{ 1000000, { 120, 133, 160 } },
	{ -1, { 115, 125, 150 } },
};

/* SendGrid's IP-count table: up to this many a day, this many IPs. */
static const struct {
	long long	 upto;
	int		 ips;
} sgips[] = {
	{ 800000, 2 }, { 1600000, 3 }, { 2500000, 3 }, { 3500000, 4 }, { 5000000, 5 },
	{ 7500000, 7 }, { 10000000, 10 }, { 12500000, 11 }, { 15000000, 12 },
	{ 20000000, 13 }, { 30000000, 15 }, { 50000000, 17 }, { 80000000, 20 },
};

static long long grow(const struct warm_plan *, struct pstate *);
static int	 make_seq(struct warm_plan *, struct pstate *, struct derr *);
static size_t	 worst(const struct warm_plan *);
static int	 add_row(struct warm_plan *, int, long, const char *,
		    long long, long long, double, const char *, char *);
static void	 q_clear(struct pstate *);
static int	 q_push(struct pstate *, enum warm_rule_act, int, int, char *);
static void	 evaluate(struct warm_plan *, size_t, int);
static int	 load_results(struct warm_plan *);

/* The next per-IP level after a clean day. */
static long long
grow(const struct warm_plan *pl, struct pstate *ps)
{
	long long v = ps->v, nv;
	size_t i;
	int f;

	if (ps->seq != NULL) {
		if (ps->k < pl->o.days - 1)
			ps->k++;
		nv = ps->seq[ps->k];
		return nv > v ? nv : v;
	}
	for (i = 0; i + 1 < nitems(bands) && v >= bands[i].below; i++)
		;
	f = bands[i].f[pl->o.pace];
	nv = (v * f + 50) / 100;
	if (nv < v + 1)
		nv = v + 1;
	return nv < ps->cap ? nv : ps->cap;
}

/* The provider that needs the most days at x2.0 a day. */
static size_t
worst(const struct warm_plan *pl)
{
	size_t j, w = 0;
	double r, rw = 0;

	for (j = 0; j < pl->np; j++) {
		if (pl->p[j].start <= 0)
			continue;
		r = (double)pl->p[j].cap / pl->p[j].start;
		if (r > rw) {
			rw = r;
			w = j;
		}
	}
	return w;
}

/* --days N: a pure geometric ramp from the start to the cap. */
static int
make_seq(struct warm_plan *pl, struct pstate *ps, struct derr *e)
{
	double g;
	int n = pl->o.days, k, need;
	char a[32], b[32];

	free(ps->seq);
	if ((ps->seq = calloc((size_t)n, sizeof(*ps->seq))) == NULL) {
		derr_set(e, "plan", "out of memory");
		return -1;
	}
	if (n == 1 || ps->cap <= ps->start) {
		for (k = 0; k < n; k++)
			ps->seq[k] = k == 0 && n > 1 ? ps->start : ps->cap;
		if (ps->cap <= ps->start)
			return 0;
		g = INFINITY;
	} else
		g = pow((double)ps->cap / (double)ps->start, 1.0 / (n - 1));
	if (g > 2.0 + 1e-9) {
		need = 1 + (int)ceil(log2((double)ps->cap / ps->start) - 1e-9);
		derr_set(e, "--days", "%d days ramp %s from %s to %s a day per "
		    "IP by more than x2.0 a day; at least %d days are needed",
		    n, ps->name, warm_fmt_num(a, sizeof(a), ps->start),
		    warm_fmt_num(b, sizeof(b), ps->cap), need);
		return -1;
	}
	for (k = 0; k < n; k++) {
		ps->seq[k] = (long long)floor(ps->start * pow(g, k) + 0.5);
		if (k > 0 && ps->seq[k] < ps->seq[k - 1])
			ps->seq[k] = ps->seq[k - 1];
		if (ps->seq[k] > ps->cap)
			ps->seq[k] = ps->cap;
	}
	ps->seq[n - 1] = ps->cap;
	return 0;
}

static int
add_row(struct warm_plan *pl, int day, long date, const char *prov,
    long long vol, long long cum, double share, const char *state,
    char *note)
{
	struct warm_row *r;
	char **nn;

	if ((r = array_room(pl->rows, pl->nrows, &pl->caprows, sizeof(*r),
	    256)) == NULL)
		goto fail;
	pl->rows = r;
	if ((nn = array_room(pl->notes, pl->nrows, &pl->capnotes,
	    sizeof(*nn), 256)) == NULL)
		goto fail;
	pl->notes = nn;
	r = &pl->rows[pl->nrows];
	r->day = day;
	r->date = warm_time_of(date);
	r->provider = prov;
	r->volume = vol;
	r->cumulative = cum;
	r->share = round(share * 10000) / 10000;
	r->state = state;
	pl->notes[pl->nrows] = note;
	r->note = note != NULL ? note : "";
	pl->nrows++;
	return 0;
fail:
	free(note);
	return -1;
}

static void
q_clear(struct pstate *ps)
{
	int i;

	for (i = 0; i < ps->nq; i++)
		free(ps->q[i].note);
	ps->nq = 0;
}

static int
q_push(struct pstate *ps, enum warm_rule_act act, int num, int den, char *note)
{
	if (ps->nq == MAXQ) {
		free(note);
		return -1;
	}
	ps->q[ps->nq++] = (struct action){ act, num, den, note };
	return 0;
}

/* Spread the results over [calendar day - start][provider]. */
static int
load_results(struct warm_plan *pl)
{
	const struct warm_results_entry *en;
	struct warm_results_counts *c;
	size_t i, n, j, other = pl->np;
	long off;

	pl->lastres = pl->firstres = -1;
	if (pl->o.results == NULL)
		return 0;
	for (j = 0; j < pl->np; j++)
		if (strcmp(pl->p[j].name, "other") == 0)
			other = j;
	en = warm_results_entries(pl->o.results, &n);
	for (i = 0; i < n; i++, en++) {
		off = en->day - pl->startday;
		for (j = 0; j < pl->np; j++)
			if (strcmp(pl->p[j].name, en->provider) == 0)
				break;
		if (j == pl->np)
			j = other;
		if (off < 0 || off >= SPAN || j == pl->np) {
			pl->unused++;
			continue;
		}
		c = &pl->res[off * WARM_MAXPROV + j].c;
		if (!pl->res[off * WARM_MAXPROV + j].has) {
			pl->res[off * WARM_MAXPROV + j].has = true;
			c->sent = c->delivered = -1;
		}
		if (en->c.sent >= 0)
			c->sent = (c->sent < 0 ? 0 : c->sent) + en->c.sent;
		if (en->c.delivered >= 0)
			c->delivered = (c->delivered < 0 ? 0 : c->delivered) +
			    en->c.delivered;
		c->hard += en->c.hard;
		c->soft += en->c.soft;
		c->complaints += en->c.complaints;
		c->deferred += en->c.deferred;
		c->refused += en->c.refused;
		c->authfail += en->c.authfail;
		if (en->day > pl->lastres)
			pl->lastres = en->day;
		if (pl->firstres == -1 || en->day < pl->firstres)
			pl->firstres = en->day;
	}
	return 0;
}

/*
 * Provider j's results of plan day d are in pl->hist: ask the rules what
 * the next day does and queue it, with the reason in the note.
 */
static void
evaluate(struct warm_plan *pl, size_t j, int d)
{
	struct pstate *ps = &pl->p[j];
	struct warm_rule w;

	if (warm_rule_eval(pl->o.rules, &pl->hist[j], WARM_MAXPROV, d, ps->vol,
	    &ps->lasthit, &w) == -1 || w.act == WARM_RULE_RAMP) {
		free(w.note);
		return;		/* a clean day leaves queued holds alone */
	}
	q_clear(ps);
	q_push(ps, w.act, w.num, w.den, w.note);
	if (w.act == WARM_RULE_BACKOFF && w.num == 1 && w.den == 2)
		q_push(ps, WARM_RULE_HOLD, 1, 1, strdup("hold after the back-off"));
	else if (w.act == WARM_RULE_PAUSE)
		q_push(ps, WARM_RULE_BACKOFF, 1, 2,
		    strdup("resume at half after the pause"));
	if (w.act == WARM_RULE_STOP)
		pl->stopped = true;
}

static bool
weekend(long day)
{
	int wd = (int)((day % 7 + 7 + 4) % 7);	/* 0 = Sunday */

	return wd == 0 || wd == 6;
}

/* The advice on the first day's "all" row. */
static char *
advice(const struct warm_plan *pl)
{
	struct sbuf b = { 0 };
	long long T = pl->target, m, ips = pl->o.ips, per;
	char x[32], y[32];
	size_t i;

	if (pl->o.monthly > 0)
		m = pl->o.monthly;
	else
		m = pl->o.weekdays_only ? pl->o.daily * 150 / 7 :
		    pl->o.daily * 30;
	if (m < 150000 || T < 5000)
		sbuf_printf(&b, "%s a month (%s a day) is under what a "
		    "dedicated IP needs to keep a reputation (SendGrid, "
		    "Mailtrap: 100,000 a month; Iterable: 150,000; Mandrill: "
		    "5,000 a day on 3 days a week): a shared pool may deliver "
		    "better", warm_fmt_num(x, sizeof(x), m), warm_fmt_num(y, sizeof(y), T));
	for (i = 0; i < nitems(sgips) && sgips[i].upto < T; i++)
		;
	if (T > 800000 && i < nitems(sgips) && sgips[i].ips > ips)
		sbuf_printf(&b, "%s%s a day on %lld IP%s: SendGrid's table "
		    "suggests %d IPs for up to %s a day", b.len ? "; " : "",
		    warm_fmt_num(x, sizeof(x), T), ips, ips == 1 ? "" : "s",
		    sgips[i].ips, warm_fmt_num(y, sizeof(y), sgips[i].upto));
	per = (T + ips - 1) / ips;
	if (per > 2000000)
		sbuf_printf(&b, "%s%s a day per IP: add IPs (Salesforce "
		    "Marketing Cloud: more than one above 2 million; "
		    "SparkPost: 2 to 5 million per IP)", b.len ? "; " : "",
		    warm_fmt_num(x, sizeof(x), per));
	return b.s;
}

/* Append s (and "; " before it when needed) to *note; frees s. */
static void
note_add(char **note, char *s)
{
	struct sbuf b = { 0 };

	if (s == NULL)
		return;
	if (*note == NULL || **note == '\0') {
		free(*note);
		*note = s;
		return;
	}
	if (sbuf_printf(&b, "%s; %s", *note, s) == 0) {
		free(*note);
		*note = b.s;
	}
	free(s);
}

static void
plan_day_provider(struct warm_plan *pl, size_t j, int d, long off,
    const char **state, char **note)
{
	struct pstate *ps = &pl->p[j];
	struct action a = { WARM_RULE_RAMP, 1, 1, NULL };
	struct warm_rule_day *r;
	struct sbuf b = { 0 };
	char x[32];
	int i;

	if (ps->nq > 0) {
		a = ps->q[0];
		for (i = 1; i < ps->nq; i++)
			ps->q[i - 1] = ps->q[i];
		ps->nq--;
	}
	*note = a.note;
	if (ps->stopped) {
		ps->vol = 0;
		*state = "backoff";
		note_add(note, strdup("stopped"));
		return;
	}
	switch (a.act) {
	case WARM_RULE_RAMP:
		if (d > 1)
			ps->v = grow(pl, ps);
		break;
	case WARM_RULE_HOLD:
		break;
	case WARM_RULE_BACKOFF:
		ps->v = ps->v * a.num / a.den;
		if (ps->v < 1)
			ps->v = 1;
		if (ps->seq != NULL)
			for (ps->k = 0; ps->k + 1 < pl->o.days &&
			    ps->seq[ps->k + 1] <= ps->v; ps->k++)
				;
		break;
	case WARM_RULE_PAUSE:
	case WARM_RULE_STOP:
		break;
	}
	ps->vol = ps->v * pl->o.ips;
	if (ps->vol > ps->limit)
		ps->vol = ps->limit;
	if (a.act == WARM_RULE_PAUSE || a.act == WARM_RULE_STOP)
		ps->vol = 0;
	ps->stopped = a.act == WARM_RULE_STOP;
	if (a.act == WARM_RULE_RAMP)
		*state = ps->vol >= ps->limit ? "warm" : "ramp";

	else
		*state = a.act == WARM_RULE_HOLD ? "hold" : "backoff";
	if (d == 1 && ps->limit < ps->target) {
		struct sbuf c = { 0 };

		sbuf_printf(&c, "capped at %s a day (--cap): the rest of its "
		    "share is not sent to other providers%s",
		    warm_fmt_num(x, sizeof(x), ps->limit), pl->o.migrate ?
		    "; the old path carries it" : "");
		note_add(note, c.s);
	}
	if (!ps->bulk && ps->vol >= 5000 && strcmp(ps->name, "gmail") == 0) {
		ps->bulk = true;
		note_add(note, strdup("gmail at 5,000 a day: a Gmail bulk "
		    "sender from now on, for good (SPF and DKIM, aligned DMARC, "
		    "one-click unsubscribe, spam rate under 0.1%; see deliv "
		    "dnscheck, deliv lint)"));
	}
	if (!ps->bulk && ps->vol >= 5000 &&
	    strcmp(ps->name, "microsoft") == 0) {
		ps->bulk = true;
		note_add(note, strdup("microsoft above 5,000 a day: Outlook.com "
		    "rejects mail without passing SPF, DKIM and DMARC (550 "
		    "5.7.515; see deliv dnscheck)"));
	}
	/* Today's results, if any: kept for pooling, shown in the note. */
	r = &pl->hist[(size_t)(d - 1) * WARM_MAXPROV + j];
	if (off < 0 || off >= SPAN || pl->lastres < 0 ||
	    off > pl->lastres - pl->startday)
		return;
	if (!pl->res[off * WARM_MAXPROV + j].has) {
		/* Up to the last day with results, no record: sent as
		 * planned, no failure (bounce-classify sees failures only). */
		memset(r, 0, sizeof(*r));
		r->has = true;
		r->c.sent = r->c.delivered = ps->vol;
		return;
	}
	*r = pl->res[off * WARM_MAXPROV + j];
	if (r->c.sent < 0)
		r->c.sent = ps->vol;
	if (r->c.delivered < 0) {
		r->c.delivered = r->c.sent - r->c.hard - r->c.soft -
		    r->c.refused;
		if (r->c.delivered < 0)
			r->c.delivered = 0;
	}
	sbuf_printf(&b, "results: sent %s%s, hard %lld, complaints %lld, "
	    "deferred %lld", warm_fmt_num(x, sizeof(x), r->c.sent),
	    pl->res[off * WARM_MAXPROV + j].c.sent < 0 ?
	    " (assumed = planned)" : "", r->c.hard, r->c.complaints,
	    r->c.deferred);
	if (r->c.refused > 0)
		sbuf_printf(&b, ", refused %lld", r->c.refused);
	note_add(note, b.s);
}

struct warm_plan *
warm_plan_new(const struct warm_opts *o, struct derr *e)
{
	struct warm_plan *pl;
	unsigned __int128 num;
	long long W = 0, rem[WARM_MAXPROV], given = 0, total, cum = 0;
	long long oldcum = 0, old;
	long date, off, prev;
	size_t i, j, best;
	int d, wstate;
	char *note;
	const char *state, *allstate;
	bool done;

	if ((pl = zalloc(sizeof(*pl), "plan", e)) == NULL)
		return NULL;
	pl->o = *o;
	if (o->results != NULL && o->rules == NULL) {
		derr_set(e, "plan", "results without rules to adapt by");
		goto fail;
	}
	if (pl->o.ips < 1)
		pl->o.ips = 1;
	if (pl->o.mix.n == 0)
		warm_mix_default(&pl->o.mix);
	if (o->monthly > 0)
		pl->target = o->weekdays_only ? (o->monthly * 7 + 149) / 150 :
		    (o->monthly + 29) / 30;
	else
		pl->target = o->daily;
	if (pl->target <= 0) {
		derr_set(e, "plan", "no target: give --daily or --monthly");
		goto fail;
	}
	for (i = 0; i < o->caps.n; i++) {
		for (j = 0; j < pl->o.mix.n; j++)
			if (strcmp(o->caps.name[i], pl->o.mix.name[j]) == 0)
				break;
		if (j == pl->o.mix.n) {
			derr_set(e, "--cap", "%s: not a provider of the mix",
			    o->caps.name[i]);
			goto fail;
		}
	}
	pl->startday = warm_day_of(o->start);
	pl->np = pl->o.mix.n;
	for (j = 0; j < pl->np; j++)
		W += pl->o.mix.weight[j];
	if (W <= 0) {
		derr_set(e, "--mix", "no provider has a share");
		goto fail;
	}
	/* Largest remainder: the provider targets add up to T exactly. */
	for (j = 0; j < pl->np; j++) {
		struct pstate *ps = &pl->p[j];

		ps->name = pl->o.mix.name[j];
		num = (unsigned __int128)pl->target * pl->o.mix.weight[j];
		ps->target = (long long)(num / W);
		rem[j] = (long long)(num % W);
		given += ps->target;
		ps->weight = warm_mix_weight(ps->name);
	}
	for (; given < pl->target; given++) {
		best = 0;
		for (j = 1; j < pl->np; j++)
			if (rem[j] > rem[best])
				best = j;
		pl->p[best].target++;
		rem[best] = -1;
	}
	for (j = 0; j < pl->np; j++) {
		struct pstate *ps = &pl->p[j];

		/* S_p = round(50 * share * weight), at least 1 a day. */
		num = (unsigned __int128)2 * START_PER_IP * pl->o.mix.weight[j] *
		    ps->weight + (unsigned __int128)100 * W;
		ps->start = (long long)(num / ((unsigned __int128)200 * W));
		if (ps->start < 1)
			ps->start = 1;
		ps->limit = ps->target;
		for (i = 0; i < o->caps.n; i++)
			if (strcmp(o->caps.name[i], ps->name) == 0 &&
			    o->caps.weight[i] < ps->limit)
				ps->limit = o->caps.weight[i];
		ps->cap = (ps->limit + pl->o.ips - 1) / pl->o.ips;
		if (ps->start > ps->cap)
			ps->start = ps->cap;
		ps->v = ps->start;
	}
	/* Name the provider that needs the most days when N is short. */
	if (pl->o.days > 0 && make_seq(pl, &pl->p[worst(pl)], e) == -1)
		goto fail;
	for (j = 0; j < pl->np && pl->o.days > 0; j++)
		if (make_seq(pl, &pl->p[j], e) == -1)
			goto fail;
	pl->res = calloc((size_t)SPAN * WARM_MAXPROV, sizeof(*pl->res));
	pl->hist = calloc((size_t)WARM_MAXDAYS * WARM_MAXPROV,
	    sizeof(*pl->hist));
	if (pl->res == NULL || pl->hist == NULL || load_results(pl) == -1) {
		derr_set(e, "plan", "out of memory");
		goto fail;
	}
	date = pl->startday;
	prev = date - 1;
	for (d = 1; d <= WARM_MAXDAYS; d++, date++) {
		while (pl->o.weekdays_only && weekend(date))
			date++;
		/* Results on days skipped (weekends) are not used. */
		for (off = prev + 1 - pl->startday; off < date - pl->startday;
		    off++)
			for (j = 0; off >= 0 && off < SPAN && j < pl->np; j++)
				if (pl->res[off * WARM_MAXPROV + j].has)
					pl->unused++;
		prev = date;
		off = date - pl->startday;
		total = 0;
		wstate = 0;
		for (j = 0; j < pl->np; j++) {
			struct pstate *ps = &pl->p[j];

			plan_day_provider(pl, j, d, off, &state, &note);
			ps->cum += ps->vol;
			total += ps->vol;
			if (add_row(pl, d, date, ps->name, ps->vol, ps->cum,
			    ps->target > 0 ? (double)ps->vol / ps->target : 1,
			    state, note) == -1)
				goto nomem;
			if (strcmp(state, "backoff") == 0)
				wstate = 3;
			else if (strcmp(state, "hold") == 0 && wstate < 2)
				wstate = 2;
			else if (strcmp(state, "ramp") == 0 && wstate < 1)
				wstate = 1;
			if (pl->hist[(size_t)(d - 1) * WARM_MAXPROV + j].has &&
			    !ps->stopped)
				evaluate(pl, j, d);
		}
		cum += total;
		if (pl->o.migrate) {
			old = pl->target - total;
			if (old < 0)
				old = 0;
			oldcum += old;
			if (add_row(pl, d, date, "old", old, oldcum,
			    (double)old / pl->target, "warm", d == 1 ?
			    strdup("the old IP or provider carries the rest of "
			    "the daily target") : NULL) == -1)
				goto nomem;
		}
		allstate = wstate == 3 ? "backoff" : wstate == 2 ? "hold" :
		    wstate == 1 ? "ramp" : "warm";
		if (add_row(pl, d, date, "all", total, cum,
		    (double)total / pl->target, allstate,
		    d == 1 ? advice(pl) : NULL) == -1)
			goto nomem;
		done = d >= WARM_MINDAYS && d >= pl->o.days &&
		    date >= pl->lastres;
		for (j = 0; j < pl->np && done; j++)
			done = pl->p[j].stopped || (pl->p[j].vol >=
			    pl->p[j].limit && pl->p[j].nq == 0);
		if (done)
			break;
	}
	if (date > WARM_LASTDAY) {
		derr_set(e, "--start", "the plan would end after 9999-12-31");
		goto fail;
	}
	return pl;
nomem:
	derr_set(e, "plan", "out of memory");
fail:
	warm_plan_free(pl);
	return NULL;
}

void
warm_plan_free(struct warm_plan *pl)
{
	size_t i;

	if (pl == NULL)
		return;
	for (i = 0; i < pl->np; i++) {
		q_clear(&pl->p[i]);
		free(pl->p[i].seq);
	}
	strv_free(pl->notes, pl->nrows);
	free(pl->rows);
	free(pl->res);
	free(pl->hist);
	free(pl);
}

size_t
warm_plan_nrows(const struct warm_plan *pl)
{
	return pl->nrows;
}

const struct warm_row *
warm_plan_row(const struct warm_plan *pl, size_t i)
{
	return i < pl->nrows ? &pl->rows[i] : NULL;
}

long long
warm_plan_target(const struct warm_plan *pl)
{
	return pl->target;
}

size_t
warm_plan_nprov(const struct warm_plan *pl)
{
	return pl->np;
}

const char *
warm_plan_prov(const struct warm_plan *pl, size_t i)
{
	return i < pl->np ? pl->p[i].name : NULL;
}

bool
warm_plan_stopped(const struct warm_plan *pl)
{
	return pl->stopped;
}

long
warm_plan_unused(const struct warm_plan *pl)
{
	return pl->unused;
}
