#!/usr/bin/env bats
# deliv-bounce-classify: Round 24 (prov3, issue #15), whole notices a
# mail provider's own system writes, a third batch, each from a real
# public copy (issue threads, a provider's or a user's page) or a
# provider's documented template (each X-Test-Source says what was read
# and what recalled), committed before their first run:
# tests/fixtures/bounce-writers/round24-prov3.mbox, its expected records
# in round24-prov3-expected.tsv (msgno, mta, recipient, kind, reason).
#   1-3 Google Groups' "group you tried to contact" (consumer, Workspace,
#       bare): the group named by its name only, a greeting naming the
#       sender: no usable failed address
#   4   Gmail's old delay notice for a forwarded copy: 452-4.2.2 over quota
#   5   Office 365's NDR: "Unknown To address", 5.1.10
#   6   Exchange Online, French and English: mailbox full
#   7   Exchange, German words only: mailbox full
#   8   Yahoo! JAPAN: "This user doesn't have a yahoo.co.jp account"
#   9   Virgilio user's notice: "Failed; 5.2.2 (mailbox full)"
#   10  DTI (Japan) "Mail System Error - Returned Mail": User unknown
#   11  Amazon SES receiving, bounce action "Message too large": two
#   12  Firefox Relay: a soft bounce of the forwarding target, retried
#   13  A cPanel host's Exim: the sender's domain over its hourly limit
#   14  Onet's Postfix with the address elided: none usable
#   15  Tuta's Postfix: Yahoo's TSS04 deferral after the queue lifetime
# Part 2, written after part 1's first run, committed before its own:
#   16  an unnamed provider's prose notice: "The following address failed:"
#   17  Gmail's old failure for one of four role addresses
#   18  Postfix's delay notice for T-Online's (BL) refusal, its contact address
#   19  a hosting server's Postfix: six list members, spam refused

setup() {
	load lib/helpers
}

@test "round24-prov3: every notice gives the recipients, kinds, reasons and writer round24-prov3-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round24-prov3.mbox round24-prov3-expected.tsv
}
