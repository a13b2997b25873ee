#!/usr/bin/env bats
# deliv-bounce-classify: Round 24 (esp4, issue #15), exact failed-
# recipient sets and address precision on Amazon SES's own notifications
# mailed to an operator, written from the SES Developer Guide's pages
# (notification contents, event publishing contents and examples, the
# receipt rule's Bounce action), committed before their first run:
# tests/fixtures/bounce-writers/round24-esp4.mbox, its expected records
# in round24-esp4-expected.tsv (msgno, mta, recipient, kind, reason; the
# sources and the reading of each bounce type in its head).
#   1-9    SNS "email" notifications, notificationType or eventType
#          Bounce: every bounceType/bounceSubType of the guide's table
#          (General, NoEmail, Suppressed, OnAccountSuppressionList,
#          MailboxFull, MessageTooLarge, ContentRejected,
#          AttachmentRejected, Undetermined); #1 two bounced recipients
#   10-14  DeliveryDelay events: TransientCommunicationFailure,
#          MailboxFull (two recipients), SpamDetected, IPFailure,
#          RecipientServerError
#   15-16  Complaint: abuse; complaintSubType OnAccountSuppressionList
#   17     Reject "Bad content": no failed address named
#   18     an SNS "email-json" envelope around a Permanent bounce
#   19-20  a receipt rule's Bounce action DSNs (5.6.1; 5.2.2 for two)

setup() {
	load lib/helpers
}

@test "round24-esp4: every Amazon SES notification gives the recipients, kinds, reasons and writer round24-esp4-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round24-esp4.mbox round24-esp4-expected.tsv
}
