#!/usr/bin/env bats
# deliv-bounce-classify: Round 22 (fam8, issue #15), reason accuracy on
# the development corpus's largest lhost families: 26 whole notices of
# their writers (and 3 more in a second part), each for a reason the
# family's labels lack or have few of, learned from the writers' own
# sources and manuals and the providers' help pages (each X-Test-Source
# says what was read and what recalled), committed before their first
# run:
# tests/fixtures/bounce-writers/round22-fam8.mbox, its expected records
# in round22-fam8-expected.tsv (msgno, mta, recipient, kind, reason).
#   1-8    Postfix: domain not found, null MX, 452 4.3.1 storage (delay),
#          5.7.25 no reverse hostname, amavisd-new spam and INFECTED,
#          Gmail 5.2.1 disabled, SMTPUTF8 not offered
#   9-12   Sendmail: Relaying denied, 553 5.1.8 sender domain,
#          conncontrol (delay), require_rdns
#   13-15  Exim: Space shortage (delay), malware ACL, 535 AUTH refused
#   16-18  qmail: databytes, queuelifetime, best-preference MX
#   19-20  Amazon SES: Message expired, Exchange Online 5.7.54 relay
#   21-22  Gmail: domain couldn't be found (a kept miss), Outlook.com S3150
#   23     Yahoo: No MX or A records
#   24-25  mail.ru: account is disabled, MX to non-existent hosts
#   26     Messaging Server: DNSBL block, two recipients
#   27-29  DragonFly Mail Agent (a second part, committed before its own
#          run): SMTP login failed, Gmail low domain reputation, sender
#          domain not found

setup() {
	load lib/helpers
}

@test "round22-fam8: every notice gives the recipients, kinds, reasons and writer round22-fam8-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round22-fam8.mbox round22-fam8-expected.tsv
}
