#!/usr/bin/env bash
# bench/bounce-classify.sh BUILDDIR [MB] [PEER_MB]: build an mbox of at
# least MB megabytes (default 100) from ../shared/corpora/bounces, run
# deliv-bounce-classify over all of it and the peer (Debian's
# libsisimai-perl through the corpus's tools/sisimai-classify.pl) over
# the first PEER_MB megabytes of the same mbox (default 10: the peer is
# slow, and the machine is shared).  Prints messages/s, MB/s, peak RSS
# and the ratio of messages/s.  A third line, the floor, is lib/core/input
# alone on the same mbox (tests/drivers/input-dump: every message read and
# parsed by GMime, nothing classified): no classifier built on GMime can
# go faster than that.  A -j 2 line gives the wall time with two worker
# processes and checks that the output is the same bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
build=$(cd "${1:-build}" && pwd)
mb=${2:-100}
peer_mb=${3:-10}
corpus=../shared/corpora/bounces
peer=$corpus/tools/sisimai-classify.pl
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
make -s BUILDDIR="$build" all test-drivers

bench_corpus_mbox "$corpus" "$work/one.mbox"
bench_repeat "$work/one.mbox" "$mb" "$work/big.mbox"
size=$(stat -c %s "$work/big.mbox")
msgs=$(grep -c '^From ' "$work/big.mbox")

# the peer's share: whole copies of the corpus up to PEER_MB
bench_repeat "$work/one.mbox" "$peer_mb" "$work/peer.mbox"
psize=$(stat -c %s "$work/peer.mbox")
pmsgs=$(grep -c '^From ' "$work/peer.mbox")

run() {	# run OUT CMD...: time CMD, print "CPU-seconds peak-RSS-KB wall"
	local out=$1
	shift
	# exit 1 is "bounces found", not a failure
	/usr/bin/time -f '%U %S %M %e' -o "$work/time" "$@" >"$out" ||
	    (($? == 1))
	tail -n 1 "$work/time" |	# after time's "Command exited ..." line
	    awk '{ printf "%.2f %d %.2f\n", $1 + $2, $3, $4 }'
}

read -r dt drss dw < <(run "$work/deliv.tsv" "$build/deliv-bounce-classify" \
    --no-progress --phrases phrases "$work/big.mbox")
drecs=$(($(wc -l <"$work/deliv.tsv") - 1))
# the same with two worker processes: wall time, and the same bytes
read -r _ _ dw2 < <(run "$work/deliv2.tsv" "$build/deliv-bounce-classify" \
    --no-progress --phrases phrases -j 2 "$work/big.mbox")
cmp -s "$work/deliv.tsv" "$work/deliv2.tsv" && same=yes || same=NO
read -r ft frss fw < <(run "$work/floor.tsv" "$build/drivers/input-dump" \
    --no-progress "$work/big.mbox")
if perl -MSisimai -e 1 2>/dev/null; then
	read -r pt prss pw < <(run "$work/peer.tsv" perl "$peer" "$work/peer.mbox")
	precs=$(($(wc -l <"$work/peer.tsv") - 1))
else
	echo "peer: libsisimai-perl is not installed (apt-get install libsisimai-perl)" >&2
	pt=0 prss=0 precs=0 pw=0
fi

# CPU time (user + system), not wall time: the machine is shared
awk -v s="$size" -v m="$msgs" -v t="$dt" -v r="$drss" -v recs="$drecs" \
    -v ps="$psize" -v pm="$pmsgs" -v pt="$pt" -v pr="$prss" -v precs="$precs" \
    -v dw="$dw" -v pw="$pw" -v ft="$ft" -v fw="$fw" -v fr="$frss" \
    -v dw2="$dw2" -v same="$same" 'BEGIN {
	t = t > 0 ? t : 0.01
	printf "deliv-bounce-classify: %.1f MB, %d messages, %d records, %.2f s CPU (%.2f s wall): %.1f MB/s, %.0f messages/s, peak RSS %.1f MB\n", s / 1048576, m, recs, t, dw, s / 1048576 / t, m / t, r / 1024
	if (pt > 0) {
		printf "peer (Sisimai):        %.1f MB, %d messages, %d records, %.2f s CPU (%.2f s wall): %.2f MB/s, %.0f messages/s, peak RSS %.1f MB\n", ps / 1048576, pm, precs, pt, pw, ps / 1048576 / pt, pm / pt, pr / 1024
		printf "ratio (messages/s):    %.0fx\n", (m / t) / (pm / pt)
	}
	ft = ft > 0 ? ft : 0.01
	printf "-j 2: %.2f s wall, %.2fx as fast as -j 1 (wall), %.0f messages/s wall", dw2, dw / (dw2 > 0 ? dw2 : 0.01), m / (dw2 > 0 ? dw2 : 0.01)
	if (pt > 0)
		printf ", %.0fx the peer per CPU second", (m / (dw2 > 0 ? dw2 : 0.01)) / (pm / pt)
	printf "; output identical to -j 1: %s\n", same
	printf "floor (lib/core/input and GMime alone): %.2f s CPU (%.2f s wall): %.1f MB/s, %.0f messages/s, peak RSS %.1f MB", ft, fw, s / 1048576 / ft, m / ft, fr / 1024
	if (pt > 0)
		printf ", %.0fx the peer", (m / ft) / (pm / pt)
	printf "\n"

}'
