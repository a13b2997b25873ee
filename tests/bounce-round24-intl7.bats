#!/usr/bin/env bats
# deliv-bounce-classify: Round 24 (intl7, issue #15), localized notices
# whose words, read in real public copies (issue threads and pastes),
# carry the evidence, committed before their first run:
# tests/fixtures/bounce-writers/round24-intl7.mbox, its expected records
# in round24-intl7-expected.tsv (msgno, mta, recipient, kind, reason;
# the copies read, the first run and any misses left documented in its
# head).
#   1-3    Exchange Online: French+English and German full mailboxes, a
#          German enhanced NDR (address not found)
#   4      Exchange 2013, Spanish 5.1.1 sentence, a display name only
#   5      Exchange 2016, French headings, a transport rule's rejection
#   6      Exchange, Portuguese: the remote refused the sender
#   7-9    Outlook's own Spanish report: 451 (display name only), 451,
#          501 (an address typed with a stray '<')
#   10     Exchange Online, German: no right to send on behalf
#   11     Exchange 2007, Spanish, three full mailboxes
#   12     a Chinese provider: the address does not exist
#   13     a site's own Russian notice, no reason given

setup() {
	load lib/helpers
}

@test "round24-intl7: every notice gives the recipients, kinds, reasons and writer round24-intl7-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round24-intl7.mbox round24-intl7-expected.tsv
}
