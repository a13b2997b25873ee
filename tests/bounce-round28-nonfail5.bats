#!/usr/bin/env bats
# deliv-bounce-classify: Round 28 (nonfail5, issue #15), auto-replies of
# open-source webmail and groupware as their Sieve interpreter sends them,
# each message written from its writer's own source (read; each
# X-Test-Source says what was read and what recalled): 12 whole
# messages, committed before their first run: tests/fixtures/
# bounce-writers/round28-nonfail5.mbox and its expected records in
# round28-nonfail5-expected.tsv (msgno, mta, recipient, kind, reason; the
# sources and the decisions in its head).  Every one is a vacation
# record of its From; no other address is reported.
#   1-2    SOGo's vacation script run by Dovecot Pigeonhole: a custom
#          "Abwesend: ${subject}" over a forwarded bounce's subject; no
#          :subject, "Auto: " + a list post's subject, to the list's
#          bounce address
#   3      Roundcube managesieve: encoded :from, 8-bit :subject
#   4-5    Kolab (Roundcube + Cyrus lmtpd): a folded long subject; "Out
#          of Office" to a list's VERP bounce address
#   6-7    Nextcloud Mail: "Re: ${subject}" over "Undeliverable: ...";
#          "Thanks for your message!" to a list's bounce address
#   8-9    Horde Ingo via Pigeonhole (encoded subject) and an older Cyrus
#   10     Exim's autoreply transport to a list's VERP bounce address
#   11     Cyrus with :mime (multipart/mixed, MIME-encapsulated)
#   12     Pigeonhole's "Automated reply"
# and a blind addendum written after that first run and committed before
# its own (round28-nonfail5b.mbox, round28-nonfail5b-expected.tsv):
# Courier maildrop's mailbot in reply, forwardatt and -M (success DSN)
# modes, from its own test suite, and iRedMail's sample vacation script.

setup() {
	load lib/helpers
}

@test "round28-nonfail5: every message gives the recipients, kinds, reasons and writer round28-nonfail5-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round28-nonfail5.mbox round28-nonfail5-expected.tsv
}

@test "round28-nonfail5b: mailbot's replies and DSN and iRedMail's vacation reply give the records round28-nonfail5b-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round28-nonfail5b.mbox round28-nonfail5b-expected.tsv
}

@test "round28-nonfail5: no auto-reply reports a hard or soft failure" {
	cd "$FIXTURES/bounce-writers"
	run deliv-bounce-classify --no-header -o kind round28-nonfail5.mbox round28-nonfail5b.mbox
	refute_output --partial 'hard'
	refute_output --partial 'soft'
}
