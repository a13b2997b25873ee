#!/usr/bin/env bats
# deliv-bounce-classify: Round 10 (rsn3), a blind audit by reason of the
# reasons the other reply fixtures hold few replies of (hasmoved,
# notaccept, exceedlimit, systemfull, mailererror, contenterror,
# virusdetected, expired, policyviolation, securityerror, suspend,
# filtered), each worded by as many writers as could be found
# (tests/fixtures/bounce-writers/round10-replies.tsv).  Each reply gets
# its reason, and the kind data/reasons.tsv gives that reason (bycode:
# soft for a 4xx reply or a 4.x.x status, else hard).

setup() {
	load lib/helpers
}

@test "bounce-round10: each writer's reply gets the reason and kind its writer gives (batch 1)" {
	cd "$FIXTURES/bounce-writers"
	sed -n '1,/^# =* batch 2 =*$/p' round10-replies.tsv >"$BATS_TEST_TMPDIR/b1.tsv"
	replies_agree "$BATS_TEST_TMPDIR/b1.tsv" 50
	kinds_agree "$BATS_TEST_TMPDIR/b1.tsv"
}

# batch 1's phrases open left of, or are longer than, the words other
# writers use; those still decide as before
@test "bounce-round10: the wordings next to batch 1's phrases keep their older reasons" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'mesgtoobig\t552 5.3.4 Message too large for this system' \
	    $'blocked\t554 5.7.1 Client host rejected: banned' \
	    $'securityerror\t535 5.7.8 Error: authentication failed: authentication failure' \
	    $'notcompliantrfc\t451 See https://cr.yp.to/docs/smtplf.html.' \
	    $'virusdetected\t550 5.7.1 Virus found' >others.tsv
	replies_agree others.tsv 5
	kinds_agree others.tsv
}

@test "bounce-round10: each writer's reply gets the reason and kind its writer gives (batch 2)" {
	cd "$FIXTURES/bounce-writers"
	sed -n '/^# =* batch 2 =*$/,/^# =* batch 3 =*$/p' round10-replies.tsv >"$BATS_TEST_TMPDIR/b2.tsv"
	replies_agree "$BATS_TEST_TMPDIR/b2.tsv" 19
	kinds_agree "$BATS_TEST_TMPDIR/b2.tsv"
}

# batch 2's phrases and their neighbours: an account "disabled" in other
# words, a virus "infected with", and a maildrop failure that is no signal
@test "bounce-round10: the wordings next to batch 2's phrases keep their older reasons" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'suspend\t550 5.2.1 <rcpt@example.net>: Recipient address rejected: Account disabled' \
	    $'virusdetected\t550 This message is infected with Eicar-Test-Signature' \
	    $'mailboxfull\tmaildrop: maildir over quota.' >others.tsv
	replies_agree others.tsv 3
	kinds_agree others.tsv
}

@test "bounce-round10: each writer's reply gets the reason and kind its writer gives (batch 3, the writers' source strings)" {
	cd "$FIXTURES/bounce-writers"
	sed -n '/^# =* batch 3 =*$/,$p' round10-replies.tsv >"$BATS_TEST_TMPDIR/b3.tsv"
	replies_agree "$BATS_TEST_TMPDIR/b3.tsv" 16
	kinds_agree "$BATS_TEST_TMPDIR/b3.tsv"
}

# batch 3's phrases and their neighbours: other authentication and
# failure wordings, and a message the next hop refused for its size
@test "bounce-round10: the wordings next to batch 3's phrases keep their older reasons" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'securityerror\t535 Authentication failed.' \
	    $'mesgtoobig\t534 SIZE=Message too big.' \
	    $'networkerror\t451 4.4.0 DNS resolution failed' >others.tsv
	replies_agree others.tsv 3
	kinds_agree others.tsv
}

# Round 10 (blind): writers no other fixture covered (Czech, Polish,
# Italian and Swiss providers and hosts, two filtering gateways,
# SmarterMail), written from their pages before any run
# (tests/fixtures/bounce-writers/round10b-replies.tsv; the replies left
# wrong are "#" lines with why)
@test "bounce-round10: each reply of the writers no fixture covered gets the reason and kind its writer gives (round10b)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round10b-replies.tsv 45
	kinds_agree round10b-replies.tsv
}

# round10b's phrases and their neighbours: other size limits, connection
# failures, banned things and SPF wordings keep their older reasons
@test "bounce-round10: the wordings next to round10b's phrases keep their older reasons" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'mesgtoobig\tmessage size 20480000 exceeds size limit 10240000 of server mx.example.net[203.0.113.1]' \
	    $'networkerror\t400 KumoMTA internal: failed to connect to any candidate hosts: connect to 203.0.113.1:25 and read initial banner: Connection refused (os error 111)' \
	    $'blocked\t554 Refused. Your reverse DNS entry contains your IP address and a banned keyword.' \
	    $'rejected\t550 5.7.502 Access denied, banned sender' \
	    $'authfailure\t550 5.1.0 Sender is not allowed to send from example.org' \
	    $'authfailure\t550 5.7.23 SPF validation failed' >others.tsv
	replies_agree others.tsv 6
	kinds_agree others.tsv
}
