#!/usr/bin/env bats
# deliv-bounce-classify: Round 23 (multi1, issue #15), notices with many
# recipients whose outcomes differ: one record per failed or delayed
# recipient, each with its own reason and never another recipient's;
# delivered, relayed and expanded DSN groups undetermined/delivered.
# 14 whole notices learned from the writers' own manuals, help pages and
# source (Postfix bounce(5) templates, Exim's built-in bounce and warning
# texts, Sendmail savemail.c errbody(), qmail-send.c, Microsoft's
# Exchange 2010 and Exchange Online NDR pages, Gmail's notices, Domino's
# Delivery Failure Report; each X-Test-Source says what was read and
# what recalled), committed before their first run:
# tests/fixtures/bounce-writers/round23-multi1.mbox, its expected records
# in round23-multi1-expected.tsv (msgno, mta, recipient, kind, reason).
#   1-3    Postfix failure (three), delay (two), success (delivered,
#          relayed, expanded)
#   4-5    Exim failure (three) and delay warning (two)
#   6      Sendmail permanent + transient sections (two failed, one
#          delayed)
#   7      qmail-send, four paragraphs (one given up after the queue
#          lifetime)
#   8-9    Exchange 2010 (three), Exchange Online (five)
#   10     Gmail, one failed and one delayed
#   11     Domino, two "was not delivered to:" / "because:" blocks: each
#          its own reason (the second's "quota" is not the first's)
#   12     a DSN whose text lists its recipients in another order
#   13     Sendmail, twelve recipients, two failed, ten delivered
#   14     Exchange Online delay notice (three delayed)

setup() {
	load lib/helpers
}

@test "round23-multi1: every notice gives the recipients, kinds, reasons and writer round23-multi1-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round23-multi1.mbox round23-multi1-expected.tsv
}
