#!/usr/bin/env bats
# deliv-bounce-classify: Round 20 (rh2, issue #15), a blind batch of
# replies as the receivers of the development corpus's rhost-* families
# publish them on their own pages (Gmail's table of 2026-02-12, Exchange
# Online's NDR reference and its 4.7.500-699 page, Broadcom KB 162445),
# written and committed before the first run (34a905e):
# tests/fixtures/bounce-writers/round20-wild25.tsv (named so that
# bench/bounce-blind.sh's round*-wild*.tsv glob counts it); the replies
# left wrong are "#" lines there with why.  Each reply gets its reason,
# and the kind data/reasons.tsv gives that reason (bycode: soft for a 4xx
# reply or a 4.x.x status, else hard).

setup() {
	load lib/helpers
}

@test "bounce-round20-rh2: each provider's reply gets the reason and kind its own page gives (round20-wild25)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round20-wild25.tsv 11
	kinds_agree round20-wild25.tsv
}
