#!/usr/bin/env bats
# deliv-bounce-classify: Round 24 (wild31, issue #15), exact failed-
# recipient sets and address precision on real notices, and messages that
# only look like bounces, quoted whole or nearly whole in public issue
# threads (2012-2026): 13 messages, committed before their first run:
# tests/fixtures/bounce-writers/round24-wild31.mbox, its expected records
# in round24-wild31-expected.tsv (msgno, mta, recipient, kind, reason;
# the sources and the readings in its head).
#   1      hMailServer, "connecting to myself", the address line joined
#   2      Postfix without its head line, AAAA "no data record"
#   3      iCloud (Messaging Server) pasted as text, no recipient group
#   4      Postfix (Kolab), Cyrus lmtpd 'unknown user: "test"'
#   5      Google Groups, the group named only "(all)": empty recipient
#   6      Postfix address block, "<someone's email>": empty recipient
#   7      Exchange NDR head, mailbox full
#   8      Postfix address block, Dovecot LMTP "User doesn't exist"
#   9-11   auto-replies (English, Chinese/English, QQ Mail): vacation
#   12     GitHub's notification of an issue quoting a bounce: none
#   13     a read receipt (MDN): none

setup() {
	load lib/helpers
}

@test "round24-wild31: every message gives the recipients, kinds, reasons and writer round24-wild31-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round24-wild31.mbox round24-wild31-expected.tsv
}
