#!/usr/bin/env bats
# deliv-bounce-classify: Round 24 (wild32, issue #15), exact failed-
# recipient sets and address precision on real notices quoted whole or
# nearly whole on hosting companies' help pages, a provider's FAQ and an
# article, and two messages that only look like bounces: 8 messages,
# committed before their first run: tests/fixtures/bounce-writers/
# round24-wild32.mbox, its expected records in round24-wild32-expected.tsv
# (msgno, mta, recipient, kind, reason; the sources and the readings in
# its head).
#   1      cPanel's Exim, "max defers and failures per hour" (speeding)
#   2      qmail renamed "email-send", "Recipient's mailbox is full"
#   3      Postfix (asahi-net), "550 5.7.1 ... Unknown user", broken lines
#   4      Sendmail, "... while talking to", 550 user unknown
#   5      Sendmail's warning, "Deferred: Connection refused by"
#   6      Exim 4, "mailbox is full"
#   7      pymilter's quarantine notice ("has been delayed"): none
#   8      emailAI's delivery receipt ("delivered successfully"): none

setup() {
	load lib/helpers
}

@test "round24-wild32: every message gives the recipients, kinds, reasons and writer round24-wild32-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round24-wild32.mbox round24-wild32-expected.tsv
}
