#!/usr/bin/env bats
# deliv-bounce-classify: Round 27 (src12, issue #15), Go, Node, Rust and
# Java servers' own DSNs read in their source (maddy; ZoneMTA with
# WildDuck's MX as the receiver; Stalwart; Apache James): 11 messages,
# committed before their first run:
# tests/fixtures/bounce-writers/round27-src12.mbox, its expected records
# in round27-src12-expected.tsv (msgno, mta, recipient, kind, reason; the
# sources and the readings in its head).
#   1-3    maddy: DANE, MTA-STS and REQUIRETLS refusals of its own
#   4      maddy: "Network I/O error" until max_tries, two recipients
#   5      maddy: an SMTPUTF8 message, a non-ASCII recipient refused
#   6-8    ZoneMTA quoting WildDuck's MX: a Zone RBL listing, DMARC, too
#          many nested attachments
#   9-10   Stalwart: no MX / an MX with no address; MTA-STS's MX check
#   11     Apache James's own bounce after maxRetries, no cause line

setup() {
	load lib/helpers
}

@test "round27-src12: every message gives the recipients, kinds, reasons and writer round27-src12-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round27-src12.mbox round27-src12-expected.tsv
}
