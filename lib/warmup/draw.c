/*
 * Charts and calendars of warm-up plans.  See warmup/draw.h.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/deliv.h"
#include "core/util.h"
#include "warmup/calendar.h"
#include "warmup/draw.h"
#include "warmup/warmup.h"

#define MAXSEG	(WARM_MAXPROV + 1)	/* providers and "old" */

static const char *const cells[] = { "\xe2\x96\x88", "\xe2\x96\x93",
    "\xe2\x96\x92", "\xe2\x96\x91", "#", "=", "+", ":" };
static const char *const colours[] = { "#4285f4", "#00a4ef", "#7b0099",
    "#a2aaad", "#f4b400", "#0f9d58", "#db4437", "#ff6d00" };

/* A day of the plan: rows[first .. first+n), the last one is "all". */
struct day {
	const struct warm_row	*r[MAXSEG + 1];
	size_t			 n;
};

static size_t	next_day(const struct warm_plan *, size_t, struct day *);
static long long max_total(const struct warm_plan *);
static void	xml_puts(FILE *, const char *);
static void	ics_line(FILE *, const char *);
static void	ics_text(struct sbuf *, const char *);

/* Fill d with the rows of the day starting at row i; the next day's i. */
static size_t
next_day(const struct warm_plan *pl, size_t i, struct day *d)
{
	const struct warm_row *r;

	d->n = 0;
	while ((r = warm_plan_row(pl, i)) != NULL) {
		i++;
		if (d->n < nitems(d->r))
			d->r[d->n++] = r;
		if (strcmp(r->provider, "all") == 0)
			break;
	}
	return i;
}

/* The largest day: new plus old volume. */
static long long
max_total(const struct warm_plan *pl)
{
	struct day d;
	long long m = 1, t;
	size_t i = 0, j;

	while (i < warm_plan_nrows(pl)) {
		i = next_day(pl, i, &d);
		for (t = 0, j = 0; j + 1 < d.n; j++)
			t += d.r[j]->volume;
		if (t > m)
			m = t;
	}
	return m;
}

/* Do days a and b send the same to every provider, in the same state? */
static bool
same_day(const struct day *a, const struct day *b)
{
	size_t j;

	if (a->n != b->n)
		return false;
	for (j = 0; j < a->n; j++)
		if (a->r[j]->volume != b->r[j]->volume ||
		    strcmp(a->r[j]->provider, b->r[j]->provider) != 0 ||
		    strcmp(a->r[j]->state, b->r[j]->state) != 0)
			return false;
	return true;
}

/* One day's bar line. */
static void
chart_day(FILE *fp, const struct day *d, long long max, int width)
{
	char date[16], num[32];
	struct tm tm;
	long long cum = 0, big = 0;
	size_t j, bj = 0;
	int pos, prev = 0, k;
	bool old;

	if (gmtime_r(&d->r[0]->date, &tm) == NULL ||
	    strftime(date, sizeof(date), "%Y-%m-%d", &tm) == 0)
		snprintf(date, sizeof(date), "?");
	fprintf(fp, "%3d %s %10s ", d->r[0]->day, date,
	    warm_fmt_num(num, sizeof(num), d->r[d->n - 1]->volume));
	for (j = 0; j + 1 < d->n; j++) {
		old = strcmp(d->r[j]->provider, "old") == 0;
		/* new mail that sends anything shows: one cell at least */
		if (old && prev == 0 && cum > 0)
			fputs(cells[bj % nitems(cells)], fp);
		cum += d->r[j]->volume;
		if (!old && d->r[j]->volume > big) {
			big = d->r[j]->volume;
			bj = j;
		}
		pos = (int)((cum * width + max / 2) / max);
		for (k = prev; k < pos; k++)
			fputs(old ? "." : cells[j % nitems(cells)], fp);
		if (pos > prev)
			prev = pos;
	}
	if (prev == 0 && big > 0)
		fputs(cells[bj % nitems(cells)], fp);
	if (strcmp(d->r[d->n - 1]->state, "ramp") != 0 &&
	    strcmp(d->r[d->n - 1]->state, "warm") != 0)
		fprintf(fp, " %s", d->r[d->n - 1]->state);
	fputc('\n', fp);
}

