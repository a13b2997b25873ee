/*
 * The reason of a failure: the reasons table (data/reasons.tsv: each
 * reason's kind and RFC 3463 codes, loaded and checked at start), and
 * the classification of a recipient's text by, in this order, the soft
 * phrases, the hard phrases, the enhanced status code, the SMTP reply
 * code.  See bounce/reasons.h.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>

#include "bounce/reasons.h"
#include "bounce/text.h"


enum kind { K_HARD, K_SOFT, K_UNDET, K_BYCODE, K_CHOICE, K_UNKNOWN };

static const char *const kind_names[] = { "hard", "soft", "undetermined",
    "bycode", "choice" };

struct reason {
	char		*name;
	enum kind	 kind;
};

/* An RFC 3463 code "X.1.1" of a reason (matches 4.1.1 and 5.1.1). */
struct reason_code {
	char		 code[12];
	size_t		 reason;	/* index in reasons.r */
};

struct reasons {
	struct reason		*r;
	size_t			 n;
	struct reason_code	*c;
	size_t			 nc;
};

void
reasons_free(struct reasons *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->n; i++)
		free(t->r[i].name);
	free(t->r);
	free(t->c);
	free(t);
}

static ssize_t
reason_find(const struct reasons *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->r[i].name, name) == 0)
			return (ssize_t)i;
	return -1;
}

static enum kind
reason_kind(const struct reasons *t, const char *name)
{
	ssize_t i = reason_find(t, name);

	return i < 0 ? K_UNKNOWN : t->r[i].kind;
}

/* "X.1.1", "X.7.30": the form of a status code column entry. */
static bool
code_ok(const char *c)
{
	const char *p = c;
	int part, n;

	if (strlen(c) >= sizeof(((struct reason_code *)0)->code) ||
	    p[0] != 'X' || p[1] != '.')
		return false;
	for (p += 2, part = 0; part < 2; part++) {
		for (n = 0; isdigit((unsigned char)*p); p++)
			n++;
		if (n < 1 || n > 3 || (part == 0 && *p++ != '.'))
			return false;
	}
	return *p == '\0';
}

static int
add_codes(struct reasons *t, char *codes, const char *where,
    struct derr *e)
{
	struct reason_code *v;
	char *c, *save = NULL;
	size_t i;

	if (strcmp(codes, "-") == 0)
		return 0;
	for (c = strtok_r(codes, ",", &save); c != NULL;
	    c = strtok_r(NULL, ",", &save)) {
		if (!code_ok(c)) {
			derr_set(e, where, "bad status code \"%s\" (want X.n.n)",
			    c);
			return -1;
		}
		for (i = 0; i < t->nc; i++)
			if (strcmp(t->c[i].code, c) == 0) {
				derr_set(e, where, "status code %s given twice",
				    c);
				return -1;
			}
		if ((v = reallocarray(t->c, t->nc + 1, sizeof(*v))) == NULL) {
			derr_set(e, where, "out of memory");
			return -1;
		}
		t->c = v;
		snprintf(v[t->nc].code, sizeof(v[t->nc].code), "%s", c);
		v[t->nc++].reason = t->n;
	}
	return 0;
}

/* One line "reason<TAB>kind<TAB>codes<TAB>meaning" into t. */
static int
add_line(struct reasons *t, char *line, const char *where, struct derr *e)
{
	char *f[4], *p = line;
	struct reason *v;
	const char *c;
	size_t i, k;

	for (i = 0; i < 4; i++) {
		f[i] = p;
		if (i < 3 && (p = strchr(p, '\t')) == NULL) {
			derr_set(e, where, "%zu fields, want 4 (reason, kind, "
			    "status codes, meaning) separated by tabs", i + 1);
			return -1;
		}
		if (i < 3)
			*p++ = '\0';
	}
	if (strchr(f[3], '\t') != NULL || *f[3] == '\0') {
		derr_set(e, where, "want 4 fields: reason, kind, status codes, "
		    "meaning");
		return -1;
	}
	for (c = f[0]; *c != '\0'; c++)
		if (!(islower((unsigned char)*c) || *c == '|'))
			break;
	if (*f[0] == '\0' || *c != '\0') {
		derr_set(e, where, "bad reason \"%s\" (a-z and |)", f[0]);
		return -1;
	}
	if (reason_find(t, f[0]) >= 0) {
		derr_set(e, where, "reason %s given twice", f[0]);
		return -1;
	}
	for (k = 0; k < nitems(kind_names); k++)
		if (strcmp(f[1], kind_names[k]) == 0)
			break;
	if (k == nitems(kind_names)) {
		derr_set(e, where, "bad kind \"%s\" (hard, soft, undetermined, "
		    "bycode, choice)", f[1]);
		return -1;
	}
	if ((k == K_CHOICE) != (strchr(f[0], '|') != NULL)) {
		derr_set(e, where, "a reason with \"|\" is of kind choice, "
		    "and only it");
		return -1;
	}
	if (add_codes(t, f[2], where, e) == -1)
		return -1;
	if ((v = reallocarray(t->r, t->n + 1, sizeof(*v))) == NULL ||
	    (v[t->n].name = strdup(f[0])) == NULL) {
		if (v != NULL)
			t->r = v;
		derr_set(e, where, "out of memory");
		return -1;
	}
	t->r = v;
	v[t->n++].kind = (enum kind)k;
	return 0;
}

