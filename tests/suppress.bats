#!/usr/bin/env bats
# deliv-bounce-classify's suppression list (lib/bounce/suppress over
# lib/core/store): --now, the windows, --unsuppress, --filter input,
# read-only modes, and the exit status of a classifying run.

setup() {
	load lib/helpers
	F=$FIXTURES/bounce-classify
	DB=$BATS_TEST_TMPDIR/bounces.db
	# 2026-11-17T00:00:00Z, the day after the bounces in mixed.mbox
	NOW=1794873600
	cd "$F"
}

@test "suppress: exit 1 when a bounce is found, 0 when none, 2 on an error" {
	run -1 deliv-bounce-classify --no-header mixed.mbox
	printf 'From: a@example.org\nTo: b@example.net\nSubject: lunch\n\nSee you at noon.\n' >"$BATS_TEST_TMPDIR/plain.eml"
	run -0 deliv-bounce-classify --no-header "$BATS_TEST_TMPDIR/plain.eml"
	assert_equal "$(cols -t bounce-classify kind)" none
	# an error outranks a finding
	run --separate-stderr -2 deliv-bounce-classify --no-header mixed.mbox /nonexistent/x.mbox
}

@test "suppress: --now takes a date; SOURCE_DATE_EPOCH is the clock without it" {
	run -1 deliv-bounce-classify --db "$DB" --now "$NOW" mixed.mbox
	run -0 deliv-bounce-classify --db "$DB" --now "$NOW" --suppressed --no-header
	local want=$output
	[[ -n $want ]]
	run -0 deliv-bounce-classify --db "$DB" --now 2026-11-17 --suppressed --no-header
	assert_equal "$output" "$want"
	run -0 deliv-bounce-classify --db "$DB" --now 2026-11-17T00:00:00Z --suppressed --no-header
	assert_equal "$output" "$want"
	SOURCE_DATE_EPOCH=$NOW run -0 deliv-bounce-classify --db "$DB" --suppressed --no-header
	assert_equal "$output" "$want"
	# a year on, only the hard bounce (until removed) is suppressed
	SOURCE_DATE_EPOCH=$((NOW + 365 * 86400)) run -0 --separate-stderr deliv-bounce-classify --db "$DB" --suppressed --no-header
	assert_output $'alice@example.net\thard\tuserunknown\t1\t2026-11-16T09:12:01Z\t2026-11-16T09:12:01Z\tforever'
}

@test "suppress: the database: events, schema version, WAL" {
	run -1 deliv-bounce-classify --db "$DB" --now "$NOW" mixed.mbox
	run -0 sqlite3 "$DB" 'PRAGMA user_version; PRAGMA journal_mode; SELECT recipient, ts, kind, reason, status, smtp_code, msgno FROM events ORDER BY id'
	assert_output - <<'OUT'
2
wal
alice@example.net|1794820321|hard|userunknown|5.1.1|550|1
bob@example.com|1794820321|soft|mailboxfull|4.2.2|452|1
carol@example.co.uk|1794825612|soft|authfailure|5.7.1|550|2
dave@example.com|1794826920|undetermined|vacation|||3
OUT
}

@test "suppress: a newer schema than the program knows is an error" {
	sqlite3 "$DB" 'CREATE TABLE events (recipient TEXT, ts INTEGER, kind TEXT); PRAGMA user_version = 99'
	run --separate-stderr -2 deliv-bounce-classify --db "$DB" mixed.mbox
	[[ $stderr == *"schema version 99 is newer"* ]] || fail "$stderr"
}

