#!/usr/bin/env bats
# deliv-bounce-classify: Round 26 (prov4, issue #15), exact failed-
# recipient sets and address precision on whole notices a mail
# provider's own system writes, outside the big English-speaking ones:
# 11 notices, committed before their first run:
# tests/fixtures/bounce-writers/round26-prov4.mbox, its expected records
# in round26-prov4-expected.tsv (msgno, mta, recipient, kind, reason; the
# sources and the readings in its head).
#   1      NAVER's portal notice, "수신차단" (the recipient blocked you)
#   2-5    NHN Dooray!'s Korean notice: blocked, reception restricted,
#          mailbox full, confidential mail kept from outside accounts
#   6      Dooray!'s English notice, "mailbox unavailable"
#   7      India's NIC mail, "Inactive ID Notification."
#   8      NederHost's Postfix success DSN (no failure)
#   9-10   a French list host's Postfix: Orange, SFR, OVH, Yahoo, Free
#   11     a forum host's Postfix: Free's "too many errors detected"

setup() {
	load lib/helpers
}

@test "round26-prov4: every notice gives the recipients, kinds, reasons and writer round26-prov4-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round26-prov4.mbox round26-prov4-expected.tsv
}
