#!/usr/bin/env bats
# deliv-bounce-classify: Round 15 (nonfail, issue #15), a blind batch of
# whole messages that reach a bounce mailbox and are no delivery failure,
# each written from its writer's documented format, template or source
# (its X-Test-Source header) and committed before the first run (68bd3f1):
# tests/fixtures/bounce-writers/round15-nonfail.mbox, its expected records
# in round15-nonfail-expected.tsv (msgno, writer, recipient, kind, reason;
# "#" lines: a blind expectation left wrong, with why).  Read receipts
# (Thunderbird, Outlook, Roundcube), success DSNs (Postfix, Exchange),
# DMARC and TLS-RPT reports, ticket systems' acknowledgements (RT, OTRS,
# Zammad, Zendesk, Freshdesk, osTicket), challenges (TMDA, SpamArrest),
# Sympa's and LISTSERV's notices, Outlook's recall results, meeting
# replies, quarantine digests, Exchange's auto-replies in German, French,
# Spanish, Japanese and Dutch; three real failures mixed in (Postfix,
# Exim, Exchange Online).

setup() {
	load lib/helpers
	F=$FIXTURES/bounce-writers
}

@test "bounce-nonfail: every message gives the recipient, kind and reason round15-nonfail-expected.tsv expects" {
	cd "$F"
	records_agree round15-nonfail.mbox round15-nonfail-expected.tsv writer
	assert_equal "$(grep -c '^From ' round15-nonfail.mbox)" 40
}

@test "bounce-nonfail: only the real failures name a failed address, and no address of a body is reported" {
	cd "$F"
	run -1 deliv-bounce-classify --no-header -o msgno,recipient,kind round15-nonfail.mbox
	# hard or soft with an address: the Postfix, Exim and Exchange Online
	# failures only (37, Mimecast's digest, is soft with none: left)
	assert_equal "$(awk -F'\t' '($3 == "hard" || $3 == "soft") && $2 != "" { print $1 "\t" $2 "\t" $3 }' <<<"$output")" \
	    "$(printf '%s\n' $'6\teve@example.net\thard' $'19\tnoa@example.co.uk\thard' $'35\tuma@example.org\tsoft')"
	# a customer's text (4), help addresses (7, 11, 17, 38), a moderator
	# (16), a recall's rows (36), digests' senders (32, 37), a challenge's
	# protected address (10)
	refute_output --regexp '(dave|info|accueil|recepcion|leo|wes|vic|newsletter|promo|hal)@'
	refute_output --partial 'postmaster@example.info'
	refute_output --partial 'mailer-daemon@example.net'
}

# A read receipt (RFC 8098: displayed, or deleted unread) whose subject
# repeats bounce words and that returns the original's headers is no
# bounce (was: soft undefined, Thunderbird's receipt, #1); a Sieve
# reject's MDN (Auto-Submitted: auto-replied (rejected)) stays a refusal
mdn() {	# mdn DISPOSITION [EXTRA-HEADER]
	printf '%s\n' 'From bob@example.org Sun Dec  6 09:00:00 2026' \
	    'From: Bob <bob@example.org>' 'To: ana@example.com' \
	    'Subject: Return Receipt (displayed) - Your delivery report' ${2:+"$2"} \
	    'MIME-Version: 1.0' \
	    'Content-Type: multipart/report; report-type=disposition-notification; boundary="b"' \
	    '' '--b' 'Content-Type: text/plain' '' \
	    'This is a Return Receipt for the mail that you sent to bob@example.org.' '' \
	    '--b' 'Content-Type: message/disposition-notification' '' \
	    'Reporting-UA: example.org; Mozilla Thunderbird' \
	    'Final-Recipient: rfc822;bob@example.org' \
	    'Original-Message-ID: <m1@example.com>' "Disposition: $1" '' \
	    '--b' 'Content-Type: text/rfc822-headers' '' \
	    'From: ana@example.com' 'To: bob@example.org' \
	    'Subject: Your delivery report' 'Message-ID: <m1@example.com>' '' \
	    '--b--' >"$BATS_TEST_TMPDIR/m.eml"
}

@test "bounce-nonfail: a read receipt that repeats bounce words and returns the original's headers is none; a Sieve reject's MDN is not" {
	for d in 'manual-action/MDN-sent-manually; displayed' \
	    'manual-action/MDN-sent-manually; deleted' \
	    'automatic-action/MDN-sent-automatically; deleted'; do
		mdn "$d"
		run -0 deliv-bounce-classify --no-header -o recipient,kind,reason,diagnostic "$BATS_TEST_TMPDIR/m.eml"
		assert_output $'\tnone\t\tnot a bounce'
	done
	mdn 'automatic-action/MDN-sent-automatically; deleted' 'Auto-Submitted: auto-replied (rejected)'
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/m.eml"
	assert_output $'bob@example.org\tsoft\tfiltered'
}

