#!/usr/bin/env bats
# deliv-bounce-classify: Round 26 (gw5, issue #15), security gateways
# and hosted filters read in their own sources: 12 whole notices
# (tests/fixtures/bounce-writers/round26-gw5.mbox, the expected records
# in round26-gw5-expected.tsv: msgno, mta, recipient, kind, reason; the
# sources and readings in its head) and 13 replies
# (round26-gw5-replies.tsv, named so that bench/bounce-blind.sh's
# round*-replies.tsv glob counts it), committed before their first run.
#   1      Proxmox Mail Gateway's own NDR (a Block rule, two recipients)
#   2-3    MailScanner's "Unrequested mail rejected" report (one, two)
#   4-12   MailCleaner's Exim ACL replies quoted by the sender's Postfix
#          or Exim: an RBL, reverse DNS, DMARC, TLS, a banned file type,
#          a blocked sender, the line length, an unknown user, a
#          forbidden relay destination
# and a second blind part written after the first ran, committed before
# its own first run (round26-gw5b.mbox, round26-gw5b-expected.tsv):
#   1-5    MailScanner's other reports to a sender (a banned file name,
#          dangerous content, an unparsable part, MCP's hold, a size)
#   6      Proxmox Mail Gateway's daily spam report (none)

setup() {
	load lib/helpers
}

@test "round26-gw5: every notice gives the recipients, kinds, reasons and writer round26-gw5-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round26-gw5.mbox round26-gw5-expected.tsv
}

@test "round26-gw5: each MailCleaner reply gets the reason and kind its ACL gives (round26-gw5-replies)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round26-gw5-replies.tsv 13
	kinds_agree round26-gw5-replies.tsv
}

@test "round26-gw5b: every MailScanner report and PMG's spam report gives the record round26-gw5b-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round26-gw5b.mbox round26-gw5b-expected.tsv
}

# A recipient's own spam report (Proxmox Mail Gateway's "Daily Spam
# Report for 'ADDR' - DATE", from its admin address, postmaster by
# default) is no notice: bounce-subject.txt's "digest" lines take a
# postmaster sender or a null Return-Path as no sign (lib/bounce/bounce.c
# subject_tag()); the same words under a bounce's subject, or with
# X-Failed-Recipients, are still read
@test "round26-gw5b: a subject tagged digest makes a postmaster's spam report no notice; a bounce's subject or X-Failed-Recipients still count" {
	cd "$FIXTURES/bounce-writers"
	msg round26-gw5b.mbox 6 >"$BATS_TEST_TMPDIR/d.mbox"
	run -0 deliv-bounce-classify --no-header -o recipient,kind "$BATS_TEST_TMPDIR/d.mbox"
	assert_output $'\tnone'
	sed 's/^Return-Path: .*/Return-Path: <>/' "$BATS_TEST_TMPDIR/d.mbox" >"$BATS_TEST_TMPDIR/n.mbox"
	run -0 deliv-bounce-classify --no-header -o recipient,kind "$BATS_TEST_TMPDIR/n.mbox"
	assert_output $'\tnone'
	sed 's/^Subject: .*/Subject: Undelivered Mail Returned to Sender/' "$BATS_TEST_TMPDIR/d.mbox" >"$BATS_TEST_TMPDIR/s.mbox"
	run -1 deliv-bounce-classify --no-header -o recipient,kind "$BATS_TEST_TMPDIR/s.mbox"
	assert_output $'\tsoft'
	sed 's/^Auto-Submitted: .*/X-Failed-Recipients: j.weber@example-mill.de/' "$BATS_TEST_TMPDIR/d.mbox" >"$BATS_TEST_TMPDIR/x.mbox"
	run -1 deliv-bounce-classify --no-header -o kind "$BATS_TEST_TMPDIR/x.mbox"
	assert_output 'soft'
}
