#!/usr/bin/env bats
# deliv-bounce-classify: Round 24 (rhost3, issue #15), a blind batch of
# replies of big receivers and of other large receivers and gateways
# commonly met, each as the receiver's own page prints it or as a real
# notice posted in public quotes it, written and committed before the
# first run: tests/fixtures/bounce-writers/round24-rhost3-wild.tsv (named
# so that bench/bounce-blind.sh's round*-wild*.tsv glob counts it); the
# replies left wrong are "#" lines there with why.  Each reply gets its
# reason, and the kind data/reasons.tsv gives that reason (bycode: soft
# for a 4xx reply or a 4.x.x status, else hard).  Its addendum,
# round24-rhost3b-wild.tsv (committed before its own first run): replies
# of large receivers and gateways quoted whole in public notices and logs
# or on the receiver's own page (Cloudflare Email Routing).

setup() {
	load lib/helpers
}

# FILE N: each of FILE's replies (N of them at least) gets its
# reason and its reason's kind
agree() {
	cd "$FIXTURES/bounce-writers"
	replies_agree "$1" "$2"
	kinds_agree "$1"
}

@test "bounce-round24-rhost3: each receiver's reply gets the reason and kind its page or public copy gives (round24-rhost3-wild)" {
	agree round24-rhost3-wild.tsv 11
}

@test "bounce-round24-rhost3b: each receiver's reply gets the reason and kind its public copy or page gives (round24-rhost3b-wild)" {
	agree round24-rhost3b-wild.tsv 13
}