/* Each part of a choice "a|b" is a reason of the table. */
static int
check_choices(const struct reasons *t, const char *name, struct derr *e)
{
	char part[64];
	const char *p, *bar;
	size_t i;

	for (i = 0; i < t->n; i++) {
		if (t->r[i].kind != K_CHOICE)
			continue;
		for (p = t->r[i].name; ; p = bar + 1) {
			bar = strchr(p, '|');
			snprintf(part, sizeof(part), "%.*s", bar ? (int)(bar -
			    p) : (int)strlen(p), p);
			if (reason_kind(t, part) >= K_BYCODE) {
				derr_set(e, name, "choice %s: %s is no reason "
				    "of the table", t->r[i].name, part);
				return -1;
			}
			if (bar == NULL)
				break;
		}
	}
	return 0;
}

struct reasons *
reasons_load(const char *path, const char *name, struct derr *e)
{
	struct reasons *t;
	char *line = NULL, where[300];
	size_t cap = 0, len;
	unsigned long lineno = 0;
	ssize_t n;
	FILE *fp;

	if ((fp = fopen(path, "r")) == NULL) {
		derr_set(e, name, "%s", strerror(errno));
		return NULL;
	}
	if ((t = calloc(1, sizeof(*t))) == NULL) {
		derr_set(e, name, "out of memory");
		goto fail;
	}
	while ((n = getline(&line, &cap, fp)) != -1) {
		lineno++;
		len = (size_t)n;
		while (len > 0 && (line[len - 1] == '\n' ||
		    line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		snprintf(where, sizeof(where), "%s:%lu", name, lineno);
		if (strlen(line) != len) {
			derr_set(e, where, "a NUL byte");
			goto fail;
		}
		if (add_line(t, line, where, e) == -1)
			goto fail;
	}
	if (ferror(fp)) {
		derr_set(e, name, "%s", strerror(errno));
		goto fail;
	}
	if (t->n == 0) {
		derr_set(e, name, "no reasons");
		goto fail;
	}
	if (check_choices(t, name, e) == -1)
		goto fail;
	free(line);
	fclose(fp);
	return t;
fail:
	free(line);
	fclose(fp);
	reasons_free(t);
	return NULL;
}

int
reasons_check_phrases(const struct reasons *t, const struct phr *p,
    struct derr *e)
{
	struct phr_hit h;
	char where[300];
	size_t i;

	for (i = 0; i < phr_count(p); i++) {
		phr_entry(p, i, &h, NULL);
		if (reason_find(t, h.tag) < 0) {
			snprintf(where, sizeof(where), "%s:%lu", h.file,
			    h.line);
			derr_set(e, where, "unknown reason \"%s\" (not in "
			    "data/reasons.tsv)", h.tag);
			return -1;
		}
	}
	return 0;
}

const char *
bnc_status_reason(const struct bounce *b, const char *st)
{
	const struct reasons *t = b->reasons;
	size_t i;

	if (st == NULL || strlen(st) < 5)
		return NULL;
	if (st[0] == '2')
		return "delivered";
	for (i = 0; i < t->nc; i++)
		if (strcmp(t->c[i].code + 1, st + 1) == 0)
			return t->r[t->c[i].reason].name;
	return NULL;
}

static const char *
smtp_reason(int code)
{
	switch (code) {
	case 421:
		return "blocked";
	case 450:
	case 451:
		return "systemerror";
	case 452:
		return "systemfull";
	case 500:
	case 501:
	case 502:
	case 503:
	case 504:
		return "syntaxerror";
	case 523:
		return "mesgtoobig";
	case 551:
		return "hasmoved";
	case 552:
		return "mailboxfull";
	case 553:
		return "rejected";
	default:
		return NULL;
	}
}

const char *
bounce_kind(const struct bounce *b, const char *reason, const char *status,
    int smtp_code)
{
	bool temp;

	if (reason == NULL)
		return "none";
	switch (reason_kind(b->reasons, reason)) {
	case K_HARD:
		return "hard";
	case K_UNDET:
		return "undetermined";
	case K_BYCODE:
		temp = (status != NULL && status[0] == '4') ||
		    (smtp_code >= 400 && smtp_code < 500);
		return temp ? "soft" : "hard";
	default:
		return "soft";
	}
}

/* Find the first enhanced status code and SMTP reply code in text. */
static void
find_codes(struct bounce *b, const char *text, size_t len, char *st,
    size_t stlen, int *smtp)
{
	size_t s, e;

	if (st[0] == '\0' &&
	    bnc_re_find(b, RE_STATUS, text, len, 0, &s, &e, 1) &&
	    e - s < stlen)
		snprintf(st, stlen, "%.*s", (int)(e - s), text + s);
	if (*smtp == 0 && bnc_re_find(b, RE_SMTP, text, len, 0, &s, &e, 1))
		*smtp = atoi(text + s);
}

/*
 * "User unknown" said after the message was sent (after DATA), or with
 * a code that says the message was refused, is the recipient's filter
 * refusing this message, not a missing mailbox: filtered.  loose: the
 * phrase is one of the short ones ("user unknown", "no such user") that
 * content filters also say after DATA; an explicit one ("this user
 * doesn't have an account") keeps its reason unless the code says
 * otherwise.
 */
static const char *
unknown_or_filtered(struct bounce *b, const char *ctx,
    const struct bounce_rcpt *r, bool loose)
{
	size_t len = ctx ? strlen(ctx) : 0, s, e;
	const char *why;

	if (r->status != NULL && strncmp(r->status + 1, ".1.", 3) == 0)
		return "userunknown";
	why = bnc_status_reason(b, r->status);
	if (why != NULL && strcmp(why, "filtered") == 0)
		return why;
	if (ctx != NULL && bnc_re_find(b, RE_RCPT, ctx, len, 0, &s, &e, 0))
		return "userunknown";
	if (loose && ctx != NULL &&
	    bnc_re_find(b, RE_DATA, ctx, len, 0, &s, &e, 0))
		return "filtered";
	/* a code about the mailbox or the message, not the address */
	if (r->status != NULL)
		return r->status[2] == '0' || r->status[2] == '4' ||
		    r->status[2] == '5' ? "userunknown" : "filtered";
	return loose && r->smtp_code != 0 ? "filtered" : "userunknown";
}

/* "file:line" of a phrase hit, in b->matched. */
const char *
bnc_hit_matched(struct bounce *b, const struct phr_hit *hit)
{
	snprintf(b->matched, sizeof(b->matched), "%s:%lu", hit->file,
	    hit->line);
	return b->matched;
}


int
bounce_reason(struct bounce *b, const char *text, struct bounce_rcpt *r,
    struct derr *e)
{
	b->dsn = false;
	return bnc_reason_ctx(b, text, text, r, e);
}

/* Classify text; ctx is the wider text that tells the SMTP command. */
int
bnc_reason_ctx(struct bounce *b, const char *text, const char *ctx,
    struct bounce_rcpt *r, struct derr *e)
{
	struct phr_hit hit;
	size_t len = text ? strlen(text) : 0, ms, me;
	const char *why;
	int m;

	if (r->status == NULL || *r->status == '\0') {
		b->status[0] = '\0';
		if (text != NULL)
			find_codes(b, text, len, b->status,
			    sizeof(b->status), &r->smtp_code);
		r->status = b->status[0] ? b->status : NULL;
	} else if (r->smtp_code == 0 && text != NULL) {
		b->status[0] = 'x';
		find_codes(b, text, len, b->status, sizeof(b->status),
		    &r->smtp_code);
	}
	r->reason = NULL;
	r->matched = NULL;
	if (text != NULL && len > 0) {
		if ((m = phrase_index_match(b->fsoft, text, len, &hit, e)) ==
		    -1)
			return -1;
		if (m == 0 && (m = phrase_index_match(b->fhard, text, len, &hit,
		    e)) == -1)
			return -1;
		if (m == 1) {
			r->reason = hit.tag;
			if (strcmp(hit.tag, "userunknown") == 0)
				r->reason = unknown_or_filtered(b, ctx, r,
				    false);
			else if (reason_kind(b->reasons, hit.tag) == K_CHOICE)
				r->reason = unknown_or_filtered(b, ctx, r,
				    true);
			/* an unknown address or domain in reply to MAIL
			 * FROM is the sender's: the sender was rejected */
			if ((strcmp(r->reason, "userunknown") == 0 ||
			    strcmp(r->reason, "hostunknown") == 0) &&
			    bnc_re_find(b, RE_MAIL, text, len, 0, &ms, &me, 0))
				r->reason = "rejected";
			r->matched = bnc_hit_matched(b, &hit);
		}
	}
	if (r->reason == NULL && (why = bnc_status_reason(b, r->status)) != NULL) {
		r->reason = why;
		snprintf(b->matched, sizeof(b->matched), "status:%s",
		    r->status);
		r->matched = b->matched;
	}
	if (r->reason == NULL && (why = smtp_reason(r->smtp_code)) != NULL) {
		r->reason = why;
		snprintf(b->matched, sizeof(b->matched), "smtp:%d",
		    r->smtp_code);
		r->matched = b->matched;
	}
	if (r->reason == NULL)
		r->reason = "undefined";
	r->kind = bounce_kind(b, r->reason, r->status, r->smtp_code);
	return 0;
}

/* Nothing better than an SMTP code decided the reason. */
static bool
vague(const struct bounce_rcpt *r)
{
	return strcmp(r->reason, "undefined") == 0 || (r->matched != NULL &&
	    strncmp(r->matched, "smtp:", 5) == 0);
}

/* Copy src to dst with every copy of addr blanked out. */
static void
mask_addr(struct sbuf *dst, const char *src, const char *addr)
{
	size_t alen = addr ? strlen(addr) : 0;
	const char *p;

	sbuf_reset(dst);
	sbuf_adds(dst, src ? src : "");
	if (alen < 3 || dst->s == NULL)
		return;
	for (p = dst->s; (p = str_casestr(p, addr)) != NULL; p += alen)
		memset((char *)p, ' ', alen);
}

/*
 * Classify with the recipient's own text; else the whole bounce text.
 * The recipient's address is blanked out first: its local part is no
 * reason ("no-such-user@...").  near, when known, is the recipient's
 * bnc_paragraph of the human-readable part, which tells the SMTP command
 * when it names one (else the whole text does).
 */
int
bnc_classify_text(struct ctx *c, struct bounce_rcpt *r, const char *own,
    const char *near, const char *status, int smtp)
{
	struct sbuf o = { 0 }, w = { 0 }, n = { 0 };
	size_t s, e;
	int ret = 0;

	mask_addr(&w, own, r->recipient);
	bnc_one_line_max(&o, w.s, w.len, TEXT_MAX);
	mask_addr(&w, c->p->text.s, r->recipient);
	/* the bnc_paragraph, if it names the command; else the whole text */
	if (near != NULL) {
		mask_addr(&n, near, r->recipient);
		if (!bnc_re_find(c->b, RE_RCPT, n.s, n.len, 0, &s, &e, 0) &&
		    !bnc_re_find(c->b, RE_DATA, n.s, n.len, 0, &s, &e, 0))
			sbuf_free(&n);
	}
	r->status = status;
	r->smtp_code = smtp;
	c->b->dsn = c->p->has_dsn;
	if (bnc_reason_ctx(c->b, o.s, n.s != NULL ? n.s : w.s, r, c->e) == -1)
		ret = -1;
	else if (vague(r) && w.s != NULL &&
	    bnc_re_find(c->b, RE_SMTP, w.s, w.len, 0, &s, &e, 0)) {
		/* the remote server's reply, from its code on */
		sbuf_reset(&o);
		sbuf_add(&o, w.s + s, w.len - s > 600 ? 600 : w.len - s);
		r->status = status;
		if (bnc_reason_ctx(c->b, o.s, w.s, r, c->e) == -1)
			ret = -1;
	}
	if (ret == 0 && vague(r)) {
		r->status = status;
		if (bnc_reason_ctx(c->b, w.s, w.s, r, c->e) == -1)
			ret = -1;
	}
	if (ret == 0 && vague(r) && w.s != NULL &&
	    bnc_re_find(c->b, RE_CONN, w.s, w.len, 0, &s, &e, 0)) {
		r->reason = "blocked";
		r->kind = "soft";
		r->matched = NULL;
	}
	sbuf_free(&o);
	sbuf_free(&w);
	sbuf_free(&n);
	return ret;
}
