#!/usr/bin/env bats
# deliv-bounce-classify: each writer's notice as its own source or
# documentation words it (tests/fixtures/bounce-classify/writers.mbox),
# and the precision rule for plain-text notices: a recipient only from
# the lines the notice ties to a failure.

setup() {
	load lib/helpers
	F=$FIXTURES/bounce-classify
	cd "$F"
}

@test "bounce-writers: Postfix and Exim delay warnings, Exim, OpenSMTPD, Courier, Gmail, qmail/Yahoo and hMailServer failures, Sendmail's delay warning" {
	run -1 deliv-bounce-classify --no-header writers.mbox
	assert_equal "$(cols -t bounce-classify msgno,recipient,kind,reason,mta)" "$(printf '%s\n' \
	    $'1\tnora@example.net\tsoft\texpired\tpostfix' \
	    $'2\tomar@example.com\tsoft\tmailboxfull\texim' \
	    $'3\tpia@example.net\thard\tuserunknown\texim' \
	    $'4\tmia@example.net\thard\tuserunknown\topensmtpd' \
	    $'5\tleo@example.net\tsoft\tnetworkerror\topensmtpd' \
	    $'6\tivy@example.com\thard\tuserunknown\tcourier' \
	    $'7\tlea@example.com\thard\tuserunknown\tgmail' \
	    $'8\tken@example.com\thard\tuserunknown\tqmail' \
	    $'9\ttom@example.net\thard\tuserunknown\thmailserver' \
	    $'10\tdan@example.net\tsoft\texpired\tsendmail')"
	# Exim's "A message sent by <news-owner@...>" names the sender,
	# before the line that introduces the failed addresses: no recipient
	run -1 grep -c 'news-owner@' <<<"$(cols -t bounce-classify recipient)"
	assert_output 0
}

@test "bounce-writers: Sendmail's warning banner (\"YOU DO NOT NEED TO RESEND YOUR MESSAGE\") is no start of the returned message" {
	awk '/^From MAILER-DAEMON Sat Nov 28 11:30/{p=1} p' writers.mbox >"$BATS_TEST_TMPDIR/w.eml"
	run -1 deliv-bounce-classify --no-header -o recipient,diagnostic "$BATS_TEST_TMPDIR/w.eml"
	assert_output --partial $'dan@example.net\t'
	assert_output --partial 'Deferred: Connection timed out'
}

# a notice with notice lines, and addresses in its prose
notice() {
	{
		printf 'From: postmaster@win.example.com\nTo: news@example.org\n'
		printf 'Subject: Delivery Status Notification (Failure)\n\n'
		printf 'This is an automatically generated Delivery Status Notification.\n\n'
		printf '%s\n\n' "$1"
		printf '%s\n' "${@:2}"
	} >"$BATS_TEST_TMPDIR/n.eml"
}

@test "bounce-writers: a notice's recipients are the addresses after its notice line, not those of its prose" {
	notice 'Delivery to the following recipients failed.' \
	    '       rosa@win.example.com' '' \
	    'Our sales desk is sales@win.example.com.' \
	    'Addresses here look like jane.doe@win.example.com.' \
	    'This notice was sent by postmaster@win.example.com.'
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/n.eml"
	assert_output $'rosa@win.example.com\tsoft\tundefined'
	# each paragraph that opens with an address stays in the block
	notice 'Delivery to the following recipients failed.' \
	    '       rosa@win.example.com' '' '       paul@win.example.com' '' \
	    'Write to help@win.example.com for help.'
	run -1 deliv-bounce-classify --no-header -o recipient "$BATS_TEST_TMPDIR/n.eml"
	assert_output "$(printf 'rosa@win.example.com\npaul@win.example.com')"
	# a labelled recipient ("Recipient: addr") after the notice line too
	notice 'Delivery to the following recipients failed.' \
	    'Recipient: ana@win.example.com' 'Reason: 550 5.1.1 user unknown'
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/n.eml"
	assert_output $'ana@win.example.com\thard\tuserunknown'
}

