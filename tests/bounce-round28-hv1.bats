#!/usr/bin/env bats
# deliv-bounce-classify: Round 28 (hv1, issue #15), high-volume sending
# MTAs' own failure notices and reply texts, written from the writers'
# own source and manuals and committed before their first run:
#   round28-hv1.mbox (expected records in round28-hv1-expected.tsv:
#   msgno, mta, recipient, kind, reason; sources in its head and in each
#   notice's X-Test-Source): KumoMTA's generated DSN (rfc3464.rs
#   generate()) for Bounce records with and without a peer and for an
#   Expiration record, carrying receivers' refusals and kumod's own
#   null-MX and set_scheduling expiry responses;
#   round28-hv1-esp.tsv (named so that bench/bounce-blind.sh's
#   round*-esp*.tsv glob counts it): GreenArrow Engine's documented
#   delivery-attempt messages, Momentum's expired-message text and
#   kumod's own responses ("KumoMTA internal: ..."), "reason<TAB>reply";
#   misses left after the round's fixes stay as "#" lines with why.
# The 8 notices agreed at their first run; 17 of the 18 replies agree
# after soft.txt's "Round 28 (hv1)" lines (and line 1742 leaving
# KumoMTA's OpportunisticInsecure STARTTLS summary to failedstarttls);
# qmail's "couldn't find a mail exchanger" (GreenArrow's #5.4.4) stays a
# "#" line.

setup() {
	load lib/helpers
}

@test "round28-hv1: each high-volume MTA's own reply gets the reason and kind its manual or source gives (round28-hv1-esp)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round28-hv1-esp.tsv 17
	kinds_agree round28-hv1-esp.tsv
}

@test "round28-hv1: every KumoMTA notice gives the recipients, kinds, reasons and writer round28-hv1-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round28-hv1.mbox round28-hv1-expected.tsv
}
