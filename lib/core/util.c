/*
 * Small helpers glibc lacks.  See core/util.h.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "core/deliv.h"
#include "core/util.h"

void
derr_set(struct derr *e, const char *where, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return;
	snprintf(e->where, sizeof(e->where), "%s", where ? where : "");
	va_start(ap, fmt);
	vsnprintf(e->what, sizeof(e->what), fmt, ap);
	va_end(ap);
}

void
sandbox(const char *promises)
{
	(void)promises;
}

long long
parse_num(const char *s, long long min, long long max, const char **errstr)
{
	char *end;
	long long v;

	*errstr = NULL;
	if (s == NULL || *s == '\0' || min > max) {
		*errstr = "invalid";
		return 0;
	}
	errno = 0;
	v = strtoll(s, &end, 10);
	if (*end != '\0' || end == s) {
		*errstr = "invalid";
		return 0;
	}
	if ((v == LLONG_MIN && errno == ERANGE) || v < min) {
		*errstr = "too small";
		return 0;
	}
	if ((v == LLONG_MAX && errno == ERANGE) || v > max) {
		*errstr = "too large";
		return 0;
	}
	return v;
}

int
sbuf_reserve(struct sbuf *b, size_t more)
{
	size_t ncap;
	char *p;

	if (more > SIZE_MAX / 2 - b->len)
		return -1;
	if (b->len + more + 1 <= b->cap)
		return 0;
	ncap = b->cap ? b->cap : 64;
	while (ncap < b->len + more + 1)
		ncap *= 2;
	if ((p = realloc(b->s, ncap)) == NULL)
		return -1;
	/* zeroed: PCRE2's JIT reads a few bytes past a subject's end */
	memset(p + b->cap, 0, ncap - b->cap);
	b->s = p;
	b->cap = ncap;
	return 0;
}

int
sbuf_add(struct sbuf *b, const char *s, size_t n)
{
	if (sbuf_reserve(b, n) == -1)
		return -1;
	if (n > 0)
		memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
	return 0;
}

int
sbuf_adds(struct sbuf *b, const char *s)
{
	return sbuf_add(b, s, strlen(s));
}

int
sbuf_addc(struct sbuf *b, char c)
{
	if (b->len + 2 > b->cap)
		return sbuf_add(b, &c, 1);
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
	return 0;
}

int
sbuf_add_utf8(struct sbuf *b, uint32_t u)
{
	char o[4];
	size_t n;

	if (u < 0x80) {
		o[0] = (char)u;
		n = 1;
	} else if (u < 0x800) {
		o[0] = (char)(0xc0 | u >> 6);
		o[1] = (char)(0x80 | (u & 0x3f));
		n = 2;
	} else if (u < 0x10000) {
		o[0] = (char)(0xe0 | u >> 12);
		o[1] = (char)(0x80 | (u >> 6 & 0x3f));
		o[2] = (char)(0x80 | (u & 0x3f));
		n = 3;
	} else {
		o[0] = (char)(0xf0 | u >> 18);
		o[1] = (char)(0x80 | (u >> 12 & 0x3f));
		o[2] = (char)(0x80 | (u >> 6 & 0x3f));
		o[3] = (char)(0x80 | (u & 0x3f));
		n = 4;
	}
	return sbuf_add(b, o, n);
}

int
sbuf_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || sbuf_reserve(b, (size_t)n) == -1)
		return -1;
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

void
sbuf_reset(struct sbuf *b)
{
	b->len = 0;
	if (b->s != NULL)
		b->s[0] = '\0';
}

