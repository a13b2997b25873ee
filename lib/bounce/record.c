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
	/* The strings of C_MSGID to C_STATUS, of C_RMTA to C_MTA. */
	const char *head[] = { r->message_id, r->date < 0 ? NULL :
	    time_rfc3339(r->date, buf, sizeof(buf)), r->recipient, r->action,
	    r->kind, r->reason, r->status };
	const char *tail[] = { r->remote_mta, r->diagnostic, r->matched,
	    r->original_message_id, r->mta };

	out_str(o, C_SOURCE, source);
	out_int(o, C_MSGNO, msgno);
	out_strv(o, C_MSGID, head, nitems(head));
	if (r->smtp_code > 0)
		out_int(o, C_SMTP, r->smtp_code);
	out_strv(o, C_RMTA, tail, nitems(tail));
	return out_end(o);
}
