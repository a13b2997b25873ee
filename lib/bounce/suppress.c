/*
 * The suppression side of deliv-bounce-classify: bounce records into
 * the store, the --suppressed listing, the --filter of addresses.  See
 * bounce/suppress.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gmime/gmime.h>

#include "bounce/suppress.h"
#include "core/util.h"

enum { S_RCPT, S_WHY, S_REASON, S_COUNT, S_FIRST, S_LAST, S_UNTIL };

static const struct out_col supp_cols[] = {
	{ "recipient", OUT_STR }, { "why", OUT_STR }, { "reason", OUT_STR },
	{ "count", OUT_INT }, { "first", OUT_STR }, { "last", OUT_STR },
	{ "until", OUT_STR }
};

static const struct out_col filter_cols[] = {
	{ "recipient", OUT_STR }, { "line", OUT_STR }
};

const struct out_col *
bounce_supp_cols(size_t *n)
{
	*n = nitems(supp_cols);
	return supp_cols;
}

const struct out_col *
bounce_filter_cols(size_t *n)
{
	*n = nitems(filter_cols);
	return filter_cols;
}

int
bounce_store_record(struct store *db, const struct bounce_rcpt *r,
    const char *source, long msgno, time_t now, struct derr *e)
{
	struct store_event ev;

	if (r->recipient == NULL || strcmp(r->kind, "none") == 0)
		return 0;
	ev.recipient = r->recipient;
	ev.ts = r->ts >= 0 ? r->ts : now;
	ev.kind = r->kind;
	ev.reason = r->reason;
	ev.status = r->status;
	ev.smtp_code = r->smtp_code;
	ev.source = source;
	ev.msgno = msgno;
	return store_add(db, &ev, e);
}

static void
put_time(struct out *o, size_t col, time_t t)
{
	char buf[32];

	if (t >= 0 && time_rfc3339(t, buf, sizeof(buf)) != NULL)
		out_str(o, col, buf);
}

static int
list_one(void *arg, const struct store_supp *s)
{
	struct out *o = arg;
	const char *v[] = { s->recipient, s->why, s->reason };

	out_strv(o, S_RCPT, v, nitems(v));
	out_int(o, S_COUNT, s->count);
	put_time(o, S_FIRST, s->first);
	put_time(o, S_LAST, s->last);
	if (s->until == -1)
		out_str(o, S_UNTIL, "forever");
	else
		put_time(o, S_UNTIL, s->until);
	return out_end(o);
}

int
bounce_list_suppressed(struct store *db, time_t now,
    const struct store_policy *pol, struct out *o, struct derr *e)
{
	return store_suppressed(db, now, pol, list_one, o, e);
}

/* The first mailbox of an address list, or NULL. */
static InternetAddressMailbox *
first_mailbox(InternetAddressList *l)
{
	InternetAddress *ia;
	InternetAddressMailbox *mb;
	int i, n = l != NULL ? internet_address_list_length(l) : 0;

	for (i = 0; i < n; i++) {
		ia = internet_address_list_get_address(l, i);
		if (INTERNET_ADDRESS_IS_MAILBOX(ia))
			return INTERNET_ADDRESS_MAILBOX(ia);
		if (INTERNET_ADDRESS_IS_GROUP(ia) && (mb = first_mailbox(
		    internet_address_group_get_members(
		    INTERNET_ADDRESS_GROUP(ia)))) != NULL)
			return mb;
	}
	return NULL;
}

