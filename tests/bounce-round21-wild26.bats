#!/usr/bin/env bats
# deliv-bounce-classify: Round 21 (wild26, issue #15), exact failed-
# recipient sets and address precision on 12 real notices that public
# pages quote (a research network's wiki, a consultant's newsletter,
# GitHub issues of a campaign site, Haraka, OpenHatch, ezmlm-idx and a
# small project), none used by an earlier whole-notice fixture, written
# with their expected records and committed before the first run:
# tests/fixtures/bounce-writers/round21-wild26.mbox, its expected
# records in round21-wild26-expected.tsv (msgno, mta, recipient, kind,
# reason; the sources in its head).
#   1     Postfix, Gmail's IPv6 PTR refusal, a redacted address
#   2     qmail-send with its address line lost (":")
#   3-7   Gmail's old permanent-failure notice (one with the original's head)
#   8-9   Haraka, "Some recipients failed"
#   10    Postfix, unknown in virtual alias table
#   11    qmail-send, Gmail's DMARC refusal, a VERP return path in To
#   12    Gmail's delay notice copied from its web view

setup() {
	load lib/helpers
}

@test "round21-wild26: every notice gives the recipients, kinds, reasons and writer round21-wild26-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	assert_equal "$(grep -c '^From MAILER-DAEMON ' round21-wild26.mbox)" 12
	records_agree round21-wild26.mbox round21-wild26-expected.tsv
}
