#!/usr/bin/env bats
# deliv-bounce-classify: Round 27 (src11, issue #15), old and small
# open-source writers' own failure mail, each notice written from the
# writer's own source: 13 messages, committed before their first run:
# tests/fixtures/bounce-writers/round27-src11.mbox, its expected records
# in round27-src11-expected.tsv (msgno, mta, recipient, kind, reason; the
# sources and the readings in its head).
#   1-4    fetchmail's send_bouncemail(): a refused RCPT, 552, an LMTP
#          partial failure, a "General SMTP/ESMTP error."
#   5-7    ZMailer's errormail channel: "unresolvable", and its default
#          head for "nosuchuser" and "acctexpired"
#   8      ZMailer's router reject(): "loopexceeded", no address named
#   9-10   Taylor UUCP's uuxqt "Execution failed": a command not
#          permitted, rmail's standard error
#   11-13  masqmail 1.0: a refused RCPT, a delay (connection refused),
#          over the server's SIZE

setup() {
	load lib/helpers
}

@test "round27-src11: every message gives the recipients, kinds, reasons and writer round27-src11-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round27-src11.mbox round27-src11-expected.tsv
}
