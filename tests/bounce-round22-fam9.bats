#!/usr/bin/env bats
# deliv-bounce-classify: Round 22 (fam9, issue #15), reason accuracy on
# the development corpus's smaller lhost families: 20 notices in the
# layouts of Exchange 2007 and 2003, Exchange Online, OpenSMTPD,
# Courier, PowerMTA, SendGrid, Zoho Mail, GMX (1&1), Trend Micro
# InterScan and Domino, each for a reason its family's labels lack or
# have few of (each X-Test-Source says what was read and what
# recalled), committed before their first run:
# tests/fixtures/bounce-writers/round22-fam9.mbox, its expected records
# in round22-fam9-expected.tsv (msgno, mta, recipient, kind, reason; the
# sources and the one miss, #19's writer, in its comments).

setup() {
	load lib/helpers
}

@test "round22-fam9: every notice gives the recipients, kinds, reasons and writer round22-fam9-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round22-fam9.mbox round22-fam9-expected.tsv
}
