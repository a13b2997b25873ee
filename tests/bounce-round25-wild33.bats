#!/usr/bin/env bats
# deliv-bounce-classify: Round 25 (wild33, issue #15), exact failed-
# recipient sets and address precision on real notices quoted whole or
# nearly whole in public issue threads of 2020-2026, and three messages
# that only look like bounces: 14 messages, committed before their
# first run: tests/fixtures/bounce-writers/round25-wild33.mbox, its
# expected records in round25-wild33-expected.tsv (msgno, mta,
# recipient, kind, reason; the sources and the readings in its head).
#   1      Gmail "Message not delivered", connection timed out
#   2      Exchange Online, sender not a valid sender, no address quoted
#   3      Gmail "Address not found", "was not delivered to"
#   4      Postfix address block, Namecheap's forwarder, 554 5.1.1
#   5      Gmail, "has been blocked" (one line)
#   6      Exchange Online, "couldn't be found", "organization rejected"
#   7      Exchange, "Remote Server returned ... 5.4.7 Delivery expired"
#   8      Gmail "Address not found", "because the address couldn't be found"
#   9      Postfix address block, Feishu, "verify address failed"
#   10     Exchange on premises, "The e-mail address you entered"
#   11     "This is a message delivery failure report." (a provider's own)
#   12-13  auto-replies to GitHub notifications: vacation
#   14     GitHub's notification of an issue quoting a bounce: none

setup() {
	load lib/helpers
}

@test "round25-wild33: every message gives the recipients, kinds, reasons and writer round25-wild33-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round25-wild33.mbox round25-wild33-expected.tsv
}
