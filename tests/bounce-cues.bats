#!/usr/bin/env bats
# deliv-bounce-classify: the generic cue words of phrases/bounce-cues.txt
# (Round 10, cue): read only for a recipient's text that no phrase of
# soft.txt or hard.txt matched, and only when its codes say nothing more
# specific than a class (no status reason, X.1.0, X.2.0, X.3.0, X.4.0,
# X.7.0, X.7.1; not a 500-504 reply, nor a hard SMTP reason); soft reasons
# only, refused at load otherwise.

setup() {
	load lib/helpers
}

# dsn STATUS DIAG: a DSN for rcpt@example.net, Status STATUS,
# Diagnostic-Code "smtp; DIAG", in $BATS_TEST_TMPDIR/b.eml
dsn() {
	printf 'From: MAILER-DAEMON@mx.example.org (Mail Delivery System)\nTo: sender@example.org\nSubject: Undelivered Mail Returned to Sender\nMessage-Id: <r-1@mx.example.org>\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary="b1"\n\n--b1\nContent-Type: text/plain\n\nYour message could not be delivered.\n\n--b1\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\nFinal-Recipient: rfc822; rcpt@example.net\nAction: failed\nStatus: %s\nDiagnostic-Code: smtp; %s\n\n--b1--\n' "$1" "$2" >"$BATS_TEST_TMPDIR/b.eml"
}

# got: "kind<TAB>reason<TAB>status<TAB>smtp_code<TAB>matched" of b.eml
got() {
	run -1 deliv-bounce-classify --no-header "${@}" "$BATS_TEST_TMPDIR/b.eml"
	cols -t bounce-classify kind,reason,status,smtp_code,matched
}

# line REASON PHRASE: the line number of "REASON<TAB>PHRASE" in
# phrases/bounce-cues.txt
line() {
	grep -nxF "$1	$2" "$TOP/phrases/bounce-cues.txt" | cut -d: -f1
}

@test "bounce-cues: a cue gives the reason when no phrase matched, matched bounce-cues.txt:LINE" {
	v=$(line virusdetected '/\bvirus(?:es)?\b/')
	[[ -n $v ]] || fail "no virus cue"
	dsn 5.7.1 '550 5.7.1 Eicar virus inside'
	assert_equal "$(got)" "soft	virusdetected	5.7.1	550	bounce-cues.txt:$v"
	# no status reason at all (5.0.0)
	dsn 5.0.0 '550 Eicar virus inside'
	assert_equal "$(got)" "soft	virusdetected	5.0.0	550	bounce-cues.txt:$v"
	# a generic status (4.7.0, securityerror by the table)
	dsn 4.7.0 'Eicar virus inside'
	assert_equal "$(got)" "soft	virusdetected	4.7.0		bounce-cues.txt:$v"
}

@test "bounce-cues: a phrase of soft.txt or hard.txt beats a cue, even one further left" {
	n=$(grep -nxF $'mailboxfull\tmailbox is full' "$TOP/phrases/soft.txt" | cut -d: -f1)
	dsn 5.7.1 '550 5.7.1 Eicar virus inside, mailbox is full'
	assert_equal "$(got)" "soft	mailboxfull	5.7.1	550	soft.txt:$n"
}

@test "bounce-cues: a cue never overrides a specific status, a hard one above all (5.1.1 stays userunknown; X.1.0 is a catch-all)" {
	dsn 5.1.1 'Eicar virus inside'
	assert_equal "$(got)" $'hard\tuserunknown\t5.1.1\t\tstatus:5.1.1'
	# X.1.0 is "other address status": a soft cue in its text outweighs the
	# hard reading (receivers give it a sender refused by SPF, a rate
	# limit); with no cue it stays hard
	v=$(line virusdetected '/\bvirus(?:es)?\b/')
	dsn 5.1.0 'Eicar virus inside'
	assert_equal "$(got)" "soft	virusdetected	5.1.0		bounce-cues.txt:$v"
	dsn 5.1.0 '550 5.1.0 Message refused: SPF check of the sending host gave fail'
	assert_equal "$(got)" "soft	authfailure	5.1.0	550	bounce-cues.txt:$(line authfailure '/\b(?:spf|dkim|dmarc)\b/')"
	dsn 5.1.0 '550 5.1.0 Address rejected.'
	assert_equal "$(got)" $'hard\tuserunknown\t5.1.0\t550\tstatus:5.1.0'
	dsn 5.3.4 '552 5.3.4 Eicar virus inside'
	assert_equal "$(got)" $'soft\tmesgtoobig\t5.3.4\t552\tstatus:5.3.4'
	# a content code (X.6.0) names the content: no cue about the rest
	dsn 5.6.0 'Eicar virus inside'
	assert_equal "$(got)" $'soft\tcontenterror\t5.6.0\t\tstatus:5.6.0'
}

