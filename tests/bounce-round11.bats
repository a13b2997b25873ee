#!/usr/bin/env bats
# deliv-bounce-classify: Round 11 (rsn5), a blind batch of replies of
# writers no other fixture cited (AT&T/BellSouth, EarthLink, Runbox,
# OVH, Netbit, go-guerrilla, Hestia's Exim, SimpleLogin, addy.io, 263,
# WiscMail, VPOP3, Japanese ISPs; tests/fixtures/bounce-writers/
# round11-replies.tsv, the replies left wrong kept as "#" lines with
# why).  Each reply gets its reason, and the kind data/reasons.tsv gives
# that reason (bycode: soft for a 4xx reply or a 4.x.x status, else
# hard), as tests/bounce-round10.bats asserts round10b's.

setup() {
	load lib/helpers
}

@test "bounce-round11: each reply of the writers no fixture covered gets the reason and kind its writer gives" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round11-replies.tsv 54
	kinds_agree round11-replies.tsv
}

# round 11's phrases and cues and their neighbours: a sender's domain
# "is unknown" stays the sender's, a mailbox that "does not exist" after
# "Sender address rejected" too; an IP not allowed to send without an
# SPF word stays blocked; a mailbox larger than its quota stays full; a
# suspension "for 30 days" stays a suspension; an older authentication
# wording keeps its reason
@test "bounce-round11: the wordings next to round 11's phrases and cues keep their older reasons" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'rejected\t550 5.1.8 <alice@example.org>: Sender address rejected: Domain is unknown' \
	    $'hostunknown\t450 4.1.2 <rcpt@example.net>: Recipient address rejected: Domain not found' \
	    $'blocked\t554 5.7.1 192.0.2.1 is not allowed to send mail here' \
	    $'mailboxfull\t552 5.2.2 Mailbox size larger than quota' \
	    $'suspend\t550 Account suspended for 30 days' \
	    $'securityerror\t530 5.7.0 Authentication required' \
	    $'rejected\t550 Sender address rejected: mailbox not exist' \
	    $'userunknown\t550 5.1.1 <rcpt@example.net>: Recipient address rejected: User unknown in virtual mailbox table' \
	    $'expired\t4.4.7 Delivery expired (message too old) for 5 days' >others.tsv
	replies_agree others.tsv 9
	kinds_agree others.tsv
}

# the cues of round 11 carry over to the older sendmail wording a code
# alone would leave undefined (the cue file with empty soft.txt and
# hard.txt, as bench/bounce-cues.sh's "codes" setting)
@test "bounce-round11: with no phrase list, the new cues still read a delay of days or hours and a missing authentication" {
	cd "$BATS_TEST_TMPDIR"
	mkdir ph
	cp "$TOP/phrases/"*.txt ph/
	: >ph/soft.txt
	: >ph/hard.txt
	printf '%s\n' \
	    $'expired\tCannot send message for 5 days' \
	    $'expired\tWarning: could not send message for past 4 hours' \
	    $'securityerror\t550 smtp auth required' \
	    $'mesgtoobig\tYour e-mail message is larger than the destination mail system is able to accept.' >cues.tsv
	awk -F'\t' -f "$TOP/tests/lib/replies-dsn.awk" cues.tsv >cues.mbox
	run -1 deliv-bounce-classify --no-header --phrases ph -o recipient,reason,kind cues.mbox
	assert_equal "$output" "$(printf '%s\n' \
	    $'rcpt1@example.net\texpired\tsoft' \
	    $'rcpt2@example.net\texpired\tsoft' \
	    $'rcpt3@example.net\tsecurityerror\tsoft' \
	    $'rcpt4@example.net\tmesgtoobig\tsoft')"
}

# An RFC's section number in a reply is no status: Exim's "Invalid HELO
# name (See RFC2821 4.1.3)" in a notice without a DSN part read 4.1.3, a
# hard userunknown, before round 11 (and "RFC 5321 section 4.5.3"
# 4.5.3).  And an unknown domain in reply to MAIL FROM is the sender's.
@test "bounce-round11: an RFC section number is no status code; a missing domain in reply to MAIL FROM is the sender refused" {
	cd "$BATS_TEST_TMPDIR"
	{
		printf 'From MAILER-DAEMON Tue Nov 17 08:00:00 2026\nFrom: MAILER-DAEMON@mx.example.org\n'
		printf 'To: s@example.org\nSubject: Undelivered Mail Returned to Sender\n\nThe mail system\n\n'
		printf '<a@example.net>: host mx.example.net said: 550 Access denied - Invalid HELO\n'
		printf '    name (See RFC2821 4.1.3) (in reply to MAIL FROM command)\n\n'
		printf 'From MAILER-DAEMON Tue Nov 17 08:00:01 2026\nFrom: MAILER-DAEMON@mx.example.org\n'
		printf 'To: s@example.org\nSubject: Undelivered Mail Returned to Sender\n\nThe mail system\n\n'
		printf '<b@example.net>: host mx.example.net said: 550 Line too long, see RFC 5321\n'
		printf '    section 4.5.3 (in reply to RCPT TO command)\n\n'
		printf 'From MAILER-DAEMON Tue Nov 17 08:00:02 2026\nFrom: MAILER-DAEMON@mx.example.org\n'
		printf 'To: s@example.org\nSubject: Undelivered Mail Returned to Sender\n\nThe mail system\n\n'
		printf '<c@example.net>: host mx.example.net said: 553 example.org does not exist (in\n'
		printf '    reply to MAIL FROM command)\n'
	} >notices.mbox
	run -1 deliv-bounce-classify --no-header -o recipient,reason,kind,status notices.mbox
	assert_equal "$output" "$(printf '%s\n' \
	    $'a@example.net\tblocked\tsoft\t' \
	    $'b@example.net\tnotcompliantrfc\tsoft\t' \
	    $'c@example.net\trejected\tsoft\t')"
}

# bench/bounce-blind.sh counts the asserted lines and the kept "#" misses
@test "bounce-round11: bench/bounce-blind.sh scores a batch's asserted lines and its kept misses" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' '# a batch' \
	    $'mailboxfull\t552 5.2.2 Mailbox full' \
	    '# left: why' \
	    $'# userunknown\t550 5.7.1 Rejected' >b.tsv
	run -0 env VERBOSE=1 bash "$TOP/bench/bounce-blind.sh" "$TOP/build" "$TOP/phrases" "$PWD/b.tsv"
	assert_equal "$output" "$(printf '%s\n' \
	    '  R userunknown -> securityerror (status:5.7.1): 550 5.7.1 Rejected' \
	    '  K hard -> soft: 550 5.7.1 Rejected' \
	    'b.tsv                    lines   2  reason   1 ( 50.0 %)  kind   1 ( 50.0 %)  hard wrongly 0')"
}