@test "suppress: a hard bounce suppresses until removed; --hard-days N expires it" {
	run -1 deliv-bounce-classify --db "$DB" mixed.mbox
	run -0 --separate-stderr deliv-bounce-classify --db "$DB" --now "$NOW" --suppressed --no-header
	assert_output $'alice@example.net\thard\tuserunknown\t1\t2026-11-16T09:12:01Z\t2026-11-16T09:12:01Z\tforever'
	# years later, still
	run -0 --separate-stderr deliv-bounce-classify --db "$DB" --now $((NOW + 3 * 365 * 86400)) --suppressed --no-header
	assert_output --partial $'alice@example.net\thard\tuserunknown'
	assert_output --partial $'\tforever'
	run -0 --separate-stderr deliv-bounce-classify --db "$DB" --now "$NOW" --hard-days 7 --suppressed --no-header
	assert_output $'alice@example.net\thard\tuserunknown\t1\t2026-11-16T09:12:01Z\t2026-11-16T09:12:01Z\t2026-11-23T09:12:01Z'
	# eight days later a 7-day hard window has run out
	run -0 --separate-stderr deliv-bounce-classify --db "$DB" --now $((NOW + 8 * 86400)) --hard-days 7 --suppressed --no-header
	assert_output ""
	run -0 --separate-stderr deliv-bounce-classify --db "$DB" --now $((NOW + 8 * 86400)) --hard-days 30 --suppressed --no-header
	assert_output --partial 'alice@example.net'
	# before the bounce happened nothing was suppressed
	run -0 --separate-stderr deliv-bounce-classify --db "$DB" --now $((NOW - 86400)) --suppressed --no-header
	assert_output ""
}

@test "suppress: bounces older than the window are counted on stderr" {
	run -1 deliv-bounce-classify --db "$DB" mixed.mbox
	run -0 --separate-stderr deliv-bounce-classify --db "$DB" --now "$NOW" --suppressed --no-header
	assert_equal "$stderr" ""
	# 30 days on: the two soft bounces are out of the 7-day window
	run -0 --separate-stderr deliv-bounce-classify --db "$DB" --now $((NOW + 30 * 86400)) --suppressed --no-header
	assert_equal "$stderr" "deliv-bounce-classify: 2 bounces older than the window not counted (--hard-days 0, --soft-window 7)"
	run -0 --separate-stderr deliv-bounce-classify --db "$DB" --now $((NOW + 30 * 86400)) --hard-days 7 --filter --no-header <<<'x@example.org'
	assert_equal "$stderr" "deliv-bounce-classify: 3 bounces older than the window not counted (--hard-days 7, --soft-window 7)"
	assert_output $'x@example.org\tx@example.org'
}

@test "suppress: soft bounces suppress at --soft-limit within --soft-window" {
	run -1 deliv-bounce-classify --db "$DB" mixed.mbox
	run -0 deliv-bounce-classify --db "$DB" --now "$NOW" --suppressed --no-header
	refute_output --partial bob@example.com
	# the same soft bounce twice more, on later days
	local d
	for d in 17 18; do
		sed "s/16 Nov 2026/$d Nov 2026/" mixed.mbox >"$BATS_TEST_TMPDIR/$d.mbox"
		run -1 deliv-bounce-classify --db "$DB" "$BATS_TEST_TMPDIR/$d.mbox"
	done
	run -0 deliv-bounce-classify --db "$DB" --now $((NOW + 2 * 86400)) --suppressed --no-header
	assert_line --partial $'bob@example.com\tsoft\tmailboxfull\t3\t2026-11-16T09:12:01Z\t2026-11-18T09:12:01Z'
	assert_line --partial $'carol@example.co.uk\tsoft\tauthfailure\t3'
	# the first falls out of a 2-day window: 2 left, under the limit
	run -0 --separate-stderr deliv-bounce-classify --db "$DB" --now $((NOW + 2 * 86400)) --soft-window 2 --suppressed --no-header
	refute_output --partial bob@example.com
	run -0 --separate-stderr deliv-bounce-classify --db "$DB" --now $((NOW + 2 * 86400)) --soft-window 2 --soft-limit 2 --suppressed --no-header
	assert_output --partial $'bob@example.com\tsoft\tmailboxfull\t2'
	# vacation and none never count
	refute_output --partial dave@example.com
}

