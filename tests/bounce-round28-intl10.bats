#!/usr/bin/env bats
# deliv-bounce-classify: Round 28 (intl10, issue #15), real localized
# notices and localized look-alikes, committed before their first run:
# tests/fixtures/bounce-writers/round28-intl10.mbox, its expected
# records in round28-intl10-expected.tsv (msgno, mta, recipient, kind,
# reason; what was read, the first run and any misses in its head).
#   1      Alibaba Mail's Chinese notice (a full mailbox), from a list
#          archive
#   2      a German provider's "MAILVERSAND FEHLERBERICHT" (a content
#          refusal, STRATO's B-TEXT), as husvedvf.de quotes it
#   3-8    a German scam and phishes in Czech, Spanish, Chinese, French
#          and Portuguese that use delivery words: no record of a
#          failure

setup() {
	load lib/helpers
}

@test "round28-intl10: every message gives the recipients, kinds, reasons and writer round28-intl10-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round28-intl10.mbox round28-intl10-expected.tsv
}
