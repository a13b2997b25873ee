#!/usr/bin/env bats
# deliv-bounce-classify: Round 26 (src9, issue #15), Exim's and Sendmail's
# newer own texts the fixtures lacked, each notice written from the
# writer's own source (Exim 4.98.2, Sendmail 8.17.2): 16 messages,
# committed before their first run:
# tests/fixtures/bounce-writers/round26-src9.mbox, its expected records in
# round26-src9-expected.tsv (msgno, mta, recipient, kind, reason; the
# sources and the readings in its head).
#   1      Exim's errors_to form, a pipelined RCPT refusal, the DSN-info
#          fields (X-Remote-MTA-smtp-greeting, X-Exim-Diagnostic)
#   2-3    Exim, .forward pipes: forbidden (no text), killed ("local
#          delivery failed")
#   4      Exim's delay warning: "host lookup done insecurely"
#   5-9    Exim's local-submission errors (moan.c): message too big,
#          overlong header line, too many recipients, malformed
#          recipient address, system failure
#   10-14  Sendmail: 8-bit to a 7-bit mailer, DELIVERBY too late, an
#          alias loop, SMTPUTF8 not offered, a null MX
#   15-16  Sendmail's DELIVERBY expiry and its notify-mode warning

setup() {
	load lib/helpers
}

@test "round26-src9: every message gives the recipients, kinds, reasons and writer round26-src9-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round26-src9.mbox round26-src9-expected.tsv
}

# The other forms of the Round 26 (src9) lines: moan.c's "overlong header
# section" (ERRMESS_VLONGHEADER) and its singular malformed-address
# sentence (ERRMESS_BADARGADDRESS); rf_lookup_hostlist.c's "host lookup
# for HOST done insecurely" (a manualroute router).
@test "round26-src9: Exim's overlong header section, single malformed address and manualroute's insecure lookup" {
	cd "$FIXTURES/bounce-writers"
	msg round26-src9.mbox 6 | sed 's/overlong header line/overlong header section/; s/contained a header line that/contained a header section that/' >"$BATS_TEST_TMPDIR/section.mbox"
	run deliv-bounce-classify --no-header -o recipient,kind,reason,mta "$BATS_TEST_TMPDIR/section.mbox"
	assert_equal "$output" "	soft	contenterror	exim"
	msg round26-src9.mbox 8 | perl -0pe 's/contained one or more recipient addresses that were\nincorrectly constructed:/contained a recipient address that was incorrectly\nconstructed:/' >"$BATS_TEST_TMPDIR/single.mbox"
	run deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/single.mbox"
	assert_equal "$output" "	hard	userunknown"
	msg round26-src9.mbox 4 | sed 's/Delay reason: host lookup done insecurely/Delay reason: host lookup for mx.example.net done insecurely/' >"$BATS_TEST_TMPDIR/manualroute.mbox"
	run deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/manualroute.mbox"
	assert_equal "$output" "legal@example.net	soft	securityerror"
}
