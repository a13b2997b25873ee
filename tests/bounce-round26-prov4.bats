#!/usr/bin/env bats
# deliv-bounce-classify: Round 26 (prov4, issue #15), exact failed-
# recipient sets and address precision on whole notices a mail
# provider's own system writes, outside the big English-speaking ones:
# 11 notices, committed before their first run:
# tests/fixtures/bounce-writers/round26-prov4.mbox, its expected records
# in round26-prov4-expected.tsv (msgno, mta, recipient, kind, reason; the
# sources and the readings in its head).
#   1      NAVER's portal notice, "수신차단" (the recipient blocked you)
#   2-5    NHN Dooray!'s Korean notice: blocked, reception restricted,
#          mailbox full, confidential mail kept from outside accounts
#   6      Dooray!'s English notice, "mailbox unavailable"
#   7      India's NIC mail, "Inactive ID Notification."
#   8      NederHost's Postfix success DSN (no failure)
#   9-10   a French list host's Postfix: Orange, SFR, OVH, Yahoo, Free
#   11     a forum host's Postfix: Free's "too many errors detected"

setup() {
	load lib/helpers
}

@test "round26-prov4: every notice gives the recipients, kinds, reasons and writer round26-prov4-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round26-prov4.mbox round26-prov4-expected.tsv
}

@test "round26-prov4: a notice line under headers that give no sign outweighs Auto-Submitted: auto-replied (null Return-Path)" {
	# no daemon From, no bounce Subject, RFC 3834's auto-replied: with a
	# line that introduces failed recipients it is a notice, not an
	# auto-reply (lib/bounce/bounce.c body_notice())
	printf 'Return-Path: <>\nFrom: Notices <no-reply@mail.example.com>\nTo: ann@example.org\nSubject: Dooray! notice\nAuto-Submitted: auto-replied\n\n%s\n\n    bob@example.net\n' \
	    'Delivery to the following recipients failed.' >"$BATS_TEST_TMPDIR/n.eml"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/n.eml"
	assert_output $'bob@example.net\tsoft\tundefined'
	# the same without the notice line stays an auto-reply
	printf 'Return-Path: <>\nFrom: Notices <no-reply@mail.example.com>\nTo: ann@example.org\nSubject: Dooray! notice\nAuto-Submitted: auto-replied\n\nI am away until Monday.\n' >"$BATS_TEST_TMPDIR/v.eml"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/v.eml"
	assert_output $'no-reply@mail.example.com\tundetermined\tvacation'
}

@test "round26-prov4: an address glued to a name, \"NAME(ADDR)\", opening a notice's paragraph is that paragraph's recipient" {
	# NHN Dooray!'s "NAME(ADDR) 님께 보낸 메일이 전송되지 못하였습니다.", a
	# word a line: the address is no word of another recipient's reason
	# (lib/bounce/notice.c in_others_para())
	printf 'Return-Path: <>\nFrom: MAILER-DAEMON@mail.example.com\nTo: ann@example.org\nSubject: failure\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\n%s\n%s\n%s\n' \
	    '김하늘(haneul.kim@example.com) ' '          님께' $'보낸\n메일이\n전송되지\n못하였습니다.' >"$BATS_TEST_TMPDIR/k.eml"
	run -1 deliv-bounce-classify --no-header -o recipient,kind "$BATS_TEST_TMPDIR/k.eml"
	assert_output $'haneul.kim@example.com\tsoft'
}
