#!/usr/bin/env bats
# deliv-bounce-classify: Round 24 (arf2, issue #15), complaint
# (feedback-loop) reports as real FBL operators send them: 21 whole
# messages written from the operators' own pages, RFCs and public copies
# (RFC 5965, 6430, 6590, 6591, 7489, 8460; Yahoo's CFL, AOL's SComp ARF
# and traditional format, Outlook.com's JMRP classic and 2026 ARF,
# Mail.ru, Yandex and Comcast through Validity, Amazon SES's Complaint
# notification, SpamCop, UOL; each X-Test-Source says what was read and
# what recalled), committed before their first run:
# tests/fixtures/bounce-writers/round24-arf2.mbox and its expected
# records in round24-arf2-expected.tsv (msgno, writer label, recipient,
# kind, reason; the decisions in its head).
#   1-3    abuse reports naming the complainer: Original-Rcpt-To (two in
#          2), Yahoo's returned To
#   4-7    AOL ARF and traditional (redacted), JMRP classic
#          (X-HmXmrOriginalRecipient) and 2026 ARF (redacted)
#   8-12   Mail.ru, Yandex, Comcast (multipart/mixed, base64), fraud, virus
#   13     not-spam: none
#   14-15  SES Complaint by SNS email; complaintSubType
#          OnAccountSuppressionList (suppressed)
#   16     SpamCop's plain-text report ("To: <x>")
#   17-19  auth-failure (spf), DMARC aggregate, TLS-RPT: none
#   20-21  RFC 6590 hashed local-part (a documented miss: the digest
#          address is reported), UOL's "X": no address
# After the first run: not-spam is none, SES's OnAccountSuppressionList
# is soft suppressed, SpamCop's, AOL's traditional and JMRP's classic
# reports are feedback naming no address (#6 a documented recall miss).

setup() {
	load lib/helpers
}

# says STATUS FILE RECORDS: bounce-classify exits STATUS on FILE and
# writes RECORDS (recipient, kind, reason)
says() {
	run "-$1" deliv-bounce-classify --no-header -o recipient,kind,reason "$2"
	assert_output "$3"
}

@test "round24-arf2: every feedback report gives the recipients, kinds and reasons round24-arf2-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round24-arf2.mbox round24-arf2-expected.tsv writer
}

# A "not-spam" report (RFC 6430: the user does not consider the message
# spam) was feedback for its Original-Rcpt-To (#13), as if that user had
# complained; like an auth-failure report it is none.  The same report as
# an abuse report stays feedback.
@test "round24-arf2: a not-spam feedback report is none; the same report with Feedback-Type abuse is feedback" {
	cd "$FIXTURES/bounce-writers"
	msg round24-arf2.mbox 13 >"$BATS_TEST_TMPDIR/r.mbox"
	run -0 deliv-bounce-classify --no-header -o recipient,kind,reason,diagnostic "$BATS_TEST_TMPDIR/r.mbox"
	assert_output $'\tnone\t\ta not-spam report (RFC 6430): no complaint'
	sed -i 's/^Feedback-Type: not-spam/Feedback-Type: abuse/' "$BATS_TEST_TMPDIR/r.mbox"
	says 1 "$BATS_TEST_TMPDIR/r.mbox" $'wilma@example.net\tundetermined\tfeedback'
}

