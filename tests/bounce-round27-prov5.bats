#!/usr/bin/env bats
# deliv-bounce-classify: Round 27 (prov5, issue #15), a blind batch of
# replies of providers and closed-source servers with few or no
# fixtures, as their own help pages, their vendors' knowledge bases or a
# thread quoting real traffic give them (cubewerk securePostfach,
# mail.ee, Gordano GMS, seppmail.cloud, Cleanmail, Outlook.com), written
# and committed before the first run:
# tests/fixtures/bounce-writers/round27-prov5-prov.tsv (named so that
# bench/bounce-blind.sh's round*-prov*.tsv glob counts it); the replies
# left wrong are "#" lines there with why.  Each reply gets its reason,
# and the kind data/reasons.tsv gives that reason (bycode: soft for a
# 4xx reply or a 4.x.x status, else hard).
# And whole notices where a real copy is quoted (round27-prov5.mbox, the
# expected records in round27-prov5-expected.tsv: msgno, mta, recipient,
# kind, reason; the sources and readings in its head and in each
# notice's X-Test-Source):
#   1  Proton Mail's Postfix notice in Traditional Chinese
#   2  Proton Mail's English Postfix notice, Gmail's folded 552-5.7.0
#   3  an Exchange 2003 NDR carrying mail.ee's "rejected: Inactive user"
# 12 replies and the 3 notices agree after the round's phrases (soft.txt's
# "Round 27 (prov5)" lines) and its C change (the last test); one miss
# stays as a "#reason<TAB>reply" line with its blind label.

setup() {
	load lib/helpers
}

@test "round27-prov5: each provider's reply gets the reason and kind its page gives (round27-prov5-prov)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round27-prov5-prov.tsv 12
	kinds_agree round27-prov5-prov.tsv
}

@test "round27-prov5: every provider's notice gives the recipients, kinds, reasons and writer round27-prov5-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round27-prov5.mbox round27-prov5-expected.tsv
}

@test "round27-prov5: in an Exchange 2003 line \"<HOST #X.Y.Z smtp;REPLY>\" the remote's reply decides over Exchange's own sentence for the code" {
	# Exchange writes "You do not have permission to send to this
	# recipient." for any 5.7.1; the remote's words inside the bracket
	# say why (help.mail.ee's "Inactive user" notice; lib/bounce/
	# reasons.c quoted_reply())
	printf 'Return-Path: <>\nFrom: System Administrator <postmaster@corp.example.com>\nTo: ann@corp.example.com\nSubject: Undeliverable: notes\nX-MimeOLE: Produced By Microsoft Exchange V6.5\n\n%s\n\n      %s\n            %s\n            %s\n' \
	    'The following recipient(s) cannot be reached:' 'bob@example.org on 14.05.2008 14:38' \
	    'You do not have permission to send to this recipient.  For assistance, contact your system administrator.' \
	    '<mx.example.org #5.7.1 smtp;550 5.7.1 mailbox is disabled>' >"$BATS_TEST_TMPDIR/x.eml"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/x.eml"
	assert_output $'bob@example.org\tsoft\tsuspend'
	# no phrase in the remote's reply: Exchange's sentence still counts
	sed -i 's/mailbox is disabled/Go away/' "$BATS_TEST_TMPDIR/x.eml"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/x.eml"
	assert_output $'bob@example.org\tsoft\trejected'
}
