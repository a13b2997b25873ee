#!/usr/bin/env bats
# lib/core/input: mbox and single messages from files and pipes, Maildir,
# folders, CRLF and CR-only endings, errors that do not stop the stream.

setup() {
	load lib/helpers
	F=$FIXTURES/input
}

@test "input: a 2-message mbox on a pipe gives 2 messages with envelopes" {
	run -0 bash -c "cat '$F/two.mbox' | input-dump --no-header"
	assert_line -n 0 $'-\t1\tsender@example.com\t\tFirst message\t4\t'"$(sed -n '2,8p' "$F/two.mbox" | wc -c)"
	assert_line -n 1 $'-\t2\tother@example.org\t\tSecond message\t3\t'"$(sed -n '11,15p' "$F/two.mbox" | wc -c)"
	assert_equal "${#lines[@]}" 2
}

@test "input: the same mbox as a file gives the same messages" {
	local all=msgno,envelope,error,subject,headers,bytes
	diff <(input-dump "$F/two.mbox" | cols - "$all") \
	    <(input-dump <"$F/two.mbox" | cols - "$all")
}

@test "input: a >From line in a body does not split the message" {
	run -0 input-dump --no-header "$F/two.mbox"
	assert_equal "${#lines[@]}" 2
	run -0 grep -c '^>From ' "$F/two.mbox"
}

@test "input: CRLF and CR-only messages parse like LF ones" {
	run -0 input-dump --no-header "$F/crlf.eml"
	assert_output "$F/crlf.eml"$'\t1\t\t\tLine endings\t3\t'"$(stat -c %s "$F/crlf.eml")"
	# CR-only lines are read as LF lines.
	run -0 input-dump --no-header <"$F/cr-only.eml"
	assert_output $'-\t1\t\t\tLine endings\t3\t'"$(tr -d '\r' <"$F/crlf.eml" | wc -c)"
}

@test "input: a Maildir is read cur/ then new/, sorted" {
	run -0 input-dump --no-header "$F/maildir"
	assert_equal "$(cols -t input-dump source,subject)" "$F/maildir/cur/1700000000.a:2,S	In cur
$F/maildir/new/1700000001.b	In new first
$F/maildir/new/1700000002.c	In new second"
}

@test "input: an empty named file still yields a record; empty stdin none" {
	: >"$BATS_TEST_TMPDIR/empty"
	run -0 input-dump --no-header "$BATS_TEST_TMPDIR/empty"
	assert_output "$BATS_TEST_TMPDIR/empty	1		empty input			"
	run -0 input-dump --no-header </dev/null
	assert_output ''
}

@test "input: an unreadable operand is reported and the stream goes on" {
	run --separate-stderr -2 input-dump --no-header "$BATS_TEST_TMPDIR/nope" "$F/crlf.eml"
	assert_equal "$stderr" "input-dump: $BATS_TEST_TMPDIR/nope: No such file or directory"
	assert_output --partial $'\tLine endings\t'
}

@test "input: a huge mbox streams in flat memory" {
	local i
	for ((i = 0; i < 2000; i++)); do cat "$F/two.mbox"; done >"$BATS_TEST_TMPDIR/big.mbox"
	run -0 bash -c "input-dump --no-header '$BATS_TEST_TMPDIR/big.mbox' | wc -l"
	assert_output 4000
}

@test "progress: forced with --progress, a line per tick on stderr, cleared at the end" {
	DELIV_PROGRESS_DELAY=0 run --separate-stderr -0 input-dump --progress "$F/two.mbox"
	[[ $stderr == $'\rinput-dump: 1 messages, '*'/s, 100%, ETA 0:00'$'\e[K\rinput-dump: 2 messages, '*$'\r\e[K' ]] || fail "stderr: $(od -c <<<"$stderr")"
	assert_equal "${#lines[@]}" 3
}

@test "progress: off in pipes and with --no-progress" {
	DELIV_PROGRESS_DELAY=0 run --separate-stderr -0 input-dump "$F/two.mbox"
	assert_equal "$stderr" ''
	DELIV_PROGRESS_DELAY=0 run --separate-stderr -0 input-dump --progress --no-progress "$F/two.mbox"
	assert_equal "$stderr" ''
}

@test "input: a dated From_ line splits even with no empty line before it" {
	local m=$BATS_TEST_TMPDIR/glued.mbox
	printf '%s\n' 'From a@example.org Thu Jul  2 12:05:05 2020' \
	    'Subject: one' '' 'text' 'From here on, a body line.' 'end of one' \
	    'From MAILER-DAEMON  Thu Apr 29 23:34:45 2015' 'Subject: two' '' \
	    'body' 'From b@example.org Sat Oct  4 08:00:07 +0200 2025' \
	    'Subject: three' '' 'body' >"$m"
	run -0 input-dump --no-header "$m"
	assert_equal "${#lines[@]}" 3
	assert_equal "$(cols -t input-dump msgno,envelope,subject)" "$(printf '1\ta@example.org\tone\n2\tMAILER-DAEMON\ttwo\n3\tb@example.org\tthree')"
	# the same from a pipe, and with CR-only line ends
	run -0 input-dump --no-header <"$m"
	assert_equal "${#lines[@]}" 3
	run -0 input-dump --no-header < <(tr '\n' '\r' <"$m")
	assert_equal "${#lines[@]}" 3
	assert_equal "$(cols -t input-dump msgno,envelope,subject | sed -n 2p)" "$(printf '2\tMAILER-DAEMON\ttwo')"
}

@test "input: raw_only hands out the bytes with no GMime message and no error" {
	local all=source,msgno,envelope,bytes
	INPUT_DUMP_RAW=1 run -0 input-dump --no-header "$F/two.mbox"
	assert_equal "${#lines[@]}" 2
	assert_equal "$(INPUT_DUMP_RAW=1 input-dump "$F/two.mbox" | cols - error,subject,headers | sort -u)" $'\t\t'
	diff <(INPUT_DUMP_RAW=1 input-dump "$F/two.mbox" | cols - "$all") \
	    <(input-dump "$F/two.mbox" | cols - "$all")
}
