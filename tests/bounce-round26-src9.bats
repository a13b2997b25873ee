#!/usr/bin/env bats
# deliv-bounce-classify: Round 26 (src9, issue #15), Exim's and Sendmail's
# newer own texts the fixtures lacked, each notice written from the
# writer's own source (Exim 4.98.2, Sendmail 8.17.2): 16 messages,
# committed before their first run:
# tests/fixtures/bounce-writers/round26-src9.mbox, its expected records in
# round26-src9-expected.tsv (msgno, mta, recipient, kind, reason; the
# sources and the readings in its head).
#   1      Exim's errors_to form, a pipelined RCPT refusal, the DSN-info
#          fields (X-Remote-MTA-smtp-greeting, X-Exim-Diagnostic)
#   2-3    Exim, .forward pipes: forbidden (no text), killed ("local
#          delivery failed")
#   4      Exim's delay warning: "host lookup done insecurely"
#   5-9    Exim's local-submission errors (moan.c): message too big,
#          overlong header line, too many recipients, malformed
#          recipient address, system failure
#   10-14  Sendmail: 8-bit to a 7-bit mailer, DELIVERBY too late, an
#          alias loop, SMTPUTF8 not offered, a null MX
#   15-16  Sendmail's DELIVERBY expiry and its notify-mode warning

setup() {
	load lib/helpers
}

@test "round26-src9: every message gives the recipients, kinds, reasons and writer round26-src9-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round26-src9.mbox round26-src9-expected.tsv
}
