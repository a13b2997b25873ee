#!/usr/bin/env bats
# deliv-bounce-classify: Round 12 (wild4, issue #15), a blind batch of
# whole failure notices quoted by users in public threads, scored on the
# failed-recipient set: a mailing list's returned post (its list, owner
# and Reply-To addresses), a Cc'd message, an SRS address as the notice's
# To, Postfix's "(expanded from <alias>)", delay warnings of Exim and
# Gmail, Exchange Online in English and German, Gmail, Yahoo via Postfix,
# qmail, Haraka, Trend Micro's gateway, an anti-virus gateway's notice
# about a worm's fake one, ITS COMSAT, and a delivery-status part whose
# Final-Recipient is no address; batch 2: a gateway refusing two
# recipients, a list member expanded from the list, a status group with
# no Action, a refused sender with no recipient quoted, MDaemon's
# Spanish/English notice.  tests/fixtures/bounce-classify/wild4.tsv
# holds the expected record of each notice of wild4.mbox ("#" lines: the
# blind expectation of a miss left, with why, the line after it what is
# asserted); each test asserts, per message of its batch, the exact
# recipients, kind and reason ("recipient/kind/reason", space-joined in
# the order reported; an empty recipient: a notice naming no failed
# address).

setup() {
	load lib/helpers
	cd "$FIXTURES/bounce-classify"
	run_once -1 deliv-bounce-classify --no-header wild4.mbox
	ALL=$output
	OUT=$(cols -t bounce-classify msgno,recipient,kind,reason |
	    awk -F'\t' -v OFS='\t' '{ print $1, $2, $3 "/" $4 }')
}

# expect FIRST LAST: wild4.tsv's lines for messages FIRST..LAST, as rk
# prints them; msgs FIRST LAST: the message numbers it expects there.
expect() {
	batch_expect wild4.tsv "$1" "$2" 3
}

msgs() {
	batch_msgs wild4.tsv "$1" "$2"
}

@test "bounce-wild4: notices 1-14 (a list's returned post, qmail, Exim's and Gmail's delay warnings, Yahoo via Postfix, Exchange Online, an alias)" {
	[[ $(msgs 1 14 | wc -l) -eq 14 ]]
	assert_equal "$(rk $(msgs 1 14))" "$(expect 1 14)"
}

@test "bounce-wild4: notices 15-28 (Haraka with Cc's, Gmail, three Postfix entries, Exchange Online in German, an anti-virus gateway, an SRS To, ITS, a status part without an address)" {
	[[ $(msgs 15 28 | wc -l) -eq 14 ]]
	assert_equal "$(rk $(msgs 15 28))" "$(expect 15 28)"
}

@test "bounce-wild4: batch 2, notices 29-37 (Stalwart's two refused recipients, Exchange 2010, a list member, Comcast's status group without Action, Exim's refused sender, Gmail, MDaemon, a worm's fake text)" {
	[[ $(msgs 29 37 | wc -l) -eq 9 ]]
	assert_equal "$(rk $(msgs 29 37))" "$(expect 29 37)"
}

@test "bounce-wild4: a record for every notice, and no address of the returned headers, the notice's To or its prose is reported" {
	output=$ALL
	assert_equal "$(cols -t bounce-classify msgno | sort -un | wc -l)" "$(grep -c '^From MAILER-DAEMON ' wild4.mbox)"
	# the list, its owner and request addresses (1), the Cc's (15), the
	# SRS address (21), the members of the aliases (23, 31: the alias,
	# the address the sender used, is reported since round 16), the
	# sender of a copy (3, 4, 30, 32), the refused sender (33), the
	# worm's target (19, 37)
	assert_equal "$(cols -t bounce-classify recipient | grep -Eic 'listes\.example\.org|@example\.(org|net)$|srs=|owner@example\.de|^user@example\.com|albert@|kim@|sender@|shiva@|newlavender|perlbug@')" 0
}

# a Final-Recipient that holds no address ("redacted") and no
# Original-Recipient: the record names no recipient and says why (was:
# "redacted" reported as the failed address)
@test "bounce-wild4: a delivery-status group whose Final-Recipient is no address reports none" {
	cd "$BATS_TEST_TMPDIR"
	cat >n.mbox <<-'M'
	From MAILER-DAEMON Sun Dec  6 02:00:00 2026
	From: Mail Delivery Subsystem <postmaster@mx.example.org>
	To: ana@example.org
	Subject: Delivery Status Notification (Failure)
	MIME-Version: 1.0
	Content-Type: multipart/report; report-type=delivery-status; boundary="b"

	--b
	Content-Type: message/delivery-status

	Reporting-MTA: dns; mx.example.org

	Final-Recipient: redacted
	Action: failed
	Status: 5.1.1
	Diagnostic-Code: smtp; 550 5.1.1 User unknown

	--b
	Content-Type: text/rfc822-headers

	From: ana@example.org
	To: list@lists.example.org
	Subject: hello

	--b--
	M
	run -1 deliv-bounce-classify --no-header -o recipient,kind,matched n.mbox
	assert_equal "$output" "$(printf '\thard\thard.txt:116; no address in Final-Recipient')"
	# a local name with an Original-Recipient keeps the Original-Recipient
	sed -i 's/^Final-Recipient: redacted/Original-Recipient: rfc822; bob@example.net\nFinal-Recipient: rfc822; bob/' n.mbox
	run -1 deliv-bounce-classify --no-header -o recipient,kind n.mbox
	assert_equal "$output" "$(printf 'bob@example.net\thard')"
}

# Exchange Online's NDR in German names the recipient unknown as "LOCAL
# wurde nicht in DOMAIN gefunden" (was: no bounce read at all); the
# English "wasn't found at" stays userunknown
@test "bounce-wild4: Exchange Online's German NDR names its recipient unknown" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' 'From MAILER-DAEMON Sun Dec  6 02:00:00 2026' \
	    'From: Microsoft Outlook <postmaster@example.onmicrosoft.com>' \
	    'To: ana@example.org' 'Subject: Unzustellbar: Termin' '' \
	    'Ihre Nachricht an bob@example.de konnte nicht zugestellt werden.' '' \
	    'bob wurde nicht in example.de gefunden.' '' \
	    'From MAILER-DAEMON Sun Dec  6 02:00:01 2026' \
	    'From: Microsoft Outlook <postmaster@example.onmicrosoft.com>' \
	    'To: ana@example.org' 'Subject: Undeliverable: meeting' '' \
	    "Your message to cy@example.com couldn't be delivered." '' \
	    "cy wasn't found at example.com." >n.mbox
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason n.mbox
	assert_equal "$output" "$(printf 'bob@example.de\thard\tuserunknown\ncy@example.com\thard\tuserunknown')"
}
