#!/usr/bin/env bats
# deliv-bounce-classify: Round 17 (addr4, issue #15), exact failed-
# recipient sets and address precision on what a mailing list's bounce
# address receives: 25 whole notices To the list's VERP return path
# (devel-bounces+MBOX=DOMAIN@lists.example.org) or its plain bounce
# address, each returning a post with List-Id, List-Post, the list in To,
# Reply-To the list and Cc colleagues; each written from its writer's own
# source or manual and committed before the first run (8bc43ef):
# tests/fixtures/bounce-writers/round17-addr4.mbox, its expected records
# in round17-addr4-expected.tsv (msgno, mta, recipient, kind, reason; the
# sources in its head; "#" lines: a blind expectation relabelled to the
# project's vocabulary, with why).
#   1-5      Postfix (VERP and plain, two failed, a delay, French/English
#            and German/English site templates)
#   6-9, 25  Exim (4.7x text, DSN with two failed, a delay warning, a
#            German/English bounce_message_file, a warn_message_file
#            that names no address)
#   10-12    Sendmail (fatal, fatal beside transient, a delay warning)
#   13-14    qmail, 15 Courier, 16-17 OpenSMTPD (failure, delay)
#   18-20    Exchange Online, Exchange 2010 (failure, delay)
#   21       Domino; 22-24 content gateways (amavisd-new, Sophos, Trend
#            Micro IMSS: the last two name no recipient)

setup() {
	load lib/helpers
}

@test "round17-addr4: every notice gives the recipients, kinds, reasons and writer round17-addr4-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round17-addr4.mbox round17-addr4-expected.tsv
}

@test "round17-addr4: no list, poster, Reply-To, Cc or contact address is reported" {
	cd "$FIXTURES/bounce-writers"
	run -1 deliv-bounce-classify --no-header -o recipient round17-addr4.mbox
	refute_output --regexp '(devel|devel-bounces[^@]*|devel-request|alice|bob|carol|dana|jun|postmaster|hostmaster|helpdesk|support|beheer|imss)@'
	assert_equal "$(grep -c '^From MAILER-DAEMON ' round17-addr4.mbox)" 25
	# two records with no recipient: the Sophos notice and the Exim
	# warning that name none, both to the plain bounce address
	run -1 deliv-bounce-classify --no-header -o msgno,recipient,matched round17-addr4.mbox
	assert_equal "$(grep -P '^\d+\t\t' <<<"$output" | cut -f1 | tr '\n' ' ')" "23 25 "
	assert_equal "$(grep -c 'verp:' <<<"$output")" 1
	local n
	n=$(grep -n '^virusdetected	/\\b(?:has |have |had )?detected ' "$TOP/phrases/soft.txt" | cut -d: -f1)
	assert_line "24	ahmed@example.eg	soft.txt:$n; no failed address named; verp:Delivered-To"
}

# a site's notice in its own language: "Vragen? Mail naar <contact>" is
# a contact, as "Questions? Write to" is; the address the same notice
# ties to the failure stays, in any of those languages
@test "round17-addr4: a contact after a question word in a site's language is no recipient" {
	cd "$BATS_TEST_TMPDIR"
	local q
	for q in 'Vragen? Mail naar' 'Fragen? Bitte eine Mail an' \
	    '¿Preguntas? Escriba a' 'Domande? Scrivete a' 'Dúvidas? Envie para'; do
		mbox_notice w.mbox 'Mail Delivery System <Mailer-Daemon@mx.example.nl>' \
		    devel-bounces@lists.example.org 'Warning: your message has been delayed' \
		    "$(printf '%s\n' \
		    'This message was created automatically by mail delivery software.' '' \
		    'Your message has not yet been delivered after more than 24 hours' \
		    'on the queue on mx.example.nl.' "$q beheer@example.nl.")"
		run -1 deliv-bounce-classify --no-header -o recipient,kind,reason w.mbox
		assert_output $'\tsoft\texpired'
	done
	# the failed address the notice names is still reported
	mbox_notice f.mbox 'Mail Delivery System <Mailer-Daemon@mx.example.nl>' \
	    devel-bounces@lists.example.org 'Mail delivery failed' \
	    "$(printf '%s\n' \
	    'A message that you sent could not be delivered to one or more of its' \
	    'recipients. This is a permanent error. The following address(es) failed:' '' \
	    '  kees@example.nl' '    550 5.1.1 <kees@example.nl>: unknown user' '' \
	    'Vragen? Mail naar beheer@example.nl.')"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason f.mbox
	assert_output $'kees@example.nl\thard\tuserunknown'
}

# a content gateway's notice that names no recipient: a bounce by its
# "detected a virus" alone; to the plain bounce address no recipient, to
# a VERP return path the member
@test "round17-addr4: a gateway's \"has detected a virus\" notice is virusdetected, the member only by VERP" {
	cd "$BATS_TEST_TMPDIR"
	local body='The gateway has detected a virus in a message you sent and has deleted it.'
	mbox_notice v.mbox 'Scanner <scan@gw.example.com>' devel-bounces@lists.example.org \
	    'Virus detected in message you sent' "$body"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason v.mbox
	assert_output $'\tsoft\tvirusdetected'
	mbox_notice m.mbox 'Scanner <scan@gw.example.com>' \
	    devel-bounces+kai=example.net@lists.example.org \
	    'Virus detected in message you sent' "$body"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason m.mbox
	assert_output $'kai@example.net\tsoft\tvirusdetected'
	# the words of a scan that found nothing are no bounce
	mbox_notice n.mbox 'Scanner <scan@gw.example.com>' devel-bounces@lists.example.org \
	    'Virus detected in message you sent' 'The gateway has detected no virus in your message.'
	run -0 deliv-bounce-classify --no-header -o kind n.mbox
	assert_output none
}

# Exchange's delay DSN names its writer by its own words
@test "round17-addr4: \"Delivery is delayed to these recipients or groups\" is Exchange's" {
	cd "$FIXTURES/bounce-writers"
	run -1 deliv-bounce-classify --no-header -o msgno,mta,kind,reason round17-addr4.mbox
	assert_line $'20\texchange\tsoft\texpired'
}
