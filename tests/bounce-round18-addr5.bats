#!/usr/bin/env bats
# deliv-bounce-classify: Round 18 (addr5, issue #15), exact failed-
# recipient sets and address precision on what a mailing list's bounce
# address receives, from writers and situations rounds 16 and 17 did
# not take: 23 whole notices To the list's VERP return path
# (devel-bounces+MBOX=DOMAIN@lists.example.org), its plain bounce
# address or, for a list kept as a Sendmail alias, owner-devel@; each
# returning a post with List-Id, List-Post, the list in To, Reply-To the
# list and Cc colleagues (one at the failed member's own domain); each
# written from its writer's own manual or source and committed before
# the first run (79364ac): tests/fixtures/bounce-writers/round18-addr5.mbox,
# its expected records in round18-addr5-expected.tsv (msgno, mta,
# recipient, kind, reason; the sources in its head; "#" lines: a blind
# expectation relabelled after the first run, with why, or a documented
# miss).
#   1-3    Sun Java System Messaging Server (a rewritten recipient, a
#          delay, two failed beside one delivered)
#   4-6    Microsoft SMTPSVC (two failed, a delay, an expiry)
#   7-8    Exchange 5.5 IMS text NDR, Exchange 2003 NDR (KB 284204)
#   9      GroupWise status notice naming a user ID only (VERP)
#   10-11  MDaemon failure and delay with session transcripts
#   12     IMail, 13 CommuniGate Pro (two failed), 14 MailEnable's delay
#   15-16  qmail-ldap and vpopmail in qmail-send's bounce
#   17     Sendmail expanding the list alias itself ("expanded from:")
#   18-19  AOL's and Yahoo's old notices
#   20     MailScanner's sender virus report (names the list in To:)
#   21     hMailServer with a site's help lines, 22 an SMS gateway's
#          prose (a documented miss), 23 a report whose status part has
#          no recipient group

setup() {
	load lib/helpers
}

@test "round18-addr5: every notice gives the recipients, kinds, reasons and writer round18-addr5-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round18-addr5.mbox round18-addr5-expected.tsv
}

@test "round18-addr5: no list, poster, Reply-To, Cc, contact, example or rewritten address is reported" {
	cd "$FIXTURES/bounce-writers"
	run -1 deliv-bounce-classify --no-header -o recipient round18-addr5.mbox
	refute_output --regexp '(devel|devel-bounces[^@]*|devel-request|owner-devel|alice|bob|carol|dana|postmaster|helpdesk|secretariaat|voornaam\.achternaam|jan\.jansen|smshelp|5550100000|nberg)@'
	assert_equal "$(grep -c '^From MAILER-DAEMON ' round18-addr5.mbox)" 23
	# three notices with no recipient: MailEnable's delay and the
	# MailScanner report, both to the plain bounce address, and the
	# SMS gateway's prose that is no bounce to the classifier (#22)
	run -1 deliv-bounce-classify --no-header -o msgno,recipient,matched round18-addr5.mbox
	assert_equal "$(grep -P '^\d+\t\t' <<<"$output" | cut -f1 | tr '\n' ' ')" "14 20 22 "
	# the member by VERP only where the notice names a user ID alone
	assert_equal "$(grep -c 'verp:' <<<"$output")" 1
	assert_line --regexp '^9	abel@gw\.example\.com	hard\.txt:[0-9]+; no failed address named; verp:Delivered-To$'
	# the Original address, not the MTA's rewrite
	assert_line --regexp '^1	nina@example\.com	hard\.txt:[0-9]+; original-recipient$'
}

# Exchange 2000/2003's 5.1.1 text (KB 284204) guesses "Perhaps the
# recipient moved to a different e-mail organization": the address could
# not be found; a reply that says the user has moved stays hasmoved
@test "round18-addr5: Exchange 2003's \"e-mail address could not be found\" is userunknown, a real move hasmoved" {
	cd "$BATS_TEST_TMPDIR"
	local head='Your message did not reach some or all of the intended recipients.

The following recipient(s) could not be reached:

'
	mbox_notice x.mbox postmaster@exch.example.fr devel-bounces@lists.example.org 'Undeliverable: x' \
	    "$head      yves@example.fr on 12/6/2026 1:08 PM
            The e-mail address could not be found.  Perhaps the recipient moved to a different e-mail organization, or there was a mistake in the address.  Check the address and try again.
            <exch.example.fr #5.1.1>"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason,mta x.mbox
	assert_output $'yves@example.fr\thard\tuserunknown\texchange'
	mbox_notice m.mbox postmaster@exch.example.fr devel-bounces@lists.example.org 'Undeliverable: x' \
	    "$head      lee@example.com on 12/6/2026 1:08 PM
            550 5.1.6 The user has moved to lee@example.org"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason m.mbox
	assert_output $'lee@example.com\thard\thasmoved'
}

# MailScanner's sender report names the message's own To (the list):
# virusdetected, no recipient to the plain bounce address, the member by
# VERP; a scan that was not triggered is no bounce
@test "round18-addr5: MailScanner's \"virus detector has just been triggered\" is virusdetected, never the list" {
	cd "$BATS_TEST_TMPDIR"
	local body='Our virus detector has just been triggered by a message you sent:-

  To: devel@lists.example.org
  Subject: [devel] Release 2.5 branch opens Monday

Any infected parts of the message (notes.zip)
have not been delivered.'
	mbox_notice v.mbox '"MailScanner" <postmaster@gw.example.net>' devel-bounces@lists.example.org \
	    'Warning: E-mail viruses detected' "$body"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason,mta v.mbox
	assert_output $'\tsoft\tvirusdetected\tmailscanner'
	mbox_notice m.mbox '"MailScanner" <postmaster@gw.example.net>' \
	    devel-bounces+kai=example.net@lists.example.org 'Warning: E-mail viruses detected' "$body"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason m.mbox
	assert_output $'kai@example.net\tsoft\tvirusdetected'
	mbox_notice n.mbox '"MailScanner" <postmaster@gw.example.net>' devel-bounces@lists.example.org \
	    'Scan report' 'Our virus detector has not been triggered by the message you sent.'
	run -0 deliv-bounce-classify --no-header -o kind n.mbox
	assert_output none
}

# a Sendmail alias list: "(expanded from: <devel@...>)" names the list
# the members were expanded from; only the members failed
@test "round18-addr5: a Sendmail list alias's members are reported, never the list they were expanded from" {
	cd "$FIXTURES/bounce-writers"
	run -1 deliv-bounce-classify --no-header -o msgno,recipient,kind,reason,mta round18-addr5.mbox
	assert_equal "$(grep -P '^17\t' <<<"$output")" $'17\tivo@example.edu\thard\tuserunknown\tsendmail\n17\tjana@example.edu\thard\tuserunknown\tsendmail'
}

# MailEnable signs its delay notice as it signs its failure notice
@test "round18-addr5: \"MailEnable: Message delivery has been delayed.\" is MailEnable's" {
	cd "$FIXTURES/bounce-writers"
	run -1 deliv-bounce-classify --no-header -o msgno,recipient,kind,reason,mta round18-addr5.mbox
	assert_line $'14\t\tsoft\texpired\tmailenable'
}
