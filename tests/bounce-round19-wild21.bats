#!/usr/bin/env bats
# deliv-bounce-classify: Round 19 (wild21, issue #15), a blind batch of
# replies as receivers' own postmaster, sender-guideline and error-code
# pages publish them (Gmail's 2024 bulk-sender rows of answer 3726730,
# Gmail's sender FAQ and guidelines, Outlook.com's high-volume sender
# requirements and Troubleshooting page, ZeptoMail, Virgin Media,
# Spectrum, mittwald), written and committed before the first run
# (62573a0): tests/fixtures/bounce-writers/round19-wild21.tsv; the replies
# left wrong are "#" lines there with why.  Each reply gets its reason,
# and the kind data/reasons.tsv gives that reason (bycode: soft for a 4xx
# reply or a 4.x.x status, else hard).

setup() {
	load lib/helpers
}

@test "bounce-round19-wild21: each receiver's reply gets the reason and kind its own page gives (round19-wild21)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round19-wild21.tsv 18
	kinds_agree round19-wild21.tsv
}
