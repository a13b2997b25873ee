/*
 * The suppression list in SQLite.  See core/store.h.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>
#include <stdbool.h>

#include "core/store.h"
#include "core/util.h"

#define BUSY_MS		10000
#define BATCH		500	/* rows per write transaction */
#define SETUP_TRIES	400	/* x 25 ms: waits for another writer */

static const char *const migrations[] = {
	/* 1 */
	"CREATE TABLE events ("
	"  id INTEGER PRIMARY KEY,"
	"  recipient TEXT NOT NULL,"
	"  ts INTEGER NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  reason TEXT,"
	"  status TEXT,"
	"  smtp_code INTEGER,"
	"  source TEXT,"
	"  msgno INTEGER"
	") STRICT;"
	"CREATE INDEX events_rcpt ON events(recipient, ts);",
	/* 2: --unsuppress: events up to ts no longer count */
	"CREATE TABLE unsuppressed ("
	"  recipient TEXT PRIMARY KEY,"
	"  ts INTEGER NOT NULL"
	") STRICT;",
};

/* The columns a deliv events table has, whatever its version. */
static const char *const events_cols[] = { "recipient", "ts", "kind" };
#define STORE_OWNER	"deliv bounce-classify --db"

struct store {
	sqlite3		*db;
	sqlite3_stmt	*ins;
	sqlite3_stmt	*one;
	sqlite3_stmt	*unsup;
	const char	*path;
	const char	*unsup_table;	/* or an empty stand-in (version 1) */
	int		 pending;	/* rows in the open transaction */
	int		 in_tx;
};

/*
 * Setting WAL or migrating a fresh database while another process does
 * the same can fail at once with SQLITE_BUSY (SQLite does not wait there,
 * to avoid a deadlock): wait a little and try again.
 */
static void
pause_briefly(void)
{
	struct timespec ts = { 0, 25 * 1000 * 1000 };

	nanosleep(&ts, NULL);
}

static bool
busy(sqlite3 *db)
{
	int rc = sqlite3_errcode(db);

	return rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
}

/*
 * The suppressed addresses at ?1 (now): hard bounces within ?2 seconds
 * (0 = forever), or at least ?3 soft bounces within ?4 seconds; events
 * up to an address's --unsuppress time do not count, nor a soft bounce
 * that a later success report for the address answers (a delay notice,
 * RFC 3464 Action "delayed", then Action "delivered" or "relayed": the
 * message got through).  The reason shown is the latest of the events of
 * the kind that suppresses.  The first %s is the unsuppressed table, the
 * second a condition on the recipient.
 */
#define EV_SQL \
	"WITH ev AS (SELECT id, recipient, ts, kind, reason FROM events e" \
	"  WHERE ts <= ?1 %s AND NOT EXISTS (SELECT 1 FROM %s x" \
	"  WHERE x.recipient = e.recipient AND x.ts >= e.ts))"
#define SUPP_SQL EV_SQL "," \
	" h AS (SELECT recipient, count(*) n, min(ts) f, max(ts) l" \
	"  FROM ev WHERE kind = 'hard'" \
	"  AND (?2 = 0 OR ts > ?1 - ?2) GROUP BY recipient)," \
	" s AS (SELECT recipient, count(*) n, min(ts) f, max(ts) l" \
	"  FROM ev WHERE kind = 'soft'" \
	"  AND ts > ?1 - ?4 AND NOT EXISTS (SELECT 1 FROM events d" \
	"  WHERE d.recipient = ev.recipient AND d.reason = 'delivered'" \
	"  AND d.ts <= ?1 AND (d.ts > ev.ts" \
	"  OR (d.ts = ev.ts AND d.id > ev.id)))" \
	"  GROUP BY recipient HAVING count(*) >= ?3)," \
	" u AS (SELECT recipient, 'hard' why, n, f, l," \
	"  CASE WHEN ?2 = 0 THEN -1 ELSE l + ?2 END un FROM h" \
	"  UNION ALL SELECT recipient, 'soft', n, f, l, NULL FROM s" \
	"  WHERE recipient NOT IN (SELECT recipient FROM h))" \
	" SELECT u.recipient, why, (SELECT reason FROM ev" \
	"  WHERE ev.recipient = u.recipient AND ev.kind = u.why" \
	"  ORDER BY ts DESC, id DESC LIMIT 1), n, f, l, un" \
	" FROM u ORDER BY u.recipient"
/* The events the window leaves out (?3 unused). */
#define STALE_SQL EV_SQL \
	" SELECT count(*) FROM ev WHERE (kind = 'hard' AND ?2 != 0" \
	"  AND ts <= ?1 - ?2) OR (kind = 'soft' AND ts <= ?1 - ?4)"
/* Stands in for the unsuppressed table of a version 1 database. */
#define NO_UNSUP	"(SELECT NULL recipient, NULL ts WHERE 0)"

