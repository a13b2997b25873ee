#!/usr/bin/env bats
# deliv-bounce-classify: Round 29 (tmpl1, issue #15), exact failed-
# recipient sets, kinds, reasons and writers on notices written from a
# site's customised template, as each MTA documents the customisation:
# the MTA keeps its structure (DSN part, headers, the recipient lines),
# the site writes the prose (other languages, a help desk, an address to
# write to instead, a placeholder), none of whose addresses failed.
# Committed before their first run: tests/fixtures/bounce-writers/
# round29-tmpl1.mbox and its expected records in
# round29-tmpl1-expected.tsv (msgno, mta, recipient, kind, reason).
#   1-4    Postfix bounce_template_file (bounce(5)): German and Spanish
#          failure templates, a French delay template, a friendly
#          English one with two causes
#   5-7,12 Exim bounce_message_file (Dutch, German), bounce_message_text,
#          warn_message_file (Italian)
#   8-9    Sendmail ErrorHeader (a file; a string on a delay warning)
#   10-11  Exchange custom NDR text (New-SystemMessage), English
#          internal and Spanish external

setup() {
	load lib/helpers
}

@test "round29-tmpl1: every notice from a customised template gives the recipients, kinds, reasons and writer round29-tmpl1-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round29-tmpl1.mbox round29-tmpl1-expected.tsv
}
