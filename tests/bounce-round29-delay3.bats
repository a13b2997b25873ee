#!/usr/bin/env bats
# deliv-bounce-classify: Round 29 (delay3, issue #15), delay warnings
# read from the writers' own source (a third delay batch after
# round22-delay2, whose notices were mostly written from recalled
# wording): 12 notices, 20 delayed or failed recipients, committed
# before their first run: tests/fixtures/bounce-writers/
# round29-delay3.mbox, its expected records in round29-delay3-expected.tsv
# (msgno, mta, recipient, kind, reason; the sources in its head).
#   1-4    Postfix's delay template: connection refused, a temporary
#          name service error, TLS refused or not offered, a greeting
#          time-out, a connection lost at the greeting
#   5-6    Exim's warning: a local "mailbox is full"; the errors_to form
#          ("A message sent by") with a 421 greeting and a recipient
#          with no Delay reason
#   7      OpenSMTPD: "No MX found for domain", "TLS required but not
#          supported by remote host"
#   8-9    Sendmail's warning: a name server lookup failure, a remote
#          452 4.2.2; a connection reset
#   10     Courier's delayed DSN: " *** DNS lookup failed.", a connection
#          shut down by the remote server
#   11     Stalwart: a delayed and a failed recipient in one report
#   12     Exim's warning: two remote 452 replies at RCPT

setup() {
	load lib/helpers
}

@test "round29-delay3: every delay notice gives the recipients, kinds, reasons and writer round29-delay3-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round29-delay3.mbox round29-delay3-expected.tsv
}

# Rules learned from the writers' own sources read for this batch, each
# on a notice of the writer's own form (not in the batch; each record
# was other before its line):
# - OpenSMTPD mta.c's "No MX found for destination" (CONNECTOR_ERROR_MX,
#   a TEMPFAIL) in its delay notice reads as its "No MX found for
#   domain" does, notaccept (phrases/soft.txt; was expired);
# - Courier libesmtp.C's permanent "This domain's DNS violates RFC 1035."
#   is a domain with no valid mail route, hostunknown (hard.txt; was
#   undefined);
# - Sendmail err.c's "Name server: HOST: no data known" (NO_DATA) is a
#   name with no mail route, hostunknown (hard.txt; was undefined).
@test "round29-delay3: OpenSMTPD's No MX found for destination, Courier's RFC 1035 DNS, Sendmail's no data known" {
	printf 'From: Mailer Daemon <MAILER-DAEMON@relay.example.com>\nTo: office@example.com\nSubject: Delivery status notification: delayed\nMIME-Version: 1.0\nContent-Type: multipart/mixed;boundary="b1"\n\n--b1\nContent-Type: text/plain; charset=us-ascii\n\n    Hi!\n\n    This is the MAILER-DAEMON, please DO NOT REPLY to this email.\n\n    A message is delayed for more than 4 hours for the following\n    list of recipients:\n\nj.vance@mxless.example.org: No MX found for destination\n\n    Please note that this is only a temporary failure report.\n\n--b1\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; relay.example.com\n\nFinal-Recipient: rfc822; j.vance@mxless.example.org\nAction: delayed\nStatus: 4.0.0\n\n--b1--\n' >"$BATS_TEST_TMPDIR/o.eml"
	run deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/o.eml"
	assert_output $'j.vance@mxless.example.org\tsoft\tnotaccept'
	printf 'From: "Courier mail server at mail.example.com" <@>\nTo: office@example.com\nSubject: NOTICE: mail delivery status.\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary="b3"\n\n--b3\nContent-Type: text/plain; charset="utf-8"\n\nThis is a delivery status notification from mail.example.com,\nrunning the Courier mail server, version 1.4.0.\n\n<l.young@baddns.example.org>:\n *** This domain'"'"'s DNS violates RFC 1035.\n\n--b3\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mail.example.com\n\nFinal-Recipient: rfc822; l.young@baddns.example.org\nAction: failed\nStatus: 5.0.0\n\n--b3--\n' >"$BATS_TEST_TMPDIR/c.eml"
	run deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/c.eml"
	assert_output $'l.young@baddns.example.org\thard\thostunknown'
	printf 'From: Mail Delivery Subsystem <MAILER-DAEMON@mail.example.com>\nTo: <office@example.com>\nSubject: Returned mail: see transcript for details\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary="b4"\n\n--b4\n\nThe original message was received at Tue, 8 Dec 2026 06:12:30 GMT\nfrom office.example.com [192.0.2.90]\n\n   ----- The following addresses had permanent fatal errors -----\n<m.zane@nodata.example.net>\n\n   ----- Transcript of session follows -----\n<m.zane@nodata.example.net>... Name server: nodata.example.net.: no data known\n\n--b4\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mail.example.com\n\nFinal-Recipient: RFC822; m.zane@nodata.example.net\nAction: failed\nStatus: 5.0.0\n\n--b4--\n' >"$BATS_TEST_TMPDIR/m.eml"
	run deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/m.eml"
	assert_output $'m.zane@nodata.example.net\thard\thostunknown'
}
