/*
 * Results for warm-up plans: bounce-classify records, plain per-day TSV,
 * bounce-classify's SQLite database, recipient lists.  See warmup/results.h.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/deliv.h"
#include "core/json.h"
#include "core/store.h"
#include "core/tsv.h"
#include "core/util.h"
#include "warmup/calendar.h"
#include "warmup/mix.h"
#include "warmup/provider.h"
#include "warmup/results.h"

#define MAXF	40		/* fields of a record */
/*
 * Bounce-classify records are lines of a few kilobytes at most (its
 * diagnostic is cut at 1,024 bytes); a file may hold millions of them.
 */
#define LINE_MAX_RES	(1024 * 1024)

/* Day and provider pairs held at most: a bound on memory (~100 MB). */
#define MAX_ENTRIES	1000000
/* The largest count a results row may give. */
#define MAX_COUNT	1000000000000LL

struct warm_results {
	struct warm_results_entry	*e;
	size_t			 n, cap;
	size_t			*slot;		/* hash of (day, provider): */
	size_t			 nslot;		/* index + 1, 0 = empty */
	long			 first;
};

/* One input record: a TSV row under its file's header, or a JSON object. */
struct rec {
	const struct tsv	*t;
	const struct tsv_row	*row;
	struct json		*j;	/* JSON Lines: the object, else NULL */
};

enum fmt { FMT_BOUNCE, FMT_PLAIN };

/*
 * The columns of bounce-classify's records read here, by the names of
 * the TSV header (and the JSON keys) deliv-bounce-classify(1) writes:
 * the one list of them in this module.
 */
enum {
	BC_DATE, BC_RECIPIENT, BC_ACTION, BC_KIND, BC_REASON, BC_STATUS,
	BC_SMTP_CODE, BC_REMOTE_MTA, BC_DIAGNOSTIC, BC_NCOLS
};
static const char *const bccols[BC_NCOLS] = {
	[BC_DATE] = "date", [BC_RECIPIENT] = "recipient",
	[BC_ACTION] = "action", [BC_KIND] = "kind", [BC_REASON] = "reason",
	[BC_STATUS] = "status", [BC_SMTP_CODE] = "smtp_code",
	[BC_REMOTE_MTA] = "remote_mta", [BC_DIAGNOSTIC] = "diagnostic"
};

/* The columns of the plain results TSV (see deliv-warmup-plan(1)). */
enum { PL_DATE, PL_PROVIDER, PL_SENT };
static const char *const plaincols[] = { "date", "provider", "sent",
    "delivered", "hard", "soft", "complaints", "deferred" };

/* Reasons that refuse the sender, not the address (Sisimai names). */
static const char *const senderreasons[] = { "authfailure",
    "badreputation", "blocked", "policyviolation", "rejected",
    "requireptr", "spamdetected" };

/* Texts of rate limiting and deferral: Google, Microsoft, Yahoo. */
static const char *const deftexts[] = { "4.7.28", "RP-001", "RP-002",
    "RP-003", "TS01", "TS02", "TS03", "TSS04", "temporarily deferred",
    "rate limit", "try again later" };

static const char	*get(const struct rec *, const char *);
static int	 json_rec(struct rec *, const struct tsv_row *, struct derr *);
static bool	 parse_day(const char *, long *);
static int	 add_bounce(struct warm_results *, const struct rec *,
		    const struct prov_table *);
static int	 add_plain(struct warm_results *, const struct rec *,
		    struct derr *);
static long	 rec_close(struct rec *, struct tsv *, long);
static int	 classify(struct warm_results_counts *, const char *, const char *,
		    const char *, long long, const char *, const char *);

struct warm_results *
warm_results_new(void)
{
	struct warm_results *w;

	if ((w = calloc(1, sizeof(*w))) != NULL)
		w->first = -1;
	return w;
}

void
warm_results_free(struct warm_results *w)
{
	if (w == NULL)
		return;
	free(w->e);
	free(w->slot);
	free(w);
}

const struct warm_results_entry *
warm_results_entries(const struct warm_results *w, size_t *n)
{
	*n = w->n;
	return w->e;
}

long
warm_results_first_day(const struct warm_results *w)
{
	return w->first;
}

