#!/usr/bin/env bats
# deliv-bounce-classify: Round 15 (old2, issue #15), whole failure and
# delay notices of older and less common servers, each written from the
# writer's own source, manual or public copies of its notice and
# committed before the first run (468b1da):
# tests/fixtures/bounce-writers/round15-old2.mbox, its expected records
# in round15-old2-expected.tsv (msgno, mta, recipient, kind, reason; the
# sources in its head; "#" lines: a blind expectation relabelled to the
# project's vocabulary, with why).
#   1-4   Openwave / InterMail ("Mail System Error - Returned Mail")
#   5-7   Oracle / Sun Java System Messaging Server (return_*.txt)
#   8-13  Stalwart (crates/smtp/src/queue/dsn.rs)
#   14-17 hMailServer (SEND_FAILED_NOTIFICATION, SMTPClientConnection.cpp)
#   18-20, 22 the Windows SMTP service (IIS SMTPSVC)
#   21    Postal (app/models/bounce_message.rb: no failed address)

setup() {
	load lib/helpers
}

@test "bounce-old2: every notice gives the recipients, kinds, reasons and writer round15-old2-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round15-old2.mbox round15-old2-expected.tsv
}

@test "bounce-old2: no address of the prose, the returned headers, a postmaster, an alias's member or a route is reported" {
	cd "$FIXTURES/bounce-writers"
	run -1 deliv-bounce-classify --no-header -o recipient round15-old2.mbox
	refute_output --regexp '(news|desk|office|postmaster|ana|orders)@'
	refute_output --partial 'kim@ms.example.net'
	assert_equal "$(grep -c '^From MAILER-DAEMON ' round15-old2.mbox)" 22
	# one record with no recipient: Postal's notice (21)
	run -1 deliv-bounce-classify --no-header -o msgno,recipient round15-old2.mbox
	assert_equal "$(grep -c $'\t$' <<<"$output")" 1
	assert_output --partial $'21\t'
}

# A section rule of the notice over its recipients' lines (Stalwart's
# "----- There was a temporary problem delivering to these addresses
# -----") is the heading's words, not a recipient's: each keeps its own
# line (was: systemerror, soft.txt:600 "temporary problem", for every
# recipient under it)
@test "bounce-old2: a notice line above a recipient in its paragraph is not its reason" {
	cd "$BATS_TEST_TMPDIR"
	{
		printf '%s\n' 'From MAILER-DAEMON Sun Dec  6 09:00:00 2026' \
		    'From: "Mail Delivery Subsystem" <MAILER-DAEMON@mx.example.org>' \
		    'To: ana@example.org' 'Subject: Warning: Temporary and permanent failures during message delivery' \
		    'MIME-Version: 1.0' \
		    'Content-Type: multipart/report; report-type="delivery-status"; boundary="b"' \
		    '' '--b' 'Content-Type: text/plain' '' \
		    'Your message could not be delivered to some recipients:' '' \
		    '    ----- There was a temporary problem delivering to these addresses -----' \
		    '<bob@example.net> (rate limited)' \
		    '<cal@example.net> (queue error: disk quota exceeded)' '' \
		    '    ----- Delivery to the following addresses failed -----' \
		    "<dan@example.com> (host 'mx.example.com' rejected command 'RCPT TO:<dan@example.com>' with code 550 (5.1.1) 'User unknown')" '' \
		    '--b' 'Content-Type: message/delivery-status' '' \
		    'Reporting-MTA: dns;mx.example.org' ''
		printf '%s\n' 'Final-Recipient: rfc822;bob@example.net' 'Action: delayed' 'Status: 4.0.0' ''
		printf '%s\n' 'Final-Recipient: rfc822;cal@example.net' 'Action: delayed' 'Status: 4.0.0' ''
		printf '%s\n' 'Final-Recipient: rfc822;dan@example.com' 'Action: failed' 'Status: 5.1.1' \
		    'Diagnostic-Code: smtp;550 5.1.1 User unknown' '' '--b--'
	} >s.mbox
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason,mta s.mbox
	assert_equal "$output" "$(printf '%s\n' $'bob@example.net\tsoft\tspeeding\tstalwart' \
	    $'cal@example.net\tsoft\tmailboxfull\tstalwart' \
	    $'dan@example.com\thard\tuserunknown\tstalwart')"
	refute_output --partial systemerror
}

# Stalwart's own TLS policy failures (Error::write_dsn_text()): the
# route's required TLS was not had (soft.txt's two lines that say so,
# found by their words: later rounds append after them)
@test "bounce-old2: Stalwart's \"DANE failed to authenticate\" and \"MTA-STS failed to authenticate\" are failedstarttls" {
	cd "$BATS_TEST_TMPDIR"
	n=$(grep -n $'^failedstarttls\tmta-sts failed to authenticate$' "$BATS_TEST_DIRNAME/../phrases/soft.txt" | cut -d: -f1)
	assert_equal "$(sed -n "$((n - 1))p" "$BATS_TEST_DIRNAME/../phrases/soft.txt")" $'failedstarttls\tdane failed to authenticate'
	for what in "DANE failed to authenticate 'mx.example.net': No matching certificates found in TLSA records" \
	    "MTA-STS failed to authenticate 'example.net': Policy mismatch"; do
		printf '%s\n' 'From MAILER-DAEMON Sun Dec  6 09:00:00 2026' \
		    'From: "Mail Delivery Subsystem" <MAILER-DAEMON@mx.example.org>' \
		    'To: ana@example.org' 'Subject: Failed to deliver message' '' \
		    'Your message could not be delivered to the following recipients:' '' \
		    "<bob@example.net> ($what)" >t.mbox
		run -1 deliv-bounce-classify --no-header -o recipient,kind,reason,matched,mta t.mbox
		case $what in
		DANE*) assert_equal "$output" "$(printf 'bob@example.net\tsoft\tfailedstarttls\tsoft.txt:%d\tstalwart' $((n - 1)))" ;;
		*) assert_equal "$output" "$(printf 'bob@example.net\tsoft\tfailedstarttls\tsoft.txt:%d\tstalwart' "$n")" ;;
		esac
	done
}

# The Windows SMTP service's delay and relay notices and its X-DSNContext
# header name it (exchange) as its failure notice does; Stalwart's delay
# notice names Stalwart, not Sendmail whose From name it also writes
@test "bounce-old2: the writer of the Windows SMTP service's delay and relay notices and of Stalwart's delay notice" {
	cd "$FIXTURES/bounce-writers"
	run -1 deliv-bounce-classify --no-header -o msgno,mta round15-old2.mbox
	assert_equal "$(awk -F'\t' '$1 == 10 || $1 == 11 || $1 == 19 || $1 == 22' <<<"$output" | sort -u)" \
	    "$(printf '%s\n' $'10\tstalwart' $'11\tstalwart' $'19\texchange' $'22\texchange')"
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' 'From MAILER-DAEMON Sun Dec  6 09:00:00 2026' \
	    'From: postmaster@relay.example.org' 'To: ana@example.org' \
	    'X-DSNContext: 335a7efd - 4480 - 00000001 - 80040546' \
	    'Subject: Delivery Status Notification (Failure)' '' \
	    'Your mail to bob@example.net failed: 550 5.1.1 User unknown' >x.mbox
	run -1 deliv-bounce-classify --no-header -o mta x.mbox
	assert_equal "$output" exchange
}
