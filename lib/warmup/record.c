/*
 * The record of deliv-warmup-plan: its columns and its writer.  See
 * warmup/record.h.
 */
#include <time.h>

#include "core/deliv.h"
#include "warmup/record.h"

enum { C_DAY, C_DATE, C_PROVIDER, C_VOLUME, C_CUMULATIVE, C_SHARE,
    C_STATE, C_NOTE, C_NCOLS };

static const struct out_col cols[C_NCOLS] = {
	[C_DAY] = { "day", OUT_INT },
	[C_DATE] = { "date", OUT_STR },
	[C_PROVIDER] = { "provider", OUT_STR },
	[C_VOLUME] = { "volume", OUT_INT },
	[C_CUMULATIVE] = { "cumulative", OUT_INT },
	[C_SHARE] = { "share", OUT_NUM },
	[C_STATE] = { "state", OUT_STR },
	[C_NOTE] = { "note", OUT_STR }
};

struct out *
warm_record_open(FILE *fp, const struct out_opts *oo)
{
	return out_open(fp, oo, cols, nitems(cols));
}

int
warm_record_write(struct out *out, const struct warm_plan *pl)
{
	const struct warm_row *r;
	char date[16];
	struct tm tm;
	size_t i;
	int rc = 0;

	for (i = 0; i < warm_plan_nrows(pl); i++) {
		r = warm_plan_row(pl, i);
		gmtime_r(&r->date, &tm);
		strftime(date, sizeof(date), "%Y-%m-%d", &tm);
		out_int(out, C_DAY, r->day);
		out_str(out, C_DATE, date);
		out_str(out, C_PROVIDER, r->provider);
		out_int(out, C_VOLUME, r->volume);
		out_int(out, C_CUMULATIVE, r->cumulative);
		out_num(out, C_SHARE, r->share);
		out_str(out, C_STATE, r->state);
		out_str(out, C_NOTE, r->note);
		if (out_end(out) == -1)
			rc = -1;
	}
	return rc;
}
