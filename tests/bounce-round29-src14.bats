#!/usr/bin/env bats
# deliv-bounce-classify: Round 29 (src14, issue #15), a blind batch of mail
# programs whose source the fixtures had not read, each read in the
# program's own source or manual, written and committed before the first
# run:
#  - tests/fixtures/bounce-writers/round29-src14-src.tsv (named so that
#    bench/bounce-blind.sh's round*-src*.tsv glob counts it): reply lines
#    of OpenBSD spamd (its replies and stock spamd.conf messages),
#    Sendmail's recipient.c checks, Exim's documented ":fail:" texts,
#    Courier maildrop via Postfix pipe(8) and GNU Mailutils maidag's LMTP;
#    each reply gets its reason and the kind data/reasons.tsv gives it;
#    the lines left wrong are "#" lines there.
#  - tests/fixtures/bounce-writers/round29-src14.mbox, its expected
#    records in round29-src14-expected.tsv (msgno, mta, recipient, kind,
#    reason):
#      1    GNU Mailutils Sieve "reject" notice
#      2-4  Exim, a redirect ":fail:" with the spec's texts and bare
#      5    Sendmail, an alias's :include: file that cannot be opened
#      6    Postfix by LMTP to maidag (unknown user; quota as 553 5.1.8)
#      7-8  Postfix meeting OpenBSD spamd (blacklist; greylist delay)

setup() {
	load lib/helpers
}

@test "bounce-round29-src14: each reply read in its writer's source gets its reason and kind (round29-src14-src)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round29-src14-src.tsv 10
	kinds_agree round29-src14-src.tsv
}

@test "bounce-round29-src14: every notice gives the recipients, kinds, reasons and writer round29-src14-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round29-src14.mbox round29-src14-expected.tsv
}
