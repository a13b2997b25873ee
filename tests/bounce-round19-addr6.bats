#!/usr/bin/env bats
# deliv-bounce-classify: Round 19 (addr6, issue #15), exact failed-
# recipient sets and address precision on what a mailing list's bounce
# address receives, from writers rounds 16-18 did not take or took
# thinly: 18 whole notices To the list's VERP return path
# (users-bounces+MBOX=DOMAIN@lists.example.org), its plain bounce
# address or that address tagged by an outbound gateway
# (prvs=KEY=users-bounces@...); each returning a post with List-Id,
# List-Post, the list in To, Reply-To the list and Cc colleagues (one at
# the failed member's own domain in four); each written from its
# writer's manual or source where one was found, else recalled (its
# X-Test-Source says which), and committed before the first run
# (a7996da): tests/fixtures/bounce-writers/round19-addr6.mbox, its
# expected records in round19-addr6-expected.tsv (msgno, mta,
# recipient, kind, reason; the sources in its head).
#   1-2    Amazon SES's bounce and a site's SendBounce (a contact)
#   3      Zimbra's Postfix: a virtual alias "(expanded from <A>)"
#   4      Fastmail's Postfix delay, 5 an Exim-based filter's warning
#   6-7    Cisco AsyncOS (headers only; an expiry, VERP)
#   8      FortiMail's DSN to a prvs= tagged bounce address
#   9      Exchange Online's enhanced NDR ("Sender Address:" the list's)
#   10     Domino naming a Notes short name only
#   11     Sophos's virus block naming only the list
#   12     Trend Micro's spam quarantine naming the list (VERP)
#   13     Postfix with a site's Spanish/English template and contact
#   14     Postfix quoting Postini, 15 Sendmail expanding a member's
#          alias with Original-Recipient, 16 Trellix EX's site text
#   17     Exchange Online's delay (VERP), 18 Exim: two of one domain

setup() {
	load lib/helpers
}

@test "round19-addr6: every notice gives the recipients, kinds, reasons and writer round19-addr6-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round19-addr6.mbox round19-addr6-expected.tsv
}

# The list's own addresses (LIST@HOST and LIST-*@HOST beside its bounce
# address LIST-bounces@HOST, Mailman's names; owner-LIST) are where the
# post went, never a member that failed: a notice naming only the list
# gives the member by VERP, or no recipient to the plain bounce address
@test "round19-addr6: no list, poster, Cc, contact or rewritten address is reported; the list's own address never" {
	cd "$FIXTURES/bounce-writers"
	run -1 deliv-bounce-classify --no-header -o msgno,recipient,matched round19-addr6.mbox
	refute_output --regexp '(users|users-bounces[^@]*|users-request|marta|tom|jvale|kenji|maria|paula|office|support|soporte|servicedesk|postmaster|ben\.ortiz|lars\.holm|jschmidt)@'
	assert_equal "$(grep -c '^From MAILER-DAEMON ' round19-addr6.mbox)" 18
	assert_equal "$(grep -P '^\d+\t\t' <<<"$output" | cut -f1 | tr '\n' ' ')" "10 11 "
	assert_line --regexp '^12	ines@example\.pt	soft\.txt:[0-9]+; no failed address named; verp:Delivered-To$'
	assert_line --regexp '^3	bortiz@example\.edu	hard\.txt:[0-9]+; original-recipient$'
	assert_line --regexp '^15	lars@example\.dk	hard\.txt:[0-9]+; original-recipient$'
	cd "$BATS_TEST_TMPDIR"
	local body='The message you sent was identified as spam and has been quarantined.

  Recipient: devel@lists.example.org
  Subject:   [devel] Release notes'
	mbox_notice q.mbox postmaster@imss.example.pt devel-bounces@lists.example.org 'Message quarantined' "$body"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason q.mbox
	assert_output $'\tsoft\tspamdetected'
	# another list's address is a recipient like any other
	mbox_notice o.mbox postmaster@imss.example.pt devel-bounces@lists.example.org 'Message quarantined' \
	    "${body/devel@lists/users@lists}"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason o.mbox
	assert_output $'users@lists.example.org\tsoft\tspamdetected'
}
