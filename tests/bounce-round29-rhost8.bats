#!/usr/bin/env bats
# deliv-bounce-classify: Round 29 (rhost8, issue #15), a blind batch of
# national ISPs' replies of Europe and Asia-Pacific that the fixtures
# lacked: SFR's SFR_IN codes 102-105 and its "too many errors" example,
# iiNet's reputation refusal, SingNet's outgoing spam refusal and 3
# Italia's blacklist refusal, written and committed before the first run:
# tests/fixtures/bounce-writers/round29-rhost8-prov.tsv (named so that
# bench/bounce-blind.sh's round*-prov*.tsv glob counts it); the replies
# left wrong are "#" lines there with why.  Each reply gets its reason,
# and the kind data/reasons.tsv gives that reason (bycode: soft for a 4xx
# reply or a 4.x.x status, else hard).  The two real whole notices found
# (an Exim relay's for a Telenor member, sendmail's for an iiNet mailbox)
# are round29-rhost8.mbox with round29-rhost8-expected.tsv.

setup() {
	load lib/helpers
}

@test "bounce-round29-rhost8: each national ISP's reply gets the reason and kind its own page gives (round29-rhost8-prov)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round29-rhost8-prov.tsv 8
	kinds_agree round29-rhost8-prov.tsv
}

@test "bounce-round29-rhost8: the Telenor and iiNet notices give the recipients, kinds, reasons and writers round29-rhost8-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round29-rhost8.mbox round29-rhost8-expected.tsv
}
