#!/usr/bin/env bats
# deliv-bounce-classify: Round 13 (wild8, issue #15), a blind batch of
# whole notices quoted in public threads (the Perl 5 tracker's migrated
# 2000-2004 tickets among them) or shown on help pages of providers,
# list hosts and vendors, scored on the failed-recipient set: Sendmail's
# returned list posts of 1996 (the page's parentheses for brackets),
# Sendmail, Exim 3 and qmail at perl.org, cc:Mail's SMTP gateway and
# Prodigy (a name, no address), ScanMail's and ServGate's virus notices,
# LISTSERV's report to a list owner enclosing a Windows DSN, AOL's help
# page (the address elided), Domino R5, Exchange-style notices naming no
# address or a display name, delay warnings naming nobody, Postfix with
# a list member's address redacted, a list's post script, Gmail, Dooray!.
# tests/fixtures/bounce-classify/wild8.tsv holds the expected record of
# each notice of wild8.mbox ("#" lines: the blind expectation of a miss
# left, with why, the line after it what is asserted); each test
# asserts, per message of its batch, the exact recipients and kinds
# ("recipient/kind", space-joined in the order reported; an empty
# recipient: a notice naming no failed address).

setup() {
	load lib/helpers
	cd "$FIXTURES/bounce-classify"
	run_once -1 deliv-bounce-classify --no-header wild8.mbox
	ALL=$output
	OUT=$(cols -t bounce-classify msgno,recipient,kind)
}

expect() {
	batch_expect wild8.tsv "$1" "$2" 2
}

msgs() {
	batch_msgs wild8.tsv "$1" "$2"
}

@test "bounce-wild8: notices 1-12 (perl.org's Sendmail, Exim 3 and qmail, cc:Mail, virus notices, a list's Sendmail bounces of 1996, LISTSERV's report, AOL's elided address, Prodigy)" {
	[[ $(msgs 1 12 | wc -l) -eq 12 ]]
	assert_equal "$(rk $(msgs 1 12))" "$(expect 1 12)"
}

@test "bounce-wild8: notices 13-25 (Domino R5, notices naming nobody, delay warnings, Exim, Sendmail, Postfix to and at list hosts, Dooray!, Gmail)" {
	[[ $(msgs 13 25 | wc -l) -eq 13 ]]
	assert_equal "$(rk $(msgs 13 25))" "$(expect 13 25)"
}

@test "bounce-wild8: batch 2, notices 26-30 (Outlook.com's NDR for a forwarding alias, a site's reply-only notice, a renamed qmail-send, Sendmail's warning and timeout with placeholders)" {
	[[ $(msgs 26 30 | wc -l) -eq 5 ]]
	assert_equal "$(rk $(msgs 26 30))" "$(expect 26 30)"
}

@test "bounce-wild8: the reasons of the batch, as wild8.tsv expects them" {
	output=$ALL
	assert_equal "$(cols -t bounce-classify msgno,reason | awk -F'\t' '$2 != ""')" \
	    "$(awk -F'\t' '!/^#/ && NF >= 5 && $5 != "" { print $1 "\t" $5 }' wild8.tsv)"
}

@test "bounce-wild8: a record for every notice, and no list, owner, sender, returned To or placeholder is reported" {
	output=$ALL
	assert_equal "$(cols -t bounce-classify msgno | sort -un | wc -l)" "$(grep -c '^From MAILER-DAEMON ' wild8.mbox)"
	# the lists and their owners (7-9, 10, 21), the senders and the
	# returned message's To (1-3, 19, 28), the RT addresses (3-6), the
	# placeholders (11, 16, 21, 23, 29), a contact (27)
	assert_equal "$(cols -t bounce-classify recipient | grep -Eic 'lawpractice|owner-|list\.owner|nixos|^perlbug@|perlbug-followup|perlmail|holzman|dcd@|nick@|you@|aol\.com|\{|\*\*\*|writer@|sales@|mailadm|member@|tester@')" 0
}

# Sendmail's "550 <addr>... User unknown" (usrerr() with the address as
# its prefix) is the error of that recipient address, as a reply to RCPT
# TO is: a missing mailbox, not a content filter's refusal (was: soft
# filtered when no transcript named the command); after DATA a filter's
# bare "User unknown" stays filtered
@test "bounce-wild8: Sendmail's \"ADDR... User unknown\" line is a user unknown without a transcript" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' 'From MAILER-DAEMON Sun Dec  6 04:00:00 2026' \
	    'From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>' \
	    'To: ana@example.org' 'Subject: Returned mail: User unknown' '' \
	    '   ----- The following addresses had permanent fatal errors -----' \
	    'bob@example.net' '' \
	    '   ----- Transcript of session follows -----' \
	    '550 bob@example.net... User unknown' >n.mbox
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason n.mbox
	assert_equal "$output" "$(printf 'bob@example.net\thard\tuserunknown')"
	sed -i 's/^550 bob@example.net... User unknown$/550 User unknown (in reply to end of DATA command)/' n.mbox
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason n.mbox
	assert_equal "$output" "$(printf 'bob@example.net\tsoft\tfiltered')"
}

