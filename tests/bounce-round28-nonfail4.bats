#!/usr/bin/env bats
# deliv-bounce-classify: Round 28 (nonfail4, issue #15), list managers'
# and ticket systems' own mail in a bounce mailbox, each message written
# from its writer's own source or templates (read; each X-Test-Source
# says what was read and what recalled): 14 whole messages, committed
# before their first run: tests/fixtures/bounce-writers/
# round28-nonfail4.mbox and its expected records in
# round28-nonfail4-expected.tsv (msgno, mta, recipient, kind, reason; the
# sources and the decisions in its head).
#   1-3    ezmlm-idx: a bounce warning and a probe to a subscriber, each
#          enclosing a real bounce; a moderator's "Returned post"
#   4-5    mlmmj: "subscribers only" and "denied due to size limit"
#   6      Majordomo 1.94.5 resend: "BOUNCE LIST@HOST: Non-member
#          submission" to the list's approver
#   7-10   Sympa: DSNs for a post forwarded to the moderators (2.3.0), an
#          unknown list (5.1.1), a sender not allowed (5.7.1); the
#          moderator's rejection
#   11-14  Request Tracker's "Resolved", Zammad's "[undeliverable]
#          Message too large", OTRS/Znuny's "is bounced to", osTicket's
#          "Message Added" autoresponse

setup() {
	load lib/helpers
}

@test "round28-nonfail4: every message gives the recipients, kinds, reasons and writer round28-nonfail4-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round28-nonfail4.mbox round28-nonfail4-expected.tsv
}

# Majordomo's approval notice (#6) sends the post from its first byte,
# its mbox envelope line ("From fay@example.org  Mon Dec  7 ...",
# RFC 4155) included; under the subject's "BOUNCE" the envelope line's
# address, the first one of the text, was reported as failed.  The line
# opens the returned message's header (lib/bounce/text.c
# envelope_line()); an address on a line that only opens with "From"
# still reads as before.
@test "round28-nonfail4: a returned message's mbox envelope line names its sender, no failed recipient" {
	cd "$FIXTURES/bounce-writers"
	msg round28-nonfail4.mbox 6 >"$BATS_TEST_TMPDIR/m.mbox"
	cd "$BATS_TEST_TMPDIR"
	run deliv-bounce-classify --no-header -o recipient,kind m.mbox
	refute_output --partial 'fay@example.org'
	mbox_notice e.mbox 'Mail Delivery System <MAILER-DAEMON@mx.example.net>' \
	    'owner@example.org' 'Undelivered Mail Returned to Sender' \
	    $'>From gil@example.org  Tue Dec  8 09:00:00 2026\nDate: Tue, 8 Dec 2026 09:00:00 +0000\nFrom: gil@example.org\nTo: jo@example.net\nSubject: hello\n\nhello'
	run deliv-bounce-classify --no-header -o recipient e.mbox
	refute_output --partial 'gil@example.org'
	mbox_notice p.mbox 'Mail Delivery System <MAILER-DAEMON@mx.example.net>' \
	    'owner@example.org' 'Undelivered Mail Returned to Sender' \
	    $'  From jo@example.net: 550 5.1.1 mailbox unavailable'
	run -1 deliv-bounce-classify --no-header -o recipient,kind p.mbox
	assert_output $'jo@example.net\thard'
}
