/*
 * The records of deliv-bounce-classify: their columns and one
 * bounce_rcpt as a row of core/out.  See bounce/record.h.
 */
#include <time.h>

#include "bounce/record.h"
#include "core/util.h"

enum { C_SOURCE, C_MSGNO, C_MSGID, C_DATE, C_RCPT, C_ACTION, C_KIND,
	C_REASON, C_STATUS, C_SMTP, C_RMTA, C_DIAG, C_MATCHED, C_ORIGID,
	C_MTA };

static const struct out_col cols[] = {
	{ "source", OUT_STR }, { "msgno", OUT_INT },
	{ "message_id", OUT_STR }, { "date", OUT_STR },
	{ "recipient", OUT_STR }, { "action", OUT_STR },
	{ "kind", OUT_STR }, { "reason", OUT_STR }, { "status", OUT_STR },
	{ "smtp_code", OUT_INT }, { "remote_mta", OUT_STR },
	{ "diagnostic", OUT_STR }, { "matched", OUT_STR },
	{ "original_message_id", OUT_STR }, { "mta", OUT_STR }
};

const struct out_col *
bounce_record_cols(size_t *n)
{
	*n = nitems(cols);
	return cols;
}

int
bounce_record_out(struct out *o, const char *source, long msgno,
    const struct bounce_rcpt *r)
{
	char buf[32];

	out_str(o, C_SOURCE, source);
	out_int(o, C_MSGNO, msgno);
	out_str(o, C_MSGID, r->message_id);
	if (r->date >= 0 && time_rfc3339(r->date, buf, sizeof(buf)) != NULL)
		out_str(o, C_DATE, buf);
	out_str(o, C_RCPT, r->recipient);
	out_str(o, C_ACTION, r->action);
	out_str(o, C_KIND, r->kind);
	out_str(o, C_REASON, r->reason);
	out_str(o, C_STATUS, r->status);
	if (r->smtp_code > 0)
		out_int(o, C_SMTP, r->smtp_code);
	out_str(o, C_RMTA, r->remote_mta);
	out_str(o, C_DIAG, r->diagnostic);
	out_str(o, C_MATCHED, r->matched);
	out_str(o, C_ORIGID, r->original_message_id);
	out_str(o, C_MTA, r->mta);
	return out_end(o);
}
