#!/usr/bin/env bats
# deliv-bounce-classify: Round 20 (thin, issue #15), whole notices from
# writers data/bounce-mta.tsv names that no earlier fixture had a notice
# of: Mailgun, Postmark, iCloud, GMX/web.de, Mail.Ru, Mimecast,
# Proofpoint, Barracuda, McAfee MX Logic, SurfControl, Kerio Connect,
# IceWarp and Zimbra; 22 notices To a mailing list's bounce address (its
# VERP path team-bounces+MBOX=DOMAIN@lists.example.org or the plain
# team-bounces@lists.example.org), each returning a post with List-Id,
# List-Post, the list in To, Reply-To the list and a Cc; each written
# from its writer's page or source where one was read, else recalled
# (its X-Test-Source says which), and committed before the first run
# (7f98e8d): tests/fixtures/bounce-writers/round20-thin.mbox, its
# expected records in round20-thin-expected.tsv (msgno, mta, recipient,
# kind, reason; sources, first-run score and the one documented
# disagreement, #11, in its head).
#   1-3    Mailgun's DSNs, a notice relayed by Postmark
#   4-5    iCloud's replies in the list's Postfix (failure, delay)
#   6-7    GMX/web.de in Exim (two addresses) and Postfix (block list)
#   8-9    Mail.Ru's DMARC (headers only) and spam refusals
#   10-11  Mimecast's "Invalid Recipient", "Envelope blocked"
#   12-13  Proofpoint: a reputation refusal, its own Sendmail-form DSN
#   14-15  Barracuda: a reputation block, its own bounce
#   16-17  McAfee MX Logic's "Denied [CS]", SurfControl's virus notice
#   18-20  Kerio Connect (failed; delayed, HTML), IceWarp (size)
#   21-22  Zimbra's Postfix with its LMTP's replies

setup() {
	load lib/helpers
}

@test "round20-thin: every notice gives the recipients, kinds, reasons and writer round20-thin-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round20-thin.mbox round20-thin-expected.tsv
}

# Only the members that failed: never the list, its bounce or request
# address, the poster, a Cc (one at the member's own domain, #13), the
# post's editor, a contact in the notice (#17), an address inside a
# quoted reply (#9) or the address a forward went on to (#18); and an
# Exim address under another's reply line is an entry of its own (#6)
@test "round20-thin: no list, poster, Cc, contact or quoted address is reported; Exim's second entry under a reply line keeps its own reply" {
	cd "$FIXTURES/bounce-writers"
	run -1 deliv-bounce-classify --no-header -o msgno,recipient,diagnostic round20-thin.mbox
	# the recipient column only (#18's diagnostic names the forward)
	refute_output --regexp '(^|
)[0-9]+	[^	]*(team|team-bounces[^@]*|team-request|nina|omar|ulf\.dahl|viktor|helpdesk|abuse|radek\.novak|postmaster)@'
	assert_equal "$(grep -c '^From MAILER-DAEMON ' round20-thin.mbox)" 22
	assert_line --regexp '^6	frank\.m@gmx\.de	frank\.m@gmx\.de host mx00\.emig\.gmx\.net .* 550 For explanation visit https://postmaster\.gmx\.net/\S+$'
	cd "$BATS_TEST_TMPDIR"
	local body='This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  ana@example.org
    host mx.example.org [192.0.2.5]
    SMTP error from remote mail server after RCPT TO:<ana@example.org>:
    550 5.7.1 Blocked, please contact
  bo@example.org
    host mx.example.org [192.0.2.5]
    SMTP error from remote mail server after RCPT TO:<bo@example.org>:
    552 5.2.2 Mailbox full
  cy@example.org
    host mx.example.org [192.0.2.5]
    SMTP error from remote mail server after RCPT TO:<cy@example.org>:
    450 4.2.0 Mailbox is not on this server: retry timeout exceeded'
	mbox_notice x.mbox Mailer-Daemon@lists.example.org team-bounces@lists.example.org \
	    'Mail delivery failed: returning message to sender' "$body"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason x.mbox
	# Zimbra LMTP's MAILBOX_NOT_ON_THIS_SERVER (LmtpReply.java): systemerror
	assert_output $'ana@example.org\tsoft\tblocked\nbo@example.org\tsoft\tmailboxfull\ncy@example.org\tsoft\tsystemerror'
	# an address that goes on a reply at the reply's own indent is the
	# reply's (a contact), not the next entry: never a recipient
	body=${body/    550 5.7.1 Blocked, please contact/550 5.7.1 Blocked, please contact
delist@example.org}
	mbox_notice y.mbox Mailer-Daemon@lists.example.org team-bounces@lists.example.org \
	    'Mail delivery failed: returning message to sender' "$body"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason y.mbox
	assert_output $'ana@example.org\tsoft\tblocked\nbo@example.org\tsoft\tmailboxfull\ncy@example.org\tsoft\tsystemerror'
}