/* FNV-1a of day and provider. */
static size_t
hash_of(long day, const char *provider)
{
	uint64_t h = 14695981039346656037ULL;
	size_t i;

	for (i = 0; i < sizeof(day); i++) {
		h ^= (uint64_t)((unsigned long)day >> (8 * i)) & 0xff;
		h *= 1099511628211ULL;
	}
	for (; *provider != '\0'; provider++) {
		h ^= (unsigned char)*provider;
		h *= 1099511628211ULL;
	}
	return (size_t)h;
}

/* The slot of (day, provider): its entry's, or the empty one to fill. */
static size_t *
find_slot(struct warm_results *w, long day, const char *provider)
{
	struct warm_results_entry *en;
	size_t i = hash_of(day, provider) & (w->nslot - 1);

	while (w->slot[i] != 0) {
		en = &w->e[w->slot[i] - 1];
		if (en->day == day && strcmp(en->provider, provider) == 0)
			break;
		i = (i + 1) & (w->nslot - 1);
	}
	return &w->slot[i];
}

/* Room for one more entry in the hash (at most half full).  0 or -1. */
static int
grow_slots(struct warm_results *w)
{
	size_t *old = w->slot, oldn = w->nslot, i, n;

	if ((w->n + 1) * 2 <= w->nslot)
		return 0;
	n = w->nslot ? w->nslot * 2 : 256;
	if ((w->slot = calloc(n, sizeof(*w->slot))) == NULL) {
		w->slot = old;
		return -1;
	}
	w->nslot = n;
	for (i = 0; i < oldn; i++)
		if (old[i] != 0)
			*find_slot(w, w->e[old[i] - 1].day,
			    w->e[old[i] - 1].provider) = old[i];
	free(old);
	return 0;
}

int
warm_results_add(struct warm_results *w, long day, const char *provider,
    const struct warm_results_counts *c)
{
	struct warm_results_entry *en;
	char prov[sizeof(en->provider)];
	size_t *slot;

	/* the key as it is stored (cut to the field's size) */
	snprintf(prov, sizeof(prov), "%s", provider);
	if (grow_slots(w) == -1)
		return -1;
	slot = find_slot(w, day, prov);
	if (*slot != 0)
		en = &w->e[*slot - 1];
	else {
		if (w->n >= MAX_ENTRIES)
			return -2;
		if ((en = array_add(&w->e, w->n, &w->cap, sizeof(*en),
		    64)) == NULL)
			return -1;
		*slot = ++w->n;
		en->day = day;
		memcpy(en->provider, prov, sizeof(prov));
		en->c.sent = en->c.delivered = -1;
		if (w->first == -1 || day < w->first)
			w->first = day;
	}
	if (c->sent >= 0)
		en->c.sent = (en->c.sent < 0 ? 0 : en->c.sent) + c->sent;
	if (c->delivered >= 0)
		en->c.delivered = (en->c.delivered < 0 ? 0 :
		    en->c.delivered) + c->delivered;
	en->c.hard += c->hard;
	en->c.soft += c->soft;
	en->c.complaints += c->complaints;
	en->c.deferred += c->deferred;
	en->c.refused += c->refused;
	en->c.authfail += c->authfail;
	return 0;
}

/* The value of column or key k of r; "" when r has none or it is null. */
static const char *
get(const struct rec *r, const char *k)
{
	const char *v;

	v = r->j != NULL ? json_get_text(r->j, k) : tsv_get(r->t, r->row, k);
	return v != NULL ? v : "";
}

/* The JSON object of row into r->j.  0, or -1 with e filled. */
static int
json_rec(struct rec *r, const struct tsv_row *row, struct derr *e)
{
	json_free(r->j);
	if ((r->j = json_parse(row->f[0], strlen(row->f[0]), row->where,
	    e)) == NULL)
		return -1;
	if (json_type(r->j) != JSON_OBJECT) {
		derr_set(e, row->where, "not a JSON object");
		return -1;
	}
	return 0;
}

