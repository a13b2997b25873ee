/*
 * Abuse complaints about a message's originating relay: an RFC 5965
 * feedback report (multipart/report; report-type=feedback-report) or a
 * plain-text complaint, built with GMime, ready for "sendmail -t".  Text
 * from the hostile message goes only into bodies, stripped of control
 * characters, and into fields whose syntax is checked, so it cannot add
 * headers to the complaint.
 */
#ifndef ARF_H
#define ARF_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include <gmime/gmime.h>

#include "core/deliv.h"
#include "trace/abuse.h"
#include "trace/hops.h"

enum { ARF_ARF = 1, ARF_TEXT = 2 };

/* How arf_write() frames the complaint. */
enum {
	ARF_FILE,		/* a message alone, no "From " line */
	ARF_MBOX_FIRST,		/* an mbox entry: "From " line first */
	ARF_MBOX_NEXT		/* the same after a blank line */
};

/*
 * Write the complaint about origin (a hop of orig's trace) to fp, framed
 * as mbox says.  ai: the origin's registry (for the text); to: the To:
 * address (an addr-spec, see arf_addr_spec); reporter: the From:
 * address; now: the complaint's date (arf_time_ok).  Returns 0, or -1
 * (e filled) on a bad address, a clock outside 1970-9999 or a write
 * error.
 */
int	arf_write(FILE *fp, int kind, GMimeMessage *orig,
	    const struct hop *origin, const struct abuse_info *ai,
	    const char *to, const char *reporter, time_t now, int mbox,
	    struct derr *e);

/*
 * Is s exactly one addr-spec with a domain (RFC 5322 section 3.4.1,
 * parsed with GMime's address parser): no display name, no list, no
 * white space or control character, no address literal?  0 and the
 * address in buf, or -1.
 */
int	arf_addr_spec(const char *s, char *buf, size_t len);

/* Is t between 1970-01-01 and 9999-12-31 (UTC), a date we can write? */
bool	arf_time_ok(time_t t);

/*
 * Copy s into buf keeping printable ASCII and UTF-8 bytes only (controls,
 * CR and LF become spaces), at most len - 1 bytes.  Returns buf.
 */
char	*arf_clean(const char *s, char *buf, size_t len);

#endif
