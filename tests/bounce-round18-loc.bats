#!/usr/bin/env bats
# deliv-bounce-classify: Round 18 (loc, issue #15), a blind batch of
# failure texts and notices in the sender's or the site's language, each
# written from its writer's own localized text and committed before the
# first run (04eb9af):
#   tests/fixtures/bounce-writers/round18-loc.tsv: 26 failure texts as
#     Gmail's help (German, Spanish, Italian, French), Outlook.com's help
#     (Italian, French), Exchange's French string and Interia's Polish
#     help word them; two blind labels relabelled to the project's
#     vocabulary are "#"-commented there with why;
#   round18-loc.mbox with round18-loc-expected.tsv: four whole Postfix
#     site-template notices (a Dutch failure and delay template, a
#     Russian/English failure and success template with Yandex's From),
#     8bit UTF-8 as Postfix sends a non-ASCII template.
# Each text gets its reason, and the kind data/reasons.tsv gives that
# reason (bycode: soft for a 4xx reply or a 4.x.x status, else hard).

setup() {
	load lib/helpers
}

@test "bounce-round18-loc: each localized failure text gets the reason and kind its writer's help gives it (round18-loc)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round18-loc.tsv 26
	kinds_agree round18-loc.tsv
}

@test "bounce-round18-loc: every localized notice gives the recipient, kind, reason and writer round18-loc-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round18-loc.mbox round18-loc-expected.tsv
	assert_equal "$(grep -c '^From MAILER-DAEMON ' round18-loc.mbox)" 4
}

@test "bounce-round18-loc: no poster, Cc, Reply-To, body address or contact of a localized notice is reported" {
	cd "$FIXTURES/bounce-writers"
	run -1 deliv-bounce-classify --no-header -o recipient round18-loc.mbox
	refute_output --regexp '(alice|bob|info|news|postmaster|mailer-daemon)@'
	assert_equal "${#lines[@]}" 4
}

# the new phrases in other spellings, codes and word orders, each without
# a status code that would decide alone
@test "bounce-round18-loc: the localized wordings of round18-loc in other spellings keep their reasons" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'userunknown\tDie E-Mail-Adresse des Empfängers existiert nicht' \
	    $'userunknown\tLa cuenta de correo electrónico no existe' \
	    $'userunknown\tL\'indirizzo email non esiste' \
	    $'userunknown\t550 Konto nie istnieje' \
	    $'mailboxfull\t452 El buzón del destinatario no tiene espacio' \
	    $'mailboxfull\t552 La boîte aux lettres est pleine' \
	    $'speeding\tSie haben das Limit zum Versenden von E-Mails erreicht' \
	    $'speeding\tHas alcanzado el límite de envío de correos' \
	    $'mesgtoobig\t552 Die Nachricht ist zu groß' \
	    $'filtered\tDer Empfänger hat festgelegt, dass er keine E-Mails von Ihnen erhalten möchte' \
	    $'hasmoved\tL\'adresse e-mail du destinataire a changé' \
	    $'expired\t421 4.4.2 Timeout della connessione' >variants.tsv
	replies_agree variants.tsv 12
	kinds_agree variants.tsv
}

# the sender's own address said not to exist (Absender, remitente,
# mittente, nadawca) and a domain that does not exist are no unknown
# recipient: the new phrases leave them as they were
@test "bounce-round18-loc: the sender's address or a domain said not to exist is no unknown recipient" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'undefined\t550 Die E-Mail-Adresse des Absenders existiert nicht' \
	    $'undefined\t550 La dirección de correo del remitente no existe' \
	    $'undefined\t550 L\'indirizzo del mittente non esiste' \
	    $'undefined\t550 Konto nadawcy nie istnieje' \
	    $'undefined\t550 Die Domain existiert nicht' >others.tsv
	replies_agree others.tsv 5
}
