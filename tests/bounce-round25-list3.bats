#!/usr/bin/env bats
# deliv-bounce-classify: Round 25 (list3, issue #15), exact failed-
# recipient sets and address precision on real bounces that reached
# mailing-list archives (public-inbox mirrors of kernel and project lists,
# 2019-2024), most of them notices to a list address that spam runs and
# worms forge as sender, and three messages that only look like bounces:
# 13 messages, committed before their first run: tests/fixtures/
# bounce-writers/round25-list3.mbox, its expected records in
# round25-list3-expected.tsv (msgno, mta, recipient, kind, reason; the
# sources and the readings in its head).
#   1      IIS SMTPSVC DSN, the list address greylisted (4.7.1)
#   2      1&1 (kundenserver.de), an SPF refusal at a member's host
#   3      a poster's reply quoting Mailman's held-post notice: none
#   4      1&1 IONOS US (perfora.net), "550 No Such User Here"
#   5      hMailServer, 21 recipients: SPF refusals and one rate limit
#   6      a worm's copy of InterMail's notice: none
#   7      amavisd-new BANNED CONTENTS ALERT
#   8      Postfix at MailChannels, "User unknown in virtual alias table"
#   9      hMailServer, the list address greylisted, "Tried 5 time(s)"
#   10     ITZBund's German gateway notice: no address named as failed
#   11     Postfix -> Dovecot LMTP, "User doesn't exist"
#   12     Postfix renamed "ADSMedia MTA", "loops back to myself"
#   13     Postfix success notice, "alias expanded": delivered

setup() {
	load lib/helpers
}

@test "round25-list3: every message gives the recipients, kinds, reasons and writer round25-list3-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round25-list3.mbox round25-list3-expected.tsv
}

# A reply folded inside a word (1&1's notice, #2: "... identity
# linux-f2fs-dev" then "el@lists.sourceforge.net, and ip ...") gives no
# recipient "el@...": the tail of a word the line before broke, with no
# code on its line, is not a recipient listed under the first.  A line
# that opens with an address after a line that lists one, or that has a
# code, still is.
@test "round25-list3: an address's tail that a wrapped reply line opens with is not a failed recipient" {
	cat >"$BATS_TEST_TMPDIR/w.eml" <<'MSG'
From: Mail Delivery System <mailer-daemon@mx.example.net>
To: news@example.org
Subject: Mail delivery failed: returning message to sender
Auto-Submitted: auto-replied

This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of
its recipients. This is a permanent error. The following address(es)
failed:

ann@example.com:
SMTP error from remote server for TEXT command, host: mx.example.com (192.0.2.1) reason: 550 192.0.2.9 is not allowed to send mail from example.org
. Please see the SPF record, with scope mfrom, identity news-bounc
es@example.org, and ip 192.0.2.9
MSG
	run -1 deliv-bounce-classify --no-header -o recipient "$BATS_TEST_TMPDIR/w.eml"
	assert_output "ann@example.com"
	sed -i 's/^es@example.org, and ip/es@example.org: 550 5.1.1 unknown/' "$BATS_TEST_TMPDIR/w.eml"
	run -1 deliv-bounce-classify --no-header -o recipient "$BATS_TEST_TMPDIR/w.eml"
	assert_output "ann@example.com
es@example.org"
}
