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
	repeat "$F/two.mbox" 2000 >"$BATS_TEST_TMPDIR/big.mbox"
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

@test "input: gzip, xz and bzip2 files and pipes give the plain file's messages" {
	local all=msgno,envelope,error,subject,headers,bytes z
	local tmp=$BATS_TEST_TMPDIR
	gzip -c "$F/two.mbox" >"$tmp/two.mbox.gz"
	xz -c "$F/two.mbox" >"$tmp/two.mbox.xz"
	bzip2 -c "$F/two.mbox" >"$tmp/two.mbox.bz2"
	# two gzip members one after the other read as one stream
	{ head -n 9 "$F/two.mbox" | gzip -c; tail -n +10 "$F/two.mbox" | gzip -c; } >"$tmp/cat.mbox.gz"
	for z in gz xz bz2; do
		diff <(input-dump "$F/two.mbox" | cols - "$all") \
		    <(input-dump "$tmp/two.mbox.$z" | cols - "$all")
		diff <(input-dump "$F/two.mbox" | cols - "$all") \
		    <(input-dump <"$tmp/two.mbox.$z" | cols - "$all")
	done
	diff <(input-dump "$F/two.mbox" | cols - "$all") \
	    <(input-dump "$tmp/cat.mbox.gz" | cols - "$all")
	run -0 input-dump --no-header "$tmp/two.mbox.gz"
	assert_line -n 0 --partial "$tmp/two.mbox.gz"$'\t1\tsender@example.com'
}

@test "input: a truncated or corrupt gzip file is an error naming the file" {
	local tmp=$BATS_TEST_TMPDIR
	gzip -c "$F/two.mbox" | head -c 40 >"$tmp/cut.gz"
	run -2 input-dump --no-header "$tmp/cut.gz"
	assert_output --partial "$tmp/cut.gz: unexpected end of compressed data"
	printf '\037\213garbage garbage garbage' >"$tmp/bad.gz"
	run -2 input-dump --no-header "$tmp/bad.gz" "$F/crlf.eml"
	assert_line -n 0 --partial "$tmp/bad.gz: bad compressed data"
	assert_line -n 1 --partial "$F/crlf.eml"$'\t1\t\t\tLine endings'
}

@test "input: a message over the cap is handed out with an error and no bytes; the next ones follow" {
	local tmp=$BATS_TEST_TMPDIR
	{
		sed -n '1,9p' "$F/two.mbox"
		echo "From big@example.net Mon Nov 16 10:00:00 2026"
		printf 'Subject: big\n\n'
		head -c 300000 /dev/zero | tr '\0' 'x' | fold -w 70
		printf '\n'
		sed -n '10,$p' "$F/two.mbox"
	} >"$tmp/big.mbox"
	INPUT_DUMP_MAX=100000 run -0 input-dump --no-header "$tmp/big.mbox"
	assert_equal "${#lines[@]}" 3
	assert_line -n 0 --partial $'\t1\tsender@example.com\t\tFirst message'
	assert_line -n 1 "$tmp/big.mbox"$'\t2\tbig@example.net\tmessage larger than 100000 bytes (--max-size): skipped\t\t\t'
	assert_line -n 2 --partial $'\t3\tother@example.org\t\tSecond message'
	# one long line, and CR-only lines, the same
	{ sed -n '1,9p' "$F/two.mbox"; echo "From big@example.net Mon Nov 16 10:00:00 2026"
	  printf 'Subject: big\n\n'; head -c 300000 /dev/zero | tr '\0' 'x'; printf '\n\n'
	  sed -n '10,$p' "$F/two.mbox"; } >"$tmp/line.mbox"
	INPUT_DUMP_MAX=100000 run -0 input-dump --no-header "$tmp/line.mbox"
	assert_equal "$(printf '%s\n' "${lines[@]}" | cut -f 2,4)" $'1\t\n2\tmessage larger than 100000 bytes (--max-size): skipped\n3\t'
	tr '\n' '\r' <"$tmp/big.mbox" >"$tmp/cr.mbox"
	INPUT_DUMP_MAX=100000 run -0 input-dump --no-header "$tmp/cr.mbox"
	assert_equal "$(printf '%s\n' "${lines[@]}" | cut -f 2,4)" $'1\t\n2\tmessage larger than 100000 bytes (--max-size): skipped\n3\t'
}

