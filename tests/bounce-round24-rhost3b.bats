#!/usr/bin/env bats
# deliv-bounce-classify: Round 24 (rhost3b, issue #15), an addendum to
# round24-rhost3's blind reply batch: replies of large receivers and
# gateways quoted whole in public notices and logs or on the receiver's
# own page (Cloudflare Email Routing), written and committed before its
# first run: tests/fixtures/bounce-writers/round24-rhost3b-wild.tsv (counted
# by bench/bounce-blind.sh's round*-wild*.tsv glob); the replies left
# wrong are "#" lines there with why.  Each reply gets its reason, and the
# kind data/reasons.tsv gives that reason.

setup() {
	load lib/helpers
}

@test "bounce-round24-rhost3b: each receiver's reply gets the reason and kind its public copy or page gives (round24-rhost3b-wild)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round24-rhost3b-wild.tsv 13
	kinds_agree round24-rhost3b-wild.tsv
}
