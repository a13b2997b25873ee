#!/usr/bin/env bats
# deliv-bounce-classify: Round 28 (old10, issue #15), 1995-1999 notices
# of Microsoft Mail, its SMTP gateway and Exchange's connectors to
# Microsoft Mail and Lotus cc:Mail, learned from Microsoft's own
# Knowledge Base: 11 notices, committed before their first run:
# tests/fixtures/bounce-writers/round28-old10.mbox, its expected records
# in round28-old10-expected.tsv (msgno, mta, recipient, kind, reason; the
# sources and the readings in its head).
#   1-2    sendmail 8.9 quoting the Microsoft Mail SMTP gateway's replies
#          (550 Addressee unknown; 552 Error in local delivery)
#   3-6    Microsoft Mail External program's reports through the gateway
#          ([002] with no name and with a friendly name, [005], [021])
#   7-9    Exchange 4.0/5.0 NDRs for Microsoft Mail users ([017] full
#          mailbag, [008] mailbag contention, invalid argument)
#   10-11  Exchange 5.5 cc:Mail connector (Unknown Date Format, Header
#          Buffer Full)

setup() {
	load lib/helpers
}

@test "round28-old10: every message gives the recipients, kinds, reasons and writer round28-old10-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round28-old10.mbox round28-old10-expected.tsv
}
