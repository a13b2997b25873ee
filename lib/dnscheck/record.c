/*
 * The record of deliv-dnscheck: its columns and its writer.  See
 * dnscheck/record.h.
 */
#include <stdlib.h>

#include "dnscheck/record.h"

enum { C_DOMAIN, C_CHECK, C_SUBJECT, C_STATUS, C_DETAIL, C_VALUE, C_NCOLS };

static const struct out_col cols[C_NCOLS] = {
	[C_DOMAIN] = { "domain", OUT_STR },
	[C_CHECK] = { "check", OUT_STR },
	[C_SUBJECT] = { "subject", OUT_STR },
	[C_STATUS] = { "status", OUT_STR },
	[C_DETAIL] = { "detail", OUT_STR },
	[C_VALUE] = { "value", OUT_STR }
};

struct out *
dnscheck_record_open(FILE *fp, const struct out_opts *oo)
{
	return out_open(fp, oo, cols, nitems(cols));
}

int
dnscheck_record_write(struct out *out, char *dom[], struct finding_list res[],
    size_t n, int *found, struct derr *e)
{
	const struct finding *r;
	size_t i, j;
	int ret = 0;

	for (i = 0; i < n; i++) {
		if (res[i].nomem && ret == 0) {
			derr_set(e, dom[i], "out of memory");
			ret = -1;
		}
		for (j = 0; ret == 0 && j < res[i].n; j++) {
			r = &res[i].v[j];
			out_str(out, C_DOMAIN, dom[i]);
			out_str(out, C_CHECK, r->check);
			out_str(out, C_SUBJECT, r->subject);
			out_str(out, C_STATUS, finding_status_str(r->status));
			out_str(out, C_DETAIL, r->detail);
			out_str(out, C_VALUE, r->value);
			out_end(out);
		}
		if (ret == 0 && finding_has_fail(&res[i]))
			*found = 1;
		finding_list_free(&res[i]);
		free(dom[i]);
	}
	return ret;
}
