#!/usr/bin/env bats
# deliv-bounce-classify: Round 24 (multi2, issue #15), exact failed-
# recipient sets, kinds, reasons and writers on notices naming several
# recipients whose outcomes differ, a second batch, of writers
# round23-multi1 did not do, each learned from its writer's own source
# (the sources in the expected file's head), committed before their first
# run: tests/fixtures/bounce-writers/round24-multi2.mbox, its expected
# records in round24-multi2-expected.tsv (msgno, mta, recipient, kind,
# reason).
#   1-3    Courier: final DSN with delivered and failed; delayed DSN with
#          no Diagnostic-Code; one address (an alias) delivered and failed
#   4-5    OpenSMTPD: failure and delay notices, several recipients each
#   6-7    Stalwart "Partially delivered message"; two groups sharing one
#          Original-Recipient, one delivered, one failed
#   8      Haraka, two refused at RCPT TO
#   9      Exim delay warning, three addresses, one with no host
#   10     Postfix delay notice, three delayed
#   11     hMailServer plain-text notice, three failed
#   12     Courier: Action failed though the reply says "try again later"

setup() {
	load lib/helpers
}

@test "round24-multi2: every multi-recipient notice gives the recipients, kinds, reasons and writer round24-multi2-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round24-multi2.mbox round24-multi2-expected.tsv
}

# #7 (Stalwart): two DSN groups give one Original-Recipient
# (staff@example.net) for two Final-Recipients, one delivered, one
# failed: the alias was expanded (RFC 3461 4.2), each member's outcome is
# its own (lib/bounce/report.c orcpt_shared()).  With only the failed
# group naming it, the Original-Recipient is still the address reported.
@test "round24-multi2: two groups sharing an Original-Recipient report each member, not the alias" {
	cd "$FIXTURES/bounce-writers"
	sed -n '/^From MAILER-DAEMON Mon Dec  7 12:14:02 2026/,/^From /p' round24-multi2.mbox | sed '$d' >"$BATS_TEST_TMPDIR/shared.eml"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/shared.eml"
	assert_output "$(printf '%s\n' \
	    $'gil.moss@desk.example.net\tundetermined\tdelivered' \
	    $'hal.vance@away.example.org\thard\tuserunknown')"
	sed -i '0,/^Original-Recipient: rfc822;staff@example.net$/{//d}' "$BATS_TEST_TMPDIR/shared.eml"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/shared.eml"
	assert_output "$(printf '%s\n' \
	    $'gil.moss@desk.example.net\tundetermined\tdelivered' \
	    $'staff@example.net\thard\tuserunknown')"
}
