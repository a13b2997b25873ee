#!/usr/bin/env bats
# deliv-bounce-classify: Round 21 (fam6, issue #15): a second pass on the
# rhost families with the most files (google and gsuite, outlook and
# microsoft, yahooinc and aol, apple, tencent), after round21-fam4: 13
# whole notices written by Postfix, Exim, sendmail, qmail and Gmail, each
# quoting one provider's reply, in the words of the provider's own page or
# a public copy (X-Test-Source), for a cause that family's labels do not
# show; three with two recipients, three delay notices; committed before
# their first run (6e8daa4): tests/fixtures/bounce-writers/round21-fam6.mbox
# and its expected records round21-fam6-expected.tsv (msgno, mta,
# recipient, kind, reason; the causes in its head).
#   1-2 Gmail illegal attachment, 421 4.3.0 Temporary System Problem
#   (delay), 3-4 Workspace missing Message-ID, 450 4.2.1 receiving email
#   at a rate (delay), 5-6 Outlook.com 5.7.515 and RP-001 (delay),
#   7 Exchange Online 5.7.124, 8-9 Yahoo VS99-IP1 and over quota, 10 AOL
#   mailbox disabled (554.30), 11 iCloud over quota, 12 Tencent Exmail
#   "Mail is rejected by recipients", 13 QQ "Mail content denied"
# The first run missed three reasons (#1 read contenterror, #8 rejected by
# its bare 553, #13 filtered); soft.txt's Round 21 (fam6) lines read them.
# #1's expectation was corrected after the first run (virusdetected to
# policyviolation, 70b5bd6).

setup() {
	load lib/helpers
}

@test "round21-fam6: every notice gives the recipients, kinds, reasons and writer round21-fam6-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round21-fam6.mbox round21-fam6-expected.tsv
}
