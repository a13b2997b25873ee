#!/usr/bin/env bats
# deliv-bounce-classify: Round 20 (old3, issue #15), exact failed-
# recipient sets and address precision on what a mailing list's bounce
# address receives from older writers the fixtures held thinly: 20
# whole notices To the list's VERP return path
# (astro-bounces+MBOX=DOMAIN@lists.example.org), its plain bounce
# address or its owner-astro@ alias, each returning a post with List-Id,
# List-Post, the list in To, Reply-To the list, Cc colleagues (one at
# failed members' domain in #2, #6, #18) and a treasurer in its body;
# written from the writers' own source where it was found (netqmail
# qmail-send.c, qmail-ldap's custombouncetext, vpopmail vdelivermail.c,
# Courier module.dsn, Exim retry.c) or recalled (each X-Test-Source
# says which); #1-16 committed before their first run (231a161; the
# header/body blank line fixed in 745a7e7), #17-20 before theirs
# (6da5e58): tests/fixtures/bounce-writers/round20-old3.mbox, its
# expected records in round20-old3-expected.tsv (msgno, mta, recipient,
# kind, reason; the sources in its head).
#   1-5    netqmail / qmail-ldap / vpopmail: qmail-local, qmail-remote,
#          bouncesaying, the queue lifetime, a help desk in the site's
#          custombouncetext, "user is over quota", a locked account
#   6-7    Courier: a failure with an alias (Original-Recipient), a delay
#   8-9    Exim 4.6x plain text: a delay, then "retry timeout exceeded"
#   10     PMDF / Messaging Server, "Original address:", no DSN group
#   11     Domino R5 (base64), 12 GroupWise (user ID, VERP), 13 smail,
#   14     Post.Office (a postmaster to reply to), 15 qmail to owner-LIST
#   16     Courier's connection error (X-Network-Error)
#   17     a post quoting an earlier bounce, 18 Exim "(ultimately
#          generated from A)", 19 Domino 6 with a display name,
#   20     vpopmail's .no-user.msg naming a new address and an office

setup() {
	load lib/helpers
}

@test "round20-old3: every notice gives the recipients, kinds, reasons and writer round20-old3-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round20-old3.mbox round20-old3-expected.tsv
}

# Never the list, its poster, a Cc, the treasurer, a help desk, office
# or postmaster to write to, an address a post quotes from an earlier
# bounce, a new address a site names, nor the internal address a site
# rewrote the member to (Courier's Original-Recipient, Messaging
# Server's "Original address:", Exim's "ultimately generated from")
@test "round20-old3: no list, party, contact, quoted or rewritten address is reported; vpopmail's maildir failure is the server's" {
	cd "$FIXTURES/bounce-writers"
	run -1 deliv-bounce-classify --no-header -o msgno,recipient,matched round20-old3.mbox
	refute_output --regexp '(astro|astro-[a-z]+|owner-astro|greta|hugo|ines|omar|helpdesk|[Pp]ostmaster|office|oldclub|hal\.berg|nils\.berg|wil\.hart|yan\.ito)@'
	assert_equal "$(grep -c '^From MAILER-DAEMON ' round20-old3.mbox)" 20
	assert_equal "$(grep -cP '^\d+\t\S+@' <<<"$output")" 27
	assert_line --regexp '^6	hal@example\.org	soft\.txt:[0-9]+; original-recipient$'
	assert_line --regexp '^10	nils@example\.se	hard\.txt:[0-9]+; original-recipient$'
	assert_line --regexp '^18	wil@example\.org	hard\.txt:[0-9]+; original-recipient$'
	cd "$BATS_TEST_TMPDIR"
	local body="Hi. This is the qmail-send program at pop.example.com.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<zed@example.com>:
Auto re-creation of maildir failed. (#5.9.9)

--- Below this line is a copy of the message.
"
	mbox_notice v.mbox MAILER-DAEMON@pop.example.com astro-bounces@lists.example.org 'failure notice' "$body"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason,matched v.mbox
	assert_output "zed@example.com	soft	systemerror	soft.txt:$(grep -n 'auto (?:re-)?creation of maildir failed' "$TOP/phrases/soft.txt" | cut -d: -f1)"
}
