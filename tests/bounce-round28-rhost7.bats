#!/usr/bin/env bats
# deliv-bounce-classify: Round 28 (rhost7, issue #15), a blind batch of
# Chinese and Japanese portals' mail replies the fixtures lacked: Sohu's
# code list (the tailed "IP REJECT", a bare "Client host rejected"), QQ
# Mail's "Connection denied", NIFCLOUD ESS's SMTP reply table and Rakuten
# Mobile's "rejected - code alpha", written and committed before the
# first run: tests/fixtures/bounce-writers/round28-rhost7-prov.tsv (named
# so that bench/bounce-blind.sh's round*-prov*.tsv glob counts it); the
# replies left wrong are "#" lines there with why.  Each reply gets its
# reason, and the kind data/reasons.tsv gives that reason (bycode: soft
# for a 4xx reply or a 4.x.x status, else hard).

setup() {
	load lib/helpers
}

@test "bounce-round28-rhost7: each Chinese or Japanese portal's reply gets the reason and kind its own page gives (round28-rhost7-prov)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round28-rhost7-prov.tsv 4
	kinds_agree round28-rhost7-prov.tsv
}

@test "bounce-round28-rhost7: Postfix's reject_unauth_pipelining refusal (fixed 503 5.5.0) is a protocol error, not a refused client or HELO" {
	printf '%s\t%s\n' \
	    syntaxerror '503 5.5.0 <unknown[192.0.2.25]>: Client host rejected: Improper use of SMTP command pipelining' \
	    syntaxerror '503 5.5.0 <mail.example.org>: Helo command rejected: Improper use of SMTP command pipelining' \
	    blocked '554 5.7.1 <unknown[192.0.2.25]>: Client host rejected: Access denied' \
	    >"$BATS_TEST_TMPDIR/pipelining.tsv"
	replies_agree "$BATS_TEST_TMPDIR/pipelining.tsv" 3
}
