#!/usr/bin/env bats
# deliv-bounce-classify: Round 26 (src8, issue #15), open-source writers'
# own causes, each notice written from the writer's own source: 13
# messages, committed before their first run:
# tests/fixtures/bounce-writers/round26-src8.mbox, its expected records in
# round26-src8-expected.tsv (msgno, mta, recipient, kind, reason; the
# sources and the readings in its head).
#   1-3    OpenSMTPD failures: "Invalid domain name", "Permanent failure
#          in user lookup" (5.1.6), a delivery command "exited abnormally"
#   4-5    OpenSMTPD delay notices: "TLS required for relaying", "Address
#          family mismatch on destination MXs"
#   6-7    Postfix quoting OpenSMTPD's replies: 524 5.2.4 expansion
#          problem, 530 5.5.1 AUTH required
#   8-11   Postfix 3.11+ REQUIRETLS failures, headers only
#   12     Postfix delay notice: "our TLS engine is unavailable"
#   13     Haraka: a get_mx plugin's DENY, "No MX for DOMAIN"

setup() {
	load lib/helpers
}

@test "round26-src8: every message gives the recipients, kinds, reasons and writer round26-src8-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round26-src8.mbox round26-src8-expected.tsv
}

# soft.txt's OpenSMTPD lines (Round 26, src8): #7's reply with the
# listener's other requirement, "Must issue a STARTTLS command first"
# (smtp_session.c, the same "5.5.1 Invalid command:" prefix), is a TLS
# requirement, not the syntax error "invalid command" alone would read.
@test "round26-src8: OpenSMTPD's 530 5.5.1 Invalid command: Must issue a STARTTLS command first is failedstarttls" {
	cd "$FIXTURES/bounce-writers"
	msg round26-src8.mbox 7 | sed 's/an AUTH command/a STARTTLS command/' >"$BATS_TEST_TMPDIR/starttls.mbox"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/starttls.mbox"
	assert_equal "$output" "sales@partner.example.net	soft	failedstarttls"
}