@test "bounce-cues: a cue never overrides a hard SMTP reason (551) nor a 500-504 protocol reply" {
	dsn 5.0.0 '551 Eicar virus inside'
	assert_equal "$(got)" $'hard\thasmoved\t5.0.0\t551\tsmtp:551'
	dsn 5.0.0 '501 Eicar virus inside'
	assert_equal "$(got)" $'soft\tsyntaxerror\t5.0.0\t501\tsmtp:501'
	h=$(line blocked '/\b(?:helo|ehlo)\b/')
	[[ -n $h ]] || fail "no HELO cue"
	dsn 5.0.0 '503 Polite people say HELO first'
	assert_equal "$(got)" $'soft\tsyntaxerror\t5.0.0\t503\tsmtp:503'
	dsn 5.0.0 '550 HELO name refused here'
	assert_equal "$(got)" "soft	blocked	5.0.0	550	bounce-cues.txt:$h"
}

@test "bounce-cues: a sending MTA's \"delivery temporarily suspended\" is no suspended mailbox" {
	dsn 4.0.0 '421 delivery temporarily suspended: the mx is gone'
	assert_equal "$(got)" $'soft\tblocked\t4.0.0\t421\tsmtp:421'
	s=$(grep -n '^suspend	' "$TOP/phrases/bounce-cues.txt" | cut -d: -f1)
	dsn 5.0.0 '550 the mailbox of this one is frozen'
	assert_equal "$(got)" "soft	suspend	5.0.0	550	bounce-cues.txt:$s"
}

@test "bounce-cues: a phrase of the whole text beats the recipient's cue; the recipient's cue beats the whole text's" {
	v=$(line virusdetected '/\bvirus(?:es)?\b/')
	r=$(line norelaying '/\brelay(?:ing)?\b/')
	n=$(grep -nxF $'mailboxfull\tmailbox is full' "$TOP/phrases/soft.txt" | cut -d: -f1)
	printf 'From: MAILER-DAEMON@x.example\nSubject: Undeliverable\n\n<k@example.net>: 550 Eicar virus inside\n\nThe mail server said the mailbox is full.\n' >"$BATS_TEST_TMPDIR/b.eml"
	assert_equal "$(got)" "soft	mailboxfull		550	soft.txt:$n"
	printf 'From: MAILER-DAEMON@x.example\nSubject: Undeliverable\n\n<k@example.net>: 550 Eicar virus inside\n\nThe mail server would not relay it.\n' >"$BATS_TEST_TMPDIR/b.eml"
	assert_equal "$(got)" "soft	virusdetected		550	bounce-cues.txt:$v"
	# no cue of its own: the whole text's cue, not the bare 550
	printf 'From: MAILER-DAEMON@x.example\nSubject: Undeliverable\n\n<k@example.net>: 550 rejected\n\nThe mail server would not relay it.\n' >"$BATS_TEST_TMPDIR/b.eml"
	assert_equal "$(got)" "soft	norelaying		550	bounce-cues.txt:$r"
}

@test "bounce-cues: in a notice of several recipients, one whose own text a cue reads keeps it: the whole text's phrase may be another's" {
	local h t
	h=$(line blocked '/\b(?:helo|ehlo)\b/')
	t=$(grep -nxF $'notcompliantrfc\tline too long' "$TOP/phrases/soft.txt" | cut -d: -f1)
	# a report of two: a HELO refusal (a cue) and "Line too long" (a phrase)
	printf 'From: MAILER-DAEMON@mx.example.net\nTo: sender@example.org\nSubject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary="B"\n\n--B\nContent-Type: text/plain\n\n<ann@one.example>: host mx.one.example[192.0.2.10] said: 550 Your HELO name\n    was refused here (in reply to MAIL FROM command)\n\n<bob@two.example>: host mx.two.example[192.0.2.20] said: 550 Line too long\n    (in reply to end of DATA command)\n\n--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; ann@one.example\nAction: failed\nStatus: 5.0.0\nDiagnostic-Code: smtp; 550 Your HELO name was refused here\n\nFinal-Recipient: rfc822; bob@two.example\nAction: failed\nStatus: 5.0.0\nDiagnostic-Code: smtp; 550 Line too long\n\n--B--\n' >"$BATS_TEST_TMPDIR/b.eml"
	run -1 deliv-bounce-classify --no-header -o recipient,reason,matched "$BATS_TEST_TMPDIR/b.eml"
	assert_line --index 0 "ann@one.example	blocked	bounce-cues.txt:$h"
	assert_line --index 1 "bob@two.example	notcompliantrfc	soft.txt:$t"
}

