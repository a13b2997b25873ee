#!/usr/bin/env bats
# deliv-bounce-classify: Round 24 (rhost4, issue #15), a blind batch of
# replies of receivers outside the English-speaking big providers
# (Yandex, NetEase, Alibaba Mail, Sina, 263, Forpsi) and of the Chinese
# and Japanese mail-server makers that answer for many of them, each as
# the receiver's or maker's own page prints it or as a reseller's copy of
# the receiver's table prints it, written and committed before the first
# run: tests/fixtures/bounce-writers/round24-rhost4-wild.tsv (named so
# that bench/bounce-blind.sh's round*-wild*.tsv glob counts it); the
# replies left wrong are "#" lines there with why.  Each reply gets its
# reason, and the kind data/reasons.tsv gives that reason (bycode: soft
# for a 4xx reply or a 4.x.x status, else hard).

setup() {
	load lib/helpers
}

@test "bounce-round24-rhost4: each receiver's reply gets the reason and kind its page or a copy of its table gives (round24-rhost4-wild)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round24-rhost4-wild.tsv 17
	kinds_agree round24-rhost4-wild.tsv
}