# soft.txt's "dialup" and "dial-up" (a block list of dial-up hosts) are
# no longer read in a host name ("553 dialup.oar.net config error: mail
# loops back to myself": was blocked, now the loop's networkerror)
@test "bounce-wild8: a host named dialup.* is no dial-up block" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' 'From MAILER-DAEMON Sun Dec  6 04:00:00 2026' \
	    'From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>' \
	    'To: ana@example.org' 'Subject: Returned mail: Local configuration error' '' \
	    '   ----- The following addresses had permanent fatal errors -----' \
	    '<bob@example.net>' '' \
	    '   ----- Transcript of session follows -----' \
	    '553 dialup.example.net config error: mail loops back to myself' \
	    '554 <bob@example.net>... Local configuration error' >n.mbox
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason n.mbox
	assert_equal "$output" "$(printf 'bob@example.net\tsoft\tnetworkerror')"
	sed -i 's/^553 dialup.example.net config error: mail loops back to myself$/550 5.7.1 Mail from dialup hosts refused/' n.mbox
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason n.mbox
	assert_equal "$output" "$(printf 'bob@example.net\tsoft\tblocked')"
}

# cc:Mail's SMTP gateway and Prodigy name the recipient by a name or an
# ID, no address: a user unknown with an empty recipient (was: soft
# undefined, and Prodigy's "Return to Sender" no bounce at all)
@test "bounce-wild8: cc:Mail's and Prodigy's notices read a user unknown, naming no address" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' 'From MAILER-DAEMON Sun Dec  6 04:00:00 2026' \
	    'From: Mailer-Daemon@ccmail.example.org' 'To: ana@example.org' \
	    'Subject: Undeliverable Message' '' \
	    'Sorry. Your message could not be delivered to:' '' \
	    'Bob Smith,SALES (The name was not found at the remote site. Check that the name' \
	    'has been entered correctly.)' >c.mbox
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason c.mbox
	assert_equal "$output" "$(printf '\thard\tuserunknown')"
	printf '%s\n' 'From MAILER-DAEMON Sun Dec  6 04:00:00 2026' \
	    'From: PRODIGY SERVICE' 'Subject: Return to Sender' '' 'Message:' '' \
	    'This message was not delivered.  Check these Addressees for' \
	    'accuracy:' ' ABCD12A' >p.mbox
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason p.mbox
	assert_equal "$output" "$(printf '\thard\tuserunknown')"
}

# delay warnings in a site's own words ("we will continue to attempt
# delivery", "This warning will be repeated", "has been undeliverable
# to the following recipients for at least") read expired (was:
# undefined)
@test "bounce-wild8: a site's own delay warning reads expired" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' 'From MAILER-DAEMON Sun Dec  6 04:00:00 2026' \
	    'From: Mail Delivery System <Mailer-Daemon@relay.example.net>' \
	    'To: ana@example.org' 'Subject: Warning: message 1Zb92h-0002aX-BS delayed 2 hours' '' \
	    'We are having trouble delivering your email because of an onward issue. No' \
	    'action is required on your part - we will continue to attempt delivery for' \
	    'some days.' >n.mbox
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason n.mbox
	assert_equal "$output" "$(printf '\tsoft\texpired')"
}

# Forward Email's "has been retried the maximum of (N) times and has
# permanently failed", as an NDR quotes it, reads expired (was:
# undefined)
@test "bounce-wild8: a relay's \"retried the maximum of (N) times\" reads expired" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' 'From MAILER-DAEMON Sun Dec  6 04:00:00 2026' \
	    'From: postmaster@outlook.example' 'To: ana@example.org' \
	    'Subject: Undeliverable: Hello' '' \
	    'relay.example.net rejected your message to the following email addresses:' '' \
	    'bob@example.net' '' 'relay.example.net gave this error:' \
	    'Remote server returned an error -> 550 Error for example.com of "This message has been retried the maximum of (10) times and has permanently failed."' >n.mbox
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason n.mbox
	assert_equal "$output" "$(printf 'bob@example.net\tsoft\texpired')"
}