@test "bounce-cues: a cue naming a hard, bycode or choice reason is refused at load, naming file and line" {
	cp -r "$TOP/phrases" "$BATS_TEST_TMPDIR/ph"
	n=$(($(wc -l <"$TOP/phrases/bounce-cues.txt") + 1))
	dsn 5.0.0 '550 Eicar virus inside'
	for r in userunknown hostunknown hasmoved notaccept 'userunknown|filtered' delivered; do
		cp "$TOP/phrases/bounce-cues.txt" "$BATS_TEST_TMPDIR/ph/"
		printf '%s\t/\\bgone\\b/\n' "$r" >>"$BATS_TEST_TMPDIR/ph/bounce-cues.txt"
		run --separate-stderr -2 deliv-bounce-classify --phrases "$BATS_TEST_TMPDIR/ph" "$BATS_TEST_TMPDIR/b.eml"
		assert_equal "$output" ""
		assert_equal "$stderr" "deliv-bounce-classify: bounce-cues.txt:$n: reason \"$r\" is not soft (data/reasons.tsv): a cue may name only a soft reason"
	done
	# a reason the table lacks: the error of the other lists
	cp "$TOP/phrases/bounce-cues.txt" "$BATS_TEST_TMPDIR/ph/"
	printf 'virusdetcted\tvirus\n' >>"$BATS_TEST_TMPDIR/ph/bounce-cues.txt"
	run --separate-stderr -2 deliv-bounce-classify --phrases "$BATS_TEST_TMPDIR/ph" "$BATS_TEST_TMPDIR/b.eml"
	assert_equal "$stderr" "deliv-bounce-classify: bounce-cues.txt:$n: unknown reason \"virusdetcted\" (not in data/reasons.tsv)"
	# a soft one loads and decides
	cp "$TOP/phrases/bounce-cues.txt" "$BATS_TEST_TMPDIR/ph/"
	printf 'mailboxfull\t/\\beicar\\b/\n' >>"$BATS_TEST_TMPDIR/ph/bounce-cues.txt"
	assert_equal "$(got --phrases "$BATS_TEST_TMPDIR/ph")" "soft	mailboxfull	5.0.0	550	bounce-cues.txt:$n"
}

@test "bounce-cues: --phrases DIR needs bounce-cues.txt, as it needs the other lists; an empty one turns the layer off" {
	cp -r "$TOP/phrases" "$BATS_TEST_TMPDIR/ph"
	dsn 5.0.0 '550 Eicar virus inside'
	rm "$BATS_TEST_TMPDIR/ph/bounce-cues.txt"
	run --separate-stderr -2 deliv-bounce-classify --phrases "$BATS_TEST_TMPDIR/ph" "$BATS_TEST_TMPDIR/b.eml"
	assert_equal "$output" ""
	[[ $stderr == "deliv-bounce-classify: "*"/bounce-cues.txt: No such file or directory" ]] || fail "$stderr"
	: >"$BATS_TEST_TMPDIR/ph/bounce-cues.txt"
	assert_equal "$(got --phrases "$BATS_TEST_TMPDIR/ph")" $'soft\tundefined\t5.0.0\t550\t'
}

@test "bounce-cues: bench/bounce-cues.sh's held-out half: no reply right before is wrong after" {
	[[ -x $TOP/build/deliv-bounce-classify ]] || skip "no build/"
	run -0 bash "$TOP/bench/bounce-cues.sh" "$TOP/build"
	assert_equal "$(awk '$1 == "B" && $2 == "lists" { print $7 }' <<<"$output")" 0
	assert_equal "$(awk '$1 == "B" && $2 == "codes" { print $7 }' <<<"$output")" 0
	# and the cues help a writer no phrase knows
	[[ $(awk '$1 == "B" && $2 == "codes" { print ($5 > $4 + 100) }' <<<"$output") == 1 ]] || fail "$output"
}

@test "bounce-cues: a count against a span of time, or a daily or hourly limit, is speeding; "per cent" or a bare hour is not" {
	p=$(line speeding '/\bper (?:\d+ )?(?:seconds?|minutes?|mins?|hours?|days?)\b/')
	d=$(line speeding '/\b(?:daily|hourly) (?:\w+ ){0,2}limits?\b/')
	[[ -n $p && -n $d ]] || fail "no rate cues"
	dsn 5.0.0 '550 only 5 recipients per 5 minutes allowed'
	assert_equal "$(got)" "soft	speeding	5.0.0	550	bounce-cues.txt:$p"
	dsn 4.7.0 '450 4.7.0 Number of messages per hour exceeded'
	assert_equal "$(got)" "soft	speeding	4.7.0	450	bounce-cues.txt:$p"
	dsn 5.0.0 '550 MAX RCPT TO DAILY LIMIT'
	assert_equal "$(got)" "soft	speeding	5.0.0	550	bounce-cues.txt:$d"
	# the leftmost cue wins: a virus named first stays a virus
	dsn 5.0.0 '550 Eicar virus inside; 10 scans per hour'
	assert_equal "$(got)" "soft	virusdetected	5.0.0	550	bounce-cues.txt:$(line virusdetected '/\bvirus(?:es)?\b/')"
	# a specific status still decides (5.1.1), and "per cent" or a bare
	# "hour" is no rate
	dsn 5.1.1 'Eicar, 20 sends per hour'
	assert_equal "$(got)" $'hard\tuserunknown\t5.1.1\t\tstatus:5.1.1'
	dsn 5.0.0 '550 per cent of the hour spent'
	assert_equal "$(got)" $'soft\tundefined\t5.0.0\t550\t'
}
