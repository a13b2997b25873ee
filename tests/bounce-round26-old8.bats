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

# lib/bounce/bang.c: upas names the addresses of its "bounced mail" in
# bang form (send/main.c mkerrstring(): "to 'HOST!USER'", "and '...'");
# each one-hop HOST!USER is USER@HOST, a path of more hops is not read as
# an address.
@test "round26-old8: upas's bang-form addresses over 'failed with error' are the failed recipients" {
	cd "$FIXTURES/bounce-writers"
	sed -n '/^From postmaster@plan9.example.net Mon Mar 15 10:02:14 2004/,/^From /p' round26-old8.mbox | sed '$d' >"$BATS_TEST_TMPDIR/upas.eml"
	sed -i "s/^to 'plan9.example.net!gwen'\$/&\\nand 'b.example.org!bob'\\nand 'gw.example.com!uucp1!carl'/" "$BATS_TEST_TMPDIR/upas.eml"
	grep -q "^and 'gw.example.com!uucp1!carl'\$" "$BATS_TEST_TMPDIR/upas.eml"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/upas.eml"
	assert_output "$(printf '%s\n' \
	    $'gwen@plan9.example.net\thard\tuserunknown' \
	    $'bob@b.example.org\thard\tuserunknown')"
}
