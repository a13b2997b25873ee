#!/usr/bin/env bats
# deliv-bounce-classify: Round 23 (wild29, issue #15), exact failed-
# recipient sets and address precision on real notices quoted whole or
# nearly whole on public pages: 8 notices, their text as quoted, each
# X-Test-Source saying what was read and what recalled, committed before
# their first run: tests/fixtures/bounce-writers/round23-wild29.mbox,
# its expected records in round23-wild29-expected.tsv (msgno, mta,
# recipient, kind, reason; the sources and readings in its head).
#   1      Postfix delivery-status fields only (mailcow#246): loop
#   2      iCloud / Messaging Server, the returned header fields quoted
#          before the DSN fields (docker-mailserver#97): the writer is
#          named from the Reporting-MTA of the fields' own per-message
#          group, not from the quoted header block above it
#          (parts.c text_dsn_start)
#   3      Exchange NDR whose page removed the address (3ait.co.uk)
#   4, 8   Postfix address blocks without Postfix's head (a non-ASCII
#          local part; a Spamhaus "open resolver" block): the writer
#          from Postfix's recipient line (data/bounce-mta.tsv)
#   5      Postfix DSN fields and returned headers (codeigniter-imap#3)
#   6      Postfix delay warning from its banner (haskell-infra/hl#220)
#   7      sendmail delay warning, the sender's domain refused
#          (auctionpro.co.kr)

setup() {
	load lib/helpers
}

@test "round23-wild29: every notice gives the recipients, kinds, reasons and writer round23-wild29-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round23-wild29.mbox round23-wild29-expected.tsv
}
