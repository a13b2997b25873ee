#!/usr/bin/env bats
# deliv-bounce-classify: Round 18 (jp, issue #15), Japanese writers:
# blind batches of replies and failure texts of Japanese carriers,
# portals and hosts and of a global provider's Japanese notices, as the
# writers' own help pages and Japanese pages quoting them give them
# (tests/fixtures/bounce-writers/round18-jp.tsv: docomo, au, Yahoo!
# JAPAN, Gmail in Japanese, Hosting Ace, SPPD; round18-jp2.tsv: qmail-
# send's notices for docomo, a carrier's Unknown user by its Status,
# MailGates, a Japanese server's replies; the replies left wrong are "#"
# lines with why), and a whole-notice batch (round18-jp.mbox: OCN's
# bilingual Postfix notice in ISO-2022-JP, Yahoo! JAPAN's Failure
# Notice, Gmail's Japanese delay and final notices in UTF-8; the records
# expected in round18-jp-expected.tsv).  Each reply gets its reason, and
# the kind data/reasons.tsv gives that reason (bycode: soft for a 4xx
# reply or a 4.x.x status, else hard).

setup() {
	load lib/helpers
}

@test "bounce-round18-jp: each Japanese writer's reply gets the reason and kind its meaning gives (round18-jp, round18-jp2)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round18-jp.tsv 7
	kinds_agree round18-jp.tsv
	replies_agree round18-jp2.tsv 4
	kinds_agree round18-jp2.tsv
}

@test "bounce-round18-jp: every whole notice gives the recipient, kind, reason and writer round18-jp-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round18-jp.mbox round18-jp-expected.tsv
	assert_equal "$(grep -c '^From MAILER-DAEMON ' round18-jp.mbox)" 4
}

# a reply's own "(in reply to end of DATA command)" or qmail's "failed
# after I sent the message" tells the command when the notice around it
# names none: a short "unknown user" after DATA is the recipient's
# filter; at RCPT TO, an explicit phrase after DATA, and a code of the
# address (X.1.1) keep the missing mailbox
@test "bounce-round18-jp: the command a reply names itself decides a short \"unknown user\"" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'filtered\t550 No such user (in reply to end of DATA command)' \
	    $'filtered\t550 Unknown user bob@docomo.ne.jp (in reply to end of DATA command)' \
	    $'userunknown\t550 Unknown user bob@docomo.ne.jp (in reply to RCPT TO command)' \
	    $'userunknown\t550 5.1.1 Unknown user (in reply to end of DATA command)' \
	    $'userunknown\t554 delivery error: dd This user doesn\'t have a yahoo.com account (bob@yahoo.com) [0] - mta1.mail.example.com (in reply to end of DATA command)' \
	    $'userunknown\t550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown in local recipient table (in reply to RCPT TO command)' \
	    $'userunknown\t192.0.2.1 does not like recipient. Remote host said: 550 Unknown user bob@docomo.ne.jp Giving up on 192.0.2.1.' \
	    $'filtered\t192.0.2.1 failed after I sent the message. Remote host said: 550 User unknown' >cmd.tsv
	replies_agree cmd.tsv 8
	kinds_agree cmd.tsv
}

# the new phrases' neighbours: Gmail's English over-quota replies and
# another inbox word stay mailboxfull, a spool that is only named (a
# delay, a queue) keeps its reason, a mail system's storage full stays
# systemfull
@test "bounce-round18-jp: the wordings next to round 18's phrases keep their older reasons" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'mailboxfull\t452 4.2.2 The email account that you tried to reach is over quota. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaTemp - gsmtp' \
	    $'mailboxfull\t552 5.2.2 The recipient\'s inbox is out of storage space and inactive.' \
	    $'mailboxfull\t宛先のメールボックスがいっぱいです' \
	    $'systemfull\t452 4.3.1 Mail system storage is full.' \
	    $'systemerror\t451 4.3.2 bob... database error' \
	    $'expired\tWarning: could not send message for past 4 hours' >others.tsv
	replies_agree others.tsv 6
	kinds_agree others.tsv
}