static int
dberr(struct store *s, struct derr *e)
{
	derr_set(e, s->path, "%s", sqlite3_errmsg(s->db));
	return -1;
}

static int
migrate(struct store *s, struct derr *e)
{
	sqlite3_stmt *st;
	int v, i, n = (int)nitems(migrations);
	char sql[64];

	if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return dberr(s, e);
	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL)
	    != SQLITE_OK)
		goto fail;
	v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	sqlite3_finalize(st);
	if (v < 0)
		goto fail;
	if (v > n) {
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		derr_set(e, s->path, "schema version %d is newer than this "
		    "program's %d", v, n);
		return -1;
	}
	for (i = v; i < n; i++)
		if (sqlite3_exec(s->db, migrations[i], NULL, NULL, NULL) !=
		    SQLITE_OK)
			goto fail;
	snprintf(sql, sizeof(sql), "PRAGMA user_version=%d", n);
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	return 0;
fail:
	dberr(s, e);
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

int
store_schema(const char *path, const char *table, const char *const *cols,
    size_t ncols, int maxver, const char *owner, int *version,
    struct derr *e)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st;
	size_t i, found = 0, have = 0;
	int v = -1, ntables = -1, r = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK)
		goto dberror;
	sqlite3_busy_timeout(db, BUSY_MS);
	if (sqlite3_prepare_v2(db, "SELECT (SELECT user_version FROM "
	    "pragma_user_version), (SELECT count(*) FROM sqlite_schema)",
	    -1, &st, NULL) != SQLITE_OK)
		goto dberror;
	if (sqlite3_step(st) == SQLITE_ROW) {
		v = sqlite3_column_int(st, 0);
		ntables = sqlite3_column_int(st, 1);
	}
	if (sqlite3_finalize(st) != SQLITE_OK || v < 0)
		goto dberror;
	if (v == 0 && ntables == 0) {
		r = 0;
		goto out;
	}
	if (sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info(?)",
	    -1, &st, NULL) != SQLITE_OK)
		goto dberror;
	if (sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC) != SQLITE_OK) {
		sqlite3_finalize(st);
		goto dberror;
	}
	while (sqlite3_step(st) == SQLITE_ROW && ++have)
		for (i = 0; i < ncols; i++)
			if (strcmp((const char *)sqlite3_column_text(st, 0),
			    cols[i]) == 0)
				found++;
	sqlite3_finalize(st);
	if (v == 0 || found != ncols) {
		derr_set(e, path, "not a database written by %s (%s \"%s\"%s); "
		    "left untouched", owner, have ? "its table" : "no table",
		    table, have ? " has other columns" : "");
		goto out;
	}
	if (v > maxver) {
		derr_set(e, path, "schema version %d is newer than this "
		    "program's %d", v, maxver);
		goto out;
	}
	*version = v;
	r = 1;
	goto out;
dberror:
	derr_set(e, path, "%s", db != NULL ? sqlite3_errmsg(db) :
	    "out of memory");
out:
	sqlite3_close(db);
	return r;
}

/* Prepare the statements a store uses; 0 or -1. */
static int
prepare(struct store *s, bool rdonly)
{
	char sql[4096];

	if (!rdonly && sqlite3_prepare_v3(s->db, "INSERT INTO events "
	    "(recipient, ts, kind, reason, status, smtp_code, source, msgno) "
	    "VALUES (lower(?), ?, ?, ?, ?, ?, ?, ?)", -1,
	    SQLITE_PREPARE_PERSISTENT, &s->ins, NULL) != SQLITE_OK)
		return -1;
	if (!rdonly && sqlite3_prepare_v3(s->db, "INSERT INTO unsuppressed "
	    "(recipient, ts) VALUES (lower(?1), ?2) ON CONFLICT (recipient) "
	    "DO UPDATE SET ts = max(ts, excluded.ts)", -1,
	    SQLITE_PREPARE_PERSISTENT, &s->unsup, NULL) != SQLITE_OK)
		return -1;
	snprintf(sql, sizeof(sql), SUPP_SQL, "AND recipient = lower(?5)",
	    s->unsup_table);
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &s->one, NULL) != SQLITE_OK)
		return -1;
	return 0;
}

