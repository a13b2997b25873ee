#!/usr/bin/env bats
# deliv-bounce-classify: Round 29 (rhost10, issue #15), a blind batch of
# the big receivers' documented code-list members the fixtures lacked:
# Comcast's BL000011/BL000101/BL000110 (its "Mail delivery error codes"
# table), Comcast's "421 4.1.0 ... Throttled - try again later" deferral
# and RU-CENTER's "451 <domain> prohibited. Disk quota exceeded", written
# and committed before the first run:
# tests/fixtures/bounce-writers/round29-rhost10-prov.tsv (named so that
# bench/bounce-blind.sh's round*-prov*.tsv glob counts it); the replies
# left wrong are "#" lines there with why.  Each reply gets its reason,
# and the kind data/reasons.tsv gives that reason (bycode: soft for a 4xx
# reply or a 4.x.x status, else hard).

setup() {
	load lib/helpers
}

@test "bounce-round29-rhost10: each big receiver's documented code gets the reason and kind its own page gives (round29-rhost10-prov)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round29-rhost10-prov.tsv 3
	kinds_agree round29-rhost10-prov.tsv
}
