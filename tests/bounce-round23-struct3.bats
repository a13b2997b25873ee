#!/usr/bin/env bats
# deliv-bounce-classify: Round 23 (struct3, issue #15), exact failed-
# recipient sets, kinds and reasons on message structures real writers
# produce that round19-struct1 and round21-struct2 did not: 18 whole
# notices learned from each writer's source or manual and RFC 3464,
# 6522, 6533, 2045-2049 and 2298 (each X-Test-Source says what was read
# and what recalled), committed before their first run:
# tests/fixtures/bounce-writers/round23-struct3.mbox, its expected
# records in round23-struct3-expected.tsv (msgno, mta, recipient, kind,
# reason; a line per notice in its head).
#   1-2    a report nested in a gateway's multipart/mixed; a top-level
#          multipart/report relabelled multipart/mixed (Postfix, Sendmail)
#   3-4    the status part base64 ("BASE64", CRLF inside; Exchange 2019)
#          and quoted-printable (a soft break inside the address; Postfix)
#   5-6    groups with no blank line between (Exchange 2003);
#          Diagnostic-Code folded mid-word (Exchange 2007)
#   7-9    Final-Recipient with no type, "RFC822", "<A> (comment)"; two
#          Status fields in a group; Action "Failed", "DELAYED", "Delivered"
#   10-11  Exchange Online's HTML-only text; Postfix SMTPUTF8 with
#          message/global-delivery-status and message/global-headers
#   12     a Postfix double bounce to postmaster
#   13-14  a person's forward of a bounce, inline ("Fwd:") and attached
#          (Outlook's "FW:"): none
#   15-16  a DSN cut mid-group; text/rfc822-headers and no status part
#   17-18  an RFC 2298 MDN "failed": none; media types in mixed case

setup() {
	load lib/helpers
}

@test "round23-struct3: every notice gives the recipients, kinds, reasons and writer round23-struct3-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round23-struct3.mbox round23-struct3-expected.tsv
}
