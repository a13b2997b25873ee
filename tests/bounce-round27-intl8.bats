#!/usr/bin/env bats
# deliv-bounce-classify: Round 27 (intl8, issue #15), localized notices
# composed from their writer's own translation files: MailScanner's
# sender reports (MailScanner/v5 common/usr/share/MailScanner/reports/
# LANG/*.report.txt and LANG/languages.conf), committed before their
# first run: tests/fixtures/bounce-writers/round27-intl8.mbox, its
# expected records in round27-intl8-expected.tsv (msgno, mta,
# recipient, kind, reason; the files read, the first run and any misses
# left documented in its head).
#   1, 8, 12  virus reports: German, Czech, French
#   2, 10     content reports: French (an HTML form), Brazilian
#             Portuguese (a message it could not analyse)
#   3, 7      file name reports: Spanish (ISO-8859-1), Danish
#   4         error report, Italian (Outlook Rich Text)
#   5         MCP report, Dutch (held for review)
#   6, 9, 11  spam reports: Swedish (a spam list), Hungarian, Slovak

setup() {
	load lib/helpers
}

@test "round27-intl8: every notice gives the recipients, kinds, reasons and writer round27-intl8-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round27-intl8.mbox round27-intl8-expected.tsv
}

# MailScanner's English spam-list report (MailScanner/v5
# common/usr/share/MailScanner/reports/en/sender.spam.rbl.report.txt)
# opens as its SpamAssassin report does and names the lists in
# "spam, LIST" before its sentence on the sending server, which gives
# the reason (phrases/soft.txt, as #6 in Swedish); its "  To:" line
# names the envelope recipients, none failed
@test "round27-intl8: MailScanner's English spam-list report is blocked, no address" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' "From MAILER-DAEMON Mon Dec  7 12:10:00 2026" \
	    "Return-Path: <>" \
	    "From: \"MailScanner\" <postmaster@mill.example.com>" \
	    "To: offers@shop.example.org" \
	    "Subject: {Bounce} Unsolicited commercial email rejected" \
	    "X-Mill-MailScanner: generated" \
	    "Date: Mon,  7 Dec 2026 12:10:00 +0000" \
	    "" \
	    "Our UCE (spam) detectors have been triggered by a message you sent:-" \
	    "  To: sales@mill.example.com" \
	    "  Subject: Winter offers" \
	    "  Date: Mon Dec  7 12:09:55 2026" \
	    "This message has been destroyed. The detectors that were triggered are" \
	    "spam, spamhaus-ZEN." \
	    "" \
	    "The server which is sending the message to our site is listed in a" \
	    "public blacklist of badly configured or misused mail systems." \
	    "" \
	    "-- " \
	    "MailScanner" >n.mbox
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason,mta n.mbox
	assert_equal "$output" "	soft	blocked	mailscanner"
}

# #4's Italian sentence is longer than a line: a relay that rewraps the
# text at 76 bytes (bench/bounce-metamorphic.sh's rewrap) breaks it
# before "messaggio", and the report must keep its reason
# (phrases/soft.txt joins its words by \s+)
@test "round27-intl8: #4 rewrapped before 'messaggio' is still contenterror from MailScanner" {
	cd "$BATS_TEST_TMPDIR"
	awk '/^From /{n++} n==4' "$FIXTURES/bounce-writers/round27-intl8.mbox" |
	    sed 's/completamente il messaggio spedito/completamente il\nmessaggio spedito/' >wrapped.mbox
	grep -q '^messaggio spedito' wrapped.mbox
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason,mta wrapped.mbox
	[ "$output" = "$(printf '\tsoft\tcontenterror\tmailscanner')" ]
}
