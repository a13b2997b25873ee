#!/usr/bin/env bats
# deliv-bounce-classify: Round 27 (src13, issue #15), a blind batch of the
# replies that SMTP and LMTP servers embedded in applications and
# libraries write themselves (emersion/go-smtp, aiosmtpd, SubEthaSMTP,
# Apache James's SMTP hooks, Postal's SMTP server, Dovecot LMTP, Cyrus
# lmtpd) and of PP 6.0's X.400 delivery-report diagnostics as they appear
# on a report's line, each read in the program's own source, written and
# committed before the first run:
# tests/fixtures/bounce-writers/round27-src13-src.tsv (named so that
# bench/bounce-blind.sh's round*-src*.tsv glob counts it; the sources and
# readings in its "#" lines).  Each reply gets its reason, and the kind
# data/reasons.tsv gives that reason (bycode: soft for a 4xx reply or a
# 4.x.x status, else hard); the lines left wrong are "#" lines there.

setup() {
	load lib/helpers
}

@test "bounce-round27-src13: each embedded server's reply and PP diagnostic read in its source gets its reason and kind (round27-src13-src)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round27-src13-src.tsv 25
	kinds_agree round27-src13-src.tsv
}

@test "bounce-round27-src13: the wordings next to round27-src13's phrases keep their older reasons" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'userunknown\t550 5.1.1 <bob@example.net>: Recipient mailbox unavailable' \
	    $'userunknown\t550 Requested action not taken: mailbox unavailable' \
	    $'hasmoved\t551 5.1.6 User has moved; please try <bob@example.org>' \
	    $'syntaxerror\t501 5.5.2 Syntax error in parameters or arguments' \
	    $'mailboxfull\t552 5.2.2 Quota exceeded' \
	    $'mesgtoobig\t552 5.3.4 Message size exceeds fixed maximum message size' \
	    $'toomanyconn\t452 4.5.3 Too many recipients' \
	    $'networkerror\t554 5.4.6 Too many hops, loop detected' >others.tsv
	replies_agree others.tsv 8
	kinds_agree others.tsv
}
