#!/usr/bin/env bats
# deliv-bounce-classify: Round 24 (rhost3, issue #15), a blind batch of
# replies of big receivers and of other large receivers and gateways
# commonly met, each as the receiver's own page prints it or as a real
# notice posted in public quotes it, written and committed before the
# first run: tests/fixtures/bounce-writers/round24-rhost3-wild.tsv (named
# so that bench/bounce-blind.sh's round*-wild*.tsv glob counts it); the
# replies left wrong are "#" lines there with why.  Each reply gets its
# reason, and the kind data/reasons.tsv gives that reason (bycode: soft
# for a 4xx reply or a 4.x.x status, else hard).

setup() {
	load lib/helpers
}

@test "bounce-round24-rhost3: each receiver's reply gets the reason and kind its page or public copy gives (round24-rhost3-wild)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round24-rhost3-wild.tsv 11
	kinds_agree round24-rhost3-wild.tsv
}
