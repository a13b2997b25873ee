/*
 * Pictures of a warm-up plan: a terminal bar chart, a self-contained SVG
 * chart, and an iCalendar (RFC 5545) file with one event per day.
 */
#ifndef WARMDRAW_H
#define WARMDRAW_H

#include <stdio.h>
#include <time.h>

struct warm_plan;

/*
 * One line per day to fp: the day's volume per provider as a stacked
 * bar of at most width cells (UTF-8 block characters), with a legend.
 * Returns 0, or -1 on a write error.
 */
int	warm_chart(const struct warm_plan *, FILE *fp, int width);

/* The same chart as one SVG document.  0, or -1 on a write error. */
int	warm_svg(const struct warm_plan *, FILE *fp);

/*
 * An iCalendar file: one all-day event per plan day with the volumes
 * and notes.  stamp is written as DTSTAMP.  0, or -1 on a write error.
 */
int	warm_ics(const struct warm_plan *, FILE *fp, time_t stamp);

#endif
