#!/usr/bin/env bats
# deliv-bounce-classify: Round 29 (pol3, issue #15), a blind batch of the
# replies that policy daemons, milters and SMTP-filter plugins write
# themselves (PolicyD v2 "cluebringer", policyd-rate-limit,
# PolicydRateGuard, mtpolicyd, iRedAPD's greylisting, Authentication
# Milter, OpenSMTPD's filter-senderscore and filter-rspamd, qpsmtpd's
# plugins, milter-limit, smf-grey), each read in the program's own
# source, written and committed before the first run:
# tests/fixtures/bounce-writers/round29-pol3-src.tsv (named so that
# bench/bounce-blind.sh's round*-src*.tsv glob counts it; the sources and
# readings in its "#" lines).  Each reply gets its reason, and the kind
# data/reasons.tsv gives that reason (bycode: soft for a 4xx reply or a
# 4.x.x status, else hard); the lines left wrong are "#" lines there.

setup() {
	load lib/helpers
}

@test "bounce-round29-pol3: each policy daemon's, milter's and filter's reply read in its source gets its reason and kind (round29-pol3-src)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round29-pol3-src.tsv 25
	kinds_agree round29-pol3-src.tsv
}

@test "bounce-round29-pol3: the wordings next to round29-pol3's phrases keep their older reasons" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'blocked\t554 5.7.1 <bob@example.net>: Recipient address rejected: Greylisting in effect, sending server blacklisted' \
	    $'mailboxfull\t552 5.2.2 <bob@example.net>: Quota exceeded' \
	    $'mailboxfull\t452 4.2.2 Mailbox full, try again later' \
	    $'hostunknown\t550 5.1.2 <bob@example.net>: Recipient address rejected: example.net: no such domain' \
	    $'blocked\t554 5.7.1 <unknown[192.0.2.10]>: Client host rejected: Access denied' \
	    $'blocked\t550 Mail from HELO mx.example.net rejected because it mx.example.net.rhsbl.example.net' \
	    $'toomanyconn\t452 4.5.3 Too many recipients' \
	    $'speeding\t450 4.7.1 <DATA>: Data command rejected: Rate limit reached, retry later' >others.tsv
	replies_agree others.tsv 8
	kinds_agree others.tsv
}
