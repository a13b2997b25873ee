#!/usr/bin/env bats
# deliv-bounce-classify: Round 21 (fam3, issue #15): the held-out set is
# more files of the development corpus's writer families, so this batch
# gives its less common lhost families failure causes the corpus labels
# for no file of theirs (labels.tsv per family, reasons only): 26 whole
# notices to an ordinary sender, each in its writer's own layout with
# the returned message or its headers, each X-Test-Source saying what was
# read in the writer's source or documentation and what is recalled;
# committed before their first run (1-24: cf856fb; 25-26, part B,
# written after that run: 7ba390f):
# tests/fixtures/bounce-writers/round21-fam3.mbox and its expected
# records in round21-fam3-expected.tsv (msgno, mta, recipient, kind,
# reason; the causes in its head).
#   1-3    Amazon SES (and WorkMail through SES): size, spam, full
#   4-5    Domino: mailbox full, spam      6-7  dma: DNSBL, sender domain
#   8-9    GMX / web.de: DNSBL, size       10-11 mail.ru: size, spam
#   12-13  Messaging Server: size, delay (connection refused)
#   14-15  Outlook.com: DNSBL, size        16-17 PowerMTA: full, no domain
#   18-19  SendGrid: full, DNSBL           20-21 Yahoo: size, virus
#   22     Yandex: spam                    23-24 Zoho: user unknown, no domain
#   25-26  MessageLabs: storage allocation (2 recipients), 5.4.7 max time
# Documented misses (in the expected file): #13's reason, #25's second
# recipient.

setup() {
	load lib/helpers
}

@test "round21-fam3: every notice gives the recipients, kinds, reasons and writer round21-fam3-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round21-fam3.mbox round21-fam3-expected.tsv
}

# Messaging Server's own reason for a connection it could not open, "TCP
# active open: Failed connect() [ip:port] Error: Connection refused" (its
# Administration Guide's MTA logging example), read a blocked sender by
# "connection refused" before; MessageLabs' "[internal] exceeded max time
# without delivery" was read by its 5.4.7 only: soft.txt's Round 21
# (fam3) lines
@test "round21-fam3: Messaging Server's failed connect() is a network error, MessageLabs' max time an expiry, by their words" {
	cd "$BATS_TEST_TMPDIR"
	local head="This report relates to a message you sent with the following header fields:

  Message-id: <0S5X00A00ZZ9AA00@ms1.example.edu>
  Subject: Minutes

Your message cannot be delivered to the following recipients:
"
	mbox_notice a.mbox 'Internet Mail Delivery <postmaster@ms1.example.edu>' ana@example.edu \
	    'Delivery Notification: Delivery has failed' "$head
  Recipient address: board@example-club.org
  Reason: TCP active open: Failed connect()    Error: Connection refused"
	mbox_notice b.mbox 'Internet Mail Delivery <postmaster@ms1.example.edu>' ana@example.edu \
	    'Delivery Notification: Delivery has failed' "$head
  Recipient address: chair@example-trust.org
  Reason: TCP active open: Failed connect() 192.0.2.1:25  Error: no route to host"
	# MessageLabs' own queue expiry (Broadcom KB 162445), without its code
	mbox_notice c.mbox MAILER-DAEMON@messagelabs.com ana@example.edu 'failure notice' \
	    "This is the mail delivery agent at messagelabs.com.

I was unable to deliver your message to the following addresses:

hr@example-agency.com.au

Reason: [internal] exceeded max time without delivery"
	cat a.mbox b.mbox c.mbox >n.mbox
	run -1 deliv-bounce-classify --no-header -o msgno,recipient,kind,reason,matched,mta n.mbox
	assert_equal "$(sed -E 's/\.txt:[0-9]+/.txt:N/' <<<"$output")" "1	board@example-club.org	soft	networkerror	soft.txt:N	messagingserver
2	chair@example-trust.org	soft	networkerror	soft.txt:N	messagingserver
3	hr@example-agency.com.au	soft	expired	soft.txt:N	messagelabs"
}
