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
	run -1 --separate-stderr deliv-bounce-classify --db "$DB" "$BIG"
	assert_equal "$((${#lines[@]} - 1))" 960
	assert_equal "$(rows "$DB")" 960
	assert_equal "$(sqlite3 "$DB" 'PRAGMA journal_mode')" wal
}

@test "store: two processes writing one database at once both store every event" {
	deliv-bounce-classify --db "$DB" "$BIG" >"$BATS_TEST_TMPDIR/a" 2>"$BATS_TEST_TMPDIR/a.err" &
	a=$!
	deliv-bounce-classify --db "$DB" "$BIG" >"$BATS_TEST_TMPDIR/b" 2>"$BATS_TEST_TMPDIR/b.err" &
	b=$!
	local rc=0
	wait "$a" || rc=$?
	((rc == 1)) || fail "first writer: exit $rc: $(cat "$BATS_TEST_TMPDIR/a.err")"
	rc=0
	wait "$b" || rc=$?
	((rc == 1)) || fail "second writer: exit $rc: $(cat "$BATS_TEST_TMPDIR/b.err")"
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
	run -1 deliv-bounce-classify --db "$DB" "$FIXTURES/bounce-classify/reasons.mbox"
	assert_equal "$(rows "$DB")" 532
}

@test "store: a database with a newer schema version is refused, untouched" {
	run -1 deliv-bounce-classify --db "$DB" "$FIXTURES/bounce-classify/reasons.mbox"
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

@test "store: another program's SQLite file is refused with exit 2 and left byte-identical" {
	local f=$BATS_TEST_TMPDIR/other.db
	sqlite3 "$f" 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('"'"'keep me'"'"')'
	cp "$f" "$BATS_TEST_TMPDIR/orig.db"
	run -2 --separate-stderr deliv-bounce-classify --db "$f" "$FIXTURES/bounce-classify/reasons.mbox"
	assert_output ""
	assert_equal "$stderr" "deliv-bounce-classify: $f: not a database written by deliv bounce-classify --db (no table \"events\"); left untouched"
	cmp "$f" "$BATS_TEST_TMPDIR/orig.db"
	assert_equal "$(sqlite3 "$f" 'PRAGMA journal_mode')" delete
	[[ ! -e $f-wal ]]
	# the read-only modes refuse it the same way
	run -2 --separate-stderr deliv-bounce-classify --db "$f" --suppressed
	assert_equal "$stderr" "deliv-bounce-classify: $f: not a database written by deliv bounce-classify --db (no table \"events\"); left untouched"
	run -2 --separate-stderr deliv-bounce-classify --db "$f" --unsuppress a@example.net
	cmp "$f" "$BATS_TEST_TMPDIR/orig.db"
	# a table called events that is not ours
	sqlite3 "$f" 'CREATE TABLE events (id INTEGER PRIMARY KEY, what TEXT); PRAGMA user_version = 1'
	cp "$f" "$BATS_TEST_TMPDIR/orig.db"
	run -2 --separate-stderr deliv-bounce-classify --db "$f" "$FIXTURES/bounce-classify/reasons.mbox"
	assert_equal "$stderr" "deliv-bounce-classify: $f: not a database written by deliv bounce-classify --db (its table \"events\" has other columns); left untouched"
	cmp "$f" "$BATS_TEST_TMPDIR/orig.db"
	# not SQLite at all
	printf 'just text\n' >"$f"
	run -2 --separate-stderr deliv-bounce-classify --db "$f" "$FIXTURES/bounce-classify/reasons.mbox"
	assert_equal "$stderr" "deliv-bounce-classify: $f: file is not a database"
	assert_equal "$(cat "$f")" "just text"
}

@test "store: --filter and --suppressed open read-only: a misspelt path is exit 2, never created" {
	run -2 --separate-stderr deliv-bounce-classify --db "$DB" --filter <<<'a@example.net'
	assert_output ""
	assert_equal "$stderr" "deliv-bounce-classify: $DB: no such database (the read-only modes never create one)"
	run -2 --separate-stderr deliv-bounce-classify --db "$DB" --suppressed
	assert_output ""
	[[ ! -e $DB ]]
	# an empty file is no suppression list either: nothing may pass
	: >"$DB"
	run -2 --separate-stderr deliv-bounce-classify --db "$DB" --filter <<<'a@example.net'
	assert_output ""
	assert_equal "$stderr" "deliv-bounce-classify: $DB: an empty database, not one written by deliv bounce-classify --db"
	assert_equal "$(stat -c %s "$DB")" 0
}

@test "store: a read-only database serves --filter and --suppressed" {
	(( EUID != 0 )) || skip "root writes any file"
	run -1 deliv-bounce-classify --db "$DB" --now 1794873600 "$FIXTURES/bounce-classify/mixed.mbox"
	sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
	chmod a-w "$DB"
	run -0 --separate-stderr deliv-bounce-classify --db "$DB" --now 1794873600 --suppressed --no-header
	assert_output --partial $'alice@example.net\thard'
	run -0 --separate-stderr deliv-bounce-classify --db "$DB" --now 1794873600 --filter --no-header <<<$'alice@example.net\nerin@example.org'
	assert_output $'erin@example.org\terin@example.org'
}

@test "store: the read-only modes never write: the file stays byte-identical" {
	run -1 deliv-bounce-classify --db "$DB" "$FIXTURES/bounce-classify/mixed.mbox"
	sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
	cp "$DB" "$BATS_TEST_TMPDIR/orig.db"
	run -0 --separate-stderr deliv-bounce-classify --db "$DB" --now 1794873600 --suppressed
	run -0 --separate-stderr deliv-bounce-classify --db "$DB" --now 1794873600 --filter <<<'erin@example.org'
	cmp "$DB" "$BATS_TEST_TMPDIR/orig.db"
}

@test "store: a full disk stops the run at the first write error, exit 2, database sound" {
	# the first batch of 500 rows fits; the file-size limit stops a later one
	run -1 deliv-bounce-classify --db "$DB" "$FIXTURES/bounce-classify/reasons.mbox"
	sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
	run -2 --separate-stderr bash -c 'trap "" XFSZ; ulimit -f 64; exec deliv-bounce-classify --db "$1" "$2" >/dev/null' - "$DB" "$BIG"
	# one line, not one per record
	assert_equal "${#stderr_lines[@]}" 1
	[[ $stderr == "deliv-bounce-classify: $DB: "* ]] || fail "$stderr"
	assert_equal "$(sqlite3 "$DB" 'PRAGMA integrity_check')" ok
	n=$(rows "$DB")
	(( n >= 32 && n < 992 )) || fail "$n rows"
}

@test "store: --import-registry refuses another program's SQLite file (and a bounce database), byte-identical" {
	local f=$BATS_TEST_TMPDIR/other.db
	sqlite3 "$f" 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('"'"'keep me'"'"')'
	cp "$f" "$BATS_TEST_TMPDIR/orig.db"
	run -2 --separate-stderr deliv-header-trace --abuse-db "$f" \
	    --import-registry "$FIXTURES/header-trace/ripe.db.split"
	assert_equal "$stderr" "deliv-header-trace: $f: not a database written by deliv header-trace --import-registry (no table \"nets\"); left untouched"
	cmp "$f" "$BATS_TEST_TMPDIR/orig.db"
	[[ ! -e $f-wal ]]
	# bounce-classify's database is not an abuse database either
	local b=$BATS_TEST_TMPDIR/bounces.db
	run -1 deliv-bounce-classify --db "$b" "$FIXTURES/bounce-classify/reasons.mbox"
	cp "$b" "$BATS_TEST_TMPDIR/orig.db"
	run -2 --separate-stderr deliv-header-trace --abuse-db "$b" \
	    --import-registry "$FIXTURES/header-trace/ripe.db.split"
	assert_regex "$stderr" 'not a database written by deliv header-trace --import-registry'
	cmp "$b" "$BATS_TEST_TMPDIR/orig.db"
	# and its own database is imported into again
	local a=$BATS_TEST_TMPDIR/abuse.db
	run -0 deliv-header-trace --abuse-db "$a" --import-registry "$FIXTURES/header-trace/ripe.db.split"
	run -0 deliv-header-trace --abuse-db "$a" --import-registry "$FIXTURES/header-trace/ripe.db.split"
}
