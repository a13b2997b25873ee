#!/usr/bin/env bats
# Scale-out with an existing engine: GNU parallel --pipe, split at mbox
# From_ lines, gives exactly the records of a single run (sorted; the
# per-chunk msgno left out), on a mailbox of at least 50 MB.

setup_file() {
	local top corpora f
	top=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
	corpora=$top/../shared/corpora
	BIG=$BATS_FILE_TMPDIR/big.mbox
	export BIG
	[[ -d $corpora ]] || return 0
	while (($(stat -c %s "$BIG" 2>/dev/null || echo 0) < 52428800)); do
		find "$corpora/lint/messages" "$corpora/bounces/messages/maildir/bsd" -type f | sort |
		while read -r f; do
			[[ $(head -c 5 "$f") == "From " ]] || echo "From scale@example.org Mon Nov 16 10:00:00 2026"
			tr -d '\r' <"$f" | sed '1!s/^From />From /'
			echo
		done >>"$BIG"
	done
}

setup() {
	load lib/helpers
	need_corpora
	command -v parallel >/dev/null || skip "GNU parallel is not installed"
	[[ $BUILD != *asan* ]] || skip "too slow under AddressSanitizer"
}

@test "scale: parallel --pipe -j4 gives the records of one run" {
	local t n=0
	for t in $(tools); do
		case $t in dnscheck | warmup-plan) continue ;; esac
		n=$((n + 1))
		diff <(deliv-$t --json <"$BIG" | jq -c 'del(.msgno)' | sort) \
		    <(parallel --pipe --recstart 'From ' --block 8M -j4 "deliv-$t --json" <"$BIG" |
		    jq -c 'del(.msgno)' | sort) >/dev/null || fail "$t: records differ"
	done
	((n > 0)) || skip "no mail tool yet"
}
