#!/usr/bin/env bats
# deliv-bounce-classify: Round 28 (intl9, issue #15), Gmail's failure
# notices in the sender's interface language and Microsoft's NDRs in
# the sending organisation's language, committed before their first
# run: tests/fixtures/bounce-writers/round28-intl9.mbox, its expected
# records in round28-intl9-expected.tsv (msgno, mta, recipient, kind,
# reason; what was read and what recalled, the first run and any
# misses in its head).
#   1-7    Gmail in French, Italian, Spanish, Brazilian Portuguese,
#          Dutch, Polish and Slovak: an unknown user, a server that does
#          not accept the connection (given up; still trying), a spam
#          refusal, a full mailbox, a domain that does not exist
#   8-12   Exchange and Exchange Online in French (a delay for two
#          recipients, an expired message, a remote refusing the
#          sender's IP for its PTR), Polish (a delay) and Italian (an
#          unknown recipient)

setup() {
	load lib/helpers
}

@test "round28-intl9: every notice gives the recipients, kinds, reasons and writer round28-intl9-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round28-intl9.mbox round28-intl9-expected.tsv
}

# #8 without its DSN part: Exchange's French delay head (pastebin
# SYa736QZ, phrases/bounce-notice.txt) introduces the "Name (ADDR)"
# lines, so both recipients are delayed, not only the first one the
# diagnostic section names; the head names Exchange (data/bounce-mta.tsv)
@test "round28-intl9: #8 without its DSN part still names both delayed recipients, from Exchange" {
	cd "$BATS_TEST_TMPDIR"
	awk '/^From /{n++} n==8' "$FIXTURES/bounce-writers/round28-intl9.mbox" |
	    awk '/^Content-Type: message\/delivery-status/{skip=1; next}
		skip && /^--/{skip=0} !skip' |
	    grep -v '^X-MS-Exchange' >nodsn.mbox
	! grep -q '^Final-Recipient' nodsn.mbox
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason,mta nodsn.mbox
	assert_equal "$output" "$(printf '%s\tsoft\texpired\texchange\n' \
	    melanie.dubreuil@cabinet.example.net nadia.amrani@cabinet.example.net)"
}

# Exchange Online's French failure head as ForumPostAssistant/FPA#136
# quotes it, with no DSN part, no host and no reply: the two addresses
# under it failed (no reason given, the head's line of
# phrases/bounce-notice.txt in matched), the returned To and Cc did
# not, and the head names Exchange
@test "round28-intl9: Exchange's French failure head alone gives its two recipients, from Exchange" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' "From MAILER-DAEMON Mon Dec  7 23:30:00 2026" \
	    "Return-Path: <>" \
	    "From: Microsoft Outlook <postmaster@example.onmicrosoft.com>" \
	    "To: Hugo Lefevre <hugo.lefevre@agence.example.com>" \
	    "Subject: Devis" \
	    "Date: Mon, 7 Dec 2026 23:30:04 +0000" \
	    "MIME-Version: 1.0" \
	    "Content-Type: multipart/mixed; boundary=\"b1\"" \
	    "" \
	    "--b1" \
	    "Content-Type: text/plain; charset=\"utf-8\"" \
	    "Content-Transfer-Encoding: 8bit" \
	    "" \
	    "Échec de la remise à ces destinataires ou groupes :" \
	    "" \
	    "claire@atelier.example.org" \
	    "" \
	    "remi@atelier.example.org" \
	    "" \
	    "--b1" \
	    "Content-Type: text/rfc822-headers" \
	    "" \
	    "From: Hugo Lefevre <hugo.lefevre@agence.example.com>" \
	    "To: Claire <claire@atelier.example.org>, remi@atelier.example.org" \
	    "Cc: Zoe <zoe@atelier.example.org>" \
	    "Subject: Devis" \
	    "" \
	    "--b1--" >f.mbox
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason,mta,matched f.mbox
	assert_equal "$output" "$(printf '%s\tsoft\tundefined\texchange\tbounce-notice.txt:194\n' \
	    claire@atelier.example.org remi@atelier.example.org)"
}

# Gmail's "cannot connect" sentence in Italian and Slovak, as Google's
# own help pages name the error (phrases/soft.txt), read as the English
# one (soft.txt line 450: expired), not as the bracket's "Connection
# refused" (blocked); no DSN part, the text alone
@test "round28-intl9: Gmail's Italian and Slovak 'did not accept our requests to connect' are expired" {
	cd "$BATS_TEST_TMPDIR"
	for l in "Il server del destinatario non ha accettato le nostre richieste di connessione." \
	    "Server príjemcu neprijal naše požiadavky na pripojenie."; do
		printf '%s\n' "From MAILER-DAEMON Mon Dec  7 23:30:00 2026" \
		    "Return-Path: <>" \
		    "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>" \
		    "To: marco.rinaldi@gmail.com" \
		    "Subject: Delivery Status Notification (Failure)" \
		    "MIME-Version: 1.0" \
		    "Content-Type: text/plain; charset=\"UTF-8\"" \
		    "Content-Transfer-Encoding: 8bit" \
		    "" \
		    "" \
		    "** Messaggio non consegnato **" \
		    "" \
		    "Si è verificato un problema durante la consegna del messaggio a lucia.ferri@studio.example.com." \
		    "" \
		    "La risposta è stata:" \
		    "" \
		    "$l [mx1.studio.example.com. 192.0.2.22: Connection refused]" >g.mbox
		run -1 deliv-bounce-classify --no-header -o recipient,kind,reason,mta g.mbox
		assert_equal "$output" "$(printf 'lucia.ferri@studio.example.com\tsoft\texpired\tgmail')"
	done
}
