#!/usr/bin/env bats
# deliv-bounce-classify's failed-recipient sets on legacy and list-era
# notice formats (round 11 "old", a blind audit): ZMailer, Citadel,
# hMailServer, DBMail, XMail, qmail-send with vpopmail's and qmail-ldap's
# texts, Exchange 5.5's MTA, the MS Mail connector, Netscape Messaging
# Server, the Windows SMTP service and a BITNET NJE gateway, each notice
# returning a mailing list's message (its List-*, Reply-To and Sender
# headers, the list's bounce address as the sender).
# tests/fixtures/bounce-classify/legacy.tsv holds the expected failed
# recipients of each notice of legacy.mbox and their sources ("#" lines:
# the blind expectation of a kind left wrong, with why); each test
# asserts, per message of its batch, the exact failed (hard/soft)
# recipients and kinds ("recipient/kind", space-joined in the order
# reported; an empty recipient is a notice that names no failed address).

setup() {
	load lib/helpers
	cd "$FIXTURES/bounce-classify"
	run_once -1 deliv-bounce-classify --no-header legacy.mbox
	ALL=$(cols -t bounce-classify msgno,recipient,kind)
	OUT=$(awk -F'\t' '$3 == "hard" || $3 == "soft"' <<<"$ALL")
}

# expect FIRST LAST: legacy.tsv's lines for messages FIRST..LAST, as rk
# prints them; msgs FIRST LAST: the message numbers it expects there.
expect() {
	batch_expect legacy.tsv "$1" "$2" 2
}

msgs() {
	batch_msgs legacy.tsv "$1" "$2"
}

@test "bounce-legacy: ZMailer's reports (FAILED/DELAYED, Original-Recipient over a rewritten or X-LOCAL Final-Recipient), Citadel" {
	[[ $(msgs 1 11 | wc -l) -eq 11 ]]
	assert_equal "$(rk $(msgs 1 11))" "$(expect 1 11)"
}

@test "bounce-legacy: hMailServer, DBMail, XMail" {
	[[ $(msgs 12 27 | wc -l) -eq 16 ]]
	assert_equal "$(rk $(msgs 12 27))" "$(expect 12 27)"
}

@test "bounce-legacy: qmail-send with vpopmail's and qmail-ldap's texts" {
	[[ $(msgs 28 36 | wc -l) -eq 9 ]]
	assert_equal "$(rk $(msgs 28 36))" "$(expect 28 36)"
}

@test "bounce-legacy: Exchange 5.5's MTA (X.400 and display-name entries: none invented), the MS Mail connector, Netscape, Windows SMTP, an NJE gateway" {
	[[ $(msgs 37 50 | wc -l) -eq 14 ]]
	assert_equal "$(rk $(msgs 37 50))" "$(expect 37 50)"
}

@test "bounce-legacy: batch 2 (hMailServer's virus notice, ZMailer's expanded alias, qmail-ldap's forward error, X.400 entries, the list's addresses in replies)" {
	[[ $(msgs 51 60 | wc -l) -eq 10 ]]
	assert_equal "$(rk $(msgs 51 60))" "$(expect 51 60)"
}

@test "bounce-legacy: a record for every notice; ZMailer's delivered recipient is no failure" {
	assert_equal "$(cut -f1 <<<"$ALL" | sort -un | wc -l)" "$(grep -c '^From MAILER-DAEMON ' legacy.mbox)"
	assert_equal "$(awk -F'\t' '$1 == 6 && $3 != "hard" { print $2 "/" $3 }' <<<"$ALL")" "tuula@zm6.example.fi/undetermined"
}

@test "bounce-legacy: an entry 'addr: reason' under another whose reason names a contact is still a failed recipient" {
	# Citadel's one recipient a line: "zora@...: 552 ... contact
	# postmaster@..." then "anton@...: 550 ...": the contact words are
	# zora's reason, not words before anton (was: anton lost)
	printf '%s\n' 'From MAILER-DAEMON Mon Jan  6 10:00:00 2003' 'From: Citadel <MAILER-DAEMON@bbs.example.de>' \
	    'To: news-bounces@lists.example.org' 'Subject: Delivery Status Notification (Failure)' '' \
	    'A message you sent could not be delivered to some or all of its recipients.' \
	    'The following addresses were undeliverable:' '' \
	    'ada@example.de: 552 5.2.2 Mailbox full; please contact' \
	    'bob@example.de: 550 5.1.1 User unknown' \
	    'cy@example.de: 550 5.1.1 User unknown, write to help@example.de' \
	    'dee@example.de: 550 5.1.1 User unknown' >"$BATS_TEST_TMPDIR/e.mbox"
	run -1 deliv-bounce-classify --no-header -o recipient,kind "$BATS_TEST_TMPDIR/e.mbox"
	assert_equal "$(tr '\t\n' '/ ' <<<"$output")" "ada@example.de/soft bob@example.de/hard cy@example.de/hard dee@example.de/hard "
	# a contact on a line of its own under an entry stays a contact
	printf '%s\n' 'From MAILER-DAEMON Mon Jan  6 10:00:00 2003' 'From: MAILER-DAEMON@mx.example.de' \
	    'To: news-bounces@lists.example.org' 'Subject: Undeliverable mail' '' \
	    'The following addresses were undeliverable:' '' \
	    'eva@example.de: 550 5.1.1 User unknown; for help please contact' \
	    'help@example.de' >"$BATS_TEST_TMPDIR/f.mbox"
	run -1 deliv-bounce-classify --no-header -o recipient,kind "$BATS_TEST_TMPDIR/f.mbox"
	assert_equal "$(tr '\t\n' '/ ' <<<"$output")" "eva@example.de/hard "
}

@test "bounce-legacy: a failed member of an alias the report says was expanded is reported by its own Final-Recipient" {
	# RFC 3464 2.3.3 "expanded"; the members keep the alias's
	# Original-Recipient (RFC 3461): was the alias, its failure lost
	# under the expanded group's record
	assert_equal "$(awk -F'\t' '$1 == 53 { printf "%s/%s ", $2, $3 }' <<<"$ALL")" "staff@zm7.example.fi/undetermined ulla@zm7.example.fi/hard "
	# with no expanded group, the Original-Recipient stays the one reported
	assert_equal "$(awk -F'\t' '$1 == 4 { printf "%s/%s ", $2, $3 }' <<<"$ALL")" "olli@zm4.example.fi/hard "
}
