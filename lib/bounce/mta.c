/*
 * The writer of a bounce, from fingerprints: data/bounce-mta.tsv, rows
 * "mta<TAB>where<TAB>pattern", the first row whose caseless PCRE2
 * pattern matches its place of the bounce names the writer.  Places:
 * reporting-mta (the DSN's Reporting-MTA), from, subject, x-mailer,
 * received (the bounce's own first Received), message-id, header (the
 * name of a header the bounce has), dsn-field (the name of a field of
 * the DSN's per-message group), text (the head of the bounce's words).
 * And the writer's own reasons, data/bounce-mta-reasons.tsv, rows
 * "mta<TAB>reason<TAB>its reason<TAB>why".  See bounce/mta.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "bounce/mta.h"
#include "bounce/table.h"
#include "bounce/text.h"
#include "core/phrase_literal.h"
#include "core/tsv.h"
#include "core/util.h"
#include "mail/message.h"

enum where { W_RMTA, W_FROM, W_SUBJECT, W_XMAILER, W_RECEIVED, W_MSGID,
	W_HEADER, W_DSNFIELD, W_TEXT, W_COUNT };

static const char *const where_names[W_COUNT] = { "reporting-mta", "from",
    "subject", "x-mailer", "received", "message-id", "header", "dsn-field",
    "text" };

#define FP_LITS	8

/* A row; it can match only where one of its literals is (none: always). */
struct fp {
	char		*mta;
	enum where	 where;
	pcre2_code	*re;
	bool		 jit;		/* re JIT-compiled (on first use) */
	int		 lit[FP_LITS];
	size_t		 nlit;
};

struct override {
	char	*mta;
	char	*reason;
	char	*to;
};

struct mtas {
	struct fp		*f;
	size_t			 nf, capf;
	struct override		*o;
	size_t			 no, capo;
	pcre2_match_data	*md;
	char			*pad[W_COUNT];	/* padded copies, see match() */
	size_t			 padcap[W_COUNT];
	const struct reasons	*reasons;
	struct strpool		 str;	/* the names of f and o */
	struct litset		*ls[W_COUNT];	/* the literals of each place */
	struct sbuf		 names[2];	/* the bounce's header and DSN
						 * field names, one a line */
};

void
mtas_free(struct mtas *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->nf; i++)
		pcre2_code_free(m->f[i].re);
	for (i = 0; i < W_COUNT; i++) {
		free(m->pad[i]);
		free(m->ls[i]);
	}
	sbuf_free(&m->names[0]);
	sbuf_free(&m->names[1]);
	strpool_free(&m->str);
	free(m->f);
	free(m->o);
	pcre2_match_data_free(m->md);
	free(m);
}

/* A writer's name: a-z, 0-9 and '-'. */
static bool
name_ok(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '-'))
			return false;
	return true;
}

/* r has the fields named in cols, a writer's name first; else -1 with e
 * filled. */
static int
check_row(const struct tsv_row *r, size_t want, const char *cols,
    struct derr *e)
{
	if (r->n != want) {
		derr_set(e, r->where, "%zu fields, want %zu (%s) separated by "
		    "tabs", r->n, want, cols);
		return -1;
	}
	if (!name_ok(r->f[0])) {
		derr_set(e, r->where, "bad mta \"%s\" (a-z, 0-9, -)", r->f[0]);
		return -1;
	}
	return 0;
}

/* The literals of row v's pattern re into its place's set: 0, or -1 when
 * out of memory. */
static int
add_lits(struct mtas *m, struct fp *v, const char *re)
{
	char lit[FP_LITS][LIT_MAX];
	size_t len[FP_LITS], n, k;
	int id;

	n = lit_required_any(re, strlen(re), lit, len, FP_LITS);
	if (n == 0)
		return 0;
	if (m->ls[v->where] == NULL &&
	    (m->ls[v->where] = litset_new()) == NULL)
		return -1;
	/* a full set leaves the row with no literals: always tried */
	for (k = 0; k < n; k++)
		if ((id = litset_add(m->ls[v->where], lit[k], len[k])) == -1)
			return 0;
		else
			v->lit[k] = id;
	v->nlit = n;
	return 0;
}

static int
add_fp(void *arg, struct tsv_row *r, struct derr *e)
{
	struct mtas *m = arg;
	struct fp *v;
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	int w;
	int code;

	if (check_row(r, 3, "mta, where, pattern", e) == -1)
		return -1;
	if ((w = str_index(r->f[1], where_names, W_COUNT)) == -1) {
		derr_set(e, r->where, "bad place \"%s\"", r->f[1]);
		return -1;
	}
	if ((v = array_add(&m->f, m->nf, &m->capf, sizeof(*v), 64)) == NULL) {
		derr_set(e, r->where, "out of memory");
		return -1;
	}
	v->where = (enum where)w;
	v->re = pcre2_compile((PCRE2_SPTR)r->f[2], PCRE2_ZERO_TERMINATED,
	    PCRE2_CASELESS | PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &code, &off,
	    NULL);
	if (v->re == NULL) {
		pcre2_get_error_message(code, msg, sizeof(msg));
		derr_set(e, r->where, "pattern: %s", (const char *)msg);
		return -1;
	}
	/* JIT-compiled when first tried (most rows never are on a short
	 * run), so each subject is matched from a padded copy: see
	 * match_in() */
	v->jit = false;
	v->nlit = 0;
	if (add_lits(m, v, r->f[2]) == -1 ||
	    (v->mta = strpool_dup(&m->str, r->f[0])) == NULL) {
		pcre2_code_free(v->re);
		derr_set(e, r->where, "out of memory");
		return -1;
	}
	m->nf++;
	return 0;
}

