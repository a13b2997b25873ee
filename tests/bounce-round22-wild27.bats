#!/usr/bin/env bats
# deliv-bounce-classify: Round 22 (wild27, issue #15), exact failed-
# recipient sets and address precision on real notices quoted whole or
# in part on public pages (a help desk's article, GitHub issues), each
# X-Test-Source giving the page's address and what was filled in or
# added, written with their expected records and committed before their
# first run, in two parts: tests/fixtures/bounce-writers/round22-wild27.mbox
# (8 notices) and round22-wild27b.mbox (4 more, found after the first
# part had run), their expected records in round22-wild27-expected.tsv
# and round22-wild27b-expected.tsv (msgno, mta, recipient, kind,
# reason; the sources and the documented misses in their heads).
#   wild27   1 Exim (a help desk's article), 2 a Chinese provider's
#            notice (a documented miss), 3 Postfix/Gmail 5.7.26, 4 a
#            Postfix delay cut inside its DSN, 5 sendmail's 5-day expiry,
#            6 Purelymail, 7-8 Exim notices whose address lines are not
#            quoted (no recipient)
#   wild27b  1 a provider's notice with two recipients, 2 Postfix's DSN
#            fields alone, 3-4 Postfix (T-Com, a company)

setup() {
	load lib/helpers
}

@test "round22-wild27: every notice gives the recipients, kinds, reasons and writer round22-wild27-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round22-wild27.mbox round22-wild27-expected.tsv
}

@test "round22-wild27b: every notice gives the recipients, kinds, reasons and writer round22-wild27b-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round22-wild27b.mbox round22-wild27b-expected.tsv
}
