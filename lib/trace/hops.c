/*
 * A message's hop list: Received headers and an X-Originating-IP style
 * header parsed into hops, their delays and flags.  See trace/hops.h;
 * the trust walk is trace/trust.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/ip.h"
#include "core/util.h"
#include "net/orgdom.h"
#include "trace/hops.h"
#include "trace/trust.h"

#define COPY_KEEP	65536	/* the largest copy buffer kept */

const char *const trace_xorig_headers[] = {
	"X-Originating-IP", "X-Yahoo-Post-IP", "X-Apparently-From",
	"X-SenderIP", "X-AOL-IP",
	"X-MS-Exchange-CrossTenant-OriginalAttributedTenantConnectingIp", NULL
};

static void
flag(struct hop *h, const char *f)
{
	size_t n = strlen(h->flags);

	if (n > 0 && n + 1 < sizeof(h->flags))
		h->flags[n++] = ',';
	snprintf(h->flags + n, sizeof(h->flags) - n, "%s", f);
}

/*
 * The same host or domain; a short name matches its first label, a
 * full one its registered domain (od: the Public Suffix List or NULL).
 */
static bool
same_host(const struct orgdom *od, const char *a, const char *b)
{
	char da[256], db[256];
	size_t n;

	if (a == NULL || b == NULL)
		return true;		/* nothing to compare */
	if (strcasecmp(a, b) == 0)
		return true;
	n = strcspn(b, ".");
	if (b[n] == '\0' && strncasecmp(a, b, n) == 0 && a[n] == '.')
		return true;
	n = strcspn(a, ".");
	if (a[n] == '\0' && strncasecmp(a, b, n) == 0 && b[n] == '.')
		return true;
	return orgdom_get(od, a, da, sizeof(da)) != NULL &&
	    orgdom_get(od, b, db, sizeof(db)) != NULL &&
	    strcmp(da, db) == 0;
}

/*
 * A name worth comparing: not an address, "unknown" or "localhost".
 * ipnorm: rcvd_ip_norm() of s, when known, else -1.
 */
static bool
named(const char *s, int ipnorm)
{
	char buf[64];

	if (s == NULL)
		return false;
	if (ipnorm == -1)
		ipnorm = rcvd_ip_norm(s, strlen(s), buf, sizeof(buf));
	return ipnorm == 0 && strcasecmp(s, "unknown") != 0 &&
	    strncasecmp(s, "localhost", 9) != 0;
}

static bool
is_literal(const char *s)
{
	char buf[64];

	return s == NULL || strchr(s, '.') == NULL ||
	    rcvd_ip_norm(s, strlen(s), buf, sizeof(buf)) != 0;
}

