#!/usr/bin/env bats
# deliv-bounce-classify: Round 26 (amavis2, issue #15), amavisd-new's own
# notices and its before-queue replies, each written from amavisd-new
# 2.11.1's source (its templates notify_sender_templ,
# notify_spam_sender_templ and notify_virus_sender_templ, the DSN of
# delivery_status_notification(), the replies of %smtp_reason_by_ccat):
# 13 messages and 10 reply lines, committed before their first run:
# tests/fixtures/bounce-writers/round26-amavis2.mbox, its expected
# records in round26-amavis2-expected.tsv (the sources and the readings
# in its head), the replies in round26-amavis2-src.tsv.
#   1-9    amavis's DSNs: OVERSIZED, two invalid header sections, contents
#          UNCHECKED (encrypted, over limits), spam and spammy, a virus
#          alert for three recipients, MTA-BLOCKED (the next hop refused)
#   10-13  Postfix quoting amavis's before-queue replies

setup() {
	load lib/helpers
}

@test "round26-amavis2: every notice gives the recipients, kinds, reasons and writer round26-amavis2-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round26-amavis2.mbox round26-amavis2-expected.tsv
}

@test "round26-amavis2: each amavisd-new reply gets the reason and kind its source gives (round26-amavis2-src)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round26-amavis2-src.tsv 10
	kinds_agree round26-amavis2-src.tsv
}
