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

/*
 * Write the complaint about origin (a hop of orig's trace) to fp as one
 * mbox entry ("From " line first; a blank line before it unless first).
 * ai: the origin's registry and abuse mailbox (To:, when known);
 * reporter: the From: address; now: the complaint's date.
 * Returns 0, or -1 (e filled) on a bad reporter address or write error.
 */
int	arf_write(FILE *fp, int kind, GMimeMessage *orig,
	    const struct hop *origin, const struct abuse_info *ai,
	    const char *reporter, time_t now, bool not_first,
	    struct derr *e);

/*
 * Copy s into buf keeping printable ASCII and UTF-8 bytes only (controls,
 * CR and LF become spaces), at most len - 1 bytes.  Returns buf.
 */
char	*arf_clean(const char *s, char *buf, size_t len);

#endif
