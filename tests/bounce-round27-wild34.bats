#!/usr/bin/env bats
# deliv-bounce-classify: Round 27 (wild34, issue #15), exact failed-
# recipient sets and address precision on real notices quoted whole or
# nearly whole in public issue threads of 2019-2025, a short batch: 6
# notices, committed before their first run:
# tests/fixtures/bounce-writers/round27-wild34.mbox, its expected records
# in round27-wild34-expected.tsv (msgno, mta, recipient, kind, reason;
# the sources and the readings in its head).
#   1      Zoho Mail delay notice, "[Status: Error, Address: <A>,
#          Malformed answer from server]"
#   2      Postfix delay notice with its DSN, connect timed out
#   3      "... rejected the message you sent to the following email
#          address", "not listed in the domain's directory"
#   4      Gmail "Address not found", DNS error (no mail host)
#   5      Google Groups, "the group you tried to contact", no address
#   6      Postfix reason lines without their address, bad DNS PTR

setup() {
	load lib/helpers
}

@test "round27-wild34: every notice gives the recipients, kinds, reasons and writer round27-wild34-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round27-wild34.mbox round27-wild34-expected.tsv
}

# Gmail's DNS error (#4): "DNS type 'a' lookup of D had no relevant
# answers" after the same for 'mx' and 'aaaa' is a domain without a mail
# host (hostunknown), not a network error; a temporary answer to the 'a'
# lookup leaves it networkerror
@test "round27-wild34: Gmail's 'lookup ... had no relevant answers' for the 'a' lookup is hostunknown; a SERVFAIL stays networkerror" {
	cd "$FIXTURES/bounce-writers"
	msg round27-wild34.mbox 4 >"$BATS_TEST_TMPDIR/d.mbox"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/d.mbox"
	assert_output $'info@tech.example.com\thard\thostunknown'
	sed "s/DNS type 'a' lookup of tech.example.com had no relevant answers./DNS type 'a' lookup of tech.example.com responded with code SERVFAIL/" "$BATS_TEST_TMPDIR/d.mbox" >"$BATS_TEST_TMPDIR/s.mbox"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/s.mbox"
	assert_output $'info@tech.example.com\tsoft\tnetworkerror'
}

# Zoho Mail's per-recipient line without a ResponseCode (#1, its delay
# notice) names Zoho as the writer, and its "Malformed answer from
# server" is the receiving system's failure
@test "round27-wild34: Zoho's '[Status: Error, Address: <a>, Malformed answer from server]' is zoho, soft systemerror" {
	cd "$FIXTURES/bounce-writers"
	msg round27-wild34.mbox 1 >"$BATS_TEST_TMPDIR/z.mbox"
	sed -i 's/^From: mailer-daemon@mail.zoho.eu$/From: mailer-daemon@mail.example.eu/' "$BATS_TEST_TMPDIR/z.mbox"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason,mta "$BATS_TEST_TMPDIR/z.mbox"
	assert_output $'alias@example.com\tsoft\tsystemerror\tzoho'
}
