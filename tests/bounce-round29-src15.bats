#!/usr/bin/env bats
# deliv-bounce-classify: Round 29 (src15, issue #15), groupware servers'
# own non-delivery notices read in their source: Kopano's spooler NDR
# (spooler/mailer.cpp SendUndeliverable(), its partial and whole-failure
# bodies), committed before their first run:
# tests/fixtures/bounce-writers/round29-src15.mbox, its expected records
# in round29-src15-expected.tsv (msgno, mta, recipient, kind, reason).
#   1-2  partial failure: failed permanently; retried and failed
#   3-7  whole failure: the relay's size and spam replies, the spooler's
#        fatal error, send-as and "Everyone" refusals

setup() {
	load lib/helpers
}

@test "round29-src15: every groupware notice gives the recipients, kinds, reasons and writer round29-src15-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round29-src15.mbox round29-src15-expected.tsv
}
