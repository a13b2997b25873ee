#!/usr/bin/env bats
# deliv-bounce-classify: Round 26 (src7, issue #15), open-source writers
# the coverage table showed thin (simta, KumoMTA, mox, chasquid, Cyrus,
# nullmailer; Zimbra's, Postal's, chasquid's and mox's replies as
# receivers), each notice written from the writer's own source: 21
# messages, committed before their first run:
# tests/fixtures/bounce-writers/round26-src7.mbox, its expected records in
# round26-src7-expected.tsv (msgno, mta, recipient, kind, reason; the
# sources and the readings in its head).
#   1-4    simta: the pre-2006 text, a MAIL FROM refusal, two expansion
#          errors ("address not found:", a restricted group)
#   5-7    KumoMTA's generated reports: max_age expiry, two recipients
#          over size, a DMARC refusal
#   8-10   mox: over SIZE, a refused RCPT, a delay notice
#   11-12  chasquid: a PIPE alias, a FORWARD alias (Original-Recipient)
#   13-14  Cyrus's private Sieve-reject MDN, with and without an address
#   15-16  Postfix quoting Cyrus's and Zimbra's LMTP Sieve refusals
#   17     nullmailer: the smarthost wants authentication
#   18-20  Exim and Postfix quoting Postal's and chasquid's replies
#   21     mox for an SMTPUTF8 message

setup() {
	load lib/helpers
}

@test "round26-src7: every message gives the recipients, kinds, reasons and writer round26-src7-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round26-src7.mbox round26-src7-expected.tsv
}
