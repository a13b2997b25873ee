#!/usr/bin/env bats
# deliv-bounce-classify: Round 11 (wild), a blind batch of failure replies
# as users quoted them in public issue threads and help pages: real
# traffic, truncated, wrapped, quoted by relays and client wrappers
# (tests/fixtures/bounce-writers/round11-wild.tsv; the replies left wrong
# are "#" lines with why).  Each reply gets its reason, and the kind
# data/reasons.tsv gives that reason (bycode: soft for a 4xx reply or a
# 4.x.x status, else hard).

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

@test "bounce-wild: each reply quoted from real traffic gets the reason and kind its meaning gives (round11-wild)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round11-wild.tsv 80
	kinds_agree round11-wild.tsv
}