# The subject's bounce words after an auto-reply's tag or a reply prefix
# are the subject answered, no sign of a bounce: RT's acknowledgement of
# a ticket about a bounce, quoting its "550 5.1.1", was hard for the
# quoted address (#4); SpamArrest's "Re: ..." challenge was soft (#29).
# Before the tag they still are (an NDR of an auto-reply).
@test "bounce-nonfail: bounce words after an auto-reply's tag or a reply prefix are no sign; before it they are" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' 'From support@rt.example.net Sun Dec  6 09:00:00 2026' \
	    'From: Support <support@rt.example.net>' 'To: ana@example.com' \
	    'Subject: [rt.example.net #12] AutoReply: Returned mail: see transcript' \
	    'Precedence: bulk' '' \
	    'This message has been automatically generated in response to the' \
	    'creation of a trouble ticket.' '' \
	    'Our mail to dave@example.net came back: "550 5.1.1 User unknown".' >rt.mbox
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason rt.mbox
	assert_output $'support@rt.example.net\tundetermined\tvacation'
	sed -e 's/^Subject: .*/Subject: Re: Returned mail: see transcript/' \
	    -e 's/^From: .*/From: Sam <sam@example.org>/' rt.mbox >re.mbox
	run -0 deliv-bounce-classify --no-header -o recipient,kind,reason re.mbox
	assert_output $'\tnone\t'
	# the NDR of an auto-reply: its bounce words come first
	printf '%s\n' 'From postmaster@example.net Sun Dec  6 09:00:00 2026' \
	    'Return-Path: <>' 'From: postmaster@example.net' 'To: ana@example.com' \
	    'Subject: Undeliverable: Automatic reply: Hello' '' \
	    'Delivery has failed to these recipients or groups:' '' \
	    'bob@example.net' "Remote Server returned '550 5.1.1 User unknown'" >ndr.mbox
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason ndr.mbox
	assert_output $'bob@example.net\thard\tuserunknown'
}

# Exchange's automatic-reply subject prefix as Outlook localizes it
# (bounce-vacation.txt, Round 15): the German, French, Spanish and Dutch
# auto-replies of the batch (7, 11, 17, 38) were none
@test "bounce-nonfail: Outlook's localized automatic-reply prefixes are an auto-reply's subject" {
	cd "$BATS_TEST_TMPDIR"
	for s in 'Automatische Antwort: Hallo' 'Réponse automatique : Bonjour' \
	    'Respuesta automática: Hola' 'Risposta automatica: Ciao' \
	    'Automatisch antwoord: Hallo' 'Resposta automática: Olá' \
	    'Automatiskt svar: Hej' 'Automaattinen vastaus: Hei' \
	    'Odpowiedź automatyczna: Cześć' 'Automatická odpověď: Ahoj'; do
		printf '%s\n' 'From fay@example.de Sun Dec  6 09:00:00 2026' \
		    'From: Fay <fay@example.de>' 'To: ana@example.com' \
		    "Subject: $s" 'Auto-Submitted: auto-generated' \
		    'Content-Type: text/plain; charset=utf-8' '' 'Bis 14.12. abwesend.' >v.mbox
		run -1 deliv-bounce-classify --no-header -o recipient,kind,reason v.mbox
		assert_output $'fay@example.de\tundetermined\tvacation'
	done
	# a person's subject that only contains the words is not one
	sed -i 's/^Subject: .*/Subject: Wie stelle ich eine automatische Antwort ein?/' v.mbox
	run -0 deliv-bounce-classify --no-header -o recipient,kind v.mbox
	assert_output $'\tnone'
}

# TMDA's challenge (templates/confirm_request.txt: "Please confirm your
# message", a null Return-Path, "held pending your confirmation") was
# soft spamdetected for the protected address (#10); it is an automatic
# answer about the challenge's own address
@test "bounce-nonfail: TMDA's confirmation request is an auto-reply, not a failure of the address it protects" {
	cd "$F"
	msg round15-nonfail.mbox 10 >"$BATS_TEST_TMPDIR/t.mbox"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/t.mbox"
	assert_output $'hal-confirm-1765012200.4321.b0f1e2@example.net\tundetermined\tvacation'
}

# The same from TMDA's template as a TMDA site ships it
# (templates/confirm_request.txt, read after the fix: From the protected
# user, Reply-To the confirm address, "This message was created
# automatically by mail delivery software (TMDA).", "is being held",
# "your message will not be delivered", the original enclosed): an
# auto-reply of the protected user, never a failure of it or the sender
@test "bounce-nonfail: TMDA's own confirm_request wording is an auto-reply of the protected user" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' 'From hal@example.net Sun Dec  6 09:10:00 2026' 'Return-Path: <>' \
	    'From: "Hal Example" <hal@example.net>' \
	    'Reply-To: hal-confirm-1765012200.4321.b0f1e2@example.net' \
	    'To: ana@example.com' 'Subject: Please confirm your message' \
	    'X-Delivery-Agent: TMDA/1.1.12 (Macallan)' '' \
	    'This message was created automatically by mail delivery software (TMDA).' '' \
	    'Your message attached below is being held because the address' \
	    '<ana@example.com> has not been verified.' '' \
	    'To release your message for delivery, please send an empty message' \
	    "to the following address, or use your mailer's \"Reply\" feature." '' \
	    '   hal-confirm-1765012200.4321.b0f1e2@example.net' '' \
	    'This confirmation verifies that your message is legitimate and not' \
	    'junk-mail. You should only have to confirm your address once.' '' \
	    'If you do not respond to this confirmation request within 14 days,' \
	    'your message will not be delivered.' '' \
	    '--- Enclosed is a copy of your message.' '' \
	    'From: Ana Example <ana@example.com>' 'To: hal@example.net' \
	    'Subject: Your delivery report for November' \
	    'Message-ID: <nov-report-10@example.com>' '' 'Hello Hal.' >t.mbox
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason t.mbox
	assert_output $'hal@example.net\tundetermined\tvacation'
}
