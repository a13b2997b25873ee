#!/usr/bin/env bats
# deliv-bounce-classify: Round 23 (gw4, issue #15), exact failed-
# recipient sets, address precision, kind, reason and writer on 15
# whole notices of security gateways and filters the coverage table
# showed with only 1-2 fixture messages, failures and non-failures
# mixed, learned from the vendors' admin guides, KB pages and templates
# (Sophos Central docs, Proofpoint Essentials KB 321, Barracuda campus
# solution 00004175, Trellix's NDR command, MailScanner/v5's report
# templates, Cisco's AsyncOS guide and TAC notes, Fortinet's FortiMail
# queue pages; each X-Test-Source says what was read and what
# recalled), committed before their first run:
# tests/fixtures/bounce-writers/round23-gw4.mbox, its expected records
# in round23-gw4-expected.tsv (msgno, mta, recipient, kind, reason; the
# sources and the documented misses in its comments).
#   1-2    Sophos Central: a Postfix NDR; a quarantine summary (none)
#   3-4    Proofpoint PPS (Sendmail); an Essentials digest (none)
#   5-6    Barracuda ESG NDR; Email Protection quarantine notice (none)
#   7      Trellix Email Security, a site's plain NDR template
#   8-9    MailScanner: spam rejected; attachment replaced (none)
#   10     Zimbra's MTA (Postfix) after the mailstore's LMTP refusal
#   11     SurfControl E-mail Filter, a blocked attachment
#   12     Cisco AsyncOS, expired after its queue time
#   13     Hornetsecurity relay, Exchange Online's 5.1.10
#   14     FortiMail delay warning (Sendmail style)
#   15     Apple iCloud's own report

setup() {
	load lib/helpers
}

@test "round23-gw4: every notice gives the recipients, kinds, reasons and writer round23-gw4-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round23-gw4.mbox round23-gw4-expected.tsv
}
