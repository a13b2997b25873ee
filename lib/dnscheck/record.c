/*
 * The record of deliv-dnscheck: its columns and its writer.  See
 * dnscheck/record.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dnscheck/record.h"

static const struct out_col cols[] = {
	{ "domain", OUT_STR }, { "check", OUT_STR }, { "subject", OUT_STR },
	{ "status", OUT_STR }, { "detail", OUT_STR }, { "value", OUT_STR }
};

struct out *
dnscheck_record_open(FILE *fp, const struct out_opts *oo)
{
	return out_open(fp, oo, cols, nitems(cols));
}

int
dnscheck_min_status(const char *s, int *min)
{
	if (strcmp(s, "pass") == 0)
		*min = FINDING_PASS;
	else if (strcmp(s, "warn") == 0)
		*min = FINDING_WARN;
	else if (strcmp(s, "fail") == 0)
		*min = FINDING_FAIL;
	else
		return -1;
	return 0;
}

/* How bad a status is: info and pass 0, warn 1, fail 2, temperror 3. */
static int
rank(enum finding_status st)
{
	switch (st) {
	case FINDING_WARN:
		return 1;
	case FINDING_FAIL:
		return 2;
	case FINDING_TEMPERROR:
		return 3;
	default:
		return 0;
	}
}

/* Append the summary line of dom (counts by status) to sum; -1 nomem. */
static int
tally(struct dnscheck_sum *sum, const char *dom, const size_t c[5])
{
	static const char *verdict[] = { "pass", "warn", "fail",
	    "could not check" };
	int worst = c[FINDING_TEMPERROR] ? 3 : c[FINDING_FAIL] ? 2 :
	    c[FINDING_WARN] ? 1 : 0;

	return sbuf_printf(&sum->lines, "%.255s: %s (%zu pass, %zu warn, "
	    "%zu fail, %zu temperror, %zu info)\n", dom, verdict[worst],
	    c[FINDING_PASS], c[FINDING_WARN], c[FINDING_FAIL],
	    c[FINDING_TEMPERROR], c[FINDING_INFO]);
}

/* One finding of dom as a record. */
static void
put(struct out *out, const char *dom, const struct finding *r)
{
	const char *v[] = { dom, r->check, r->subject,
	    finding_status_str(r->status), r->detail, r->value };

	out_strv(out, 0, v, nitems(v));
	out_end(out);
}

int
dnscheck_record_write(struct out *out, char *dom[], struct finding_list res[],
    size_t n, struct dnscheck_sum *sum, struct derr *e)
{
	const struct finding *r;
	size_t i, j, c[5];
	int ret = 0;

	for (i = 0; i < n; i++) {
		if (res[i].nomem && ret == 0) {
			derr_set(e, dom[i], "out of memory");
			ret = -1;
		}
		memset(c, 0, sizeof(c));
		for (j = 0; ret == 0 && j < res[i].n; j++) {
			r = &res[i].v[j];
			c[r->status]++;
			if (rank(r->status) >= sum->min)
				put(out, dom[i], r);
		}
		if (c[FINDING_FAIL])
			sum->fail = 1;
		if (c[FINDING_TEMPERROR])
			sum->temperror = 1;
		if (ret == 0 && sum->tally && tally(sum, dom[i], c) == -1) {
			derr_set(e, dom[i], "out of memory");
			ret = -1;
		}
		finding_list_free(&res[i]);
		free(dom[i]);
	}
	return ret;
}

int
dnscheck_exit(const struct dnscheck_sum *sum)
{
	return sum->temperror ? DELIV_EXIT_ERROR : sum->fail ?
	    DELIV_EXIT_FOUND : DELIV_EXIT_OK;
}

void
dnscheck_sum_free(struct dnscheck_sum *sum)
{
	sbuf_free(&sum->lines);
}