/* "2026-12-01", "2026-12-01T23:10:00+02:00" -> UTC day. */
static bool
parse_day(const char *s, long *day)
{
	char buf[11], why[64];
	time_t t;
	long off = 0, hh, mm, sec = 0;
	const char *p;
	int sign;

	if (strlen(s) < 10)
		return false;
	memcpy(buf, s, 10);
	buf[10] = '\0';
	/* a real day from 1970 to 9999, as --start */
	if (warm_parse_date(buf, &t, why, sizeof(why)) == -1)
		return false;
	p = s + 10;
	if ((*p == 'T' || *p == 't' || *p == ' ') && sscanf(p + 1,
	    "%2ld:%2ld", &hh, &mm) == 2) {
		sec = hh * 3600 + mm * 60;
		p += 6;
		if (*p == ':')
			p += 3;
		if (*p == '.')
			p += strspn(p + 1, "0123456789") + 1;
		if ((*p == '+' || *p == '-') && sscanf(p + 1, "%2ld:%2ld",
		    &hh, &mm) == 2) {
			sign = *p == '-' ? -1 : 1;
			off = sign * (hh * 3600 + mm * 60);
		}
	}
	*day = warm_day_of(t + sec - off);
	return true;
}

static bool
in_list(const char *s, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcasecmp(s, list[i]) == 0)
			return true;
	return false;
}

/* One bounce-classify record into c. */
static int
classify(struct warm_results_counts *c, const char *action, const char *kind,
    const char *reason, long long code, const char *status,
    const char *diag)
{
	bool temp, sender;
	size_t i;

	if (strcasecmp(reason, "feedback") == 0) {
		c->complaints++;
		return 0;
	}
	if (strcasecmp(kind, "hard") != 0 && strcasecmp(kind, "soft") != 0)
		return 0;	/* delivered, vacation, not a bounce */
	temp = (code >= 400 && code < 500) || status[0] == '4' ||
	    strcasecmp(action, "delayed") == 0 ||
	    strcasecmp(reason, "toomanyconn") == 0 ||
	    strcasecmp(reason, "speeding") == 0;
	for (i = 0; i < nitems(deftexts) && !temp && code < 500; i++)
		temp = strcasestr(diag, deftexts[i]) != NULL;
	sender = in_list(reason, senderreasons, nitems(senderreasons));
	if (temp)
		c->deferred++;
	else if (sender) {
		c->refused++;
		if (strcasecmp(reason, "authfailure") == 0 ||
		    strcmp(status, "5.7.515") == 0 ||
		    strcmp(status, "5.7.26") == 0)
			c->authfail++;
	} else if (strcasecmp(kind, "hard") == 0)
		c->hard++;
	else
		c->soft++;
	return 0;
}

static int
add_bounce(struct warm_results *w, const struct rec *r, const struct prov_table *pt)
{
	struct warm_results_counts c = { -1, -1, 0, 0, 0, 0, 0, 0 };
	const char *prov, *errstr;
	long long code;
	long day;

	code = parse_num(get(r, bccols[BC_SMTP_CODE]), 0, 999, &errstr);
	if (errstr != NULL)
		code = 0;
	classify(&c, get(r, bccols[BC_ACTION]), get(r, bccols[BC_KIND]),
	    get(r, bccols[BC_REASON]), code, get(r, bccols[BC_STATUS]),
	    get(r, bccols[BC_DIAGNOSTIC]));
	if (c.hard + c.soft + c.complaints + c.deferred + c.refused == 0)
		return 0;	/* not a failure: nothing to count */
	if (!parse_day(get(r, bccols[BC_DATE]), &day))
		return 1;
	prov = prov_of_address(pt, get(r, bccols[BC_RECIPIENT]));
	if (strcmp(prov, "other") == 0)
		prov = prov_of_mx(pt, get(r, bccols[BC_REMOTE_MTA]));
	return warm_results_add(w, day, prov, &c);
}

/*
 * One row of the plain TSV (or its JSON object): 0 added, 1 skipped (no
 * usable date or provider), -1 out of memory, -2 too many pairs, -3 a
 * bad count (e filled, where the row).
 */
