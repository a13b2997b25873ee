#!/usr/bin/env bats
# deliv-bounce-classify: Round 25 (list4, issue #15), exact failed-
# recipient sets and address precision on more real bounces that reached
# mailing-list archives (public-inbox mirrors of SourceForge, ozlabs and
# OSUOSL project lists, 2019-2026), most of them notices to a list
# address that spam runs and phishers forge as sender, and two messages
# that only look like bounces: 12 messages, committed before their first
# run: tests/fixtures/bounce-writers/round25-list4.mbox, its expected
# records in round25-list4-expected.tsv (msgno, mta, recipient, kind,
# reason; the sources and the readings in its head).
#   1      IceWarp's Sendmail-like text, "This message scored ... points"
#   2      PowerMTA, the same SourceForge refusal
#   3      Cisco IronPort, "5.3.0 - Other mail system problem 550-'SPF ..."
#   4      Exim on cPanel, the same SourceForge refusal
#   5      Exim on cPanel, "exceeded the max emails per hour", 5 addresses
#   6      qmail-send, QQ's "550 SPF check failed"
#   7      Postfix at Mittwald, "is not allowed to send mail from", 2
#   8      Postfix, QQ's "550 Domain may not exist or DNS check failed"
#   9      Exim, "(generated from A)", "550 High probability of spam"
#   10     1&1 (kundenserver.de), Gmail's "likely unsolicited mail"
#   11     a member's message quoting Mailman's bounce-disable notice: none
#   12     a phish dressed as "Undeliverable: Outgoing mail failed": none

setup() {
	load lib/helpers
}

@test "round25-list4: every message gives the recipients, kinds, reasons and writer round25-list4-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round25-list4.mbox round25-list4-expected.tsv
}