@test "bounce-writers: a notice whose lines tie no address to the failure gives one record with no recipient" {
	notice 'Delivery to the following recipients failed.' \
	    'The recipient could not be named.' '' \
	    'Our office, office@win.example.com, is closed on Sundays.'
	run -1 deliv-bounce-classify --no-header -o recipient,kind,matched "$BATS_TEST_TMPDIR/n.eml"
	n=$(grep -n '^failed	delivery to the following recipients failed$' "$TOP/phrases/bounce-notice.txt" | cut -d: -f1)
	assert_output "$(printf '\tsoft\tbounce-notice.txt:%s; no failed address named' "$n")"
}

@test "bounce-writers: a transcript's refused RCPT ties its address to the failure, wherever the notice lines are" {
	notice 'YOUR MESSAGE WAS NOT DELIVERED TO ONE OR MORE RECIPIENTS!' \
	    'Contact: admin@win.example.com' '' \
	    '--- Session Transcript ---' \
	    ' --> RCPT To:<amy@example.co.uk>' ' <-- 250 2.1.5 Ok' \
	    ' --> RCPT To:<bob@example.co.uk>' ' <-- 550 5.1.1 No such user' \
	    '--- End Transcript ---'
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/n.eml"
	assert_output $'bob@example.co.uk\thard\tuserunknown'
}