void
sbuf_free(struct sbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

void *
array_room(void *v, size_t n, size_t *cap, size_t size, size_t first)
{
	size_t ncap;

	if (n < *cap)
		return v;
	ncap = *cap ? *cap * 2 : first;
	if ((v = reallocarray(v, ncap, size)) == NULL)
		return NULL;
	*cap = ncap;
	return v;
}

void *
array_add(void *vp, size_t n, size_t *cap, size_t size, size_t first)
{
	void *v;

	memcpy(&v, vp, sizeof(v));	/* a T * read as the void * it is */
	if ((v = array_room(v, n, cap, size, first)) == NULL)
		return NULL;
	memcpy(vp, &v, sizeof(v));
	return memset((char *)v + n * size, 0, size);
}

void *
zalloc(size_t size, const char *where, struct derr *e)
{
	void *p;

	if ((p = calloc(1, size)) == NULL)
		derr_set(e, where, "out of memory");
	return p;
}

void
strv_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

#define STRPOOL_BLOCK	4000	/* bytes of text a block holds at least */

struct strpool_blk {
	struct strpool_blk	*next;
	size_t			 used;
	size_t			 cap;
	char			 text[];
};

/* Room for n bytes in p; NULL out of memory. */
static char *
strpool_room(struct strpool *p, size_t n)
{
	struct strpool_blk *b = p->blk, *nb;
	char *s;

	if (b != NULL && b->cap - b->used >= n) {
		s = b->text + b->used;
		b->used += n;
		return s;
	}
	if (n > SIZE_MAX - sizeof(*nb))
		return NULL;
	if ((nb = malloc(sizeof(*nb) + (n > STRPOOL_BLOCK ? n :
	    STRPOOL_BLOCK))) == NULL)
		return NULL;
	nb->cap = n > STRPOOL_BLOCK ? n : STRPOOL_BLOCK;
	nb->used = n;
	/* a block filled by one large string goes behind the current one,
	 * whose room stays in use */
	if (b != NULL && nb->cap == n) {
		nb->next = b->next;
		b->next = nb;
	} else {
		nb->next = b;
		p->blk = nb;
	}
	return nb->text;
}

char *
strpool_ndup(struct strpool *p, const char *s, size_t n)
{
	char *d;

	if (n == SIZE_MAX || (d = strpool_room(p, n + 1)) == NULL)
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *
strpool_dup(struct strpool *p, const char *s)
{
	return strpool_ndup(p, s, strlen(s));
}

char *
strpool_dup_null(struct strpool *p, const char *s, int *bad)
{
	char *d;

	if (s == NULL)
		return NULL;
	if ((d = strpool_dup(p, s)) == NULL)
		*bad = 1;
	return d;
}

char *
strpool_vprintf(struct strpool *p, const char *fmt, va_list ap)
{
	va_list ap2;
	char *d;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0 || (d = strpool_room(p, (size_t)n + 1)) == NULL)
		return NULL;
	vsnprintf(d, (size_t)n + 1, fmt, ap);
	return d;
}

char *
strpool_printf(struct strpool *p, const char *fmt, ...)
{
	va_list ap;
	char *d;

	va_start(ap, fmt);
	d = strpool_vprintf(p, fmt, ap);
	va_end(ap);
	return d;
}

void
strpool_free(struct strpool *p)
{
	struct strpool_blk *b, *next;

	for (b = p->blk; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	p->blk = NULL;
}

int
str_index(const char *s, const char *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n && i < INT_MAX; i++)
		if (strcmp(s, v[i]) == 0)
			return (int)i;
	return -1;
}

char *
str_lower(char *s)
{
	char *p;

	for (p = s; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return s;
}

char *
str_trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' ||
	    e[-1] == '\n'))
		*--e = '\0';
	return s;
}

bool
str_iendswith(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/* c in lower case, ASCII letters only */
static unsigned char
ascii_lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

const char *
str_casestr(const char *s, const char *needle)
{
	size_t nlen = strlen(needle), slen, k, j;
	const char *p, *end;
	unsigned char c;

	/* a byte that is not a letter has one case: memchr(3) finds it */
	for (k = 0; k < nlen; k++) {
		c = (unsigned char)needle[k] | 0x20;
		if (c < 'a' || c > 'z')
			break;
	}
	if (k == nlen)
		return strcasestr(s, needle);
	slen = strlen(s);
	if (slen < nlen)
		return NULL;
	/* one more byte before the whole: the needle's first, or its
	 * second when memchr found the first (ASCII case aside, as
	 * strncasecmp(3) in the C locale) */
	j = k == 0 ? 1 : 0;
	end = s + slen - nlen + k + 1;
	for (p = s + k; p < end; p++) {
		if ((p = memchr(p, needle[k], (size_t)(end - p))) == NULL)
			return NULL;
		if (j < nlen && ascii_lower((unsigned char)(p - k)[j]) !=
		    ascii_lower((unsigned char)needle[j]))
			continue;
		if (strncasecmp(p - k, needle, nlen) == 0)
			return p - k;
	}
	return NULL;
}

char *
time_rfc3339(time_t t, char *buf, size_t len)
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL)
		return NULL;
	if (strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return NULL;
	return buf;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian), no locale, no TZ. */
