#!/usr/bin/env bats
# deliv-bounce-classify: Round 23 (intl6, issue #15), whole notices in
# languages other than English whose words are the only evidence (no
# DSN part, no diagnostic section, no reply or status code), committed
# before their first run: tests/fixtures/bounce-writers/round23-intl6.mbox,
# its expected records in round23-intl6-expected.tsv (msgno, mta,
# recipient, kind, reason; the sources, the first run and the misses
# left documented in its head).
#   1-5    Exchange 2000/2003: German, French, Italian, Dutch, Portuguese
#   6-11   Exchange 2010/2013: Japanese, Chinese, Korean, Russian,
#          Polish, Swedish (#7-11 carry only Exchange's own
#          X-MS-Exchange-Message-Is-Ndr as a sign of a bounce in their
#          headers, with Auto-Submitted: auto-replied: without
#          is_bounce()'s reading of it they are auto-replies)
#   12-14  Exchange Online: Spanish and German remote refusals, a Dutch
#          enhanced NDR
#   15     an Exchange 2010 delay notice in French (as #7-11)

setup() {
	load lib/helpers
}

@test "round23-intl6: every notice gives the recipients, kinds, reasons and writer round23-intl6-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round23-intl6.mbox round23-intl6-expected.tsv
}