static int
add_plain(struct warm_results *w, const struct rec *r, struct derr *e)
{
	struct warm_results_counts c = { -1, -1, 0, 0, 0, 0, 0, 0 };
	long long *f[] = { &c.sent, &c.delivered, &c.hard, &c.soft,
	    &c.complaints, &c.deferred };
	char prov[32];
	const char *v, *errstr;
	long day;
	size_t i;

	if (!parse_day(get(r, plaincols[PL_DATE]), &day))
		return 1;
	v = get(r, plaincols[PL_PROVIDER]);
	if (*v == '\0' || strlen(v) >= sizeof(prov))
		return 1;
	snprintf(prov, sizeof(prov), "%s", v);
	str_lower(prov);
	for (i = 0; i < nitems(f); i++) {
		v = get(r, plaincols[PL_SENT + i]);
		if (*v == '\0')
			continue;	/* unknown: sent, delivered derived */
		*f[i] = parse_num(v, 0, MAX_COUNT, &errstr);
		if (errstr != NULL) {
			derr_set(e, r->row->where, "%s: not a count (a whole "
			    "number from 0 to 1000000000000): %.40s",
			    plaincols[PL_SENT + i], v);
			return -3;
		}
	}
	if (c.sent >= 0 && c.delivered > c.sent) {
		derr_set(e, r->row->where, "delivered %lld is more than sent "
		    "%lld", c.delivered, c.sent);
		return -3;
	}
	if (c.sent >= 0 && c.hard + c.soft + c.deferred > c.sent) {
		derr_set(e, r->row->where, "hard + soft + deferred %lld is "
		    "more than sent %lld", c.hard + c.soft + c.deferred,
		    c.sent);
		return -3;
	}
	if (c.complaints > (c.delivered >= 0 ? c.delivered : c.sent >= 0 ?
	    c.sent : c.complaints)) {
		derr_set(e, r->row->where, "complaints %lld are more than %s "
		    "%lld", c.complaints, c.delivered >= 0 ? "delivered" :
		    "sent", c.delivered >= 0 ? c.delivered : c.sent);
		return -3;
	}
	return warm_results_add(w, day, prov, &c);
}

/* Free what a reader of records holds, r's JSON object and in; ret. */
static long
rec_close(struct rec *r, struct tsv *in, long ret)
{
	json_free(r->j);
	tsv_close(in);
	return ret;
}

long
warm_results_read(struct warm_results *w, FILE *fp, const char *name,
    const struct prov_table *pt, struct derr *e)
{
	static const struct tsv_opts o = { .flags = TSV_NOSPLIT |
	    TSV_KEEP_COMMENTS | TSV_UNESCAPE | TSV_REST | TSV_NUL_ENDS,
	    .max_fields = MAXF, .max_line = LINE_MAX_RES,
	    .max_rows = TSV_UNLIMITED };
	struct tsv_row row;
	struct rec r = { NULL, &row, NULL };
	struct tsv *in;
	long skipped = 0;
	int n, rc;
	enum fmt fmt = FMT_BOUNCE;
	bool json = false;

	if ((in = tsv_stream(fp, name, &o, e)) == NULL)
		return -1;
	r.t = in;
	/* The first line tells: a JSON object, or the TSV header. */
	if ((rc = tsv_next(in, &row, e)) == 1 &&
	    !(json = row.f[0][strspn(row.f[0], " \t")] == '{')) {
		if (tsv_split(in, &row, e) == -1 ||
		    tsv_header(in, &row, e) == -1)
			goto fail;
		if (tsv_col(in, bccols[BC_RECIPIENT]) >= 0)
			fmt = FMT_BOUNCE;
		else if (tsv_col(in, plaincols[PL_PROVIDER]) >= 0 &&
		    tsv_col(in, plaincols[PL_DATE]) >= 0)
			fmt = FMT_PLAIN;
		else {
			derr_set(e, row.where, "neither bounce-classify records "
			    "(a header with recipient, date) nor a TSV header "
			    "date, provider, sent, delivered, hard, soft, "
			    "complaints, deferred (TSV needs its header line)");
			goto fail;
		}
		rc = tsv_next(in, &row, e);
	}
	for (; rc == 1; rc = tsv_next(in, &row, e)) {
		if (json) {
			if (json_rec(&r, &row, e) == -1)
				goto fail;
			fmt = *get(&r, bccols[BC_RECIPIENT]) != '\0' ||
			    *get(&r, plaincols[PL_PROVIDER]) == '\0' ?
			    FMT_BOUNCE : FMT_PLAIN;
		} else if (tsv_split(in, &row, e) == -1)
			goto fail;
		n = fmt == FMT_PLAIN ? add_plain(w, &r, e) :
		    add_bounce(w, &r, pt);
		if (n == -1)
			derr_set(e, name, "out of memory");
		else if (n == -2)
			derr_set(e, row.where, "more than %d day and provider "
			    "pairs of results", MAX_ENTRIES);
		if (n < 0)
			goto fail;
		skipped += n;
	}
	if (rc == -1)
		goto fail;
	return rec_close(&r, in, skipped);
fail:
	return rec_close(&r, in, -1);
}