@test "input: endless input (/dev/zero) ends with one skipped message, not out of memory" {
	INPUT_DUMP_MAX=1048576 run -0 input-dump --no-header /dev/zero
	assert_output $'/dev/zero\t1\t\tmessage larger than 1048576 bytes (--max-size): skipped\t\t\t'
	run -0 bash -c "head -c 3000000 /dev/zero | INPUT_DUMP_MAX=1000000 input-dump --no-header"
	assert_output $'-\t1\t\tmessage larger than 1000000 bytes (--max-size): skipped\t\t\t'
}

# input_opts.lean_headers (bounce-classify): GMime gets the top-level
# Content- fields only and lib/mail reads the others from the kept block
# (core/headblock, mail/lean).  Every field a tool reads must come out as
# GMime's whole parse gives it: encoded words, folding, CRLF, repeated
# Subject, Date and Message-Id (the last decides), From and To (every
# one's addresses), an address list
# cut by an unclosed comment, "Subject :", 8-bit values, the Content-
# fields left with the top part.  A block GMime reads its own way (a line
# with no colon, no empty line) is parsed whole.
@test "input: a lean parse gives the same header fields as GMime's whole parse" {
	run -0 env HEADER_DUMP_LEAN=1 header-dump --no-header \
	    "$F/lean-headers.mbox" "$F/lean-crlf.eml"
	assert_equal "$(printf '%s\n' "${lines[@]}" | cut -f1,3,4,5,6,12)" "$(printf '%s\n' \
	    $'1\tUnzustellbar: Grüße aus Köln\t20261116100000.4A1B2C3D@mx.example.net\t1794823200\tMail Delivery System <MAILER-DAEMON@example.net>\t1' \
	    $'2\tsecond subject, a blank before the colon\ttwo@example.org\t\tfirst@example.org\t1' \
	    $'3\traw UTF-8: Grüße, 日本語\t\t1794841202\tÄrger <aerger@example.org>\t1' \
	    $'4\ta header block GMime reads its own way\t\t\tb@example.org\t0' \
	    $'5\tno body, no empty line\t\t\tc@example.org\t0' \
	    $'6\ttwo From and two To fields\t\t\tBob <bob@example.com>, carol@example.com\t1' \
	    $'1\tCRLF line ends folded é\tcrlf@example.org\t1794819605\tD <d@example.org>\t1')"
	assert_line -n 0 --partial $'\tReturn-Path Received Subject From To Date Message-Id X-Failed-Recipients MIME-Version Contentious \t'
	diff <(HEADER_DUMP_LEAN=1 header-dump "$F/lean-headers.mbox" "$F/lean-crlf.eml" | cut -f1-11) \
	    <(header-dump "$F/lean-headers.mbox" "$F/lean-crlf.eml" | cut -f1-11)
}

@test "input: a lean parse and a whole one agree on every fixture message" {
	find "$FIXTURES" -type f \( -name '*.mbox' -o -name '*.eml' \) -print0 | sort -z >"$BATS_TEST_TMPDIR/files"
	xargs -0 header-dump <"$BATS_TEST_TMPDIR/files" >"$BATS_TEST_TMPDIR/whole" 2>/dev/null || true
	HEADER_DUMP_LEAN=1 xargs -0 header-dump <"$BATS_TEST_TMPDIR/files" >"$BATS_TEST_TMPDIR/lean" 2>/dev/null || true
	diff <(cut -f1-11 "$BATS_TEST_TMPDIR/lean") <(cut -f1-11 "$BATS_TEST_TMPDIR/whole")
	# most were read lean, none in the whole run
	(( $(awk -F'\t' '$12 == 1' "$BATS_TEST_TMPDIR/lean" | wc -l) > 300 ))
	run -1 awk -F'\t' '$12 == 1 { found = 1 } END { exit !found }' "$BATS_TEST_TMPDIR/whole"
}
