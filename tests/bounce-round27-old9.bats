#!/usr/bin/env bats
# deliv-bounce-classify: Round 27 (old9, issue #15), legacy writers read
# in their own source: 11 notices, committed before their first run:
# tests/fixtures/bounce-writers/round27-old9.mbox, its expected records in
# round27-old9-expected.tsv (msgno, mta, recipient, kind, reason; the
# sources and the readings in its head).
#   1-7    MX (Matt Madison's VMS mailer), common/dsn.b32's multipart
#          report: remote 550, no path, mail disabled, 550 and 552 at one
#          host, a delay, the copy to the postmaster, the router's filter
#   8-11   PP's X.400 delivery reports as RFC 822 mail (dr2rfc): unknown
#          address with the SMTP reply, timed out, two at one X.400 MTA,
#          ambiguous address

setup() {
	load lib/helpers
}

@test "round27-old9: every message gives the recipients, kinds, reasons and writer round27-old9-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round27-old9.mbox round27-old9-expected.tsv
}
