#!/usr/bin/env bats
# deliv-bounce-classify: Round 24 (src6, issue #15), a blind batch of SMTP,
# LMTP and local-delivery replies as the programs' own source writes them
# (Postfix smtpd, postscreen and local; Exim receive, deliver, transports
# and verify; Sendmail's cf/m4/proto.m4 and recipient.c; Courier submit and
# its filters; Haraka and its plugins; Dovecot LMTP; OpenDKIM;
# amavisd-milter; milter-greylist), written and committed before the
# first run: tests/fixtures/bounce-writers/round24-src6.tsv (named so that
# bench/bounce-blind.sh's round*-src*.tsv glob counts it); the replies left
# wrong are "#" lines there with why.  Each reply gets its reason, and the
# kind data/reasons.tsv gives that reason (bycode: soft for a 4xx reply or
# a 4.x.x status, else hard).

setup() {
	load lib/helpers
}

@test "bounce-round24-src6: each reply read in its writer's source gets its reason and kind (round24-src6)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round24-src6.tsv 40
	kinds_agree round24-src6.tsv
}

@test "bounce-round24-src6: the wordings next to round24-src6's phrases keep their older reasons" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'rejected\t553 5.7.1 <alice@example.org>: Sender address rejected: not owned by user bob' \
	    $'rejected\t554 5.7.1 <alice@example.org>: Sender address rejected: Access denied' \
	    $'virusdetected\t550 5.7.1 Message is infected with Eicar-Test-Signature' \
	    $'virusdetected\t554 5.7.1 Virus found in the message' \
	    $'expired\t421 4.4.2 Connection timed out' \
	    $'systemerror\t451 4.3.0 Temporary internal error' \
	    $'userunknown\t550 5.1.1 User doesn\'t exist: rcpt@example.net' \
	    $'hostunknown\t550 5.1.2 Host or domain name not found. Name service error for name=example.net type=MX: Host not found' \
	    $'failedstarttls\t403 4.7.0 TLS handshake failed.' >others.tsv
	replies_agree others.tsv 9
	kinds_agree others.tsv
}
