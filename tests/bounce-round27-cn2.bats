#!/usr/bin/env bats
# deliv-bounce-classify: Round 27 (cn2, issue #15), Chinese providers'
# and servers' whole notices as public copies keep them, committed
# before their first run: tests/fixtures/bounce-writers/round27-cn2.mbox,
# its expected records in round27-cn2-expected.tsv (msgno, mta,
# recipient, kind, reason; the copies read, the first run and any
# misses left documented in its head).
#   1      Coremail's bilingual notice (a list message quotes it whole):
#          cannot connect to the recipient's server
#   2-3    NetEase's HTML notice (an OA system's demo data keeps it
#          whole): rcpt handle timeout; DNS query error

setup() {
	load lib/helpers
}

@test "round27-cn2: every notice gives the recipients, kinds, reasons and writer round27-cn2-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round27-cn2.mbox round27-cn2-expected.tsv
}
