#!/usr/bin/env bats
# deliv-bounce-classify: Round 22 (src4, issue #15), exact failed-
# recipient sets and address precision on whole failure and delay
# notices of open-source MTAs and delivery agents, each learned from the
# writer's own source (the function that writes the notice and the
# error strings it puts in it; each X-Test-Source names file and
# function), committed before their first run:
# tests/fixtures/bounce-writers/round22-src4.mbox, its expected records
# in round22-src4-expected.tsv (msgno, mta, recipient, kind, reason; the
# sources in its head).
#   1, 11  OpenSMTPD bounce.c: "Envelope expired" and "Loop detected" in
#          one notice; a delay notice with Cyrus lmtpd's IMAP_NOSPACE
#   2, 3   Exim: a remote Exim's "Too many "Received" headers"; its lmtp
#          transport and Cyrus lmtpd's permanent over-quota
#   4-8    Postfix: "Postmaster Copy" and "Postmaster Warning" (Cyrus's
#          long user unknown, Dovecot LMTP's quota), Dovecot's proxy
#          loop, Cyrus's long "permission to post", Cyrus's disabled
#          mailbox in a delay notice
#   9      Haraka: an LMTP 4xx retried into "Too many failures (...)"
#   10, 12 Exim lmtp transport: Dovecot LMTP's "User doesn't exist" broken
#          over three lines; a delay warning with Dovecot's internal error
#   13     nullmailer: a smarthost's "Relay access denied", two recipients
#   14     masqmail's English notice: a size limit

setup() {
	load lib/helpers
}

@test "round22-src4: every notice gives the recipients, kinds, reasons and writer round22-src4-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round22-src4.mbox round22-src4-expected.tsv
}
