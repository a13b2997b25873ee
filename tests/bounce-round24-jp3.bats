#!/usr/bin/env bats
# deliv-bounce-classify: Round 24 (jp3, issue #15), whole notices of
# Japanese carriers', providers' and gateways' writers, a third batch,
# each from a real public copy or the writer's own help page (each
# X-Test-Source says what was read and what is recalled or inferred),
# committed before their first run:
# tests/fixtures/bounce-writers/round24-jp3.mbox, its expected records
# in round24-jp3-expected.tsv (msgno, mta, recipient, kind, reason; the
# sources and one line per message in its head).
#   1-2    m-FILTER's own NDR, ISO-2022-JP (after DATA / at RCPT TO)
#   3-4    HENNGE One's NDR (its DLP size limit; a bad address syntax)
#   5      Gmail's Japanese "アドレス不明" for au's filter refusal
#   6      Outlook's own Japanese "配信不能" report, no cause named
#   7-8    DDNet's qmail-send (a relay check; host unknown; queue expiry)
#   9-10   Sakura's sendmail (host unknown; a 4-hour DNS-timeout warning)
#   11     WILLCOM pdx.ne.jp's Postfix, the mailbox volume exceeded
#   12-13  KAGOYA's Postfix (two maildirs over quota) and sendmail (size)
# Part 2 (#14-15), committed before its own first run:
#   14     an older Postfix's notice for docomo's refusal after DATA
#   15     iCloud's notice to a docomo address, no cause named

setup() {
	load lib/helpers
}

@test "round24-jp3: every Japanese writer's notice gives the recipients, kinds, reasons and writer round24-jp3-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round24-jp3.mbox round24-jp3-expected.tsv
}
