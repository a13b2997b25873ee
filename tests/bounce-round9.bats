#!/usr/bin/env bats
# deliv-bounce-classify: Round 9 (rsn), a blind audit of the reasons of
# servers' and providers' replies as their help and postmaster pages
# publish them (tests/fixtures/bounce-writers/round9-replies.tsv, batch 1;
# round9b-replies.tsv, batch 2, written after batch 1's fixes; Round 9
# (rh): round9c-replies.tsv, batch 3, the rhost providers' own replies).

setup() {
	load lib/helpers
}

@test "bounce-round9: each provider's reply gets the reason its page gives (batch 1)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round9-replies.tsv 110
}

@test "bounce-round9: each provider's reply gets the reason its page gives (batch 2)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round9b-replies.tsv 40
}

# the longer phrases of this round open left of a shorter one of another
# reason; where the provider's wording is not there, the shorter decides
@test "bounce-round9: the shorter phrases batches 1 and 2 overrule still decide for other wordings" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'mailboxfull\t552 5.2.2 Quota exceeded' \
	    $'toomanyconn\t421 Connection frequency limited' \
	    $'speeding\t450 4.7.1 Error: too many messages from 192.0.2.25' \
	    $'userunknown\t550 5.1.1 <rcpt@example.net>: Recipient address rejected: User unknown' \
	    $'blocked\t550 5.7.1 Client host rejected: sender ip 192.0.2.25 is listed' >others.tsv
	replies_agree others.tsv 5
}

@test "bounce-round9: each provider's reply gets the reason its page gives (batch 3)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round9c-replies.tsv 50
}

# batch 3's phrases are the providers' longer wordings; the shorter ones
# of the same words still decide as before
@test "bounce-round9: the wordings batch 3's phrases lengthen still get their older reasons" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'systemerror\t451 4.3.0 Resources temporarily unavailable, try again later' \
	    $'blocked\t554 5.7.1 Service unavailable; Client host [192.0.2.25] blocked using zen.spamhaus.org' \
	    $'spamdetected\t550 5.7.1 Message content rejected' \
	    $'policyviolation\t550 5.7.1 This domain has a policy that prohibits the mail you sent' >others.tsv
	replies_agree others.tsv 4
}
