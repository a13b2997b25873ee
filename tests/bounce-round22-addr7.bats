#!/usr/bin/env bats
# deliv-bounce-classify: Round 22 (addr7, issue #15), WHICH address is
# reported when the failed one appears in more than one form or beside
# other addresses: 20 whole notices To the quilt list's bounce address,
# its VERP form or an SRS form of it, each returning a post (or its
# headers) with the list in To and Reply-To, a Cc and the poster,
# committed before their first run: tests/fixtures/bounce-writers/
# round22-addr7.mbox, its expected records in round22-addr7-expected.tsv
# (msgno, mta, recipient, kind, reason; the sources in its head).
#   1-3, 15-16, 19  Postfix: Original-Recipient in xtext, in another case,
#                   behind an SRS forwarder, a forwarded copy under VERP,
#                   one alias's two members, a plus address kept
#   4-5, 18         Exim: "(generated from A)", "(ultimately generated
#                   from A)" for two children of one alias, a DSN's top
#                   ancestor
#   6, 17           Sendmail: a .forward's "(expanded from: <A>)" with
#                   X-Actual-Recipient; the list's own alias expanded
#   7-10            Exchange: "SMTP=", IMCEASMTP-, IMCEAEX- with an
#                   Original-Recipient, Exchange Online's routing address
#   11-12           Domino: a Notes name beside the address; only a Notes
#                   name, VERP
#   13-14           Gmail: the remote's reply naming another address
#   20              qmail: a .qmail forward target, VERP
# The test fails without found_rename()'s change in lib/bounce/text.c
# (#5: the alias and a child), and without report.c's via_orig (#9: an
# IMCEAEX- Final-Recipient, the Original-Recipient reported, matched
# must say "original-recipient" as for #1, 3, 10 and 16).

setup() {
	load lib/helpers
}

@test "round22-addr7: every notice gives the recipients, kinds, reasons and writer round22-addr7-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round22-addr7.mbox round22-addr7-expected.tsv
	# which form was chosen: the notices whose Original-Recipient is reported
	run -1 deliv-bounce-classify --no-header -o msgno,matched round22-addr7.mbox
	assert_equal "$(awk -F'\t' '$2 ~ /original-recipient$/ { printf "%s ", $1 }' <<<"$output")" "1 3 9 10 16 "
}
