#!/usr/bin/env bats
# deliv-bounce-classify: Round 22 (wild28, issue #15), exact failed-
# recipient sets and address precision on real notices quoted whole or
# in part on public pages (GitHub issues and providers' help pages; each
# X-Test-Source says what was read), committed before their first run:
# tests/fixtures/bounce-writers/round22-wild28.mbox, its expected
# records in round22-wild28-expected.tsv (msgno, mta, recipient, kind,
# reason; the sources and the reading of each reason in its head).
#   1-2    Gmail: a connection refused for good; Exchange Online's 5.4.1
#   3      Exim with its delivery-status fields: a SpamCop listing
#   4      Postfix (LMTP) over quota, text and Final-Recipient disagreeing
#   5-7    sendmail: "Can't create output"; user unknown (two excerpts)
#   8      an unnamed writer's "Could not deliver mail to this user."
#   9      qmail-send's address block alone

setup() {
	load lib/helpers
}

@test "round22-wild28: every notice gives the recipients, kinds, reasons and writer round22-wild28-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round22-wild28.mbox round22-wild28-expected.tsv
}