int
warm_chart(const struct warm_plan *pl, FILE *fp, int width)
{
	struct day *days = NULL, *nd;
	long long max = max_total(pl);
	char num[32];
	size_t i = 0, j, k, n = 0, cap = 0;

	fprintf(fp, "warm-up plan: %s a day;", warm_fmt_num(num, sizeof(num),
	    warm_plan_target(pl)));
	for (j = 0; j < warm_plan_nprov(pl); j++)
		fprintf(fp, " %s %s", cells[j % nitems(cells)],
		    warm_plan_prov(pl, j));
	if (warm_plan_nrows(pl) > 0 && warm_plan_nrows(pl) >
	    (size_t)warm_plan_row(pl, warm_plan_nrows(pl) - 1)->day *
	    (warm_plan_nprov(pl) + 1))
		fprintf(fp, " . old");
	fputc('\n', fp);
	while (i < warm_plan_nrows(pl)) {
		if ((nd = array_room(days, n, &cap, sizeof(*days), 64)) ==
		    NULL) {
			free(days);
			return -1;
		}
		days = nd;
		i = next_day(pl, i, &days[n++]);
	}
	/* a run of three or more identical days: the first drawn, folded */
	for (i = 0; i < n; i = k) {
		for (k = i + 1; k < n && same_day(&days[i], &days[k]); k++)
			;
		if (k - i < 3) {
			for (j = i; j < k; j++)
				chart_day(fp, &days[j], max, width);
			continue;
		}
		chart_day(fp, &days[i], max, width);
		fprintf(fp, "    days %d-%d: %s a day, %s\n", days[i].r[0]->day,
		    days[k - 1].r[0]->day, warm_fmt_num(num, sizeof(num),
		    days[i].r[days[i].n - 1]->volume),
		    days[i].r[days[i].n - 1]->state);
	}
	free(days);
	return ferror(fp) ? -1 : 0;
}

static void
xml_puts(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '<': fputs("&lt;", fp); break;
		case '>': fputs("&gt;", fp); break;
		case '&': fputs("&amp;", fp); break;
		case '"': fputs("&quot;", fp); break;
		default: fputc(*s, fp); break;
		}
	}
}

int
warm_svg(const struct warm_plan *pl, FILE *fp)
{
	const int W = 900, H = 420, L = 80, R = 150, T = 40, B = 40;
	struct day d;
	long long max = max_total(pl), y0;
	double bw, h, y;
	char num[32];
	size_t i = 0, j, ndays = 0;
	int t;

	while (i < warm_plan_nrows(pl)) {
		i = next_day(pl, i, &d);
		ndays++;
	}
	bw = ndays > 0 ? (double)(W - L - R) / ndays : 1;
	fprintf(fp, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	    "height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" "
	    "font-size=\"12\">\n"
	    "<title>warm-up plan: %s a day</title>\n"
	    "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n"
	    "<text x=\"%d\" y=\"24\" font-size=\"16\">warm-up plan: %s a "
	    "day</text>\n", W, H, W, H,
	    warm_fmt_num(num, sizeof(num), warm_plan_target(pl)), W, H, L,
	    num);
	/* Grid and y labels at quarters of the largest day. */
	for (t = 0; t <= 4; t++) {
		y = H - B - (double)(H - T - B) * t / 4;
		fprintf(fp, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
		    "stroke=\"#dddddd\"/>\n<text x=\"%d\" y=\"%.1f\" "
		    "text-anchor=\"end\">%s</text>\n", L, y, W - R, y, L - 6,
		    y + 4, warm_fmt_num(num, sizeof(num), max * t / 4));
	}
	i = 0;
	ndays = 0;
	while (i < warm_plan_nrows(pl)) {
		i = next_day(pl, i, &d);
		y0 = 0;
		fprintf(fp, "<g><title>day %d: %s</title>\n", d.r[0]->day,
		    warm_fmt_num(num, sizeof(num), d.r[d.n - 1]->volume));
		for (j = 0; j + 1 < d.n; j++) {
			h = (double)d.r[j]->volume * (H - T - B) / max;
			y = H - B - (double)y0 * (H - T - B) / max - h;
			y0 += d.r[j]->volume;
			if (d.r[j]->volume == 0)
				continue;
			fprintf(fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
			    "height=\"%.1f\" fill=\"%s\"/>\n", L + ndays * bw,
			    y, bw * 0.85, h,
			    strcmp(d.r[j]->provider, "old") == 0 ? "#cccccc" :
			    colours[j % nitems(colours)]);
		}
		if (d.r[0]->day == 1 || d.r[0]->day % 5 == 0)
			fprintf(fp, "<text x=\"%.1f\" y=\"%d\" "
			    "text-anchor=\"middle\">%d</text>\n",
			    L + ndays * bw + bw * 0.42, H - B + 16,
			    d.r[0]->day);
		fputs("</g>\n", fp);
		ndays++;
	}
	fprintf(fp, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">day"
	    "</text>\n", (W - R + L) / 2, H - 6);
	for (j = 0; j <= warm_plan_nprov(pl); j++) {
		const char *name = j < warm_plan_nprov(pl) ?
		    warm_plan_prov(pl, j) : "old";

		if (j == warm_plan_nprov(pl) && max_total(pl) <= 0)
			break;
		fprintf(fp, "<rect x=\"%d\" y=\"%zu\" width=\"12\" height=\"12\""
		    " fill=\"%s\"/>\n<text x=\"%d\" y=\"%zu\">", W - R + 16,
		    T + j * 20, j < warm_plan_nprov(pl) ?
		    colours[j % nitems(colours)] : "#cccccc", W - R + 34,
		    T + j * 20 + 11);
		xml_puts(fp, name);
		fputs("</text>\n", fp);
	}
	fputs("</svg>\n", fp);
	return ferror(fp) ? -1 : 0;
}

