/*
 * Days and number formats of warm-up plans.  See warmup/calendar.h.
 */
#include <stdio.h>

#include "warmup/calendar.h"

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
