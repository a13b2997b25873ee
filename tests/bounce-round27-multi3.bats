#!/usr/bin/env bats
# deliv-bounce-classify: Round 27 (multi3, issue #15), exact failed-
# recipient sets, kinds, reasons and writers on notices naming several
# recipients whose outcomes differ, a third batch, of combinations
# round23-multi1 and round24-multi2 lack, each learned from its writer's
# own source (the sources in the expected file's head), committed before
# their first run: tests/fixtures/bounce-writers/round27-multi3.mbox, its
# expected records in round27-multi3-expected.tsv (msgno, mta,
# recipient, kind, reason).
#   1      Exim: a redirected child, "an undisclosed address" (hidden
#          child), a plain address; DSN groups in reverse order
#   2      Exim: a pipe with its output section, a size refusal
#   3      Exim delay warning: a child, a grandchild, an untried address
#   4      Exim success DSN (relayed, Action delivered)
#   5      Postfix after the queue lifetime: Action failed, 4.X.X kept
#   6-7    Sendmail DELIVERBY (RFC 2852): return mode and notify mode
#   8      qmail-send, five paragraphs
#   9      Courier final DSN with receipts, relayed and failed parts
#   10     maddy: failed at its last try beside permanent failures
#   11-12  part 2: Exim failure with a retry timeout, an unrouteable
#          address and a "save to" file; Exim delay warning to an
#          errors_to address with a hidden child

setup() {
	load lib/helpers
}

@test "round27-multi3: every multi-recipient notice gives the recipients, kinds, reasons and writer round27-multi3-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round27-multi3.mbox round27-multi3-expected.tsv
}

# #3 (Exim delay warning): Exim's DSN names the top ancestors (events@,
# board@) while its text lists the children over their replies, one entry
# under the other with no blank line between, each with its
# "(generated from A)" note (deliver.c print_address_information(),
# print_dsn_addr_action()).  The children are the recipients' entries
# (alias.c bnc_text_members_add()) and a parenthesized note line under an
# entry does not end it (lines.c note_line()): their replies are theirs,
# so the third address, which has none, is not given another's "Mailbox
# full" from the words the recipients share.  Without either change it
# is soft mailboxfull.
@test "round27-multi3: an Exim delay warning's children keep their replies; an address with none is expired" {
	cd "$FIXTURES/bounce-writers"
	sed -n '/^From Mailer-Daemon@mx2.example.org Mon Dec  7 11:16:02 2026/,/^From /p' round27-multi3.mbox | sed '$d' >"$BATS_TEST_TMPDIR/children.eml"
	run deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/children.eml"
	assert_output "$(printf '%s\n' \
	    $'events@example.org\tsoft\tmailboxfull' \
	    $'board@example.org\tsoft\tsystemfull' \
	    $'p.sousa@example.org\tsoft\texpired')"
}

# #11 (Exim failure, part 2): "nobody@example.net" two blanks in under
# the four-blank "retry timeout exceeded" of the entry above, with no
# blank line between: a line less indented than the one before it opens
# a new entry (lines.c outdent()), so "Unrouteable address" is its own
# and not the other entry's retry timeout.  Without it: soft expired.
@test "round27-multi3: an Exim entry under another's indented lines keeps its own error" {
	cd "$FIXTURES/bounce-writers"
	sed -n '/^From Mailer-Daemon@mx4.example.net Tue Dec  8 09:05:51 2026/,/^From /p' round27-multi3.mbox | sed '$d' >"$BATS_TEST_TMPDIR/outdent.eml"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/outdent.eml"
	assert_line --index 2 $'nobody@example.net\thard\tuserunknown'
}