static long long
days_from_civil(long long y, unsigned m, unsigned d)
{
	long long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

static const char *const months[] = {
	"jan", "feb", "mar", "apr", "may", "jun",
	"jul", "aug", "sep", "oct", "nov", "dec"
};

static const struct {
	const char	*name;
	int		 minutes;
} zones[] = {
	{ "ut", 0 }, { "gmt", 0 }, { "utc", 0 }, { "z", 0 },
	{ "est", -300 }, { "edt", -240 }, { "cst", -360 }, { "cdt", -300 },
	{ "mst", -420 }, { "mdt", -360 }, { "pst", -480 }, { "pdt", -420 },
	{ "cet", 60 }, { "cest", 120 }, { "bst", 60 }, { "jst", 540 },
	{ "met", 60 }, { "mest", 120 }, { "eet", 120 }, { "eest", 180 },
	{ "ist", 330 }, { "kst", 540 }, { "hkt", 480 }, { "sgt", 480 },
	{ "aest", 600 }, { "nzst", 720 }
};

static const char *
skip_cfws(const char *p)
{
	int depth;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' ||
		    *p == ',')
			p++;
		if (*p != '(')
			return p;
		for (depth = 0; *p != '\0'; p++) {
			if (*p == '(')
				depth++;
			else if (*p == ')' && --depth == 0) {
				p++;
				break;
			}
		}
	}
}

static int
read_int(const char **pp, int maxdigits, long *v)
{
	const char *p = *pp;
	int n = 0;

	*v = 0;
	while (n < maxdigits && *p >= '0' && *p <= '9') {
		*v = *v * 10 + (*p - '0');
		p++;
		n++;
	}
	if (n == 0)
		return -1;
	*pp = p;
	return 0;
}

/* Skip blanks (no comments, no commas). */
static const char *
skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		p++;
	return p;
}

/*
 * "hh:mm[:ss][.frac]", with the white space RFC 5322 section 4.3 allows
 * around the colons (obs-hour, obs-minute, obs-second: "04:02: 43").
 * Returns 0 and advances *pp, or -1.
 */
static int
read_time(const char **pp, long *hh, long *mm, long *ss)
{
	const char *p = *pp, *q;

	*ss = 0;
	if (read_int(&p, 2, hh) == -1)
		return -1;
	p = skip_ws(p);
	if (*p++ != ':')
		return -1;
	p = skip_ws(p);
	if (read_int(&p, 2, mm) == -1)
		return -1;
	q = skip_ws(p);
	if (*q == ':') {
		p = skip_ws(q + 1);
		if (read_int(&p, 2, ss) == -1)
			return -1;
	}
	if (*p == '.')		/* fractional seconds */
		for (p++; *p >= '0' && *p <= '9'; p++)
			;
	*pp = p;
	return 0;
}

/*
 * A zone at *pp: "+hhmm", "-hh" or a name (unknown names count as +0000,
 * as RFC 5322 section 4.3 says of obsolete zones).  Returns 1 and sets
 * *off (minutes east of UTC) and advances *pp, 0 when there is no zone
 * there, -1 for a sign without digits.
 */
static int
read_zone(const char **pp, long *off)
{
	const char *p = *pp, *q;
	char word[8];
	long z;
	size_t k;
	int sign, i;

	*off = 0;
	if (*p == '+' || *p == '-') {
		sign = *p == '-' ? -1 : 1;
		q = ++p;
		if (read_int(&p, 4, &z) == -1)
			return -1;
		if (p - q <= 2)
			z *= 100;
		*off = sign * ((z / 100) * 60 + z % 100);
		*pp = p;
		return 1;
	}
	if (!isalpha((unsigned char)*p))
		return 0;
	for (i = 0; i < 5 && isalpha((unsigned char)p[i]); i++)
		word[i] = (char)tolower((unsigned char)p[i]);
	word[i] = '\0';
	for (k = 0; k < nitems(zones); k++)
		if (strcmp(word, zones[k].name) == 0)
			*off = zones[k].minutes;
	while (isalpha((unsigned char)*p))
		p++;
	*pp = p;
	return 1;
}

/* The month named by the three letters at p, 0-11, or -1. */
static int
month_at(const char *p)
{
	char word[4];
	size_t k;
	int i;

	for (i = 0; i < 3 && isalpha((unsigned char)p[i]); i++)
		word[i] = (char)tolower((unsigned char)p[i]);
	word[i] = '\0';
	for (k = 0; k < nitems(months); k++)
		if (strcmp(word, months[k]) == 0)
			return (int)k;
	return -1;
}

/* The month named at *pp, 0-11, with *pp past its letters; or -1. */
static int
read_month(const char **pp)
{
	const char *p = *pp;
	int mon;

	if ((mon = month_at(p)) == -1)
		return -1;
	while (isalpha((unsigned char)*p))
		p++;
	*pp = p;
	return mon;
}

/* The instant, or -1 when a field is out of range. */
static int
civil_time(long year, int mon, long day, long hh, long mm, long ss,
    long off, time_t *t)
{
	if (day < 1 || day > 31 || hh > 23 || mm > 59 || ss > 60)
		return -1;
	*t = (time_t)(days_from_civil(year, (unsigned)mon + 1,
	    (unsigned)day) * 86400 + hh * 3600 + mm * 60 + ss - off * 60);
	return 0;
}

