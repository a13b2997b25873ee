#!/usr/bin/env bats
# deliv-bounce-classify: Round 27 (gw8, issue #15), commercial
# email-security gateways' own SMTP replies, from their vendors'
# documentation or a public real copy: 16 replies (13 after the
# first run: the 3 still wrong are "#" lines, with why)
# (tests/fixtures/bounce-writers/round27-gw8-prov.tsv, named so that
# bench/bounce-blind.sh's round*-prov*.tsv glob counts it; the sources
# and readings in its head), committed before their first run:
#   Cisco Secure Email (AsyncOS) defaults, Symantec Messaging Gateway,
#   Symantec DLP Network Prevent for Email, Trend Micro HES/WFBS,
#   Sophos Firewall, Kaspersky Anti-Spam, Mimecast.

setup() {
	load lib/helpers
}

@test "round27-gw8: each gateway's reply gets the reason and kind its vendor gives (round27-gw8-prov)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round27-gw8-prov.tsv 13
	kinds_agree round27-gw8-prov.tsv
}
