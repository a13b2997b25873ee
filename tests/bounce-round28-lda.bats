#!/usr/bin/env bats
# deliv-bounce-classify: Round 28 (lda, issue #15), a blind batch of local
# delivery agents' own failure texts as the MTA relays them: procmail,
# Dovecot's dovecot-lda, Courier's maildrop and deliverquota through
# Postfix pipe(8)'s "<sysexits text>. Command output: ..." and Exim's
# pipe transport, qmail-local's texts as qmail-send gives them, Sendmail
# mail.local's LMTP replies and smrsh's refusals, each read in the
# program's own source, written and committed before the first run:
# tests/fixtures/bounce-writers/round28-lda-src.tsv (named so that
# bench/bounce-blind.sh's round*-src*.tsv glob counts it; the sources and
# readings in its "#" lines).  Each reply gets its reason, and the kind
# data/reasons.tsv gives that reason (bycode: soft for a 4xx reply or a
# 4.x.x status, else hard); a temporary agent failure is never hard.  The
# lines left wrong are "#" lines there.

setup() {
	load lib/helpers
}

@test "bounce-round28-lda: each delivery agent's failure text read in its source gets its reason and kind (round28-lda-src)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round28-lda-src.tsv 30
	kinds_agree round28-lda-src.tsv
}

@test "bounce-round28-lda: the wordings next to round28-lda's phrases keep their older reasons" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'speeding\t451 too many messages' \
	    $'toomanyconn\t421 too many messages in this connection' \
	    $'mailererror\tCommand died with status 75: "/usr/bin/procmail". Command output: procmail: Couldn\'t create "/var/mail/bob"' \
	    $'mailererror\ttemporary failure. Command output: lda(myname): Error: net_connect_unix(/run/dovecot/stats-writer) failed: Permission denied' \
	    $'mailererror\ttemporary failure. Command output: maildrop: Timeout quota exceeded.' \
	    $'suspend\t550 5.2.1 Your account has been locked' \
	    $'systemfull\t452 4.3.1 Insufficient system storage' >others.tsv
	replies_agree others.tsv 7
	kinds_agree others.tsv
}
