#!/usr/bin/env bats
# deliv-bounce-classify: Round 25 (list5, issue #15), exact failed-
# recipient sets and address precision on the list archives' other
# notices (public-inbox mirrors of SourceForge, OSUOSL and 01.org project
# lists, 2019-2025): writers and forms list3 and list4 lacked, and three
# messages that only look like bounces: 9 messages, committed before their
# first run: tests/fixtures/bounce-writers/round25-list5.mbox, its expected
# records in round25-list5-expected.tsv (msgno, mta, recipient, kind,
# reason; the sources and the readings in its head).
#   1      Exim at Mail2World, "501 This system is not configured to relay"
#   2      a worm's copy of Sendmail's notice: none
#   3      Postfix, SourceForge's "550 This message scored 9.8 points"
#   4      Postfix, QQ's "550 Mailbox unavailable or access denied", folded
#   5      IIS SMTPSVC 6.0, QQ's "550 SPF check failed"
#   6      SourceForge's Exim delay warning, "451 Temporary local problem"
#   7      a phish imitating a delay notice's DSN fields: none
#   8      an HTML-only phish, "identified it as spam": none
#   9      IIS SMTPSVC 10.0, Status 4.0.0 after greylisting, the list address

setup() {
	load lib/helpers
}

@test "round25-list5: every message gives the recipients, kinds, reasons and writer round25-list5-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round25-list5.mbox round25-list5-expected.tsv
}