/* RFC 5545 3.3.11: escape \ ; , and newlines in TEXT. */
static void
ics_text(struct sbuf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\\' || *s == ';' || *s == ',')
			sbuf_addc(b, '\\');
		if (*s == '\n') {
			sbuf_adds(b, "\\n");
			continue;
		}
		if (*s == '\r')
			continue;
		sbuf_addc(b, *s);
	}
}

/* RFC 5545 3.1: lines of at most 75 octets, folded, CRLF ends. */
static void
ics_line(FILE *fp, const char *s)
{
	size_t n = strlen(s), take, lim = 75;

	while (n > lim) {
		take = lim;
		while (take > 1 && ((unsigned char)s[take] & 0xc0) == 0x80)
			take--;		/* never split a UTF-8 sequence */
		fwrite(s, 1, take, fp);
		fputs("\r\n ", fp);
		s += take;
		n -= take;
		lim = 74;
	}
	fputs(s, fp);
	fputs("\r\n", fp);
}

int
warm_ics(const struct warm_plan *pl, FILE *fp, time_t stamp)
{
	struct sbuf b = { 0 }, t = { 0 };
	struct day d;
	struct tm tm;
	char day[16], next[16], st[32], num[32];
	time_t tn;
	size_t i = 0, j;

	gmtime_r(&stamp, &tm);
	strftime(st, sizeof(st), "%Y%m%dT%H%M%SZ", &tm);
	ics_line(fp, "BEGIN:VCALENDAR");
	ics_line(fp, "VERSION:2.0");
	ics_line(fp, "PRODID:-//deliv//deliv-warmup-plan//EN");
	ics_line(fp, "CALSCALE:GREGORIAN");
	ics_line(fp, "METHOD:PUBLISH");
	while (i < warm_plan_nrows(pl)) {
		i = next_day(pl, i, &d);
		gmtime_r(&d.r[0]->date, &tm);
		strftime(day, sizeof(day), "%Y%m%d", &tm);
		tn = d.r[0]->date + 86400;
		gmtime_r(&tn, &tm);
		strftime(next, sizeof(next), "%Y%m%d", &tm);
		ics_line(fp, "BEGIN:VEVENT");
		sbuf_reset(&b);
		sbuf_printf(&b, "UID:%s-%lld-day%d@deliv-warmup-plan", day,
		    warm_plan_target(pl), d.r[0]->day);
		ics_line(fp, b.s);
		sbuf_reset(&b);
		sbuf_printf(&b, "DTSTAMP:%s", st);
		ics_line(fp, b.s);
		sbuf_reset(&b);
		sbuf_printf(&b, "DTSTART;VALUE=DATE:%s", day);
		ics_line(fp, b.s);
		sbuf_reset(&b);
		sbuf_printf(&b, "DTEND;VALUE=DATE:%s", next);
		ics_line(fp, b.s);
		sbuf_reset(&t);
		sbuf_printf(&t, "warm-up day %d: %s (", d.r[0]->day,
		    warm_fmt_num(num, sizeof(num), d.r[d.n - 1]->volume));
		for (j = 0; j + 1 < d.n; j++)
			sbuf_printf(&t, "%s%s %s", j > 0 ? ", " : "",
			    d.r[j]->provider, warm_fmt_num(num, sizeof(num),
			    d.r[j]->volume));
		sbuf_printf(&t, ")%s%s", strcmp(d.r[d.n - 1]->state, "ramp") ?
		    " " : "", strcmp(d.r[d.n - 1]->state, "ramp") ?
		    d.r[d.n - 1]->state : "");
		sbuf_reset(&b);
		sbuf_adds(&b, "SUMMARY:");
		ics_text(&b, t.s);
		ics_line(fp, b.s);
		sbuf_reset(&t);
		for (j = 0; j < d.n; j++)
			if (*d.r[j]->note != '\0')
				sbuf_printf(&t, "%s%s: %s", t.len ? "\n" : "",
				    d.r[j]->provider, d.r[j]->note);
		if (t.len > 0) {
			sbuf_reset(&b);
			sbuf_adds(&b, "DESCRIPTION:");
			ics_text(&b, t.s);
			ics_line(fp, b.s);
		}
		ics_line(fp, "TRANSP:TRANSPARENT");
		ics_line(fp, "END:VEVENT");
	}
	ics_line(fp, "END:VCALENDAR");
	sbuf_free(&b);
	sbuf_free(&t);
	return ferror(fp) ? -1 : 0;
}
