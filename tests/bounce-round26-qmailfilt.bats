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
# And a second blind part written after the replies had run and their
# rules were in, committed before its own first run: 6 whole notices of
# qmail-send (notqmail's qmail-send.c and qmail-remote.c) or Postfix
# quoting those add-ons' replies (round26-qmailfilt.mbox, the expected
# records in round26-qmailfilt-expected.tsv: msgno, mta, recipient, kind,
# reason; the sources and readings in its head and in each notice's
# X-Test-Source).

setup() {
	load lib/helpers
}

@test "round26-qmailfilt: each qmail add-on's reply gets the reason and kind its source gives (round26-qmailfilt-src)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round26-qmailfilt-src.tsv 33
	kinds_agree round26-qmailfilt-src.tsv
}

@test "round26-qmailfilt: every notice quoting a qmail add-on gives the recipients, kinds, reasons and writer round26-qmailfilt-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round26-qmailfilt.mbox round26-qmailfilt-expected.tsv
}