static int
add_override(void *arg, struct tsv_row *r, struct derr *e)
{
	struct mtas *m = arg;
	struct override *v;
	int i;

	if (check_row(r, 4, "mta, reason, its reason, why", e) == -1)
		return -1;
	for (i = 1; i <= 2; i++)
		if (reasons_kind(m->reasons, r->f[i]) == REASON_UNKNOWN ||
		    reasons_kind(m->reasons, r->f[i]) == REASON_CHOICE) {
			derr_set(e, r->where, "unknown reason \"%s\" (not in "
			    "data/reasons.tsv)", r->f[i]);
			return -1;
		}
	if ((v = array_add(&m->o, m->no, &m->capo, sizeof(*v), 16)) == NULL) {
		derr_set(e, r->where, "out of memory");
		return -1;
	}
	v->mta = strpool_dup(&m->str, r->f[0]);
	v->reason = strpool_dup(&m->str, r->f[1]);
	v->to = strpool_dup(&m->str, r->f[2]);
	m->no++;
	if (v->mta == NULL || v->reason == NULL || v->to == NULL) {
		derr_set(e, r->where, "out of memory");
		return -1;
	}
	return 0;
}

struct mtas *
mtas_load(const char *dir, const struct reasons *reasons, struct derr *e)
{
	static const struct tsv_opts o3 = { .flags = TSV_REST,
	    .max_fields = 3 };
	static const struct tsv_opts o4 = { .flags = TSV_REST,
	    .max_fields = 4 };
	struct mtas *m;
	char path[4096];

	if ((m = zalloc(sizeof(*m), "bounce", e)) == NULL)
		return NULL;
	m->reasons = reasons;
	if ((m->md = pcre2_match_data_create(1, NULL)) == NULL) {
		derr_set(e, "bounce", "out of memory");
		goto fail;
	}
	if (path_join(path, sizeof(path), dir, "bounce-mta.tsv", e) == -1)
		goto fail;
	/* both tables may be absent (a data directory of reasons.tsv
	 * alone): then no writer is named */
	if (access(path, F_OK) == 0 && tsv_each(path, "data/bounce-mta.tsv",
	    &o3, add_fp, m, e) == -1)
		goto fail;
	if (path_join(path, sizeof(path), dir, "bounce-mta-reasons.tsv",
	    e) == -1)
		goto fail;
	if (access(path, F_OK) == 0 && tsv_each(path,
	    "data/bounce-mta-reasons.tsv", &o4, add_override, m, e) == -1)
		goto fail;
	return m;
fail:
	mtas_free(m);
	return NULL;
}

/*
 * PCRE2's JIT may read a few bytes past the end of a subject (its
 * vector search), and the places are exact-sized strings of GMime and
 * lib/mail/dsn: the subject is matched from a copy with PAD zero bytes
 * after it, kept in buf (*cap bytes) for the next.  Without memory for
 * the copy, the interpreter matches the string itself.
 */
#define PAD	64

static bool
match_in(struct mtas *m, struct fp *f, const char *s, size_t len,
    char **buf, size_t *cap)
{
	char *p;
	size_t want;

	if (s == NULL)
		return false;
	if (!f->jit) {
		(void)pcre2_jit_compile(f->re, PCRE2_JIT_COMPLETE);
		f->jit = true;
	}
	want = len + PAD;
	if (want > *cap) {
		if ((p = realloc(*buf, want)) == NULL)
			return pcre2_match(f->re, (PCRE2_SPTR)s, len, 0,
			    PCRE2_NO_JIT, m->md, NULL) >= 0;
		*buf = p;
		*cap = want;
	}
	if (*buf != s) {
		memcpy(*buf, s, len);
		memset(*buf + len, 0, PAD);
	}
	return pcre2_match(f->re, (PCRE2_SPTR)*buf, len, 0, 0, m->md,
	    NULL) >= 0;
}

/* A header or DSN field name, through the copy of its place. */
static bool
match(struct mtas *m, struct fp *f, const char *s, size_t len)
{
	return match_in(m, f, s, len, &m->pad[f->where],
	    &m->padcap[f->where]);
}

/*
 * The names of a place of many (the bounce's headers, the fields of its
 * DSN's per-message group), one a line, into b; -1 when out of memory.
 */