# An SES Complaint notification whose complaintSubType is
# OnAccountSuppressionList (#15) tells that SES did not send the message,
# the address being on the account's suppression list (SES API
# reference, Complaint): soft suppressed, also when mail transport broke
# the JSON (the lenient reader); without the subtype it is feedback.
@test "round24-arf2: an SES Complaint with complaintSubType OnAccountSuppressionList is soft suppressed, whole or broken JSON" {
	cd "$FIXTURES/bounce-writers"
	msg round24-arf2.mbox 15 >"$BATS_TEST_TMPDIR/r.mbox"
	says 1 "$BATS_TEST_TMPDIR/r.mbox" $'anouk@example.org\tsoft\tsuppressed'
	sed 's/"feedbackId":"0100/"feedbackId":"01\n00/' "$BATS_TEST_TMPDIR/r.mbox" >"$BATS_TEST_TMPDIR/b.mbox"
	says 1 "$BATS_TEST_TMPDIR/b.mbox" $'anouk@example.org\tsoft\tsuppressed'
	sed -i 's/"complaintSubType":"OnAccountSuppressionList"/"complaintFeedbackType":"abuse"/' "$BATS_TEST_TMPDIR/r.mbox"
	says 1 "$BATS_TEST_TMPDIR/r.mbox" $'anouk@example.org\tundetermined\tfeedback'
}

# SpamCop's report (#16: from ####@reports.spamcop.net, subject
# "[SpamCop (IP) id:N]...", plain text, the reporter munged to
# "To: <x>", as SpamCop's FAQ shows it) was none; it is an abuse
# complaint naming no complainer: undetermined feedback, no address.
# The same text from another sender, or without the subject's tag, is
# none.
@test "round24-arf2: a SpamCop report is feedback with no address; without its sender or subject tag it is none" {
	cd "$FIXTURES/bounce-writers"
	msg round24-arf2.mbox 16 >"$BATS_TEST_TMPDIR/r.mbox"
	says 1 "$BATS_TEST_TMPDIR/r.mbox" $'\tundetermined\tfeedback'
	sed 's/^From: SpamCop user <1234567890@reports.spamcop.net>/From: Some User <user@example.net>/' "$BATS_TEST_TMPDIR/r.mbox" >"$BATS_TEST_TMPDIR/a.mbox"
	says 0 "$BATS_TEST_TMPDIR/a.mbox" $'\tnone\t'
	sed -i 's/^Subject: \[SpamCop (192.0.2.25) id:1234567890\]/Subject: /' "$BATS_TEST_TMPDIR/r.mbox"
	says 0 "$BATS_TEST_TMPDIR/r.mbox" $'\tnone\t'
}

# AOL's traditional feedback-loop format (#5: from SCOMP@aol.net, an
# empty text part and the original as message/rfc822 with the recipient
# redacted out, as AOL's postmaster pages describe it) was none; it is a
# complaint naming no complainer: feedback, no address.  The same message
# from another sender is none.
@test "round24-arf2: AOL's traditional feedback-loop report is feedback with no address; from another sender it is none" {
	cd "$FIXTURES/bounce-writers"
	msg round24-arf2.mbox 5 >"$BATS_TEST_TMPDIR/r.mbox"
	says 1 "$BATS_TEST_TMPDIR/r.mbox" $'\tundetermined\tfeedback'
	sed -i 's/^From: scomp@aol.net/From: reports@example.net/' "$BATS_TEST_TMPDIR/r.mbox"
	says 0 "$BATS_TEST_TMPDIR/r.mbox" $'\tnone\t'
}

# Outlook.com's JMRP report in its "RFC822 Attachment" format (#6: from
# staff@hotmail.com, the JMRP partner FAQ) was none; it is a complaint:
# feedback.  Its complainer is only in a proprietary header of the
# attached copy (X-HmXmrOriginalRecipient), not read: no address (a
# documented miss of recall, never the copy's To, here the list).  From
# another sender it is none.
@test "round24-arf2: a JMRP report from staff@hotmail.com is feedback naming no address; from another sender it is none" {
	cd "$FIXTURES/bounce-writers"
	msg round24-arf2.mbox 6 >"$BATS_TEST_TMPDIR/r.mbox"
	says 1 "$BATS_TEST_TMPDIR/r.mbox" $'\tundetermined\tfeedback'
	sed -i 's/^From: staff@hotmail.com/From: staff@example.net/' "$BATS_TEST_TMPDIR/r.mbox"
	says 0 "$BATS_TEST_TMPDIR/r.mbox" $'\tnone\t'
}
