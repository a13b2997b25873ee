#!/usr/bin/env bats
# deliv-bounce-classify: Round 22 (delay2, issue #15), delay and warning
# notices ("not delivered yet, still trying") of 13 writers, 20 notices
# with 28 recipients, committed before their first run:
# tests/fixtures/bounce-writers/round22-delay2.mbox, its expected
# records in round22-delay2-expected.tsv (msgno, mta, recipient, kind,
# reason; the sources and the misses in its comments).  A delayed
# recipient is soft, its reason the soft reason its own words name, else
# expired; a failed recipient of the same report is classified as any
# failure, a relayed one is undetermined, delivered.
#   1-3    Postfix delay template      11-12  Gmail "Delivery incomplete"
#   4-5    Exim delay warning          13-14  OpenSMTPD
#   6-7    Sendmail (warning; mixed)   15     Courier
#   8-9    Exchange / Exchange Online  16     Stalwart
#   10     Windows SMTP (Delay)        17     Domino
#   18     Messaging Server  19  MDaemon  20  Exim 4.9x with its DSN

setup() {
	load lib/helpers
}

@test "round22-delay2: every delay notice gives the recipients, kinds, reasons and writer round22-delay2-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round22-delay2.mbox round22-delay2-expected.tsv
}
