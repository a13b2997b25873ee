#!/usr/bin/env bats
# deliv-bounce-classify: Round 28 (gw10, issue #15), SMTP replies of mail
# security gateways and filtering mail servers the fixtures held none
# of, from their vendors' or publishers' own pages or a public copy
# naming the writer: 18 replies (16 after the first run, the 2 still
# wrong are "#" lines, with why): Hornetsecurity, OPSWAT MetaDefender Email Gateway
# Security, Clearswift SEG, Axigen, BelWue's relays, HP TCP/IP Services
# for OpenVMS SMTP AntiSPAM, open-mail.org's 3strikes
# (tests/fixtures/bounce-writers/round28-gw10-prov.tsv, named so that
# bench/bounce-blind.sh's round*-prov*.tsv glob counts it; the sources
# and readings in its head), committed before their first run.

setup() {
	load lib/helpers
}

@test "round28-gw10: each gateway's reply gets the reason and kind its writer gives (round28-gw10-prov)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round28-gw10-prov.tsv 16
	kinds_agree round28-gw10-prov.tsv
}
