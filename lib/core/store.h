/*
 * The suppression list: an SQLite database of bounce events (one row per
 * classified record) from which the suppressed addresses are derived.
 * Schema versioned with PRAGMA user_version, WAL, a busy timeout, so two
 * processes can write one database.  The warmup-plan tool reads the
 * events table too.
 */
#ifndef STORE_H
#define STORE_H

#include <stdbool.h>
#include <time.h>

#include "core/deliv.h"

struct store;

/* When an address is suppressed. */
struct store_policy {
	long	hard_days;	/* a hard bounce suppresses this long; 0 = ever */
	long	soft_limit;	/* this many soft bounces ... */
	long	soft_days;	/* ... within this many days suppress */
};

/* One event to record; strings may be NULL. */
struct store_event {
	const char	*recipient;
	time_t		 ts;
	const char	*kind;
	const char	*reason;
	const char	*status;
	int		 smtp_code;	/* 0 = unknown */
	const char	*source;
	long		 msgno;
};

/* A suppressed address, as store_suppressed() reports it. */
struct store_supp {
	const char	*recipient;
	const char	*why;		/* "hard" or "soft" */
	const char	*reason;	/* the latest bounce's reason */
	long		 count;		/* bounces that count */
	time_t		 first;		/* first counted bounce */
	time_t		 last;		/* latest counted bounce */
	time_t		 until;		/* suppressed until; -1 = forever */
};

/*
 * What the SQLite file at path holds, read on a read-only connection so
 * that nothing, not even a checkpoint, is written: 0 nothing (an empty
 * file or database), 1 the database of owner ("deliv bounce-classify
 * --db"): table with every column of cols, at a schema version from 1
 * to maxver (*version set); -1 anything else (e filled: another
 * program's database, not SQLite, a newer version).  Call it before
 * opening a file for writing; a missing file is the caller's to check.
 */
int	store_schema(const char *path, const char *table,
	    const char *const *cols, size_t ncols, int maxver,
	    const char *owner, int *version, struct derr *e);

/* store_open() flags */
#define STORE_RDONLY	0x1	/* read-only: never created, nor migrated */

/*
 * Open the database.  Its schema is checked before anything is written:
 * a file that is not a deliv events database (another program's SQLite
 * file, not SQLite at all, a newer schema) is refused and left
 * byte-identical.  Without STORE_RDONLY a missing or empty file is
 * created and an older schema migrated (WAL); with it, the database must
 * exist and is opened SQLITE_OPEN_READONLY.  NULL and e filled on error.
 */
struct store	*store_open(const char *path, int flags, struct derr *e);
/*
 * Start a write transaction; store_add() rows (committed every few hundred
 * rows, so that another process can write too); store_commit() ends it.
 */
int	store_begin(struct store *, struct derr *e);
int	store_add(struct store *, const struct store_event *, struct derr *e);
int	store_commit(struct store *, struct derr *e);

/*
 * Is addr suppressed at time now under policy?  Returns 1 yes, 0 no,
 * -1 on error.
 */
int	store_is_suppressed(struct store *, const char *addr, time_t now,
	    const struct store_policy *, struct derr *e);

/* Call cb for each address suppressed at now, sorted; cb != 0 stops. */
int	store_suppressed(struct store *, time_t now,
	    const struct store_policy *,
	    int (*cb)(void *, const struct store_supp *), void *arg,
	    struct derr *e);

/*
 * From now on, addr's events up to now no longer count (it is not
 * suppressed until it bounces again).  Not on a read-only store.  0 or -1.
 */
int	store_unsuppress(struct store *, const char *addr, time_t now,
	    struct derr *e);

/*
 * How many events at or before now the policy's windows leave out (hard
 * bounces older than hard_days, soft ones older than soft_days), or -1.
 */
long	store_stale(struct store *, time_t now, const struct store_policy *,
	    struct derr *e);

/* Close; returns 0 or -1 (e filled). store_close(NULL) is a no-op. */
int	store_close(struct store *, struct derr *e);

/*
 * Reading the events back (deliv-warmup-plan --db): one event as
 * store_read_events() hands it out.  Strings are "" when unknown and
 * valid during the callback only; remote_mta, diagnostic and action are
 * "" unless the table has those columns.
 */
struct store_row {
	const char	*recipient;
	time_t		 ts;
	bool		 has_ts;	/* false: ts is NULL in the row */
	const char	*kind;
	const char	*reason;
	const char	*status;
	long long	 smtp_code;	/* 0 = unknown */
	const char	*remote_mta;
	const char	*diagnostic;
	const char	*action;
};

/*
 * Open the database at path read-only (never created nor migrated),
 * check that it is one this program can read (a table "events"; a schema
 * version not newer than this program's), and call cb for each event in
 * time order; cb != 0 stops.  Returns 0 or cb's value, or -1 with e
 * filled: no such database, no table "events" ("not a database written
 * by deliv bounce-classify --db"), a newer schema version, a read error.
 */
int	store_read_events(const char *path,
	    int (*cb)(void *, const struct store_row *), void *arg,
	    struct derr *e);

#endif