static void
set_flags(struct trace *t, const struct orgdom *od, time_t now)
{
	struct hop *h = NULL, *up;
	char ip[64];
	const char *helo;
	size_t i;
	/* named() of the HELO and rDNS of the hop above; -1 not known */
	int uphelo = -1, uprdns = -1, hnorm = -1;

	for (i = 0; i < t->n; i++, uphelo = hnorm == -1 ? -1 :
	    named(h->r.f[RCVD_HELO], hnorm), uprdns = -1) {
		h = &t->hop[i];
		hnorm = -1;
		if (h->r.local && h->r.why != NULL)
			flag(h, h->r.why);
		if (h->extra != NULL)
			flag(h, "originating-header");
		if (h->extra == NULL && !h->r.has_date)
			flag(h, h->r.date_text != NULL ? "bad-date" :
			    "no-date");
		if (h->r.has_date && h->r.date > now + 86400)
			flag(h, "future-date");
		if (h->later)
			flag(h, "date-backwards");
		if ((h->has_delay && h->delay > 7 * 86400) ||
		    (h->later && h->later_by > 86400))
			flag(h, "absurd-delay");
		if (h->trust == TRUST_UNTRUSTED &&
		    ip_text_in(h->r.f[RCVD_IP], IP_INTERNAL))
			flag(h, "private-untrusted");
		helo = h->r.f[RCVD_HELO];
		if (helo != NULL && h->r.f[RCVD_IP] != NULL &&
		    (hnorm = rcvd_ip_norm(helo, strlen(helo), ip,
		    sizeof(ip))) != 0 && strcmp(ip, h->r.f[RCVD_IP]) != 0)
			flag(h, "helo-ip-differs");
		if (h->r.rdns_unverified)
			flag(h, "rdns-unverified");
		if (h->extra == NULL && h->r.f[RCVD_BY] == NULL &&
		    h->r.f[RCVD_IP] == NULL && !h->r.has_date)
			flag(h, "unparseable");
		/* The host that handed this hop on is the from of the
		   next newer network hop. */
		if (h->r.local || h->extra != NULL || h->r.f[RCVD_BY] == NULL
		    || is_literal(h->r.f[RCVD_BY]))
			continue;
		up = i > 0 && t->hop[i - 1].extra == NULL ? &t->hop[i - 1] :
		    NULL;
		if (up == NULL)
			continue;
		if (uphelo == -1)
			uphelo = named(up->r.f[RCVD_HELO], -1);
		/* A skipped hop above (fetchmail, a scanner) names no
		   sender of this one. */
		if (up->r.local || (!uphelo &&
		    !(uprdns = named(up->r.f[RCVD_RDNS], -1))))
			continue;
		if (uprdns == -1)
			uprdns = named(up->r.f[RCVD_RDNS], -1);
		if ((!uphelo ||
		    !same_host(od, h->r.f[RCVD_BY], up->r.f[RCVD_HELO])) &&
		    (!uprdns ||
		    !same_host(od, h->r.f[RCVD_BY], up->r.f[RCVD_RDNS])))
			flag(h, "by-mismatch");
	}
}

static struct hop *
hop_new(struct trace *t, struct derr *e)
{
	struct hop *nh;

	if ((nh = array_room(t->hop, t->n, &t->cap, sizeof(*nh), 16)) ==
	    NULL) {
		derr_set(e, "trace", "out of memory");
		return NULL;
	}
	t->hop = nh;
	nh = &t->hop[t->n++];
	memset(nh, 0, sizeof(*nh));
	return nh;
}

/* What the header walk collects. */
struct walk {
	struct trace		*t;
	struct rcvd_parser	*p;
	const char *const	*xorig;
	const char		*bestname;
	char			 ip[64];
	int			 bestk;
	struct derr		*e;
};

/* One header field: a Received hop, or an X-Originating-IP candidate. */
static int
field(void *arg, const char *name, size_t nl, const char *v, size_t vl)
{
	struct walk *wk = arg;
	struct hop *h;
	char ip[64];
	const char *s;
	size_t i, k;
	char *c;

	if (nl == 8 && (name[0] | 0x20) == 'r' &&
	    strncasecmp(name, "Received", 8) == 0) {
		/* A NUL byte is no end of the text: a space. */
		while (wk->t->copycap <= vl) {
			if ((c = array_room(wk->t->copy, wk->t->copycap,
			    &wk->t->copycap, 1, 256)) == NULL) {
				derr_set(wk->e, "trace", "out of memory");
				return -1;
			}
			wk->t->copy = c;
		}
		c = memcpy(wk->t->copy, v, vl);
		for (i = 0; (s = memchr(c + i, '\0', vl - i)) != NULL;
		    i = (size_t)(s - c) + 1)
			c[s - c] = ' ';
		c[vl] = '\0';
		if ((h = hop_new(wk->t, wk->e)) == NULL ||
		    rcvd_parse(wk->p, c, vl, &h->r, wk->e) == -1)
			return -1;
		return 0;
	}
	/* An originating header (first letters compared first). */
	for (k = 0; wk->xorig != NULL && wk->xorig[k] != NULL; k++) {
		if ((name[0] | 0x20) != (wk->xorig[k][0] | 0x20) ||
		    strlen(wk->xorig[k]) != nl ||
		    strncasecmp(name, wk->xorig[k], nl) != 0 ||
		    (wk->bestk != -1 && (int)k >= wk->bestk))
			continue;
		for (s = v; s < v + vl && strchr(" \t\r\n", *s) != NULL &&
		    *s != '\0'; s++)
			;
		for (i = 0; s + i < v + vl && s[i] != '\0' &&
		    strchr(" \t\r\n,;", s[i]) == NULL; i++)
			;
		if (rcvd_ip_norm(s, i, ip, sizeof(ip)) != 0) {
			memcpy(wk->ip, ip, sizeof(ip));
			wk->bestname = wk->xorig[k];
			wk->bestk = (int)k;
		}
	}
	return 0;
}

