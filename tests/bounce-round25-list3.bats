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
