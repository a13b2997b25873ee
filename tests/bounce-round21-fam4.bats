#!/usr/bin/env bats
# deliv-bounce-classify: Round 21 (fam4, issue #15): the held-out set is
# more files of the development corpus's families, among them the
# rhost-FAMILY files, in which a remote host's reply decides the reason.
# This batch gives those remote providers failure causes the corpus
# labels for no rhost file of theirs (labels.tsv per family, reasons
# only): 26 whole notices written by common MTAs (Postfix, Exim,
# sendmail, qmail, Gmail, Exchange Online), each quoting one provider's
# reply in the words of the provider's own error-code page or a public
# copy, as each X-Test-Source says; four with two recipients, six delay
# notices; committed before their first run (876771f):
# tests/fixtures/bounce-writers/round21-fam4.mbox and its expected
# records in round21-fam4-expected.tsv (msgno, mta, recipient, kind,
# reason; the causes in its head).
#   1 Cox AUP#CXCNCT (delay), 2-3 GoDaddy IB212 and IB508,
#   4 iCloud excessive volume (delay), 5-6 AOL 5.7.9 and [BL21],
#   7-8 Yahoo disabled account and message size, 9-11 Gmail 5.2.3 size,
#   5.7.1 unsolicited, 4.7.28 rate limit (delay), 12 Workspace 5.2.2,
#   13-14 Exchange Online 5.4.1 Access denied and 5.7.64 relay,
#   15-16 Outlook.com S3150 and 4.7.650 (delay), 17 Microsoft 365
#   4.7.500 (delay), 18-19 Mimecast Invalid Recipient and Envelope
#   blocked - User Entry, 20 MessageLabs relay, 21 Zoho, 22 KDDI (au),
#   23 NTT docomo, 24 QQ, 25 Orange too many connections (delay),
#   26 Spectrum (Road Runner) invalid mailbox
# The first run missed two reasons (#1 Cox's link read as "residential",
# #3 GoDaddy's "per it's SPF Record"); soft.txt's Round 21 (fam4) lines
# read them.

setup() {
	load lib/helpers
}

@test "round21-fam4: every notice gives the recipients, kinds, reasons and writer round21-fam4-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round21-fam4.mbox round21-fam4-expected.tsv
}