static int
names_of(struct ctx *c, enum where w, struct sbuf *b)
{
	const struct dsn_group *g;
	size_t i;
	int r = 0;

	sbuf_reset(b);
	if (w == W_DSNFIELD) {
		if (!c->p->has_dsn || c->p->dsn.n == 0)
			return 0;
		g = &c->p->dsn.g[0];
		for (i = 0; i < g->n; i++)
			r |= sbuf_adds(b, g->f[i].name) | sbuf_addc(b, '\n');
		return r;
	}
	return mail_header_names(GMIME_OBJECT(c->m), b);
}

/* Does one of the names s[0..len) (one a line) match f? */
static bool
match_names(struct mtas *m, struct fp *f, const char *s, size_t len)
{
	const char *e = s + len, *nl;

	for (; s < e; s = nl + 1) {
		nl = memchr(s, '\n', (size_t)(e - s));
		if (match(m, f, s, (size_t)(nl - s)))
			return true;
	}
	return false;
}

/*
 * Which literals of place w are in s[0..len), in m->ls[w].  Caseless
 * PCRE2 matches k and s with the Kelvin sign and the long s: with either
 * in the text, every literal counts as there.
 */
static void
find_lits(struct mtas *m, int w, const char *s, size_t len)
{
	if (s != NULL && lit_odd_case(s, len))
		litset_all(m->ls[w]);
	else
		litset_find(m->ls[w], s, s == NULL ? 0 : len);
}

/* Can row f match, by its literals? */
static bool
maybe(const struct mtas *m, const struct fp *f)
{
	size_t k;

	for (k = 0; k < f->nlit; k++)
		if (litset_has(m->ls[f->where], f->lit[k]))
			return true;
	return f->nlit == 0;
}

/* The header each place of one header reads, by enum where. */
static const char *const place_header[W_COUNT] = { [W_FROM] = "From",
    [W_SUBJECT] = "Subject", [W_XMAILER] = "X-Mailer",
    [W_RECEIVED] = "Received", [W_MSGID] = "Message-ID" };

/*
 * Place w of the message of c into *v (NULL when it has none) and *len:
 * 0, or -1 when out of memory.  Asked when a row of the place is first
 * reached, so a writer found early costs no look-up of the rest.
 */
static int
place_get(struct mtas *m, struct ctx *c, enum where w, const char **v,
    size_t *len)
{
	struct sbuf *b;

	*v = NULL;
	*len = 0;
	if (w == W_HEADER || w == W_DSNFIELD) {
		b = &m->names[w == W_DSNFIELD];
		if (names_of(c, w, b) != 0)
			return -1;
		*v = b->s;
		*len = b->len;
		return 0;
	}
	if (w == W_RMTA) {
		if (c->p->has_dsn && c->p->dsn.n > 0)
			*v = dsn_get(&c->p->dsn.g[0], "Reporting-MTA");
	} else if (w == W_TEXT)
		*v = c->p->text.s;
	else
		*v = mail_header(GMIME_OBJECT(c->m), place_header[w]);
	/* the writer's own subject, past a relay's or a list's tags */
	if (w == W_SUBJECT && *v != NULL)
		*v = bnc_untagged(*v);
	if (*v != NULL)
		*len = w == W_TEXT ? bnc_text_head(c->p) : strlen(*v);
	return 0;
}

const char *
mtas_find(struct mtas *m, struct ctx *c)
{
	const char *v[W_COUNT] = { NULL };
	size_t len[W_COUNT] = { 0 }, i;
	bool got[W_COUNT] = { false }, found[W_COUNT] = { false };
	int w;

	if (m == NULL)
		return NULL;
	/* each place is read when a row first needs it, copied once
	 * (match_in), then matched in its copy; a row is tried only where
	 * one of its literals is */
	for (i = 0; i < m->nf; i++) {
		w = m->f[i].where;
		if (!got[w]) {
			if (place_get(m, c, w, &v[w], &len[w]) == -1)
				return NULL;	/* out of memory: no writer */
			got[w] = true;
		}
		if (m->f[i].nlit > 0 && !found[w]) {
			find_lits(m, w, v[w], len[w]);
			found[w] = true;
		}
		if (!maybe(m, &m->f[i]))
			continue;
		if (w == W_HEADER || w == W_DSNFIELD) {
			if (v[w] != NULL && match_names(m, &m->f[i], v[w],
			    len[w]))
				return m->f[i].mta;
		} else if (v[w] != NULL) {
			if (match_in(m, &m->f[i], v[w], len[w], &m->pad[w],
			    &m->padcap[w]))
				return m->f[i].mta;
			if (m->pad[w] != NULL && m->padcap[w] >= len[w] + PAD)
				v[w] = m->pad[w];	/* copied now */
		}
	}
	return NULL;
}

const char *
mtas_reason(const struct mtas *m, const char *mta, const char *reason)
{
	size_t i;

	if (m == NULL || mta == NULL || reason == NULL)
		return NULL;
	for (i = 0; i < m->no; i++)
		if (strcmp(m->o[i].mta, mta) == 0 &&
		    strcmp(m->o[i].reason, reason) == 0)
			return m->o[i].to;
	return NULL;
}