@test "suppress: --unsuppress removes addresses until they bounce again" {
	run -1 deliv-bounce-classify --db "$DB" mixed.mbox
	run -0 --separate-stderr deliv-bounce-classify --db "$DB" --now "$NOW" --soft-limit 1 --suppressed --no-header
	assert_equal "$(cut -f1 <<<"$output" | tr '\n' ' ')" "alice@example.net bob@example.com carol@example.co.uk "
	run -0 --separate-stderr deliv-bounce-classify --db "$DB" --now "$NOW" --unsuppress 'Alice <ALICE@example.net>' '<bob@example.com>'
	assert_output ""
	assert_equal "$stderr" ""
	run -0 --separate-stderr deliv-bounce-classify --db "$DB" --now "$NOW" --soft-limit 1 --suppressed --no-header
	assert_equal "$(cut -f1 <<<"$output")" carol@example.co.uk
	# the events stay (warmup-plan reads them)
	assert_equal "$(sqlite3 "$DB" 'SELECT count(*) FROM events')" 4
	# a later bounce suppresses again
	sed "s/16 Nov 2026/18 Nov 2026/" mixed.mbox >"$BATS_TEST_TMPDIR/18.mbox"
	run -1 deliv-bounce-classify --db "$DB" "$BATS_TEST_TMPDIR/18.mbox"
	run -0 --separate-stderr deliv-bounce-classify --db "$DB" --now $((NOW + 2 * 86400)) --suppressed --no-header
	assert_output --partial $'alice@example.net\thard\tuserunknown\t1\t2026-11-18T09:12:01Z'
	# no address: usage
	run -2 deliv-bounce-classify --db "$DB" --unsuppress
	run --separate-stderr -2 deliv-bounce-classify --unsuppress a@example.net
	assert_equal "${stderr%%$'\n'*}" "deliv-bounce-classify: --filter, --suppressed and --unsuppress need --db"
}

@test "suppress: --filter writes the addresses not suppressed, with their line" {
	run -1 deliv-bounce-classify --db "$DB" mixed.mbox
	run -0 deliv-bounce-classify --db "$DB" --now "$NOW" --filter --no-header <<'IN'
alice@example.net
Bob@Example.com

ALICE@EXAMPLE.NET
erin@example.org
IN
	assert_output $'Bob@Example.com\tBob@Example.com\nerin@example.org\terin@example.org'
	run -0 deliv-bounce-classify --db "$DB" --now "$NOW" --filter --soft-limit 1 --no-header "$TOP/examples/bounce-classify/list.txt"
	assert_output $'erin@example.org\terin@example.org'
}

@test "suppress: --filter reads RFC 5322 addresses and keeps the line; a NUL is refused" {
	run -1 deliv-bounce-classify --db "$DB" mixed.mbox
	run -0 --separate-stderr deliv-bounce-classify --db "$DB" --now "$NOW" --filter <<'IN'
<alice@example.net>
Alice Liddell <ALICE@example.net>
alice@example.net,
"Liddell, Alice" <alice@example.net>	vip	2026
alice@example.net	second column
Erin <erin@example.org>	new
# a comment
IN
	assert_output $'recipient\tline\nerin@example.org\tErin <erin@example.org>\\tnew'
	printf 'erin@example.org\nfrank@exa\0mple.org\nalice@example.net\ngus@example.org\n' >"$BATS_TEST_TMPDIR/nul.txt"
	run --separate-stderr -2 deliv-bounce-classify --db "$DB" --now "$NOW" --filter --no-header "$BATS_TEST_TMPDIR/nul.txt"
	assert_equal "$stderr" "deliv-bounce-classify: $BATS_TEST_TMPDIR/nul.txt:2: a NUL byte in the line"
	# nothing after the bad line passes
	assert_output $'erin@example.org\terin@example.org'
}

@test "suppress: two processes writing one database both succeed" {
	local i
	for i in 1 2 3 4; do cat reasons.mbox; done >"$BATS_TEST_TMPDIR/big.mbox"
	deliv-bounce-classify --db "$DB" "$BATS_TEST_TMPDIR/big.mbox" >/dev/null &
	local pid=$!
	run -1 deliv-bounce-classify --db "$DB" "$BATS_TEST_TMPDIR/big.mbox"
	local rc=0
	wait "$pid" || rc=$?
	assert_equal "$rc" 1
	run -0 sqlite3 "$DB" 'SELECT count(*) FROM events'
	assert_output 256
}
