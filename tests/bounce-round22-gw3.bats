#!/usr/bin/env bats
# deliv-bounce-classify: Round 22 (gw3, issue #15), exact failed-
# recipient sets, address precision, kind, reason and writer on 15
# notices written by security gateways and hosted filters, in each
# product's own form as its documentation or source shows it, or as
# recalled (each X-Test-Source says which): Mimecast, McAfee (MX Logic
# and the Email Gateway), Proofpoint (Sendmail at pphosted.com), Cisco
# AsyncOS, Trend Micro Email Security, Broadcom Email Security.cloud,
# Barracuda, SpamTitan's and Libraesva's Postfix, Zimbra's amavisd-new
# and Zimbra's own Sieve reject, Apple iCloud (Messaging Server), Exim
# quoting a Cisco gateway.  Committed before their first run:
# tests/fixtures/bounce-writers/round22-gw3.mbox, its expected records
# in round22-gw3-expected.tsv (msgno, mta, recipient, kind, reason; the
# sources and the documented misses in its comments).
#   1-2    Mimecast: next hop's 5.1.1 (a helpdesk address in the prose);
#          retries abandoned, the address only in the text
#   3-4    McAfee: MX Logic's size refusal; the Email Gateway's virus
#          notice naming only the sender (no address)
#   5-6    Proofpoint and Cisco delay warnings
#   7      Trend Micro Email Security policy notification (a miss)
#   8      Email Security.cloud malware notice (no address)
#   9      Barracuda "blocked by our Spam Firewall"
#   10-11  SpamTitan's and Libraesva's Postfix (a support address)
#   12-13  Zimbra: amavisd-new's BANNED notice; the Sieve reject MDN
#          ("refused by the recipient's mail filtering program")
#   14-15  iCloud's Messaging Server report; Exim quoting Cisco's 5.1.0

setup() {
	load lib/helpers
}

@test "round22-gw3: every gateway's notice gives the recipients, kinds, reasons and writer round22-gw3-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round22-gw3.mbox round22-gw3-expected.tsv
}
