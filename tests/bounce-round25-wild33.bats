#!/usr/bin/env bats
# deliv-bounce-classify: Round 25 (wild33, issue #15), exact failed-
# recipient sets and address precision on real notices quoted whole or
# nearly whole in public issue threads of 2020-2026, and three messages
# that only look like bounces: 14 messages, committed before their
# first run: tests/fixtures/bounce-writers/round25-wild33.mbox, its
# expected records in round25-wild33-expected.tsv (msgno, mta,
# recipient, kind, reason; the sources and the readings in its head).
#   1      Gmail "Message not delivered", connection timed out
#   2      Exchange Online, sender not a valid sender, no address quoted
#   3      Gmail "Address not found", "was not delivered to"
#   4      Postfix address block, Namecheap's forwarder, 554 5.1.1
#   5      Gmail, "has been blocked" (one line)
#   6      Exchange Online, "couldn't be found", "organization rejected"
#   7      Exchange, "Remote Server returned ... 5.4.7 Delivery expired"
#   8      Gmail "Address not found", "because the address couldn't be found"
#   9      Postfix address block, Feishu, "verify address failed"
#   10     Exchange on premises, "The e-mail address you entered"
#   11     "This is a message delivery failure report." (a provider's own)
#   12-13  auto-replies to GitHub notifications: vacation
#   14     GitHub's notification of an issue quoting a bounce: none

setup() {
	load lib/helpers
}

@test "round25-wild33: every message gives the recipients, kinds, reasons and writer round25-wild33-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round25-wild33.mbox round25-wild33-expected.tsv
}

# A list's distribution whose only bounce sign is its subject is no
# notice (#14: GitHub's notification of an issue titled "... appears
# invalid / undeliverable" over the reporter's quote of Gmail's line).
# Without List-Id, with a null Return-Path, or when the list's message
# says it is automatic (Auto-Submitted, Precedence: bulk), the subject
# still counts: a list manager's own notice stays a notice.
@test "round25-wild33: a list's post whose subject alone names a bounce is none; an automatic one is still read" {
	cd "$FIXTURES/bounce-writers"
	msg round25-wild33.mbox 14 >"$BATS_TEST_TMPDIR/l.mbox"
	run -0 deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/l.mbox"
	assert_output $'\tnone\t'
	sed '/^List-ID:/d' "$BATS_TEST_TMPDIR/l.mbox" >"$BATS_TEST_TMPDIR/n.mbox"
	run -1 deliv-bounce-classify --no-header -o recipient,kind "$BATS_TEST_TMPDIR/n.mbox"
	assert_output $'loxilb-devel@netlox.example.org\tsoft'
	sed 's/^Return-Path: .*/Return-Path: <>/' "$BATS_TEST_TMPDIR/l.mbox" >"$BATS_TEST_TMPDIR/r.mbox"
	run -1 deliv-bounce-classify --no-header -o recipient,kind "$BATS_TEST_TMPDIR/r.mbox"
	assert_output $'loxilb-devel@netlox.example.org\tsoft'
	sed 's/^Precedence: list/Auto-Submitted: auto-generated/' "$BATS_TEST_TMPDIR/l.mbox" >"$BATS_TEST_TMPDIR/a.mbox"
	run -1 deliv-bounce-classify --no-header -o recipient,kind "$BATS_TEST_TMPDIR/a.mbox"
	assert_output $'loxilb-devel@netlox.example.org\tsoft'
	sed 's/^Precedence: list/Precedence: bulk/' "$BATS_TEST_TMPDIR/l.mbox" >"$BATS_TEST_TMPDIR/b.mbox"
	run -1 deliv-bounce-classify --no-header -o recipient,kind "$BATS_TEST_TMPDIR/b.mbox"
	assert_output $'loxilb-devel@netlox.example.org\tsoft'
}

# Exchange Online's 5.1.8 NDR in its newer words ("the sending email
# address was not recognized as a valid sender ... suspected of sending
# spam") is the sender refused, not spam (#2); a relay's "5.4.7 -
# Delivery expired (message too old)" is expired, whatever last error it
# quotes after it (#7)
@test "round25-wild33: 'was not recognized as a valid sender' is rejected; 'Delivery expired (message too old)' is expired" {
	cd "$FIXTURES/bounce-writers"
	msg round25-wild33.mbox 2 >"$BATS_TEST_TMPDIR/s.mbox"
	run -1 deliv-bounce-classify --no-header -o kind,reason "$BATS_TEST_TMPDIR/s.mbox"
	assert_output $'soft\trejected'
	msg round25-wild33.mbox 7 >"$BATS_TEST_TMPDIR/e.mbox"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/e.mbox"
	assert_output $'mm@uqfoundation.example.com\tsoft\texpired'
}
