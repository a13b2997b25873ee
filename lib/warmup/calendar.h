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

/* 1234567 as "1,234,567" in buf; returns buf. */
char	*warm_fmt_num(char *buf, size_t len, long long v);

#endif
