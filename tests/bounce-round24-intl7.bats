#!/usr/bin/env bats
# deliv-bounce-classify: Round 24 (intl7, issue #15), localized notices
# whose words, read in real public copies (issue threads and pastes),
# carry the evidence, committed before their first run:
# tests/fixtures/bounce-writers/round24-intl7.mbox, its expected records
# in round24-intl7-expected.tsv (msgno, mta, recipient, kind, reason;
# the copies read, the first run and any misses left documented in its
# head).
#   1-3    Exchange Online: French+English and German full mailboxes, a
#          German enhanced NDR (address not found)
#   4      Exchange 2013, Spanish 5.1.1 sentence, a display name only
#   5      Exchange 2016, French headings, a transport rule's rejection
#   6      Exchange, Portuguese: the remote refused the sender
#   7-9    Outlook's own Spanish report: 451 (display name only), 451,
#          501 (an address typed with a stray '<')
#   10     Exchange Online, German: no right to send on behalf
#   11     Exchange 2007, Spanish, three full mailboxes
#   12     a Chinese provider: the address does not exist
#   13     a site's own Russian notice, no reason given
# Part 2 (#14-15), committed before its own first run: a French hosting
# provider's own Postfix template, the details inline (#14) and in an
# attachment details.txt (#15)

setup() {
	load lib/helpers
}

@test "round24-intl7: every notice gives the recipients, kinds, reasons and writer round24-intl7-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round24-intl7.mbox round24-intl7-expected.tsv
}

# Exchange's NDR text names the help page of its DSN ("For more
# information about this error, see DSN code 5.7.1 in Exchange Online -
# Office 365.", pastebin HZca6aT2; "see DSN 5.7.103 Errors in Exchange
# Online and Office 365.", pastebin jXWmz90k): that code is a page's
# title, not the reply, which the diagnostic section quotes below
# (RE_STATUS in lib/bounce/bounce.c); as #5 in English
@test "round24-intl7: Exchange's 'see DSN code X.Y.Z' is no status; the reply in the diagnostic section is read" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' "From MAILER-DAEMON Mon Dec  7 09:40:00 2026" \
	    "X-MS-Exchange-Message-Is-Ndr: " \
	    "From: Microsoft Outlook <postmaster@example.org>" \
	    "To: Chris Moore <c.moore@example.org>" \
	    "Subject: Undeliverable: Avignon" \
	    "Date: Mon, 7 Dec 2026 09:40:05 +0100" \
	    "Content-Type: text/plain; charset=us-ascii" \
	    "" \
	    "Delivery has failed to these recipients or groups:" \
	    "" \
	    "support@example-support.net (support@example-support.net)" \
	    "Delivery not authorized, message refused" \
	    "Your message wasn't delivered because the email admin for the organization 'corp.example.org' created an email rule restriction. Please contact the email admin for that organization and ask them to remove or update the rule restriction." \
	    "For more information about this error, see DSN code 5.7.1 in Exchange Online - Office 365." \
	    "" \
	    "Diagnostic information for administrators:" \
	    "" \
	    "Generating server: EX12.corp.example.org" \
	    "" \
	    "support@example-support.net" \
	    "Remote Server returned '550 5.7.900 TRANSPORT.RULES.RejectMessage; the message was rejected by organization policy'" \
	    "" >n.mbox
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason,matched n.mbox
	assert_equal "$(sed -E 's/\.txt:[0-9]+/.txt:N/' <<<"$output")" "support@example-support.net	soft	policyviolation	soft.txt:N"
}
