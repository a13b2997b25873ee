#!/usr/bin/env bats
# deliv-bounce-classify: Round 29 (tmpl1, issue #15), exact failed-
# recipient sets, kinds, reasons and writers on notices written from a
# site's customised template, as each MTA documents the customisation:
# the MTA keeps its structure (DSN part, headers, the recipient lines),
# the site writes the prose (other languages, a help desk, an address to
# write to instead, a placeholder), none of whose addresses failed.
# Committed before their first run: tests/fixtures/bounce-writers/
# round29-tmpl1.mbox and its expected records in
# round29-tmpl1-expected.tsv (msgno, mta, recipient, kind, reason).
#   1-4    Postfix bounce_template_file (bounce(5)): German and Spanish
#          failure templates, a French delay template, a friendly
#          English one with two causes
#   5-7,12 Exim bounce_message_file (Dutch, German), bounce_message_text,
#          warn_message_file (Italian)
#   8-9    Sendmail ErrorHeader (a file; a string on a delay warning)
#   10-11  Exchange custom NDR text (New-SystemMessage), English
#          internal and Spanish external
#   13-14  part 2, committed before its own first run: hMailServer's
#          edited server messages (Portuguese; English with the
#          original's header), no DSN part

setup() {
	load lib/helpers
}

@test "round29-tmpl1: every notice from a customised template gives the recipients, kinds, reasons and writer round29-tmpl1-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round29-tmpl1.mbox round29-tmpl1-expected.tsv
}

# A Postfix notice from a site's failure_template (bounce(5)) whose DSN
# part is gone (the text part alone, as a relay or a mail client may pass
# it on): the site's prose names an address to write to in words no list
# knows (Spanish), then Postfix's entry "<addr>: text", wrapped at 79
# columns with its continuation lines indented by 4
# (bounce_notify_util.c bounce_recipient_log(), bounce_print_wrap()).
# The entry's reason runs on past the "." of "for user m.lopez." to "Disk
# quota exceeded", so the entry is the first address a failure is tied
# to and the prose address before it is none (lib/bounce/notice.c
# entry_end(); before it the entry's sentence ended at that "." and the
# prose address was reported, as #4 without its DSN part).
@test "round29-tmpl1: a Postfix entry's reason on its indented lines past a full stop, after a site's prose address" {
	printf 'From: MAILER-DAEMON@correo.example.org (Sistema de correo)\nTo: office@example.com\nSubject: Mensaje no entregado\nMessage-ID: <t29-1@correo.example.org>\nAuto-Submitted: auto-replied\n\nEste es un aviso automatico del servidor correo.example.org.\n\nPara consultas comerciales puede dirigirse a info@example.org.\n\n<m.lopez@example.org>: cannot update mailbox /var/mail/m.lopez for user\n    m.lopez. error writing message: Disk quota exceeded\n' >"$BATS_TEST_TMPDIR/p.eml"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/p.eml"
	assert_equal "$output" $'m.lopez@example.org\tsoft\tmailboxfull'
}
