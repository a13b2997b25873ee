#!/usr/bin/env bats
# deliv-bounce-classify: Round 27 (prov5, issue #15), a blind batch of
# replies of providers and closed-source servers with few or no
# fixtures, as their own help pages, their vendors' knowledge bases or a
# thread quoting real traffic give them (cubewerk securePostfach,
# mail.ee, Gordano GMS, seppmail.cloud, Cleanmail, Outlook.com), written
# and committed before the first run:
# tests/fixtures/bounce-writers/round27-prov5-prov.tsv (named so that
# bench/bounce-blind.sh's round*-prov*.tsv glob counts it); the replies
# left wrong are "#" lines there with why.  Each reply gets its reason,
# and the kind data/reasons.tsv gives that reason (bycode: soft for a
# 4xx reply or a 4.x.x status, else hard).
# And whole notices where a real copy is quoted (round27-prov5.mbox, the
# expected records in round27-prov5-expected.tsv: msgno, mta, recipient,
# kind, reason; the sources and readings in its head and in each
# notice's X-Test-Source):
#   1  Proton Mail's Postfix notice in Traditional Chinese
#   2  Proton Mail's English Postfix notice, Gmail's folded 552-5.7.0
#   3  an Exchange 2003 NDR carrying mail.ee's "rejected: Inactive user"

setup() {
	load lib/helpers
}

@test "round27-prov5: each provider's reply gets the reason and kind its page gives (round27-prov5-prov)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round27-prov5-prov.tsv 13
	kinds_agree round27-prov5-prov.tsv
}

@test "round27-prov5: every provider's notice gives the recipients, kinds, reasons and writer round27-prov5-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round27-prov5.mbox round27-prov5-expected.tsv
}
