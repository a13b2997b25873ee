#!/usr/bin/env bats
# deliv-bounce-classify: Round 25 (rhost5, issue #15), a blind batch of
# receivers' replies as quoted in real traffic in 2022-2026 (chatmail
# relays, NameSilo, a DMARC milter, Stalwart, Gmail) and, where that was
# mined out, rows of receivers' own current pages (Gmail's 2026 table,
# Yahoo's SLN4781) and of smtp.codes' 2026 additions (Titan Email,
# MXroute, Exchange Online), written and committed before the first run:
# tests/fixtures/bounce-writers/round25-rhost5-wild.tsv (named so that
# bench/bounce-blind.sh's round*-wild*.tsv glob counts it); the replies
# left wrong are "#" lines there with why.  Each reply gets its reason,
# and the kind data/reasons.tsv gives that reason (bycode: soft for a 4xx
# reply or a 4.x.x status, else hard).

setup() {
	load lib/helpers
}

@test "bounce-round25-rhost5: each receiver's reply gets the reason and kind its page or the thread quoting it gives (round25-rhost5-wild)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round25-rhost5-wild.tsv 16
	kinds_agree round25-rhost5-wild.tsv
}
