#!/usr/bin/env bats
# deliv-bounce-classify: Round 23 (rhost2, issue #15), reason accuracy on
# the development corpus's rhost families: 20 whole notices of a local
# MTA (Postfix 9, Exim 7, sendmail 4; failures and delay warnings)
# carrying a big receiver's reply, each reply from the receiver's own
# public page (Google's "Gmail SMTP errors and codes", Microsoft Learn's
# Exchange Online NDR table, Outlook.com's postmaster error codes, Cox's
# and Mimecast's error-code pages, Yahoo's Sender Hub codes, Spectrum,
# iCloud, MessageLabs; each X-Test-Source says what was read and what
# recalled), chosen for a reason the family lacks or has few of,
# committed before their first run: tests/fixtures/bounce-writers/
# round23-rhost2.mbox, its expected records in round23-rhost2-expected.tsv
# (msgno, mta, recipient, kind, reason; the sources in its head).
#   1-6    Google / Workspace: TLS required, recipient domain not found,
#          IP not in whitelist, server busy, domain policy, gcdp rule
#   7      Exchange Online: 5.7.23 SPF violation
#   8-10   Cox: AUP#CXDNS, AUP#CXSNDR, AUP#CXMXRT
#   11     Spectrum: AUP#I-1010 at the greeting
#   12     iCloud: [HM08] local policy
#   13-15  Yahoo 5.7.9 unauthenticated; AOL unresolvable RFC.5321 from
#          domain, [TSS09]
#   16-17  Mimecast: 421 Unable to process connection, 421 Sender address
#          blocked
#   18     MessageLabs: 501 Connection rejected by policy
#   19-20  Outlook.com: DY-001, RP-003

setup() {
	load lib/helpers
}

@test "round23-rhost2: every notice gives the recipients, kinds, reasons and writer round23-rhost2-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round23-rhost2.mbox round23-rhost2-expected.tsv
}
