#!/usr/bin/env bats
# deliv-bounce-classify: Round 27 (intl8, issue #15), localized notices
# composed from their writer's own translation files: MailScanner's
# sender reports (MailScanner/v5 common/usr/share/MailScanner/reports/
# LANG/*.report.txt and LANG/languages.conf), committed before their
# first run: tests/fixtures/bounce-writers/round27-intl8.mbox, its
# expected records in round27-intl8-expected.tsv (msgno, mta,
# recipient, kind, reason; the files read, the first run and any misses
# left documented in its head).
#   1, 8, 12  virus reports: German, Czech, French
#   2, 10     content reports: French (an HTML form), Brazilian
#             Portuguese (a message it could not analyse)
#   3, 7      file name reports: Spanish (ISO-8859-1), Danish
#   4         error report, Italian (Outlook Rich Text)
#   5         MCP report, Dutch (held for review)
#   6, 9, 11  spam reports: Swedish (a spam list), Hungarian, Slovak

setup() {
	load lib/helpers
}

@test "round27-intl8: every notice gives the recipients, kinds, reasons and writer round27-intl8-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round27-intl8.mbox round27-intl8-expected.tsv
}
