#!/usr/bin/env bats
# deliv-bounce-classify: Round 28 (multi4, issue #15), exact failed-
# recipient sets, kinds, reasons and writers on notices naming several
# recipients whose outcomes differ, a fourth batch, in writers and
# combinations round23-multi1, round24-multi2 and round27-multi3 lack,
# each learned from its writer's own source (the sources in the expected
# file's head), committed before their first run:
# tests/fixtures/bounce-writers/round28-multi4.mbox, its expected records
# in round28-multi4-expected.tsv (msgno, mta, recipient, kind, reason).
#   1-3    OpenSMTPD: failure with its own DNS and expiry words beside a
#          remote reply; delay warning; "relayed" success notice
#   4      Stalwart: temporary and permanent failures, its own error
#          forms, a delayed group with no Status line
#   5-6    Citadel: three 5xx lines; a give-up notice with mixed lines
#   7-8    Postfix delivering by LMTP to Dovecot: failure (an alias
#          member among them) and delay notice
#   9      Haraka by LMTP, its present template with HTML and image parts
#   10     Stalwart failure: MTA-STS, DANE and a remote reply
#   11     chasquid: an alias's two members (failed, timed out) and a
#          direct recipient
#   12-13  part 2: hMailServer after its last attempt (a fatal and two
#          given-up recipients); Stalwart's own DNS and connection lines

setup() {
	load lib/helpers
}

@test "round28-multi4: every multi-recipient notice gives the recipients, kinds, reasons and writer round28-multi4-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round28-multi4.mbox round28-multi4-expected.tsv
}

# #4 (Stalwart, delayed and failed recipients in one DSN): a delayed
# "(TLS error from 'H': D)" line is TLS that could not be had
# (phrases/soft.txt, Stalwart outbound/mod.rs from_tls_error(); at the
# first run expired, as a cue word gives a delayed group no reason), and
# the delayed section's heading "----- There was a temporary problem
# delivering to these addresses -----" gives no failed recipient a
# system error (soft.txt line 600; at the first run j.ruiz, whose line
# says nothing the phrases read, took systemerror from it).
@test "round28-multi4: Stalwart's TLS error line and its delayed section's heading" {
	cd "$FIXTURES/bounce-writers"
	sed -n '/^From MAILER-DAEMON Tue Dec  8 09:12:40 2026/,/^From /p' round28-multi4.mbox | sed '$d' >"$BATS_TEST_TMPDIR/stalwart.eml"
	run deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/stalwart.eml"
	assert_output "$(printf '%s\n' \
	    $'h.ito@secure.example.net\tsoft\tfailedstarttls' \
	    $'i.novak@busy.example.org\tsoft\ttoomanyconn' \
	    $'j.ruiz@gone.example.com\tsoft\tundefined' \
	    $'k.owen@example.org\tsoft\tspamdetected')"
}

# #12-13 (part 2): hMailServer's give-up entry quoting Postfix's policy
# refusal "Recipient address rejected: Greylisted" is greylisting,
# expired (postgrey's default --greylist-text; at the first run the
# status 4.7.1 made it securityerror), and Stalwart's temporary "No IP
# addresses found for \"HOST\"." is a route lookup that failed for now,
# networkerror (outbound/lookup.rs; at the first run expired).
@test "round28-multi4: a given-up greylisting refusal and Stalwart's MX host with no address" {
	cd "$FIXTURES/bounce-writers"
	sed -n '/^From mailer-daemon@mail.example.org Tue Dec  8 12:15:40 2026/,$p' round28-multi4.mbox >"$BATS_TEST_TMPDIR/part2.mbox"
	run deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/part2.mbox"
	assert_line --index 1 $'a.grey@grey.example.com\tsoft\texpired'
	assert_line --index 4 $'d.nohost@hostless.example.org\tsoft\tnetworkerror'
}

# An "addr: reason" entry under another recipient's entry whose reason a
# relay or mail client wrapped onto the next line (bench/bounce-
# metamorphic.sh's rewrap at 76 bytes, on #6): the wrapped words ("try
# again later") are that entry's reason, not a sentence naming the next
# address ("please try <addr>", bounce-notrcpt.txt), so the next entry's
# recipient is kept (lib/bounce/text.c not_rcpt(), WRAP_MAX lines).
@test "round28-multi4: an entry under another entry whose reason was wrapped onto its own line keeps its recipient" {
	local n="A message you sent could not be delivered to some or all of its recipients
due to prolonged unavailability of its destination(s).
Giving up on the following addresses:
"
	printf 'From: "Citadel" <citadel@mx.example.org>\nTo: office@example.com\nSubject: Delivery Status Notification (Failure)\nMessage-ID: <wrap-1@mx.example.org>\n\n%s\nr.vance@full.example.net: 4.2.2 <r.vance@full.example.net>: Mailbox full,\ntry again later\ns.wolf@example.org: 5.1.1 <s.wolf@example.org>: Recipient address rejected:\nUser unknown\nt.xu@flaky.example.com: Connection broken during SMTP conversation\n' "$n" >"$BATS_TEST_TMPDIR/w.eml"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/w.eml"
	assert_equal "$output" $'r.vance@full.example.net\tsoft\tmailboxfull\ns.wolf@example.org\thard\tuserunknown\nt.xu@flaky.example.com\tsoft\tnetworkerror'
	# a sentence that names the next address as the one to try still
	# keeps it out, its line being no entry of a reason
	printf 'From: "Citadel" <citadel@mx.example.org>\nTo: office@example.com\nSubject: Delivery Status Notification (Failure)\nMessage-ID: <wrap-2@mx.example.org>\n\n%s\nr.vance@full.example.net: 5.1.1 <r.vance@full.example.net>: User unknown\nThe user has left; please try\ns.wolf@example.org instead.\n' "$n" >"$BATS_TEST_TMPDIR/w.eml"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/w.eml"
	assert_equal "$output" $'r.vance@full.example.net\thard\tuserunknown'
}