int
trace_message(struct trace *t, GMimeMessage *msg, const char *raw,
    size_t rawlen, struct rcvd_parser *p, const struct trust_cfg *cfg,
    const char *const *xorig, time_t now, struct derr *e)
{
	struct walk wk = { t, p, xorig, NULL, "", -1, e };
	GMimeHeaderList *hl;
	GMimeHeader *hd;
	const char *name, *v;
	struct hop *h;
	int i, cnt, r = 0;
	size_t j, m;

	trace_reset(t);
	if (raw != NULL)
		r = rcvd_fields(raw, rawlen, field, &wk);
	else if (msg != NULL) {
		hl = g_mime_object_get_header_list(GMIME_OBJECT(msg));
		cnt = g_mime_header_list_get_count(hl);
		for (i = 0; i < cnt && r == 0; i++) {
			hd = g_mime_header_list_get_header_at(hl, i);
			if ((name = g_mime_header_get_name(hd)) == NULL)
				continue;
			if ((v = g_mime_header_get_raw_value(hd)) == NULL)
				v = "";
			r = field(&wk, name, strlen(name), v, strlen(v));
		}
	}
	/* the copy of a huge header is not kept */
	if (t->copycap > COPY_KEEP) {
		free(t->copy);
		t->copy = NULL;
		t->copycap = 0;
	}
	if (r == -1)
		return -1;
	if (wk.bestname != NULL) {
		if ((h = hop_new(t, e)) == NULL)
			return -1;
		h->extra = wk.bestname;
		if ((h->r.f[RCVD_IP] = strdup(wk.ip)) == NULL) {
			derr_set(e, "trace", "out of memory");
			return -1;
		}
	}
	/* Delays: this hop's date minus the next older dated hop's. */
	for (j = 0; j < t->n; j++) {
		if (!t->hop[j].r.has_date)
			continue;
		for (m = j + 1; m < t->n; m++)
			if (t->hop[m].r.has_date) {
				t->hop[j].has_delay = true;
				t->hop[j].delay = (long long)t->hop[j].r.date -
				    (long long)t->hop[m].r.date;
				if (t->hop[j].delay < -300) {
					t->hop[m].later = true;
					t->hop[m].later_by = -t->hop[j].delay;
				}
				break;
			}
	}
	trust_walk(t, cfg);
	/* A delay counts only between dates the trusted side wrote: the
	   origin's header is the last one a trusted relay wrote. */
	for (j = 0; j < t->n; j++) {
		if (!t->hop[j].has_delay)
			continue;
		for (m = j + 1; m < t->n && !t->hop[m].r.has_date; m++)
			;
		t->hop[j].delay_trusted = t->origin < 0 ||
		    (long)m <= t->origin;
	}
	set_flags(t, cfg->orgdom, now);
	return 0;
}

void
trace_reset(struct trace *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		rcvd_clear(&t->hop[i].r);
	t->n = 0;
	t->origin = -1;
	t->none[0] = '\0';
}

void
trace_free(struct trace *t)
{
	trace_reset(t);
	free(t->hop);
	free(t->copy);
	memset(t, 0, sizeof(*t));
}
