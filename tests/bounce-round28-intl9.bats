#!/usr/bin/env bats
# deliv-bounce-classify: Round 28 (intl9, issue #15), Gmail's failure
# notices in the sender's interface language and Microsoft's NDRs in
# the sending organisation's language, committed before their first
# run: tests/fixtures/bounce-writers/round28-intl9.mbox, its expected
# records in round28-intl9-expected.tsv (msgno, mta, recipient, kind,
# reason; what was read and what recalled, the first run and any
# misses in its head).
#   1-7    Gmail in French, Italian, Spanish, Brazilian Portuguese,
#          Dutch, Polish and Slovak: an unknown user, a server that does
#          not accept the connection (given up; still trying), a spam
#          refusal, a full mailbox, a domain that does not exist
#   8-12   Exchange and Exchange Online in French (a delay for two
#          recipients, an expired message, a remote refusing the
#          sender's IP for its PTR), Polish (a delay) and Italian (an
#          unknown recipient)

setup() {
	load lib/helpers
}

@test "round28-intl9: every notice gives the recipients, kinds, reasons and writer round28-intl9-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round28-intl9.mbox round28-intl9-expected.tsv
}
