#!/usr/bin/env bash
# same-output.sh REV [BUILD]: build git revision REV beside this checkout
# and compare every program's records on the shared corpora and examples
# with those of BUILD (default build/): bounce-classify, header-trace and
# lint on the bounce, ham/spam and DKIM messages, the Received cases and
# chains, both SPF suites, and make demo's output.  For move-and-extract
# work whose output must not change.  Prints "same" or the diff; exit 1
# when anything differs.
set -uo pipefail
rev=${1:?usage: same-output.sh REV [BUILD]}
top=$(cd "$(dirname "$0")/.." && pwd)
new=$(cd "${2:-$top/build}" && pwd)
corpora=$(cd "$top/../shared/corpora" && pwd)
tmp=$(mktemp -d)
trap 'git -C "$top" worktree remove --force "$tmp/old" >/dev/null 2>&1; rm -rf "$tmp"' EXIT
git -C "$top" worktree add -q --detach "$tmp/old" "$rev" || exit 2
make -C "$tmp/old" -s -j"$(nproc)" all test-drivers >/dev/null || exit 2

# run TREE BUILD OUT: every program over every corpus, from TREE.
run() {
	local tree=$1 b=$2 o=$3 d n
	mkdir -p "$o"
	cd "$tree" || exit 2
	export DELIV_PHRASES=$tree/phrases DELIV_DATA=$tree/data SOURCE_DATE_EPOCH=1700000000
	for d in "$corpora"/bounces/messages/maildir/* "$corpora"/bounces/messages/mailbox \
	    "$corpora"/lint/messages/* "$corpora"/dkim/messages; do
		n=${d#"$corpora"/}
		n=${n//\//_}
		for t in bounce-classify header-trace lint; do
			"$b/deliv-$t" --json "$d" >"$o/$t-$n" 2>&1
			echo "exit $?" >>"$o/$t-$n"
		done
	done
	awk -F'\t' 'NR > 1 { print $19 }' "$corpora/received/cases.tsv" |
	    "$b/drivers/rcvd-case" >"$o/received-cases" 2>&1
	bench/received-chains.sh "$b" "$corpora/received/chains.tsv" \
	    >"$o/received-chains" 2>&1
	for s in rfc7208 rfc4408; do
		PATH=$b/drivers:$PATH tests/lib/spf-suite.sh zone \
		    "$corpora/spf/zones/$s" >"$o/spf-$s" 2>&1
	done
	examples/demo "$b" >"$o/demo" 2>&1
	echo "exit $?" >>"$o/demo"
}
run "$tmp/old" "$tmp/old/build" "$tmp/out-old"
run "$top" "$new" "$tmp/out-new"
if diff -r "$tmp/out-old" "$tmp/out-new"; then
	echo same
	exit 0
fi
exit 1