@test "bounce-writers: a bounce-cut.txt regex that hits the match limit is said in matched" {
	mkdir "$BATS_TEST_TMPDIR/ph"
	cp "$TOP"/phrases/*.txt "$BATS_TEST_TMPDIR/ph/"
	printf 'cut\t/(a+)+$/\n' >"$BATS_TEST_TMPDIR/ph/bounce-cut.txt"
	{
		printf 'From: MAILER-DAEMON@example.com\nTo: a@example.com\n'
		printf 'Subject: Undelivered Mail Returned to Sender\n\n'
		printf '<user@example.org>: host mx.example.org said: 550 5.1.1 user unknown %sb\n' "$(printf 'a%.0s' {1..40})"
	} >"$BATS_TEST_TMPDIR/b.eml"
	DELIV_PHRASES_ENGINE=pcre2 run -1 deliv-bounce-classify --no-header --phrases "$BATS_TEST_TMPDIR/ph" "$BATS_TEST_TMPDIR/b.eml"
	assert_equal "${#lines[@]}" 1
	assert_equal "$(cols -t bounce-classify recipient,kind,reason)" $'user@example.org\thard\tuserunknown'
	assert_regex "$(cols -t bounce-classify matched)" '; match error: bounce-cut\.txt: match limit exceeded$'
}

# Round 5: Exchange Online and Gmail replies, from the writers' own pages
# (tests/fixtures/bounce-writers/: office365.mbox, gmail.mbox, replies.tsv)

@test "bounce-writers: Exchange Online NDRs, each status code read as Microsoft's table gives it" {
	run -1 deliv-bounce-classify --no-header "$FIXTURES/bounce-writers/office365.mbox"
	assert_equal "$(cols -t bounce-classify msgno,recipient,action,kind,reason,status,mta)" "$(printf '%s\n' \
	    $'1\tada@example.com\tfailed\thard\tuserunknown\t5.1.10\toffice365' \
	    $'2\tboard@example.com\tfailed\tsoft\trejected\t5.7.12\toffice365' \
	    $'3\tcy@example.net\tfailed\tsoft\texpired\t4.4.7\toffice365' \
	    $'4\tdee@example.net\tfailed\tsoft\tbadreputation\t5.7.708\toffice365' \
	    $'5\teve@example.net\tfailed\tsoft\tspeeding\t5.2.2\toffice365' \
	    $'6\tfay@example.net\tfailed\tsoft\tfailedstarttls\t5.7.323\toffice365' \
	    $'7\tgus@example.net\tdelayed\tsoft\tspeeding\t4.7.500\toffice365' \
	    $'8\thal@example.net\tfailed\tsoft\tpolicyviolation\t5.7.703\toffice365')"
}

@test "bounce-writers: Exchange Online's 5.2.2 is the sender's submission quota, any other writer's 5.2.2 a full mailbox" {
	run -1 deliv-bounce-classify --no-header -o reason "$FIXTURES/bounce-writers/office365.mbox"
	assert_line --index 4 speeding
	sed 's/The message can.t be submitted because the sender.s submission quota was exceeded\./Mailbox full/' \
	    "$FIXTURES/bounce-writers/office365.mbox" >"$BATS_TEST_TMPDIR/full.mbox"
	run -1 deliv-bounce-classify --no-header -o reason "$BATS_TEST_TMPDIR/full.mbox"
	assert_line --index 4 mailboxfull
}

@test "bounce-writers: Exchange Online's 4.7.500-699 and 4.7.850-899 say the same words, the code decides" {
	sed 's/4\.7\.500/4.7.851/g' "$FIXTURES/bounce-writers/office365.mbox" >"$BATS_TEST_TMPDIR/851.mbox"
	run -1 deliv-bounce-classify --no-header -o recipient,reason "$BATS_TEST_TMPDIR/851.mbox"
	assert_line --index 6 $'gus@example.net\tblocked'
}

@test "bounce-writers: Gmail's own DSNs: peak relay limit, SMTP protocol violation" {
	run -1 deliv-bounce-classify --no-header "$FIXTURES/bounce-writers/gmail.mbox"
	assert_equal "$(cols -t bounce-classify msgno,recipient,action,kind,reason,status,mta)" "$(printf '%s\n' \
	    $'1\tida@example.com\tdelayed\tsoft\tspeeding\t4.2.1\tgmail' \
	    $'2\tjo@example.com\tfailed\tsoft\tsyntaxerror\t4.5.0\tgmail')"
}

@test "bounce-writers: Exchange Online's and Gmail's published replies get their reason" {
	cd "$FIXTURES/bounce-writers"
	replies_agree replies.tsv 60
}

# Round 6: the reply tables of Gmail (whole), Outlook.com, Mimecast, Trend
# Micro, Cisco AsyncOS, IONOS, Sophos, Yandex, GMX, Mail.ru, Comcast, AOL,
# smtpf and FTGate
# (tests/fixtures/bounce-writers/providers.tsv)

@test "bounce-writers: Gmail's, Outlook.com's and the gateways' published replies get their reason" {
	cd "$FIXTURES/bounce-writers"
	replies_agree providers.tsv 140
}

@test "bounce-writers: Outlook.com's codes decide (RP-003 a connection limit, SC-002 a refused IP), not the words after them" {
	printf 'toomanyconn\t421 RP-003 (COL004-MC1F12) Unfortunately, some messages from 198.51.100.25 weren'"'"'t sent. Please try again.\n' >"$BATS_TEST_TMPDIR/ms.tsv"
	printf 'blocked\t550 SC-002 (BAY004-MC4F49) Unfortunately, messages from 198.51.100.25 weren'"'"'t sent.\n' >>"$BATS_TEST_TMPDIR/ms.tsv"
	# the same words after another code are no Outlook.com reply
	printf 'undefined\t550 XY-002 (BAY004-MC4F49) Unfortunately, messages from 198.51.100.25 weren'"'"'t sent.\n' >>"$BATS_TEST_TMPDIR/ms.tsv"
	cd "$BATS_TEST_TMPDIR"
	replies_agree ms.tsv 3
}

@test "bounce-writers: a Sophos XGEMAIL code decides, wherever the words before it would point" {
	# "... is in the user block list" reads as a blocked IP without the code
	printf 'filtered\t550 5.7.1 Message rejected because a domain, an IP address, or an email address is in the user block list. XGEMAIL_0009\n' >"$BATS_TEST_TMPDIR/sophos.tsv"
	printf 'blocked\t550 5.7.1 Message rejected because a domain, an IP address, or an email address is in the user block list.\n' >>"$BATS_TEST_TMPDIR/sophos.tsv"
	cd "$BATS_TEST_TMPDIR"
	replies_agree sophos.tsv 2
}
