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

# kinds_agree FILE: after replies_agree FILE, every record's kind is its
# line's reason's kind (the lines that disagree are printed: reason
# want -> got: reply)
kinds_agree() {
	local file=$1
	assert_equal "$(paste <(grep -v '^#' "$file" | cut -f1,2) <(cols -t bounce-classify kind) |
	    awk -F'\t' -v reasons="$BATS_TEST_DIRNAME/../data/reasons.tsv" '
	    BEGIN {
		while ((getline l < reasons) > 0)
			if (l !~ /^#/ && split(l, a, "\t") >= 2)
				k[a[1]] = a[2]
	    }
	    {
		want = k[$1]
		if (want == "bycode")
			want = ($2 ~ /^4[0-9][0-9]/ || $2 ~ /(^|[^0-9.])4\.[0-9]+\.[0-9]+/) ? "soft" : "hard"
		if (want == "" || want != $3)
			print $1 " " want " -> " $3 ": " $2
	    }')" ""
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
