#!/usr/bin/env bats
# deliv-bounce-classify: Round 29 (lda2, issue #15), a blind batch of the
# delivery agents and mailbox stores round 28's lda batch did not read,
# their own failure texts as the MTA relays them: Cyrus lmtpd's LMTP
# replies and Cyrus deliver's usage through Postfix pipe(8), the GNU
# Mailman 2 mail wrapper's fatal errors through Postfix local(8) and
# Exim's pipe transport, vmailmgr's vdeliver and vcheckquota as
# qmail-send gives them, each read in the program's own source, written
# and committed before the first run:
# tests/fixtures/bounce-writers/round29-lda2-src.tsv (named so that
# bench/bounce-blind.sh's round*-src*.tsv glob counts it; the sources and
# readings in its "#" lines).  Each reply gets its reason, and the kind
# data/reasons.tsv gives that reason.  The lines left wrong are "#" lines
# there.

setup() {
	load lib/helpers
}

@test "bounce-round29-lda2: each delivery agent's failure text read in its source gets its reason and kind (round29-lda2-src)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round29-lda2-src.tsv 17
	kinds_agree round29-lda2-src.tsv
}

@test "bounce-round29-lda2: the wordings next to round29-lda2's phrases keep their older reasons" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'speeding\t451 too many messages' \
	    $'mailboxfull\tpermission denied. Command output: Too many messages in the mailbox' \
	    $'expired\tMessage has expired' \
	    $'userunknown\t550 5.1.1 unknown user' >others.tsv
	replies_agree others.tsv 4
	kinds_agree others.tsv
}
