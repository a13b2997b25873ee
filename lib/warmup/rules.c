/*
 * The adaptation rules of warm-up plans: the loader and checker of the
 * rules file, and their evaluation.  See warmup/rules.h.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/deliv.h"
#include "core/tsv.h"
#include "core/util.h"
#include "warmup/calendar.h"
#include "warmup/rules.h"

#define MAXRULES	64
#define MAXWHEN		8
#define NFIELDS		12

enum measure { M_COMPLAINTS, M_HARD, M_DEFERRED_REFUSED, M_DEFERRED,
    M_AUTHFAIL, M_SENT, M_REPEAT };
enum op { OP_GT, OP_GE, OP_LT };

static const char *const measures[] = { "complaints", "hard",
    "deferred_refused", "deferred", "authfail", "sent", "repeat" };
static const char *const ops[] = { ">", ">=", "<" };
static const char *const actions[] = { "ramp", "hold", "backoff", "pause",
    "stop" };
/* The placeholders of a note. */
static const char *const holes[] = { "n", "d", "N", "D", "pct", "op",
    "thr", "min", "days", "source" };

struct rule {
	char			*name;
	enum measure		 measure;
	enum op			 op;
	long long		 bp;		/* threshold, 1/100 of a %; -1 */
	char			*thr;		/* as written */
	long long		 min;
	int			 days;
	bool			 today;
	int			 when[MAXWHEN];	/* rule index, ~index: not */
	int			 nwhen;
	enum warm_rule_act	 act;
	int			 num, den;
	char			*source;
	char			*note;
};

struct warm_rules {
	struct rule	r[MAXRULES];
	int		n;
	struct strpool	str;	/* the rules' names, thresholds, sources
				   and notes */
};

/* A percentage with up to 2 decimals, in (0, 100], as 1/100 of a %. */
static long long
parse_bp(const char *s)
{
	const char *dot = strchr(s, '.'), *errstr;
	char whole[16];
	long long w, f = 0;
	size_t k;

	k = dot != NULL ? (size_t)(dot - s) : strlen(s);
	if (k == 0 || k >= sizeof(whole))
		return -1;
	memcpy(whole, s, k);
	whole[k] = '\0';
	w = parse_num(whole, 0, 100, &errstr);
	if (errstr != NULL)
		return -1;
	if (dot != NULL) {
		k = strlen(dot + 1);
		if (k < 1 || k > 2 || !isdigit((unsigned char)dot[1]) ||
		    (k == 2 && !isdigit((unsigned char)dot[2])))
			return -1;
		f = (dot[1] - '0') * 10 + (k == 2 ? dot[2] - '0' : 0);
	}
	w = w * 100 + f;
	return w > 0 && w <= 10000 ? w : -1;
}

/* Check that every {hole} of a note is known.  0, or -1 (e filled). */
static int
check_note(const char *note, const char *where, struct derr *e)
{
	const char *p, *q;
	char h[16];

	for (p = note; (p = strchr(p, '{')) != NULL; p = q + 1) {
		if ((q = strchr(p, '}')) == NULL || (size_t)(q - p - 1) >=
		    sizeof(h)) {
			derr_set(e, where, "note: unclosed {");
			return -1;
		}
		snprintf(h, sizeof(h), "%.*s", (int)(q - p - 1), p + 1);
		if (str_index(h, holes, nitems(holes)) == -1) {
			derr_set(e, where, "note: unknown {%s}", h);
			return -1;
		}
	}
	return 0;
}

/* Fill e with where and a message; returns -1. */
static int __attribute__((format(printf, 3, 4)))
bad(struct derr *e, const char *where, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return -1;
	va_start(ap, fmt);
	derr_set(e, where, "%s", "");
	vsnprintf(e->what, sizeof(e->what), fmt, ap);
	va_end(ap);
	return -1;
}

/* Parse the fields f[] of one line into r.  0, or -1 (e filled). */
static int
parse_rule(struct warm_rules *rs, char **f, const char *where,
    struct rule *r, struct derr *e)
{
	const char *errstr;
	char *tok, *save;
	int i, k;

