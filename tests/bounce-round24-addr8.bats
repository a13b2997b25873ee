#!/usr/bin/env bats
# deliv-bounce-classify: Round 24 (addr8, issue #15), which address is
# reported when real writers print it in an unusual form: 20 notices,
# each address form taken from a writer's own source (Sendmail's
# savemail.c and recipient.c, Postfix's bounce_notify_util.c, Courier's
# module.dsn/dsn.C, Exim's smtp_in.c and deliver.c) or from RFC 3464,
# 3461 and 6533, committed before their first run:
# tests/fixtures/bounce-writers/round24-addr8.mbox, its expected records
# in round24-addr8-expected.tsv (msgno, mta, recipient, kind, reason; a
# line per notice in its head).
#   1, 4, 5    Sendmail: mixed case and angle brackets, a trailing root
#              dot, an EAI "utf-8;" Final-Recipient
#   2, 3, 18   Sendmail: a multi-recipient alias's "expanded" group, an
#              alias to a program (X-Unix), two members and a help desk
#   6, 8, 15, 19  Postfix: a quoted local part, a utf-8 Original-
#              Recipient, an address literal, a mixed-case alias
#   13, 14     Postfix: "please try <...>", a site template's example and
#              help desk addresses
#   7, 16, 20  Exim: a raw xtext ORCPT, "please write to", a utf-8 ORCPT
#   9, 10      Courier: the original recipient in the text and after Action
#   11, 12, 17 gateways: x400 and X-Notes address types, brackets and a
#              comment in the DSN fields
# Part 2 (#21-23), committed before its own first run: Sendmail's multi-
# recipient alias with two failed members, without X-Actual-Recipient
# (noactualrecipient), and with the alias's ORCPT on the member's group.

setup() {
	load lib/helpers
}

@test "round24-addr8: every notice gives the address the sender used, in the form it was written, and nothing else" {
	cd "$FIXTURES/bounce-writers"
	records_agree round24-addr8.mbox round24-addr8-expected.tsv
}
