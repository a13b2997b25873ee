#!/usr/bin/env bats
# deliv-bounce-classify: Round 28 (multi4, issue #15), exact failed-
# recipient sets, kinds, reasons and writers on notices naming several
# recipients whose outcomes differ, a fourth batch, in writers and
# combinations round23-multi1, round24-multi2 and round27-multi3 lack,
# each learned from its writer's own source (the sources in the expected
# file's head), committed before their first run:
# tests/fixtures/bounce-writers/round28-multi4.mbox, its expected records
# in round28-multi4-expected.tsv (msgno, mta, recipient, kind, reason).
#   1-3    OpenSMTPD: failure with its own DNS and expiry words beside a
#          remote reply; delay warning; "relayed" success notice
#   4      Stalwart: temporary and permanent failures, its own error
#          forms, a delayed group with no Status line
#   5-6    Citadel: three 5xx lines; a give-up notice with mixed lines
#   7-8    Postfix delivering by LMTP to Dovecot: failure (an alias
#          member among them) and delay notice
#   9      Haraka by LMTP, its present template with HTML and image parts
#   10     Stalwart failure: MTA-STS, DANE and a remote reply
#   11     chasquid: an alias's two members (failed, timed out) and a
#          direct recipient

setup() {
	load lib/helpers
}

@test "round28-multi4: every multi-recipient notice gives the recipients, kinds, reasons and writer round28-multi4-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round28-multi4.mbox round28-multi4-expected.tsv
}