	if (*f[0] == '\0' || strspn(f[0], "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") != strlen(f[0]))
		return bad(e, where, "rule: not a name: %s", f[0]);
	for (i = 0; i < rs->n; i++)
		if (strcmp(rs->r[i].name, f[0]) == 0)
			return bad(e, where, "rule %s given twice", f[0]);
	if ((k = str_index(f[1], measures, nitems(measures))) == -1)
		return bad(e, where, "unknown measure: %s", f[1]);
	r->measure = (enum measure)k;
	if ((k = str_index(f[2], ops, nitems(ops))) == -1)
		return bad(e, where, "unknown op: %s (>, >= or <)", f[2]);
	r->op = (enum op)k;
	r->bp = strcmp(f[3], "-") == 0 ? -1 : parse_bp(f[3]);
	if (r->bp == -1 && (strcmp(f[3], "-") != 0 || (r->measure !=
	    M_AUTHFAIL && r->measure != M_REPEAT)))
		return bad(e, where, "percent: not a number between 0.01 "
		    "and 100 with up to 2 decimals: %s", f[3]);
	r->min = strcmp(f[4], "-") == 0 ? 0 : parse_num(f[4], 0, 1000000000,
	    &errstr);
	if (strcmp(f[4], "-") != 0 && errstr != NULL)
		return bad(e, where, "min: not a count: %s", f[4]);
	r->days = strcmp(f[5], "-") == 0 ? 0 : (int)parse_num(f[5], 1, 366,
	    &errstr);
	if ((strcmp(f[5], "-") != 0 && errstr != NULL) ||
	    (r->measure == M_REPEAT) != (r->days > 0))
		return bad(e, where, "days: a window of 1 to 366 days for "
		    "repeat, - for the others: %s", f[5]);
	if (strcmp(f[6], "yes") != 0 && strcmp(f[6], "-") != 0)
		return bad(e, where, "today: not yes or -: %s", f[6]);
	r->today = strcmp(f[6], "yes") == 0;
	r->nwhen = 0;
	save = NULL;
	tok = strcmp(f[7], "-") == 0 ? NULL : strtok_r(f[7], ",", &save);
	for (; tok != NULL; tok = strtok_r(NULL, ",", &save)) {
		bool neg = *tok == '!';

		for (i = 0; i < rs->n; i++)
			if (strcmp(rs->r[i].name, tok + neg) == 0)
				break;
		if (i == rs->n || r->nwhen == MAXWHEN)
			return bad(e, where, "when: %s: no such rule on an "
			    "earlier line", tok + neg);
		r->when[r->nwhen++] = neg ? ~i : i;
	}
	if ((k = str_index(f[8], actions, nitems(actions))) < 1)
		return bad(e, where, "unknown action: %s (hold, backoff, "
		    "pause or stop)", f[8]);
	r->act = (enum warm_rule_act)k;
	r->num = r->act == WARM_RULE_HOLD ? 1 : 0;
	r->den = 1;
	if (r->act == WARM_RULE_BACKOFF) {
		if (sscanf(f[9], "%d/%d%n", &r->num, &r->den, &k) != 2 ||
		    f[9][k] != '\0' || r->num < 1 || r->den < 2 ||
		    r->num >= r->den || r->den > 1000)
			return bad(e, where, "factor: not N/D below 1: %s",
			    f[9]);
	} else if (strcmp(f[9], "-") != 0)
		return bad(e, where, "factor: only for backoff: %s", f[9]);
	if (check_note(f[11], where, e) == -1)
		return -1;
	if ((r->name = strpool_dup(&rs->str, f[0])) == NULL ||
	    (r->thr = strpool_dup(&rs->str, f[3])) == NULL ||
	    (r->source = strpool_dup(&rs->str, f[10])) == NULL ||
	    (r->note = strpool_dup(&rs->str, f[11])) == NULL)
		return bad(e, where, "out of memory");
	return 0;
}

/* One row of the rules table into arg, a struct warm_rules. */
static int
add_line(void *arg, struct tsv_row *r, struct derr *e)
{
	struct warm_rules *rs = arg;

	if (rs->n == MAXRULES) {
		derr_set(e, r->where, "more than %d rules", MAXRULES);
		return -1;
	}
	if (parse_rule(rs, r->f, r->where, &rs->r[rs->n], e) == -1)
		return -1;
	rs->n++;
	return 0;
}

struct warm_rules *
warm_rules_load(const char *path, struct derr *e)
{
	static const struct tsv_opts o = { .min_fields = NFIELDS,
	    .max_fields = NFIELDS, .none = "no rules" };
	struct warm_rules *rs;

	if ((rs = zalloc(sizeof(*rs), path, e)) != NULL &&
	    tsv_each(path, NULL, &o, add_line, rs, e) == -1) {
		warm_rules_free(rs);
		rs = NULL;
	}
	return rs;
}

void
warm_rules_free(struct warm_rules *rs)
{
	if (rs == NULL)
		return;
	strpool_free(&rs->str);
	free(rs);
}

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

/* The counts a rule looks at, after day d. */
struct counts {
	long long	 sent, del, hard, compl, auth;	/* pooled */
	const struct warm_results_counts *today;
	long long	 planned;
};

/* The measure of r: *n of *den (den -1: a count), and today's own n. */
static void
measure(const struct rule *r, const struct counts *k,
    const struct warm_rule_day *days, size_t stride, int d, long long *n,
    long long *den, long long *today)
{
	const struct warm_results_counts *t = k->today;
	int i;

	*n = *today = 0;
	*den = -1;
	switch (r->measure) {
	case M_COMPLAINTS:
		*n = k->compl, *den = k->del, *today = t->complaints;
		break;
	case M_HARD:
		*n = k->hard, *den = k->sent, *today = t->hard;
		break;
	case M_DEFERRED_REFUSED:
		*n = *today = t->deferred + t->refused, *den = t->sent;
		break;
	case M_DEFERRED:
		*n = *today = t->deferred, *den = t->sent;
		break;
	case M_AUTHFAIL:
		*n = k->auth, *today = t->authfail;
		break;
	case M_SENT:
		*n = *today = t->sent, *den = k->planned;
		break;
	case M_REPEAT:
		*n = 0;
		for (i = d; i >= 1 && i > d - r->days; i--)
			if (days[(size_t)(i - 1) * stride].has)
				*n += days[(size_t)(i - 1) * stride].c.complaints;
		*today = *n;
		break;
	}
}

