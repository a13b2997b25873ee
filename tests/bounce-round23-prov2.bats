#!/usr/bin/env bats
# deliv-bounce-classify: Round 23 (prov2, issue #15), whole notices a
# mail provider's own system writes, each to a person's own address at
# the provider, returning that person's post to the birds list (or a
# reply to a member), learned from the provider's help pages or public
# copies of its notice (Yahoo help SLN3275, puffinknight.tistory.com/102,
# adminplay.com/Mail/1844, FastMail's help pages, a help.zoho.com
# community copy, winmail.cn/ndr; each X-Test-Source says what was read
# and what recalled), committed before their first run:
# tests/fixtures/bounce-writers/round23-prov2.mbox, its expected records
# in round23-prov2-expected.tsv (msgno, mta, recipient, kind, reason).
#   1   Yahoo (Korea), qmail-send: two members, unknown and disabled
#   2   Yahoo, SLN3275's layout with no "<ADDR>:" line: "is no longer valid"
#   3   Naver's qmail: "CNAME lookup failed temporarily", queue too long
#   4   FastMail.FM 2006, Postfix: two members, LMTP "Unexpected internal
#       error" and "connect to ...: Connection refused"
#   5   Fastmail, Postfix: "User unknown in local recipient table"
#   6   Zoho's delay warning: Yahoo TS02, the address elided (none usable)
#   7   Winmail (Chinese enterprise mail), bilingual: a Spamhaus block
#   8   Winmail's older notice (gb2312): "sorry, no mailbox here by that name"

setup() {
	load lib/helpers
}

@test "round23-prov2: every notice gives the recipients, kinds, reasons and writer round23-prov2-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round23-prov2.mbox round23-prov2-expected.tsv
}