/* What warm_results_read_db() carries through store_read_events(). */
struct db_read {
	struct warm_results		*w;
	const struct prov_table		*pt;
	long				 skipped;
};

static int
add_event(void *arg, const struct store_row *r)
{
	struct db_read *d = arg;
	struct warm_results_counts c = { -1, -1, 0, 0, 0, 0, 0, 0 };
	const char *prov;

	if (!r->has_ts) {
		d->skipped++;
		return 0;
	}
	prov = prov_of_address(d->pt, r->recipient);
	if (strcmp(prov, "other") == 0)
		prov = prov_of_mx(d->pt, r->remote_mta);
	classify(&c, r->action, r->kind, r->reason, r->smtp_code, r->status,
	    r->diagnostic);
	return warm_results_add(d->w, warm_day_of(r->ts), prov, &c) < 0 ?
	    -2 : 0;
}

long
warm_results_read_db(struct warm_results *w, const char *path,
    const struct prov_table *pt, struct derr *e)
{
	struct db_read d = { w, pt, 0 };

	switch (store_read_events(path, add_event, &d, e)) {
	case 0:
		return d.skipped;
	case -2:
		derr_set(e, path, "out of memory");
		return -1;
	default:
		return -1;
	}
}

long
warm_results_count_recipients(FILE *fp, const char *name,
    const struct prov_table *pt, struct warm_mix *mix, struct derr *e)
{
	static const struct tsv_opts o = { .flags = TSV_NOSPLIT | TSV_TRIM |
	    TSV_UNESCAPE | TSV_REST | TSV_NUL_ENDS, .max_fields = MAXF,
	    .max_line = LINE_MAX_RES, .max_rows = TSV_UNLIMITED };
	struct tsv_row row;
	struct rec r = { NULL, &row, NULL };
	struct tsv *in;
	const char *addr, *prov;
	char *p;
	long n = 0;
	int rc;
	bool first = true, json = false, tsv = false;

	if ((in = tsv_stream(fp, name, &o, e)) == NULL)
		return -1;
	r.t = in;
	while ((rc = tsv_next(in, &row, e)) == 1) {
		p = row.f[0];
		/* The first line tells: JSON, a TSV header, or addresses. */
		if (first && *p == '{')
			json = true;
		else if (first && strstr(p, bccols[BC_RECIPIENT]) != NULL &&
		    strchr(p, '\t') != NULL) {
			if (tsv_split(in, &row, e) == -1 ||
			    tsv_header(in, &row, e) == -1)
				goto fail;
			first = false;
			tsv = true;
			continue;
		}
		first = false;
		prov = NULL;
		if (json) {
			if (json_rec(&r, &row, e) == -1)
				goto fail;
			addr = get(&r, bccols[BC_RECIPIENT]);
		} else if (tsv) {
			if (tsv_split(in, &row, e) == -1)
				goto fail;
			addr = get(&r, bccols[BC_RECIPIENT]);
		} else {
			/* "address" or "address<TAB>mx-host" */
			addr = p;
			if ((p = strpbrk(p, " \t")) != NULL) {
				*p++ = '\0';
				p = str_trim(p);
			}
			if (strchr(addr, '@') != NULL && p != NULL &&
			    strcmp(prov_of_address(pt, addr), "other") == 0)
				prov = prov_of_mx(pt, p);
		}
		if (strchr(addr, '@') == NULL)
			continue;
		if (prov == NULL)
			prov = prov_of_address(pt, addr);
		if (warm_mix_add(mix, prov, 1) == -1) {
			derr_set(e, row.where, "too many providers");
			goto fail;
		}
		n++;
	}
	if (rc == -1)
		goto fail;
	return rec_close(&r, in, n);
fail:
	return rec_close(&r, in, -1);
}

int
warm_results_mix_from(FILE *fp, const char *name,
    const struct prov_table *pt, struct warm_mix *mix, struct derr *e)
{
	memset(mix, 0, sizeof(*mix));
	if (warm_results_count_recipients(fp, name, pt, mix, e) < 0)
		return -1;
	warm_mix_sort(mix);
	if (mix->n == 0) {
		derr_set(e, name, "no recipient addresses");
		return -1;
	}
	return 0;
}
