#!/usr/bin/env bats
# deliv-bounce-classify: Round 23 (src5, issue #15), exact failed-
# recipient sets and address precision on notices carrying texts that
# recent versions of open-source MTAs and delivery agents write, each
# read in the writer's own source (each X-Test-Source names file and
# function, and what was recalled), committed before their first run:
# tests/fixtures/bounce-writers/round23-src5.mbox, its expected records
# in round23-src5-expected.tsv (msgno, mta, recipient, kind, reason; the
# sources and the ambiguous labels in its head).
#   1-4    Postfix 3.x: SMTPUTF8 not offered; a delay for TLS not offered
#          and a certificate not verified; dovecot-lda -e's quota text
#          through pipe(8); Dovecot LMTP's 552 quota and unknown user
#   5-8    Exim 4.96-4.98: lines too long for transport; retry time not
#          reached after a long failure period; a delay for a required
#          TLS session; Cyrus 3.x lmtpd's non-ASCII headers refusal
#   9      OpenSMTPD 7.x delay: mta.c's relay failures
#   10-11  Stalwart dsn.rs: DANE; MTA-STS failed with a concurrency delay
#   12     Haraka: "Nowhere to deliver mail to for domain"
#   13     chasquid: timed out after "Security level check failed"
#   14     maddy: MTA-STS TLS required; a null MX

setup() {
	load lib/helpers
}

@test "round23-src5: every notice gives the recipients, kinds, reasons and writer round23-src5-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round23-src5.mbox round23-src5-expected.tsv
}
