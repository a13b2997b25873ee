#!/usr/bin/env bats
# deliv-bounce-classify: Round 26 (old8, issue #15), legacy writers with
# no notice of their own in tests/fixtures/bounce-writers, each learned
# from its own source: 11 notices, committed before their first run:
# tests/fixtures/bounce-writers/round26-old8.mbox, its expected records
# in round26-old8-expected.tsv (msgno, mta, recipient, kind, reason; the
# sources and the readings in its head).
#   1-6    MMDF-IIb's return module (lib/mmdf/rtn_proc.c): three
#          rtn_error() notices with the SMTP channel's "CODE; TEXT"
#          reply, a final timeout (rtn_time(), two addresses, citation),
#          a "Waiting mail" delay, a failure with "(Reason not known)"
#   7-8    Plan 9 upas/send's "bounced mail" (send/main.c replymsg()):
#          "unknown user", "message too long", bang-form addresses
#   9-11   Plan 9 upas runq's "permanent failure" (q/runq.c
#          returnmail()): a refused recipient, one of two refused, a
#          give-up after the queue time

setup() {
	load lib/helpers
}

@test "round26-old8: every message gives the recipients, kinds, reasons and writer round26-old8-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round26-old8.mbox round26-old8-expected.tsv
}
