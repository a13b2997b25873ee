/*
 * rcvd-case: a test driver for lib/mail/received.
 *
 *	rcvd-case [-H]		each stdin line is one Received value, TSV-
 *				escaped (\n \t \r \\ \0); prints skip, ip,
 *				rdns, helo, by, ident, envfrom, queue_id,
 *				auth, for, with, tls_version, tls_cipher,
 *				date (UTC), date as written (no zone), why,
 *				unverified (1: the rDNS is marked forged);
 *				-H first prints those names as a header line
 *				(HEADER below), for tests that pick columns
 *				by name
 *	rcvd-case -n COLS [-d COL]
 *				copy TSV from stdin, normalising addresses in
 *				the 1-based columns COLS ("2,3,4") and an
 *				RFC 3339 date in COL to UTC (a "-00:00" date
 *				keeps its wall-clock time, without zone)
 */
#include <ctype.h>
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/driver.h"
#include "core/out.h"
#include "core/util.h"
#include "mail/received.h"

/* The columns parse_lines() prints, in order (-H). */
#define HEADER	"skip\tip\trdns\thelo\tby\tident\tenvfrom\tqueue_id\t" \
		"auth\tfor\twith\ttls_version\ttls_cipher\tdate\t" \
		"date_local\twhy\tunverified\n"

static size_t
unescape(char *s, size_t n)
{
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n) {
			i++;
			switch (s[i]) {
			case 'n': s[o++] = '\n'; break;
			case 't': s[o++] = '\t'; break;
			case 'r': s[o++] = '\r'; break;
			case '0': s[o++] = '\0'; break;
			default: s[o++] = s[i]; break;
			}
		} else
			s[o++] = s[i];
	}
	return o;
}

static void
put(const char *s, int last)
{
	struct sbuf b = { 0 };

	if (s != NULL && out_tsv_escape(&b, s, strlen(s)) == -1)
		err(2, NULL);
	fputs(b.s != NULL ? b.s : "", stdout);
	putchar(last ? '\n' : '\t');
	sbuf_free(&b);
}

/*
 * The wall-clock time of a date as written: the text with its zone left
 * out (cut after HH:MM[:SS] for RFC 5322; blank a zone word or "+hhmm"
 * after the time for asctime forms), parsed as if it were UTC.
 */
static int
local_time(const char *d, char *buf, size_t len)
{
	char t[256];
	const char *c;
	size_t k, n, i, j;
	time_t tt;

	if (d == NULL || (c = strchr(d, ':')) == NULL)
		return -1;
	/* HH:MM[:SS], white space allowed around the colons (obs-time). */
	k = (size_t)(c - d) + 1;
	while (d[k] == ' ')
		k++;
	k += 2;
	for (i = k; d[i] == ' '; i++)
		;
	if (d[i] == ':') {
		for (i++; d[i] == ' '; i++)
			;
		k = i + 2;
	}
	if (k >= sizeof(t) || k > strlen(d) || (n = strlen(d)) >= sizeof(t))
		return -1;
	memcpy(t, d, k);
	t[k] = '\0';
	if (time_parse_rfc5322(t, &tt) == 0)
		goto out;
	memcpy(t, d, n + 1);
	for (i = k; i < n; i = j) {
		while (i < n && t[i] == ' ')
			i++;
		for (j = i; j < n && t[j] != ' '; j++)
			;
		if (j > i && (t[i] == '+' || t[i] == '-' ||
		    isalpha((unsigned char)t[i])))
			memset(t + i, ' ', j - i);
	}
	if (time_parse_asctime(t, &tt) == -1)
		return -1;
out:
	strftime(buf, len, "%Y-%m-%dT%H:%M:%S", gmtime(&tt));
	return 0;
}

