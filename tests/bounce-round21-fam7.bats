#!/usr/bin/env bats
# deliv-bounce-classify: Round 21 (fam7, issue #15): more of the rfc3464
# family (plain RFC 3464 DSNs from MTAs no specific module knows well)
# and the rfc3834 family (auto-replies): 15 whole multipart/report DSNs
# written by Stalwart, Apache James, CommuniGate Pro, Exchange 2000/2003,
# Sun Java System Messaging Server, Lotus Domino, SmarterMail and Postfix
# as mailcow runs it, and three auto-replies (hMailServer, Stalwart's
# Sieve, Pigeonhole), each with its X-Test-Source; committed before
# their first run: tests/fixtures/bounce-writers/round21-fam7.mbox and
# its expected records round21-fam7-expected.tsv (msgno, mta, recipient,
# kind, reason; the causes in its head).

setup() {
	load lib/helpers
}

@test "round21-fam7: every notice gives the recipients, kinds, reasons and writer round21-fam7-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round21-fam7.mbox round21-fam7-expected.tsv
}