struct store *
store_open(const char *path, int flags, struct derr *e)
{
	struct store *s;
	struct stat sb;
	bool rdonly = (flags & STORE_RDONLY) != 0;
	int tries, r, version = 0;

	if ((s = zalloc(sizeof(*s), path, e)) == NULL)
		return NULL;
	s->path = path;
	s->unsup_table = "unsuppressed";
	/*
	 * Look before writing anything: a file of another program is
	 * refused as it is, not switched to WAL nor given our tables.
	 */
	if (stat(path, &sb) == -1) {
		if (errno != ENOENT || rdonly) {
			derr_set(e, path, "%s", errno == ENOENT ? "no such "
			    "database (the read-only modes never create one)" :
			    strerror(errno));
			goto fail_quiet;
		}
	} else if ((r = store_schema(path, "events", events_cols,
	    nitems(events_cols), (int)nitems(migrations), STORE_OWNER,
	    &version, e)) == -1)
		goto fail_quiet;
	else if (r == 0 && rdonly) {
		derr_set(e, path, "an empty database, not one written by "
		    STORE_OWNER);
		goto fail_quiet;
	}
	if (rdonly) {
		if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READONLY, NULL)
		    != SQLITE_OK)
			goto fail;
		sqlite3_busy_timeout(s->db, BUSY_MS);
		if (version < 2)
			s->unsup_table = NO_UNSUP;
		if (prepare(s, true) == -1)
			goto fail;
		return s;
	}
	if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_busy_timeout(s->db, BUSY_MS);
	for (tries = 0; sqlite3_exec(s->db, "PRAGMA journal_mode=WAL", NULL,
	    NULL, NULL) != SQLITE_OK; tries++) {
		if (!busy(s->db) || tries >= SETUP_TRIES)
			goto fail;
		pause_briefly();
	}
	for (tries = 0; (r = migrate(s, e)) == -1 && busy(s->db) &&
	    tries < SETUP_TRIES; tries++)
		pause_briefly();
	if (r == -1)
		goto fail_quiet;
	if (prepare(s, false) == -1)
		goto fail;
	return s;
fail:
	dberr(s, e);
fail_quiet:
	store_close(s, NULL);
	return NULL;
}

int
store_begin(struct store *s, struct derr *e)
{
	if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return dberr(s, e);
	s->in_tx = 1;
	s->pending = 0;
	return 0;
}

int
store_commit(struct store *s, struct derr *e)
{
	if (!s->in_tx)
		return 0;
	s->in_tx = 0;
	if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		return dberr(s, e);
	return 0;
}

static void
bind_str(sqlite3_stmt *st, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

int
store_add(struct store *s, const struct store_event *ev, struct derr *e)
{
	sqlite3_stmt *st = s->ins;
	int rc;

	if (ev->recipient == NULL || ev->kind == NULL)
		return 0;
	bind_str(st, 1, ev->recipient);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)ev->ts);
	bind_str(st, 3, ev->kind);
	bind_str(st, 4, ev->reason);
	bind_str(st, 5, ev->status);
	if (ev->smtp_code > 0)
		sqlite3_bind_int(st, 6, ev->smtp_code);
	else
		sqlite3_bind_null(st, 6);
	bind_str(st, 7, ev->source);
	sqlite3_bind_int64(st, 8, ev->msgno);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return dberr(s, e);
	/* commit now and then, so that another writer gets its turn */
	if (s->in_tx && ++s->pending >= BATCH &&
	    (store_commit(s, e) == -1 || store_begin(s, e) == -1))
		return -1;
	return 0;
}

static void
bind_policy(sqlite3_stmt *st, time_t now, const struct store_policy *p)
{
	sqlite3_bind_int64(st, 1, (sqlite3_int64)now);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)p->hard_days * 86400);
	sqlite3_bind_int64(st, 3, p->soft_limit);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)p->soft_days * 86400);
}

int
store_is_suppressed(struct store *s, const char *addr, time_t now,
    const struct store_policy *p, struct derr *e)
{
	sqlite3_stmt *st = s->one;
	int rc;

	bind_policy(st, now, p);
	sqlite3_bind_text(st, 5, addr, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return dberr(s, e);
}

int
store_suppressed(struct store *s, time_t now, const struct store_policy *p,
    int (*cb)(void *, const struct store_supp *), void *arg,
    struct derr *e)
{
	struct store_supp v;
	sqlite3_stmt *st;
	char sql[4096];
	int rc, r = 0;

	snprintf(sql, sizeof(sql), SUPP_SQL, "", s->unsup_table);
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return dberr(s, e);
	bind_policy(st, now, p);
	while (r == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		v.recipient = (const char *)sqlite3_column_text(st, 0);
		v.why = (const char *)sqlite3_column_text(st, 1);
		v.reason = (const char *)sqlite3_column_text(st, 2);
		v.count = (long)sqlite3_column_int64(st, 3);
		v.first = (time_t)sqlite3_column_int64(st, 4);
		v.last = (time_t)sqlite3_column_int64(st, 5);
		v.until = sqlite3_column_type(st, 6) == SQLITE_NULL ?
		    (time_t)-2 : (time_t)sqlite3_column_int64(st, 6);
		r = cb(arg, &v);
	}
	if (r == 0 && rc != SQLITE_DONE) {
		sqlite3_finalize(st);
		return dberr(s, e);
	}
	sqlite3_finalize(st);
	return r;
}

int
store_unsuppress(struct store *s, const char *addr, time_t now,
    struct derr *e)
{
	sqlite3_stmt *st = s->unsup;
	int rc;

	if (st == NULL) {
		derr_set(e, s->path, "opened read-only");
		return -1;
	}
	sqlite3_bind_text(st, 1, addr, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)now);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : dberr(s, e);
}

