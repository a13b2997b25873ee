#!/usr/bin/env bats
# deliv-bounce-classify: Round 27 (wild34, issue #15), exact failed-
# recipient sets and address precision on real notices quoted whole or
# nearly whole in public issue threads of 2019-2025, a short batch: 6
# notices, committed before their first run:
# tests/fixtures/bounce-writers/round27-wild34.mbox, its expected records
# in round27-wild34-expected.tsv (msgno, mta, recipient, kind, reason;
# the sources and the readings in its head).
#   1      Zoho Mail delay notice, "[Status: Error, Address: <A>,
#          Malformed answer from server]"
#   2      Postfix delay notice with its DSN, connect timed out
#   3      "... rejected the message you sent to the following email
#          address", "not listed in the domain's directory"
#   4      Gmail "Address not found", DNS error (no mail host)
#   5      Google Groups, "the group you tried to contact", no address
#   6      Postfix reason lines without their address, bad DNS PTR

setup() {
	load lib/helpers
}

@test "round27-wild34: every notice gives the recipients, kinds, reasons and writer round27-wild34-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round27-wild34.mbox round27-wild34-expected.tsv
}
