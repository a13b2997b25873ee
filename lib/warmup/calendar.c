/*
 * Days and number formats of warm-up plans.  See warmup/calendar.h.
 */
#include <stdio.h>

#include "core/util.h"
#include "warmup/calendar.h"

int
warm_parse_date(const char *s, time_t *t, char *what, size_t len)
{
	struct tm tm;
	int y, m, d;
	char tail;

	if (time_parse_ymd(s, t) == -1 || sscanf(s, "%4d-%2d-%2d%c", &y, &m,
	    &d, &tail) != 3) {
		snprintf(what, len, "not a date YYYY-MM-DD");
		return -1;
	}
	if (y < 1970 || y > 9999) {
		snprintf(what, len, "year %d: give a year from 1970 to 9999",
		    y);
		return -1;
	}
	/* a day past the month's end rolls over: not a date */
	if (gmtime_r(t, &tm) == NULL || tm.tm_year + 1900 != y ||
	    tm.tm_mon + 1 != m || tm.tm_mday != d) {
		snprintf(what, len, "no such day");
		return -1;
	}
	return 0;
}

long
warm_day_of(time_t t)
{
	return (long)(t >= 0 ? t / 86400 : -((-t + 86399) / 86400));
}

time_t
warm_time_of(long day)
{
	return (time_t)day * 86400;
}

char *
warm_fmt_num(char *buf, size_t len, long long v)
{
	char tmp[32];
	size_t n, i, o = 0;
	int lead;

	if (v < 0) {
		snprintf(buf, len, "%lld", v);
		return buf;
	}
	n = (size_t)snprintf(tmp, sizeof(tmp), "%lld", v);
	lead = (int)(n % 3);
	for (i = 0; i < n && o + 2 < len; i++) {
		if (i > 0 && (int)(i % 3) == lead % 3)
			buf[o++] = ',';
		buf[o++] = tmp[i];
	}
	buf[o] = '\0';
	return buf;
}
