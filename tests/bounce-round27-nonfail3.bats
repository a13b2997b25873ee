#!/usr/bin/env bats
# deliv-bounce-classify: Round 27 (nonfail3, issue #15), mail in a bounce
# mailbox that is no failure, each message written from its writer's own
# source (read; each X-Test-Source says what was read and what recalled):
# 12 whole messages, committed before their first run:
# tests/fixtures/bounce-writers/round27-nonfail3.mbox and its expected
# records in round27-nonfail3-expected.tsv (msgno, mta, recipient, kind,
# reason; the sources and the decisions in its head).
#   1      OpenSMTPD's success notice (local delivery)
#   2-3    Postfix's verify template: "sendmail -bv" (deliverable, and an
#          undeliverable address: the one real failure) and "sendmail -v"
#   4-8    read receipts as clients compose them: Evolution, KMail (MDN
#          and its "Receipt:" notice), Sylpheed-Claws, Horde
#   9-11   auto-replies: Stalwart's Sieve vacation, Postfix Admin's
#          vacation.pl, TMDA's confirmation request
#   12     gnarwl's reply, which writes no auto-reply header

setup() {
	load lib/helpers
}

@test "round27-nonfail3: every message gives the recipients, kinds, reasons and writer round27-nonfail3-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round27-nonfail3.mbox round27-nonfail3-expected.tsv
}

# round27-nonfail3b.mbox, a blind addendum committed before its first run:
#   1      qmail-autoresponder with -c: the original copied after the
#          reply's text, Return-Path <>, no auto-reply header
#   2      Pigeonhole's Sieve notify mailto (Auto-Submitted:
#          auto-notified)
#   3      Exim's autoreply transport with return_message ("------ This
#          is a copy of the message, including all the headers. ------")
@test "round27-nonfail3b: every message gives the recipients, kinds, reasons and writer round27-nonfail3b-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round27-nonfail3b.mbox round27-nonfail3b-expected.tsv
}