/* Whether rule r fires, given which earlier ones did. */
static bool
fires(const struct rule *r, const bool *fired, const struct counts *k,
    const struct warm_rule_day *days, size_t stride, int d, int lasthit,
    long long *n, long long *den)
{
	long long today, a, b;
	int i, w;

	for (i = 0; i < r->nwhen; i++) {
		w = r->when[i];
		if (w >= 0 ? !fired[w] : fired[~w])
			return false;
	}
	measure(r, k, days, stride, d, n, den, &today);
	if ((r->today && today <= 0) || *n < r->min || *n < 0)
		return false;
	if (r->measure == M_REPEAT)
		return lasthit > 0 && d - lasthit < r->days;
	if (r->bp < 0)
		return true;
	if (*den <= 0)
		return false;
	a = *n * 10000;
	b = r->bp * *den;
	return r->op == OP_GT ? a > b : r->op == OP_GE ? a >= b : a < b;
}

/* Append r's note, its holes filled, to why. */
static int
add_note(struct sbuf *why, const struct rule *r, long long n, long long den)
{
	const char *p, *q;
	char h[16], v[48];
	int rc = 0;

	if (why->len > 0)
		rc |= sbuf_adds(why, "; ");
	for (p = r->note; *p != '\0'; p = q + 1) {
		if (*p != '{' || (q = strchr(p, '}')) == NULL) {
			q = p;
			rc |= sbuf_addc(why, *p);
			continue;
		}
		snprintf(h, sizeof(h), "%.*s", (int)(q - p - 1), p + 1);
		if (strcmp(h, "n") == 0 || strcmp(h, "d") == 0)
			snprintf(v, sizeof(v), "%lld", h[0] == 'n' ? n : den);
		else if (strcmp(h, "N") == 0 || strcmp(h, "D") == 0)
			warm_fmt_num(v, sizeof(v), h[0] == 'N' ? n : den);
		else if (strcmp(h, "pct") == 0)
			fmt_pct(v, sizeof(v), n, den);
		else if (strcmp(h, "min") == 0 || strcmp(h, "days") == 0)
			snprintf(v, sizeof(v), "%lld", h[0] == 'm' ? r->min :
			    (long long)r->days);
		else {
			rc |= sbuf_adds(why, strcmp(h, "op") == 0 ?
			    ops[r->op] : strcmp(h, "thr") == 0 ? r->thr :
			    r->source);
			continue;
		}
		rc |= sbuf_adds(why, v);
	}
	return rc != 0 ? -1 : 0;
}

int
warm_rule_eval(const struct warm_rules *rs, const struct warm_rule_day *days,
    size_t stride, int d, long long planned, int *lasthit,
    struct warm_rule *w)
{
	const struct rule *r;
	struct counts k = { 0, 0, 0, 0, 0, &days[(size_t)(d - 1) * stride].c,
	    planned };
	struct sbuf why = { 0 };
	bool fired[MAXRULES] = { false }, hit = false;
	enum warm_rule_act act = WARM_RULE_RAMP;
	long long n, den;
	int i, j, num = 1, dn = 1, rc = 0;

	/* Pool the most recent days until 1,000 delivered. */
	for (i = d; i >= 1 && k.del < WARM_RULE_POOL; i--) {
		const struct warm_rule_day *p = &days[(size_t)(i - 1) * stride];

		if (!p->has)
			continue;
		k.sent += p->c.sent;
		k.del += p->c.delivered;
		k.hard += p->c.hard;
		k.compl += p->c.complaints;
		k.auth += p->c.authfail;
	}
	for (i = 0; i < rs->n; i++) {
		r = &rs->r[i];
		if (!(fired[i] = fires(r, fired, &k, days, stride, d, *lasthit,
		    &n, &den)))
			continue;
		rc |= add_note(&why, r, n, den);
		if (r->act > act || (r->act == act && r->num * dn < num * r->den)) {
			act = r->act;
			num = r->num;
			dn = r->den;
		}
	}
	/* A day a repeat rule counts: the last such day. */
	for (i = 0; i < rs->n; i++)
		for (j = 0; rs->r[i].measure == M_REPEAT && j < rs->r[i].nwhen;
		    j++)
			if (rs->r[i].when[j] >= 0 && fired[rs->r[i].when[j]])
				hit = true;
	if (hit)
		*lasthit = d;
	w->act = act;
	w->num = num;
	w->den = dn;
	w->note = NULL;
	if (rc == 0 && act != WARM_RULE_RAMP &&
	    sbuf_printf(&why, " (day %d results)", d) == 0)
		w->note = why.s;
	else
		sbuf_free(&why);
	return rc == 0 ? 0 : -1;
}
