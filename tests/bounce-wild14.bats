#!/usr/bin/env bats
# deliv-bounce-classify: Round 14 (wild14, issue #15), a blind batch of
# whole notices quoted in public issue threads and hosts' help pages no
# earlier fixture cites, scored on the failed-recipient set: Office 365,
# Yahoo, German and Italian Exchange-form NDRs (one for a member of a
# list's post, the list and its SRS sender not reported), a Russian
# robot's notice, Exim's delay warning for a post to a list, Postfix's
# success notice (delivered, never failed), notices quoted only to their
# heading (no address), Zoho's notice for a forwarding address (the
# forwarder's contact not reported), Japanese and Dutch pages' examples.
# tests/fixtures/bounce-classify/wild14.tsv holds the expected record of
# each notice of wild14.mbox ("#" lines: the blind expectation of a miss
# left or a relabel, with why, the line after it what is asserted).

setup() {
	load lib/helpers
	cd "$FIXTURES/bounce-classify"
	run_once -1 deliv-bounce-classify --no-header wild14.mbox
	ALL=$output
	OUT=$(cols -t bounce-classify msgno,recipient,kind)
}

expect() {
	batch_expect wild14.tsv "$1" "$2" 2
}

msgs() {
	batch_msgs wild14.tsv "$1" "$2"
}

@test "bounce-wild14: notices 1-10 (Office 365, Yahoo, German Exchange-form NDRs, a Russian robot, Exim's delay for a list post, qmail and Postfix quoted to their heading, Postfix's success notice)" {
	[[ $(msgs 1 10 | wc -l) -eq 10 ]]
	assert_equal "$(rk $(msgs 1 10))" "$(expect 1 10)"
}

@test "bounce-wild14: notices 11-19 (Postfix's DSN, Zoho for a forwarding address, cPanel Exim's deferral, Sendmail and Yahoo! JAPAN, the old Postfix notice, an Italian Exchange NDR, Gmail)" {
	[[ $(msgs 11 19 | wc -l) -eq 9 ]]
	assert_equal "$(rk $(msgs 11 19))" "$(expect 11 19)"
}

@test "bounce-wild14: batches 3-4, notices 20-25 (an Office 365 group reached through an alias, Postfix quoting Exchange Online's edge block, Gmail's older notice, Exchange's DSN text, Postfix's temporary connect failure, Google Groups naming no address)" {
	[[ $(msgs 20 25 | wc -l) -eq 6 ]]
	assert_equal "$(rk $(msgs 20 25))" "$(expect 20 25)"
}

@test "bounce-wild14: the reasons of the batch, as wild14.tsv expects them" {
	output=$ALL
	assert_equal "$(cols -t bounce-classify msgno,reason | awk -F'\t' '$2 != ""')" \
	    "$(awk -F'\t' '!/^#/ && NF >= 5 && $5 != "" { print $1 "\t" $5 }' wild14.tsv)"
}

@test "bounce-wild14: a record for every notice, and no list, sender, forwarder's contact or notice writer is reported" {
	output=$ALL
	assert_equal "$(cols -t bounce-classify msgno | sort -un | wc -l)" "$(grep -c '^From MAILER-DAEMON ' wild14.mbox)"
	# the list and its SRS sender (3), the forwarder's contact (12), the
	# senders (8, 11, 13), the NDR's own From (18), a postmaster, the
	# alias the sender wrote to (20)
	assert_equal "$(cols -t bounce-classify recipient | grep -Eic 'alle\.zg06|SRS0|support@forwardemail|leiterin@|braintelligence@|0x131a85|verzender@|MicrosoftExchange|postmaster@|ReadyForOffice')" 0
	# no notice is hard but the user unknowns (1, 13, 16-19, 21)
	assert_equal "$(cols -t bounce-classify msgno,kind | awk -F'\t' '$2 == "hard" { print $1 }' | tr '\n' ' ')" "1 13 16 17 18 19 21 "
}

# Exchange's NDR subject in Italian ("Non recapitabile:"), Spanish,
# Dutch and Portuguese is a bounce's subject as "Unzustellbar:" and
# "Non remis :" are (bounce-subject.txt's last line); an Italian NDR
# that quotes only its diagnostic section was read as an auto-reply
# naming its own sender (vacation)
@test "bounce-wild14: Exchange's Italian and Spanish NDR subjects are a bounce's" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' 'From MAILER-DAEMON Sun Dec  6 08:00:00 2026' \
	    'From: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@example.it>' \
	    'To: ana@example.org' 'Subject: Non recapitabile: Ciao' \
	    'Auto-Submitted: auto-replied' '' \
	    'Informazioni di diagnostica per gli amministratori:' '' \
	    'Server di generazione: MBX01.example.it' '' 'bob@example.it' \
	    "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'" >n.mbox
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason n.mbox
	assert_equal "$output" "$(printf 'bob@example.it\thard\tuserunknown')"
	sed -i 's/^Subject: Non recapitabile: Ciao$/Subject: No se puede entregar: Hola/' n.mbox
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason n.mbox
	assert_equal "$output" "$(printf 'bob@example.it\thard\tuserunknown')"
	# an auto-reply of the same sender, with no NDR subject, stays one
	printf '%s\n' 'From ana@example.it Sun Dec  6 08:00:00 2026' \
	    'From: Ana <ana@example.it>' 'To: bob@example.org' \
	    'Subject: Risposta automatica: Ciao' 'Auto-Submitted: auto-replied' '' \
	    'Sono fuori ufficio fino al 10 agosto.' >v.mbox
	run deliv-bounce-classify --no-header -o recipient,kind,reason v.mbox
	assert_equal "$(cut -f2,3 <<<"$output")" "$(printf 'undetermined\tvacation')"
}