int
time_parse_rfc5322(const char *s, time_t *t)
{
	const char *p = s;
	long day, year, hh, mm, ss, off = 0;
	int mon;

	p = skip_cfws(p);
	/* Optional day name. */
	if (isalpha((unsigned char)*p)) {
		while (isalpha((unsigned char)*p))
			p++;
		p = skip_cfws(p);
	}
	if (read_int(&p, 2, &day) == -1)
		return -1;
	while (*p == ' ' || *p == '-' || *p == '\t')
		p++;
	if ((mon = read_month(&p)) == -1)
		return -1;
	while (*p == ' ' || *p == '-' || *p == '\t')
		p++;
	if (read_int(&p, 4, &year) == -1)
		return -1;
	if (year < 50)
		year += 2000;
	else if (year < 1000)
		year += 1900;
	p = skip_cfws(p);
	if (read_time(&p, &hh, &mm, &ss) == -1)
		return -1;
	p = skip_cfws(p);
	if (read_zone(&p, &off) == -1)
		return -1;
	return civil_time(year, mon, day, hh, mm, ss, off, t);
}

int
time_parse_asctime(const char *s, time_t *t)
{
	const char *p;
	long day, year, hh, mm, ss, off = 0;
	int mon, z;

	p = skip_ws(s);
	if (month_at(p) == -1 || isalpha((unsigned char)p[3])) {
		/* A day name first. */
		while (isalpha((unsigned char)*p))
			p++;
		if (*p == ',')
			p++;
		p = skip_ws(p);
	}
	if ((mon = read_month(&p)) == -1)
		return -1;
	p = skip_ws(p);
	if (read_int(&p, 2, &day) == -1 || (*p != ' ' && *p != '\t'))
		return -1;
	p = skip_ws(p);
	if (read_time(&p, &hh, &mm, &ss) == -1)
		return -1;
	p = skip_ws(p);
	if ((z = read_zone(&p, &off)) == -1)	/* date(1): zone, year */
		return -1;
	p = skip_ws(p);
	s = p;
	if (read_int(&p, 4, &year) == -1 || p - s != 4 ||
	    isdigit((unsigned char)*p))
		return -1;
	if (z == 0) {
		p = skip_ws(p);
		if (read_zone(&p, &off) == -1)
			return -1;
	}
	return civil_time(year, mon, day, hh, mm, ss, off, t);
}

int
time_parse_ymd(const char *s, time_t *t)
{
	long y, m, d;
	const char *p = s;

	if (read_int(&p, 4, &y) == -1 || p - s != 4 || *p++ != '-' ||
	    read_int(&p, 2, &m) == -1 || *p++ != '-' ||
	    read_int(&p, 2, &d) == -1 || *p != '\0')
		return -1;
	if (m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	*t = (time_t)(days_from_civil(y, (unsigned)m, (unsigned)d) * 86400);
	return 0;
}

static int
is_dir(const char *p)
{
	struct stat st;

	return p != NULL && *p != '\0' && stat(p, &st) == 0 &&
	    S_ISDIR(st.st_mode);
}

int
find_data_dir(const char *opt, const char *env, const char *installed,
    const char *subdir, char *buf, size_t len)
{
	const char *cand[3] = { opt, env, installed };
	char exe[PATH_MAX], *slash;
	ssize_t n;
	size_t i;
	int k;

	for (i = 0; i < nitems(cand); i++) {
		if (cand[i] == NULL || *cand[i] == '\0')
			continue;
		if (i < 2 || is_dir(cand[i])) {
			/* An explicit choice is taken even if wrong. */
			if ((size_t)snprintf(buf, len, "%s", cand[i]) >= len)
				return -1;
			return is_dir(buf) ? 0 : -1;
		}
	}
	if ((n = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) <= 0)
		return -1;
	exe[n] = '\0';
	for (k = 0; k < 2; k++) {
		if ((slash = strrchr(exe, '/')) == NULL)
			return -1;
		*slash = '\0';
		if ((size_t)snprintf(buf, len, "%s/%s", exe, subdir) >= len)
			return -1;
		if (is_dir(buf))
			return 0;
	}
	return -1;
}

int
path_join(char *buf, size_t len, const char *dir, const char *name,
    struct derr *e)
{
	int n = snprintf(buf, len, "%s/%s", dir, name);

	if (n < 0 || (size_t)n >= len) {
		derr_set(e, dir, "path too long");
		return -1;
	}
	return 0;
}
