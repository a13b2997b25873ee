/*
 * The calendar and number formats of warm-up plans: UTC days since the
 * epoch and back, and counts with thousands separators.  Shared by the
 * plan (warmup.c), the results it adapts to (results.c) and its rules
 * (rules.c), so that none of them includes another for these.
 */
#ifndef WARM_CALENDAR_H
#define WARM_CALENDAR_H

#include <stddef.h>
#include <time.h>

/* Days since 1970-01-01 of t, and back. */
long	warm_day_of(time_t t);
time_t	warm_time_of(long day);

/* 9999-12-31, the last day a plan may reach (days since the epoch). */
#define WARM_LASTDAY	2932896L

/*
 * A --start date: YYYY-MM-DD, a real day (not 2026-02-30) from
 * 1970-01-01 to 9999-12-31, as a time at midnight UTC in *t.  0, or -1
 * with what filled (len bytes) with why not.
 */
int	warm_parse_date(const char *s, time_t *t, char *what, size_t len);

/* 1234567 as "1,234,567" in buf; returns buf. */
char	*warm_fmt_num(char *buf, size_t len, long long v);

#endif
