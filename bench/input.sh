#!/usr/bin/env bash
# bench/input.sh BUILDDIR [RUNS] [MB] [BIG_MB]: the figures of the speed
# issue, as same-run ratios, RUNS times (default 3), on an mbox of at
# least MB megabytes (default 100) of ../shared/corpora/bounces:
#   bounce-classify messages/s per CPU second, next to Sisimai (Debian's
#     libsisimai-perl through the corpus's tools/sisimai-classify.pl, on
#     the first 10 MB) and to the floor (tests/drivers/input-dump: every
#     message read and parsed by GMime, nothing classified);
#   header-trace next to grep -c '^Received:' on the same mbox;
#   lint messages/s per CPU second;
#   -j 2 against -j 1 in wall time for the three, the output compared
#     byte for byte;
# (PEER_MB sets the peer's share, default 10 MB); then peak RSS of the
# three at MB and at BIG_MB (default 1024, 0 for none; the big mbox is
# built in a scratch folder and removed).  Prints Markdown.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
mkdir -p "${1:-build}"
build=$(cd "${1:-build}" && pwd)
runs=${2:-3}
mb=${3:-100}
big_mb=${4:-1024}
corpus=../shared/corpora/bounces
peer=$corpus/tools/sisimai-classify.pl
[[ -d $corpus ]] || { echo "bench/input: no corpus beside the checkout; skipped" >&2; exit 0; }
make -s BUILDDIR="$build" all test-drivers
export DELIV_DATA=$PWD/data DELIV_PHRASES=$PWD/phrases
bench_mboxes "$corpus" "$mb" "${PEER_MB:-10}"

echo "mbox: $size MB, $msgs messages; peer share ${PEER_MB:-10} MB, $pmsgs messages"
echo
echo "| run | bounce-classify msgs/s | Sisimai msgs/s | ratio | floor msgs/s | header-trace msgs/s | grep msgs/s | grep ÷ header-trace | lint msgs/s | -j 2 wall ratio (bc / ht / lint) | -j 2 = -j 1 |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
have_peer=0
perl -MSisimai -e 1 2>/dev/null && have_peer=1
for ((r = 1; r <= runs; r++)); do
	read -r bc bcw _ < <(bench_time "$work/bc1" "$build/deliv-bounce-classify" --no-progress "$work/mid.mbox")
	read -r _ bcw2 _ < <(bench_time "$work/bc2" "$build/deliv-bounce-classify" --no-progress -j 2 "$work/mid.mbox")
	if ((have_peer)); then
		read -r pc _ _ < <(bench_time "$work/peer.tsv" perl "$peer" "$work/peer.mbox")
	else
		pc=0
	fi
	read -r fc _ _ < <(bench_time "$work/floor" "$build/drivers/input-dump" --no-progress "$work/mid.mbox")
	read -r hc hw _ < <(bench_time "$work/ht1" "$build/deliv-header-trace" --no-progress "$work/mid.mbox")
	read -r _ hw2 _ < <(bench_time "$work/ht2" "$build/deliv-header-trace" --no-progress -j 2 "$work/mid.mbox")
	read -r gc _ _ < <(bench_time "$work/grep" grep -c '^Received:' "$work/mid.mbox")
	read -r lc lw _ < <(bench_time "$work/l1" "$build/deliv-lint" --no-progress "$work/mid.mbox")
	read -r _ lw2 _ < <(bench_time "$work/l2" "$build/deliv-lint" --no-progress -j 2 "$work/mid.mbox")
	same=yes
	for x in bc ht l; do
		cmp -s "$work/${x}1" "$work/${x}2" || same=NO
	done
	bcr=$(rate "$msgs" "$bc")
	pr=$(( have_peer ? $(rate "$pmsgs" "$pc") : 0 ))
	hr=$(rate "$msgs" "$hc")
	gr=$(rate "$msgs" "$gc")
	echo "| $r | $bcr | $pr | $(ratio "$bcr" "$pr")× | $(rate "$msgs" "$fc") | $hr | $gr | $(ratio "$gr" "$hr")× | $(rate "$msgs" "$lc") | $(ratio "$bcw" "$bcw2") / $(ratio "$hw" "$hw2") / $(ratio "$lw" "$lw2") | $same |"
done

((big_mb > 0)) || exit 0
echo
echo "| program | peak RSS, $size MB | peak RSS, $big_mb MB |"
echo "|---|---|---|"
bench_repeat "$work/one.mbox" "$big_mb" "$work/big.mbox"
rm -f "$work/peer.mbox"
for p in bounce-classify header-trace lint; do
	read -r _ _ m1 < <(bench_time /dev/null "$build/deliv-$p" --no-progress "$work/mid.mbox")
	read -r _ _ m2 < <(bench_time /dev/null "$build/deliv-$p" --no-progress "$work/big.mbox")
	awk -v p="$p" -v a="$m1" -v b="$m2" 'BEGIN {
		printf "| %s | %.1f MB | %.1f MB |\n", p, a / 1024, b / 1024 }'
done
