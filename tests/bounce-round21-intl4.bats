#!/usr/bin/env bats
# deliv-bounce-classify: Round 21 (intl4, issue #15): whole notices in
# other languages from writers that localize their own template, as a
# user outside the English-speaking world receives them: 18 notices,
# each X-Test-Source saying what was read in the writer's own text and
# what is recalled or written for this batch; committed before their
# first run: tests/fixtures/bounce-writers/round21-intl4.mbox and its
# expected records in round21-intl4-expected.tsv (msgno, mta,
# recipient, kind, reason; the sources in its head).
#   1-2    Seznam.cz's Czech/English notice (its help page's copy)
#   3-8    Postfix with a site's localized bounce_template_file: Polish,
#          German (iso-8859-1), Russian (koi8-r), Czech delay
#          (iso-8859-2), Korean (euc-kr), Brazilian Portuguese delay
#   9-12   Exim with a site's localized bounce_message_file: Italian,
#          French (quoted-printable), Portuguese (base64), Spanish delay
#   13-15  Yandex Mail's Russian/English notice (public copies)
#   16-18  qmail with a Polish host's head (kei.pl's help page)

setup() {
	load lib/helpers
}

@test "round21-intl4: every notice gives the recipients, kinds, reasons and writer round21-intl4-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round21-intl4.mbox round21-intl4-expected.tsv
}
