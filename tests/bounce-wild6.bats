#!/usr/bin/env bats
# deliv-bounce-classify: Round 12 (wild6, issue #15), a blind batch of
# whole failure notices quoted by users in public threads or shown whole
# on help pages, scored on the failed-recipient set: Sendmail from 1991
# to 2004 (a "(reason: ...)" line that echoes another address, a Cc to
# the postmaster, AOL's "*** ATTENTION ***" notice with and without its
# DSN), Exchange 5.5's NDR to an X.400 address, Exchange 2000/2003 and
# its delay DSN, qmail at Yahoo, Gmail's notices with and without a
# DSN, iCloud's attempt history, Firefox Relay's note, Forward Email,
# a Czech/English notice, Postfix with a list's returned post and a DSN
# whose Original-Recipient is an alias, a worm's fake notice.
# tests/fixtures/bounce-classify/wild6.tsv holds the expected record of
# each notice of wild6.mbox ("#" lines: the blind expectation of a miss
# left, with why, the line after it what is asserted); each test
# asserts, per message of its batch, the exact recipients and kinds
# ("recipient/kind", space-joined in the order reported; an empty
# recipient: a notice naming no failed address).

setup() {
	load lib/helpers
	cd "$FIXTURES/bounce-classify"
	run_once -1 deliv-bounce-classify --no-header wild6.mbox
	ALL=$output
	OUT=$(cols -t bounce-classify msgno,recipient,kind)
}

# expect FIRST LAST: wild6.tsv's lines for messages FIRST..LAST, as rk
# prints them; msgs FIRST LAST: the message numbers it expects there.
expect() {
	batch_expect wild6.tsv "$1" "$2" 2
}

msgs() {
	batch_msgs wild6.tsv "$1" "$2"
}

@test "bounce-wild6: notices 1-13 (Postfix to Outlook and GMX, a list's post, Sendmail's reason line, Firefox Relay, Exchange's delay, qmail at Yahoo, an X.400 recipient, Gmail, a Czech notice, an alias's DSN)" {
	[[ $(msgs 1 13 | wc -l) -eq 13 ]]
	assert_equal "$(rk $(msgs 1 13))" "$(expect 1 13)"
}

@test "bounce-wild6: notices 14-26 (Gmail with and without a DSN, iCloud's history, AOL's notices, Sendmail of 1991, a worm's fake, Exchange 2000, Forward Email, Proofpoint at iCloud)" {
	[[ $(msgs 14 26 | wc -l) -eq 13 ]]
	assert_equal "$(rk $(msgs 14 26))" "$(expect 14 26)"
}

@test "bounce-wild6: the reasons of the batch, as wild6.tsv expects them" {
	output=$ALL
	assert_equal "$(cols -t bounce-classify msgno,reason | awk -F'\t' '$2 != ""')" \
	    "$(awk -F'\t' '!/^#/ && NF >= 5 && $5 != "" { print $1 "\t" $5 }' wild6.tsv)"
}

@test "bounce-wild6: a record for every notice, and no address of the returned headers, the notice's To or Cc, an alias or a reason's echo is reported" {
	output=$ALL
	assert_equal "$(cols -t bounce-classify msgno | sort -un | wc -l)" "$(grep -c '^From MAILER-DAEMON ' wild6.mbox)"
	# the list and its bounce address (2), the senders (1, 3, 9, 13,
	# 18-20, 24), the alias (14), the reason's echo (6), the Cc'd
	# postmaster and Reply-To (20), the sender in the reply (17), the
	# X.400 address (10)
	assert_equal "$(cols -t bounce-classify recipient | grep -Eic 'db\.cevi\.ch|cevi-example|steve@|kanzlei@|customercare@|sender@example\.net|info@pgbarman|here@home|postmaster@|writing-group@|mg@gracie|alex\.1501@|sales@bentall|webmaster@|c=us')" 0
}

# Sendmail writes each failed address on its own line and under it
# "(reason: <reply>)"; an address the reply echoes is no second failed
# recipient (was: reported too)
@test "bounce-wild6: an address inside Sendmail's (reason: ...) line is not a recipient" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' 'From MAILER-DAEMON Sun Dec  6 02:00:00 2026' \
	    'From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>' \
	    'To: ana@example.org' 'Subject: Returned mail: see transcript for details' '' \
	    '   ----- The following addresses had permanent fatal errors -----' \
	    '<bob@example.com>' \
	    '    (reason: 550 5.1.1 <robert@example.com>... User unknown)' '' \
	    '   ----- Transcript of session follows -----' \
	    '550 5.1.1 <bob@example.com>... User unknown' >n.mbox
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason n.mbox
	assert_equal "$output" "$(printf 'bob@example.com\thard\tuserunknown')"
}

# AOL's notice explains itself: "The address which was undeliverable is
# listed in the section labeled ..."; "is listed" there is no block list
# (was: soft blocked for a hard "User unknown"); a block list's "is
# listed" stays blocked
@test "bounce-wild6: AOL's \"is listed in the section\" is no block list" {
	cd "$BATS_TEST_TMPDIR"
	cat >n.mbox <<-'M'
	From MAILER-DAEMON Sun Dec  6 02:00:00 2026
	From: Mail Delivery Subsystem <MAILER-DAEMON@aol.com>
	To: ana@example.org
	Subject: Returned mail: User unknown
	MIME-Version: 1.0
	Content-Type: multipart/report; report-type=delivery-status; boundary="b"

	--b

	Your e-mail is being returned to you because there was a problem with its
	delivery.  The address which was undeliverable is listed in the section
	labeled: "----- The following addresses had permanent fatal errors -----".

	   ----- The following addresses had permanent fatal errors -----
	<bob@aol.com>

	--b
	Content-Type: message/delivery-status

	Reporting-MTA: dns; rly.mx.aol.com

	Final-Recipient: RFC822; bob@aol.com
	Action: failed
	Status: 5.1.1
	Diagnostic-Code: SMTP; 550 MAILBOX NOT FOUND

	--b--
	M
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason n.mbox
	assert_equal "$output" "$(printf 'bob@aol.com\thard\tuserunknown')"
	sed -i 's/ The address which was undeliverable is listed in the section/ Your server 192.0.2.7 is listed on a DNSBL; see the section/' n.mbox
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason n.mbox
	assert_equal "$output" "$(printf 'bob@aol.com\tsoft\tblocked')"
}
