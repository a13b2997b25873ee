/*
 * Reports with fields (bounce/report.c): RFC 3464 delivery status
 * notifications and RFC 5965 feedback reports, one record per recipient
 * group or reported address.
 */
#ifndef BOUNCE_REPORT_H
#define BOUNCE_REPORT_H

#include "bounce/bounce_priv.h"

/* The records of a DSN: the emitter's value, -1, or 1 when none. */
int	bnc_dsn(struct ctx *);
/* Exchange's IMCEA-encapsulated address a: 0 if none, 1 with the SMTP
 * address it wraps in *out (malloc'd), -1 if it wraps another type. */
int	bnc_imcea(const char *a, char **out);
/* The records of a feedback report: the emitter's value or 0. */
int	bnc_arf(struct ctx *);

#endif
