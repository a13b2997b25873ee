#!/usr/bin/env bats
# SQLite safety of deliv-bounce-classify --db (lib/core/store): concurrent
# writers, a writer killed mid-run, a database from a newer program.

setup() {
	load lib/helpers
	DB=$BATS_TEST_TMPDIR/bounces.db
	# 30 copies of 32 bounces: 960 records, more than one write batch
	BIG=$BATS_TEST_TMPDIR/big.mbox
	for _ in $(seq 30); do
		cat "$FIXTURES/bounce-classify/reasons.mbox"
	done >"$BIG"
}

teardown() {
	# a writer left behind by a failed test
	[[ -z ${pid-} ]] || kill -KILL "$pid" 2>/dev/null || true
}

rows() {
	sqlite3 "$1" 'SELECT count(*) FROM events'
}

@test "store: one writer stores every record it writes" {
	run -0 --separate-stderr deliv-bounce-classify --db "$DB" "$BIG"
	assert_equal "$((${#lines[@]} - 1))" 960
	assert_equal "$(rows "$DB")" 960
	assert_equal "$(sqlite3 "$DB" 'PRAGMA journal_mode')" wal
}

@test "store: two processes writing one database at once both store every event" {
	deliv-bounce-classify --db "$DB" "$BIG" >"$BATS_TEST_TMPDIR/a" 2>"$BATS_TEST_TMPDIR/a.err" &
	a=$!
	deliv-bounce-classify --db "$DB" "$BIG" >"$BATS_TEST_TMPDIR/b" 2>"$BATS_TEST_TMPDIR/b.err" &
	b=$!
	wait "$a" || fail "first writer: exit $?: $(cat "$BATS_TEST_TMPDIR/a.err")"
	wait "$b" || fail "second writer: exit $?: $(cat "$BATS_TEST_TMPDIR/b.err")"
	assert_file_empty "$BATS_TEST_TMPDIR/a.err"
	assert_file_empty "$BATS_TEST_TMPDIR/b.err"
	assert_equal "$(rows "$DB")" 1920
	# each message's records twice, once from each writer
	assert_equal "$(sqlite3 "$DB" 'SELECT count(*) FROM (SELECT source, msgno, recipient FROM events GROUP BY 1, 2, 3 HAVING count(*) != 2)')" 0
	assert_equal "$(sqlite3 "$DB" 'PRAGMA integrity_check')" ok
}

@test "store: a writer killed with SIGKILL mid-run leaves a sound database with the committed events" {
	mkfifo "$BATS_TEST_TMPDIR/in"
	deliv-bounce-classify --db "$DB" <"$BATS_TEST_TMPDIR/in" >/dev/null 2>&1 &
	pid=$!
	exec 7>"$BATS_TEST_TMPDIR/in"
	cat "$BIG" >&7
	# the writer commits every 500 rows; wait for the first batch
	for _ in $(seq 200); do
		n=$(sqlite3 "$DB" 'SELECT count(*) FROM events' 2>/dev/null) || n=0
		((n >= 500)) && break
		sleep 0.05
	done
	# stdin is still open: the writer is waiting, the rest uncommitted
	kill -0 "$pid" || fail "the writer ended before it was killed"
	kill -KILL "$pid"
	wait "$pid" || true
	unset pid
	exec 7>&-
	assert_equal "$(sqlite3 "$DB" 'PRAGMA integrity_check')" ok
	assert_equal "$(rows "$DB")" 500
	# the database is still usable: a new run adds to it
	run -0 deliv-bounce-classify --db "$DB" "$FIXTURES/bounce-classify/reasons.mbox"
	assert_equal "$(rows "$DB")" 532
}

@test "store: a database with a newer schema version is refused, untouched" {
	run -0 deliv-bounce-classify --db "$DB" "$FIXTURES/bounce-classify/reasons.mbox"
	ours=$(sqlite3 "$DB" 'PRAGMA user_version')
	((ours >= 1)) || fail "no schema version: $ours"
	sqlite3 "$DB" "PRAGMA user_version = $((ours + 1))"
	run -2 --separate-stderr deliv-bounce-classify --db "$DB" "$FIXTURES/bounce-classify/reasons.mbox"
	assert_output ""
	assert_equal "$stderr" "deliv-bounce-classify: $DB: schema version $((ours + 1)) is newer than this program's $ours"
	assert_equal "$(rows "$DB")" 32
	assert_equal "$(sqlite3 "$DB" 'PRAGMA user_version')" "$((ours + 1))"
	# reading the suppression list is refused the same way
	run -2 --separate-stderr deliv-bounce-classify --db "$DB" --suppressed
	assert_output ""
	assert_regex "$stderr" "schema version $((ours + 1)) is newer"
}