long
store_stale(struct store *s, time_t now, const struct store_policy *p,
    struct derr *e)
{
	sqlite3_stmt *st;
	char sql[2048];
	long n = -1;

	snprintf(sql, sizeof(sql), STALE_SQL, "", s->unsup_table);
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return dberr(s, e);
	bind_policy(st, now, p);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	else
		dberr(s, e);
	sqlite3_finalize(st);
	return n;
}

int
store_close(struct store *s, struct derr *e)
{
	int r = 0;

	if (s == NULL)
		return 0;
	sqlite3_finalize(s->ins);
	sqlite3_finalize(s->one);
	sqlite3_finalize(s->unsup);
	if (s->db != NULL && sqlite3_close(s->db) != SQLITE_OK) {
		derr_set(e, s->path, "%s", sqlite3_errmsg(s->db));
		r = -1;
	}
	free(s);
	return r;
}

/* The events table's optional columns, in store_row order. */
static const char *const row_opt[] = { "remote_mta", "diagnostic", "action" };

/* Column i of a row as text, "" when NULL. */
static const char *
col_text(sqlite3_stmt *st, int i)
{
	const char *v = (const char *)sqlite3_column_text(st, i);

	return v != NULL ? v : "";
}

/*
 * Check the schema of a database opened read-only, and which optional
 * columns its events table has.  0, or -1 (e filled).
 */
static int
check_events(sqlite3 *db, const char *path, bool have[], struct derr *e)
{
	sqlite3_stmt *st;
	int i, v, ncols = 0;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) !=
	    SQLITE_OK)
		goto dberror;
	v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	if (v > (int)nitems(migrations)) {
		derr_set(e, path, "schema version %d is newer than this "
		    "program's %d", v, (int)nitems(migrations));
		return -1;
	}
	if (sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info("
	    "'events')", -1, &st, NULL) != SQLITE_OK)
		goto dberror;
	while (sqlite3_step(st) == SQLITE_ROW) {
		ncols++;
		if ((i = str_index(col_text(st, 0), row_opt,
		    nitems(row_opt))) >= 0)
			have[i] = true;
	}
	sqlite3_finalize(st);
	if (ncols == 0) {
		derr_set(e, path, "no table \"events\": not a database "
		    "written by deliv bounce-classify --db");
		return -1;
	}
	return 0;
dberror:
	derr_set(e, path, "%s", sqlite3_errmsg(db));
	return -1;
}

int
store_read_events(const char *path,
    int (*cb)(void *, const struct store_row *), void *arg, struct derr *e)
{
	struct store_row row;
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	bool have[nitems(row_opt)] = { false };
	char sql[256];
	size_t i, o;
	int rc = SQLITE_DONE, r = 0;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		derr_set(e, path, "%s", db != NULL ? sqlite3_errmsg(db) :
		    "out of memory");
		sqlite3_close(db);
		return -1;
	}
	sqlite3_busy_timeout(db, BUSY_MS);
	if (check_events(db, path, have, e) == -1) {
		sqlite3_close(db);
		return -1;
	}
	o = (size_t)snprintf(sql, sizeof(sql), "SELECT recipient, ts, kind, "
	    "reason, status, smtp_code");
	for (i = 0; i < nitems(row_opt); i++)
		o += (size_t)snprintf(sql + o, sizeof(sql) - o, ", %s",
		    have[i] ? row_opt[i] : "NULL");
	snprintf(sql + o, sizeof(sql) - o, " FROM events ORDER BY ts");
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		derr_set(e, path, "%s", sqlite3_errmsg(db));
		sqlite3_close(db);
		return -1;
	}
	while (r == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		row.recipient = col_text(st, 0);
		row.has_ts = sqlite3_column_type(st, 1) != SQLITE_NULL;
		row.ts = (time_t)sqlite3_column_int64(st, 1);
		row.kind = col_text(st, 2);
		row.reason = col_text(st, 3);
		row.status = col_text(st, 4);
		row.smtp_code = sqlite3_column_int64(st, 5);
		row.remote_mta = col_text(st, 6);
		row.diagnostic = col_text(st, 7);
		row.action = col_text(st, 8);
		r = cb(arg, &row);
	}
	if (r == 0 && rc != SQLITE_DONE) {
		derr_set(e, path, "%s", sqlite3_errmsg(db));
		r = -1;
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return r;
}
