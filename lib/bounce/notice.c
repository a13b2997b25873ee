/*
 * What a plain-text notice says of its recipients beyond their words:
 * the lines that introduce failed or delayed recipients
 * (phrases/bounce-notice.txt: which group a recipient is in, what a
 * delay makes of its kind) and the addresses that a session transcript
 * shows accepted.  See bounce/notice.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bounce/notice.h"

/* The line of t[0..len) that starts after the one holding at: [*ls, *le). */
static bool
next_line(const char *t, size_t len, size_t at, size_t *ls, size_t *le)
{
	const char *nl;

	if ((nl = memchr(t + at, '\n', len - at)) == NULL)
		return false;
	*ls = (size_t)(nl - t) + 1;
	nl = memchr(t + *ls, '\n', len - *ls);
	*le = nl != NULL ? (size_t)(nl - t) : len;
	return true;
}

/* The server's reply on line [ls, le) of a transcript, after its marker. */
static const char *
reply_in(const char *t, size_t ls, size_t le)
{
	size_t k;

	for (k = ls; k + 7 <= le; k++)
		if (memcmp(t + k, "<-- ", 4) == 0 ||
		    memcmp(t + k, "<<< ", 4) == 0)
			return t + k + 4;
	return NULL;
}

/*
 * The addresses that a session transcript shows accepted: a "RCPT TO"
 * command line whose next line is the server's reply marked "<-- "
 * (MDaemon's session transcript) or "<<< " (Sendmail's) with a 2xx code.
 * An address accepted in the session did not fail there, whatever the
 * rest of the notice says, unless a later reply of the session refused
 * the message itself (after DATA: then every recipient failed).  NULL
 * when the text has none.
 */
GHashTable *
bnc_accepted_rcpts(struct ctx *c, const char *t, size_t len)
{
	GHashTable *h = NULL;
	const char *p, *q;
	size_t at = 0, ls, le, s, e, k, last = 0;

	while (at < len && (p = str_casestr(t + at, "rcpt to")) != NULL) {
		at = (size_t)(p - t) + 7;
		if (!next_line(t, len, at, &ls, &le))
			break;
		last = le;
		q = reply_in(t, ls, le);
		if (q == NULL || q[0] != '2' ||
		    !isdigit((unsigned char)q[1]) ||
		    !isdigit((unsigned char)q[2]))
			continue;
		/* the address of the command, on its own line */
		if (!bnc_re_find(c->b, RE_ADDR, t, ls, at, &s, &e, 0))
			continue;
		if (h == NULL)
			h = g_hash_table_new_full(g_str_hash, g_str_equal,
			    g_free, NULL);
		g_hash_table_add(h, g_ascii_strdown(t + s, (gssize)(e - s)));
	}
	/* a refusal after the last RCPT's reply is the message's */
	for (k = last; h != NULL && k < len; k = le) {
		/* t[k] ends a line: the next is [k + 1, le) */
		ls = k + 1;
		p = memchr(t + ls, '\n', len - ls);
		le = p != NULL ? (size_t)(p - t) : len;
		if ((q = reply_in(t, ls, le)) != NULL &&
		    (q[0] == '4' || q[0] == '5')) {
			g_hash_table_destroy(h);
			h = NULL;
		}
	}
	return h;
}

/* Is a in the set h of bnc_accepted_rcpts()? */
bool
bnc_was_accepted(GHashTable *h, const char *a)
{
	char *k;
	bool r;

	if (h == NULL)
		return false;
	k = g_ascii_strdown(a, -1);
	r = g_hash_table_contains(h, k);
	g_free(k);
	return r;
}

void
bnc_find_notices(struct ctx *c, const char *t, size_t len,
    struct notices *nt)
{
	struct phr_hit hit;
	struct derr e;
	size_t off = 0;
	int r;

	nt->n = 0;
	while (nt->n < NOTICE_MAX && off < len) {
		if ((r = phr_match(c->b->notice, t, len, off, &hit, &e)) == -1)
			bnc_match_err(c->b, &e);
		if (r != 1)
			break;
		nt->at[nt->n] = hit.start;
		nt->line[nt->n] = hit.line;
		nt->delayed[nt->n] = strcmp(hit.tag, "delayed") == 0;
		nt->n++;
		off = hit.end > hit.start ? hit.end : hit.start + 1;
	}
}

/*
 * What the notice line that introduces the recipient named at offset at
 * (the last one before it; the first one for a recipient the text does
 * not place) says of r: "delayed" makes it a soft failure, "expired"
 * unless its own words gave a soft reason (as a DSN's Action: delayed);
 * "failed" is said in matched when nothing else gave a reason.
 */
void
bnc_apply_notice(struct ctx *c, struct bounce_rcpt *r,
    const struct notices *nt, size_t at)
{
	size_t k, i;

	if (nt->n == 0)
		return;
	k = 0;
	if (at != (size_t)-1)
		for (i = 0; i < nt->n && nt->at[i] < at; i++)
			k = i;
	if (nt->delayed[k]) {
		if (r->matched != NULL && strncmp(r->matched, "soft", 4) == 0)
			return;
		r->reason = "expired";
		r->kind = "soft";
	} else if (strcmp(r->reason, "undefined") != 0 || r->matched != NULL)
		return;
	snprintf(c->b->matched, sizeof(c->b->matched),
	    "bounce-notice.txt:%lu", nt->line[k]);
	r->matched = c->b->matched;
}

/*
 * With notice lines of both kinds, the recipient named at offset at is
 * classified within its own group (c->whole: from the line of the notice
 * that introduces it to the line of the next notice), not by the words
 * of another group.
 */
void
bnc_notice_group(struct ctx *c, const char *t, size_t len,
    const struct notices *nt, size_t at)
{
	size_t k, i, s, e;
	bool mixed = false;

	c->whole = NULL;
	for (i = 1; i < nt->n; i++)
		if (nt->delayed[i] != nt->delayed[0])
			mixed = true;
	if (!mixed || at == (size_t)-1 || at < nt->at[0])
		return;
	for (k = 0, i = 0; i < nt->n && nt->at[i] < at; i++)
		k = i;
	for (s = nt->at[k]; s > 0 && t[s - 1] != '\n'; s--)
		;
	e = len;
	if (k + 1 < nt->n)
		for (e = nt->at[k + 1]; e > s && t[e - 1] != '\n'; e--)
			;
	c->whole = t + s;
	c->wlen = e - s;
}