char *
bounce_filter_addr(const char *line, size_t len, struct derr *e)
{
	InternetAddressList *l;
	InternetAddressMailbox *mb;
	const char *addr;
	char *field, *a, *t, *r = NULL;

	if (memchr(line, '\0', len) != NULL) {
		derr_set(e, "", "a NUL byte in the line");
		return NULL;
	}
	if ((field = strndup(line, len)) == NULL) {
		derr_set(e, "", "out of memory");
		return NULL;
	}
	/* the first column: up to a tab */
	if ((t = strchr(field, '\t')) != NULL)
		*t = '\0';
	a = str_trim(field);
	if (*a == '\0' || *a == '#') {
		free(field);
		derr_set(e, "", "%s", "");
		return NULL;
	}
	g_mime_init();
	l = internet_address_list_parse(NULL, a);
	mb = first_mailbox(l);
	addr = mb != NULL ? internet_address_mailbox_get_addr(mb) : NULL;
	/* not an address GMime knows: looked up as written */
	r = strdup(addr != NULL && *addr != '\0' ? addr : a);
	if (l != NULL)
		g_object_unref(l);
	free(field);
	if (r == NULL)
		derr_set(e, "", "out of memory");
	return r;
}

static int
bounce_filter(struct store *db, FILE *fp, const char *name, time_t now,
    const struct store_policy *pol, struct out *o, struct derr *e)
{
	char *line = NULL, *a;
	size_t cap = 0;
	ssize_t len;
	long lineno = 0;
	int r = 0, ret = 0;

	while ((len = getline(&line, &cap, fp)) != -1) {
		lineno++;
		while (len > 0 && (line[len - 1] == '\n' ||
		    line[len - 1] == '\r'))
			line[--len] = '\0';
		if ((a = bounce_filter_addr(line, (size_t)len, e)) == NULL) {
			if (e->what[0] == '\0')
				continue;	/* blank or a comment */
			/* fail closed: nothing after a bad line passes */
			snprintf(e->where, sizeof(e->where), "%s:%ld", name,
			    lineno);
			ret = -1;
			break;
		}
		r = store_is_suppressed(db, a, now, pol, e);
		if (r == 0) {
			out_str(o, 0, a);
			out_str(o, 1, line);
			out_end(o);
		}
		free(a);
		if (r == -1) {
			ret = -1;
			break;
		}
	}
	free(line);
	return ret;
}

int
bounce_filter_files(struct store *db, int argc, char *const argv[],
    time_t now, const struct store_policy *pol, struct out *o,
    struct derr *e)
{
	const char *name;
	FILE *fp;
	int i, r = 0;

	for (i = 0; r == 0 && i < (argc > 0 ? argc : 1); i++) {
		name = argc > 0 ? argv[i] : "-";
		if (strcmp(name, "-") == 0)
			fp = stdin;
		else if ((fp = fopen(name, "r")) == NULL) {
			derr_set(e, name, "%s", strerror(errno));
			return -1;
		}
		r = bounce_filter(db, fp, name, now, pol, o, e);
		if (r == 0 && ferror(fp)) {
			derr_set(e, name, "%s", strerror(errno));
			r = -1;
		}
		if (fp != stdin)
			fclose(fp);
	}
	return r;
}

int
bounce_unsuppress(struct store *db, int argc, char *const argv[],
    time_t now, struct derr *e)
{
	char *a;
	int i;

	if (store_begin(db, e) == -1)
		return -1;
	for (i = 0; i < argc; i++) {
		if ((a = bounce_filter_addr(argv[i], strlen(argv[i]), e)) ==
		    NULL) {
			if (e->what[0] == '\0')
				derr_set(e, argv[i], "not an address");
			return -1;	/* store_close() rolls back */
		}
		if (store_unsuppress(db, a, now, e) == -1) {
			free(a);
			return -1;
		}
		free(a);
	}
	return store_commit(db, e);
}

int
bounce_stale_note(struct store *db, time_t now,
    const struct store_policy *pol, struct derr *e)
{
	long n;

	if ((n = store_stale(db, now, pol, e)) == -1)
		return -1;
	if (n == 0)
		return 0;
	derr_set(e, "", "%ld bounce%s older than the window not counted "
	    "(--hard-days %ld, --soft-window %ld)", n, n == 1 ? "" : "s",
	    pol->hard_days, pol->soft_days);
	return -1;
}
