#!/usr/bin/env bats
# deliv-bounce-classify: Round 20 (fam2, issue #15): the held-out set is
# more files of the development corpus's writer families, so this batch
# gives those writers failure causes the corpus labels for no file of
# theirs (labels.tsv per family, reasons only): 24 whole notices to an
# ordinary sender, each in its writer's own layout with the returned
# message or its headers, each X-Test-Source saying what was read in the
# writer's source or documentation and what is recalled; committed
# before their first run (95c138a):
# tests/fixtures/bounce-writers/round20-fam2.mbox and its expected
# records in round20-fam2-expected.tsv (msgno, mta, recipient, kind,
# reason; the causes in its head).
#   1-4    Postfix: hostunknown, mesgtoobig, failedstarttls (delay), nullMX
#   5-7    Exim: Received-count loop, TLS required (24-hour warning), virus
#   8-10   Sendmail: fixed size limit, Relaying denied, sender's domain
#   11-13  qmail: Delivered-To loop, queue lifetime, databytes
#   14-17  Exchange 2007/2013: NonExistentDomain, 5.1.8 bad outbound
#          sender, 5.4.14 hop count, ROUTING.SizeLimit
#   18-19  Exchange 2003: #4.4.7 time limit, #5.2.2 mailbox full
#   20 OpenSMTPD, 21-22 Gmail (disabled account, blocked as spam),
#   23 Exchange Online (5.2.2), 24 Courier (user unknown)

setup() {
	load lib/helpers
}

@test "round20-fam2: every notice gives the recipients, kinds, reasons and writer round20-fam2-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round20-fam2.mbox round20-fam2-expected.tsv
}

# The batch's loop and expiry texts read by their words alone, with no
# status code beside them (qmail-local.c's Delivered-To loop, qmail-
# remote.c's perm_ambigmx(), Exchange 2003's 4.4.7 text): soft.txt's
# Round 20 (fam2) lines, not the code
@test "round20-fam2: qmail's loops and Exchange 2003's time limit are read without their codes" {
	cd "$BATS_TEST_TMPDIR"
	local head="Hi. This is the qmail-send program at mail.example.com.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.
"
	mbox_notice a.mbox MAILER-DAEMON@mail.example.com ivan@example.com 'failure notice' "$head
<sales@example.com>:
This message is looping: it already has my Delivered-To line.

--- Below this line is a copy of the message."
	mbox_notice b.mbox MAILER-DAEMON@mail.example.com ivan@example.com 'failure notice' "$head
<ops@example.net>:
Sorry. Although I'm listed as a best-preference MX or A for that host,
it isn't in my control/locals file, so I don't treat it as local.

--- Below this line is a copy of the message."
	mbox_notice c.mbox 'System Administrator <postmaster@example.org>' karl@example.org 'Undeliverable: Board papers' \
	    "Your message did not reach some or all of the intended recipients.

      Subject:	Board papers
      Sent:	02/12/2026 01:10

The following recipient(s) could not be reached:

      'chair@example-trust.org.uk' on 07/12/2026 01:18
            Could not deliver the message in the time limit specified.  Please retry or contact your administrator."
	cat a.mbox b.mbox c.mbox >n.mbox
	run -1 deliv-bounce-classify --no-header -o msgno,recipient,kind,reason,matched n.mbox
	assert_equal "$(sed -E 's/\.txt:[0-9]+/.txt:N/' <<<"$output")" "1	sales@example.com	soft	networkerror	soft.txt:N
2	ops@example.net	soft	networkerror	soft.txt:N
3	chair@example-trust.org.uk	soft	expired	soft.txt:N"
}
