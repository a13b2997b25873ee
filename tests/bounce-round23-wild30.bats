#!/usr/bin/env bats
# deliv-bounce-classify: Round 23 (wild30, issue #15), exact failed-
# recipient sets and address precision on real list-related notices and
# non-bounces posted in public (project trackers holding a list's mail,
# a list archive): 8 messages, committed before their first run:
# tests/fixtures/bounce-writers/round23-wild30.mbox, its expected
# records in round23-wild30-expected.tsv (msgno, mta, recipient, kind,
# reason; the sources and the readings in its head).
#   1      Postfix, a list's host refusing a client with no PTR (450)
#   2      sendmail delay warning, relay access denied at a list's host
#   3      a list member's "Re: Fwd:" reply quoting a listmaster notice: none
#   4      qmail-send, ezmlm's "only subscribers may post"
#   5      Postfix, "non-static-ip server" (a documented miss)
#   6      Postfix, a list's unsubscribe address unknown
#   7-8    ezmlm's warning and acknowledgment to a member: none

setup() {
	load lib/helpers
}

@test "round23-wild30: every message gives the recipients, kinds, reasons and writer round23-wild30-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round23-wild30.mbox round23-wild30-expected.tsv
}
