/*
 * The suppression side of deliv-bounce-classify: bounce records into
 * the store, the --suppressed listing, the --filter of addresses.  See
 * bounce/suppress.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bounce/suppress.h"
#include "core/util.h"

enum { S_RCPT, S_WHY, S_REASON, S_COUNT, S_FIRST, S_LAST, S_UNTIL };

static const struct out_col supp_cols[] = {
	{ "recipient", OUT_STR }, { "why", OUT_STR }, { "reason", OUT_STR },
	{ "count", OUT_INT }, { "first", OUT_STR }, { "last", OUT_STR },
	{ "until", OUT_STR }
};

static const struct out_col filter_cols[] = { { "recipient", OUT_STR } };

const struct out_col *
bounce_supp_cols(size_t *n)
{
	*n = nitems(supp_cols);
	return supp_cols;
}

const struct out_col *
bounce_filter_cols(size_t *n)
{
	*n = nitems(filter_cols);
	return filter_cols;
}

int
bounce_store_record(struct store *db, const struct bounce_rcpt *r,
    const char *source, long msgno, time_t now, struct derr *e)
{
	struct store_event ev;

	if (r->recipient == NULL || strcmp(r->kind, "none") == 0)
		return 0;
	ev.recipient = r->recipient;
	ev.ts = r->ts >= 0 ? r->ts : now;
	ev.kind = r->kind;
	ev.reason = r->reason;
	ev.status = r->status;
	ev.smtp_code = r->smtp_code;
	ev.source = source;
	ev.msgno = msgno;
	return store_add(db, &ev, e);
}

static void
put_time(struct out *o, size_t col, time_t t)
{
	char buf[32];

	if (t >= 0 && time_rfc3339(t, buf, sizeof(buf)) != NULL)
		out_str(o, col, buf);
}

static int
list_one(void *arg, const struct store_supp *s)
{
	struct out *o = arg;

	out_str(o, S_RCPT, s->recipient);
	out_str(o, S_WHY, s->why);
	out_str(o, S_REASON, s->reason);
	out_int(o, S_COUNT, s->count);
	put_time(o, S_FIRST, s->first);
	put_time(o, S_LAST, s->last);
	if (s->until == -1)
		out_str(o, S_UNTIL, "forever");
	else
		put_time(o, S_UNTIL, s->until);
	return out_end(o);
}

int
bounce_list_suppressed(struct store *db, time_t now,
    const struct store_policy *pol, struct out *o, struct derr *e)
{
	return store_suppressed(db, now, pol, list_one, o, e);
}

int
bounce_filter(struct store *db, FILE *fp, time_t now,
    const struct store_policy *pol, struct out *o, struct derr *e)
{
	char *line = NULL, *a;
	size_t cap = 0;
	int r, ret = 0;

	while (getline(&line, &cap, fp) != -1) {
		a = str_trim(line);
		if (*a == '\0' || *a == '#')
			continue;
		if ((r = store_is_suppressed(db, a, now, pol, e)) == -1) {
			ret = -1;
			break;
		}
		if (r == 0) {
			out_str(o, 0, a);
			out_end(o);
		}
	}
	free(line);
	return ret;
}
