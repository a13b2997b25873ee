#!/usr/bin/env bats
# deliv-bounce-classify: Round 26 (qmailfilt, issue #15), the qmail
# world's SMTP-time filters and checkers, their own replies read in
# their sources: 33 replies (tests/fixtures/bounce-writers/
# round26-qmailfilt-src.tsv, named so that bench/bounce-blind.sh's
# round*-src*.tsv glob counts it; the sources and readings in its head),
# committed before their first run:
#   spamdyke's default texts (spamdyke.h) and its policy-url tail,
#   rblsmtpd's fail-closed reply, qmail-smtpd with jms1's combined patch
#   (badrcptto, MFCHECK, RCPTCHECK, qmail-spf, qmail-tls, REQUIRE_AUTH),
#   simscan's custom rejections, QMailToaster's chkuser 2.0.9 texts,
#   badmimetypes refusal and eMPF policy refusal.

setup() {
	load lib/helpers
}

@test "round26-qmailfilt: each qmail add-on's reply gets the reason and kind its source gives (round26-qmailfilt-src)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round26-qmailfilt-src.tsv 33
	kinds_agree round26-qmailfilt-src.tsv
}
