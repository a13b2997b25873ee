#!/usr/bin/env bats
# deliv-bounce-classify: Round 29 (delay3, issue #15), delay warnings
# read from the writers' own source (a third delay batch after
# round22-delay2, whose notices were mostly written from recalled
# wording): 12 notices, 20 delayed or failed recipients, committed
# before their first run: tests/fixtures/bounce-writers/
# round29-delay3.mbox, its expected records in round29-delay3-expected.tsv
# (msgno, mta, recipient, kind, reason; the sources in its head).
#   1-4    Postfix's delay template: connection refused, a temporary
#          name service error, TLS refused or not offered, a greeting
#          time-out, a connection lost at the greeting
#   5-6    Exim's warning: a local "mailbox is full"; the errors_to form
#          ("A message sent by") with a 421 greeting and a recipient
#          with no Delay reason
#   7      OpenSMTPD: "No MX found for domain", "TLS required but not
#          supported by remote host"
#   8-9    Sendmail's warning: a name server lookup failure, a remote
#          452 4.2.2; a connection reset
#   10     Courier's delayed DSN: " *** DNS lookup failed.", a connection
#          shut down by the remote server
#   11     Stalwart: a delayed and a failed recipient in one report
#   12     Exim's warning: two remote 452 replies at RCPT

setup() {
	load lib/helpers
}

@test "round29-delay3: every delay notice gives the recipients, kinds, reasons and writer round29-delay3-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round29-delay3.mbox round29-delay3-expected.tsv
}