static void
parse_lines(int header)
{
	struct rcvd_parser *p;
	struct rcvd r;
	struct derr e;
	char *line = NULL, d[32], l[32];
	size_t cap = 0, n;
	ssize_t len;
	int i;

	if ((p = rcvd_parser_new(&e)) == NULL)
		errx(2, "%s: %s", e.where, e.what);
	memset(&r, 0, sizeof(r));
	if (header)
		fputs(HEADER, stdout);
	while ((len = drv_line(&line, &cap)) != -1) {
		n = unescape(line, (size_t)len);
		if (rcvd_parse(p, line, n, &r, &e) == -1)
			errx(2, "%s: %s", e.where, e.what);
		put(r.local ? "1" : "0", 0);
		for (i = 0; i < RCVD_NFIELDS; i++)
			put(r.f[i], 0);
		d[0] = l[0] = '\0';
		if (r.has_date)
			time_rfc3339(r.date, d, sizeof(d));
		if (r.has_date && local_time(r.date_text, l, sizeof(l)) == -1)
			l[0] = '\0';
		put(d, 0);
		put(l, 0);
		put(r.why, 0);
		put(r.rdns_unverified ? "1" : NULL, 1);
		rcvd_clear(&r);
	}
	free(line);
	rcvd_parser_free(p);
}

static void
norm_date(const char *s, size_t n)
{
	struct tm tm;
	char buf[64], *end;
	time_t t;
	int off;

	if (n >= sizeof(buf) || n < 19) {
		fwrite(s, 1, n, stdout);
		return;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
	memset(&tm, 0, sizeof(tm));
	end = strptime(buf, "%Y-%m-%dT%H:%M:%S", &tm);
	if (end == NULL) {
		fputs(buf, stdout);
		return;
	}
	if (strcmp(end, "-00:00") == 0) {
		fwrite(buf, 1, 19, stdout);
		return;
	}
	t = timegm(&tm);
	if ((end[0] == '+' || end[0] == '-') && strlen(end) == 6) {
		off = atoi(end + 1) * 3600 + atoi(end + 4) * 60;
		t -= end[0] == '-' ? -off : off;
	}
	time_rfc3339(t, buf, sizeof(buf));
	fputs(buf, stdout);
}

static void
normalise(const char *cols, int datecol)
{
	char *line = NULL, ip[64];
	const char *f, *tab;
	size_t cap = 0, n, len;
	ssize_t got;
	int col;
	char want[64];

	memset(want, 0, sizeof(want));
	for (f = cols; *f != '\0'; f++)
		if ((col = atoi(f)) > 0 && col < 64) {
			want[col] = 1;
			while (f[1] >= '0' && f[1] <= '9')
				f++;
		}
	while ((got = drv_line(&line, &cap)) != -1) {
		len = (size_t)got;
		for (f = line, col = 1; f <= line + len; col++) {
			tab = memchr(f, '\t', (size_t)(line + len - f));
			n = tab ? (size_t)(tab - f) : (size_t)(line + len - f);
			if (col < 64 && want[col] &&
			    rcvd_ip_norm(f, n, ip, sizeof(ip)) != 0)
				fputs(ip, stdout);
			else if (col == datecol)
				norm_date(f, n);
			else
				fwrite(f, 1, n, stdout);
			if (tab == NULL)
				break;
			putchar('\t');
			f = tab + 1;
		}
		putchar('\n');
	}
	free(line);
}

int
main(int argc, char *argv[])
{
	const char *cols = NULL;
	int ch, datecol = 0, header = 0;

	while ((ch = getopt(argc, argv, "Hd:n:")) != -1)
		switch (ch) {
		case 'H':
			header = 1;
			break;
		case 'd':
			datecol = atoi(optarg);
			break;
		case 'n':
			cols = optarg;
			break;
		default:
			errx(2, "usage: rcvd-case [-H | -n cols [-d col]]");
		}
	if (cols != NULL || datecol != 0)
		normalise(cols != NULL ? cols : "", datecol);
	else
		parse_lines(header);
	return fflush(stdout) == 0 ? 0 : 2;
}
