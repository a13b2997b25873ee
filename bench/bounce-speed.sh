#!/usr/bin/env bash
# bench/bounce-speed.sh BUILDDIR [RUNS] [MB]: bounce-classify next to
# Sisimai, as bench/input.sh measures it but for this program alone:
# an mbox of at least MB megabytes (default 100) of
# ../shared/corpora/bounces, then RUNS times (default 3), interleaved:
# bounce-classify's messages per CPU second, Sisimai's (Debian's
# libsisimai-perl through the corpus's tools/sisimai-classify.pl, on
# PEER_MB megabytes, default 10), their ratio, and the wall time of
# -j 2 against -j 1 with the outputs compared byte for byte.  OLD=DIR
# adds columns for the deliv-bounce-classify of another build, -j 1 and
# -j 2 (a before/after in the same run).  Prints Markdown.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
mkdir -p "${1:-build}"
build=$(cd "${1:-build}" && pwd)
runs=${2:-3}
mb=${3:-100}
corpus=../shared/corpora/bounces
peer=$corpus/tools/sisimai-classify.pl
[[ -d $corpus ]] || { echo "bench/bounce-speed: no corpus beside the checkout; skipped" >&2; exit 0; }
perl -MSisimai -e 1 2>/dev/null || { echo "bench/bounce-speed: Sisimai (libsisimai-perl) is not installed; skipped" >&2; exit 0; }
make -s BUILDDIR="$build" all
export DELIV_DATA=$PWD/data DELIV_PHRASES=$PWD/phrases
bench_mboxes "$corpus" "$mb" "${PEER_MB:-10}"

echo "mbox: $size MB, $msgs messages; Sisimai on ${PEER_MB:-10} MB, $pmsgs messages"
echo
if [[ -n ${OLD-} ]]; then
	echo "| run | bounce-classify msgs/s | Sisimai msgs/s | ratio | old build msgs/s | old ratio | -j 2 wall ratio | old -j 2 wall ratio | -j 2 = -j 1 |"
	echo "|---|---|---|---|---|---|---|---|---|"
else
	echo "| run | bounce-classify msgs/s | Sisimai msgs/s | ratio | -j 2 wall ratio | -j 2 = -j 1 |"
	echo "|---|---|---|---|---|---|"
fi
for ((r = 1; r <= runs; r++)); do
	read -r bc bcw _ < <(bench_time "$work/bc1" "$build/deliv-bounce-classify" --no-progress "$work/mid.mbox")
	read -r pc _ < <(bench_time "$work/peer.tsv" perl "$peer" "$work/peer.mbox")
	read -r _ bcw2 _ < <(bench_time "$work/bc2" "$build/deliv-bounce-classify" --no-progress -j 2 "$work/mid.mbox")
	same=yes
	cmp -s "$work/bc1" "$work/bc2" || same=NO
	bcr=$(rate "$msgs" "$bc")
	pr=$(rate "$pmsgs" "$pc")
	if [[ -n ${OLD-} ]]; then
		read -r oc ocw _ < <(bench_time "$work/old" "$OLD/deliv-bounce-classify" --no-progress "$work/mid.mbox")
		cmp -s "$work/bc1" "$work/old" || same="$same (old build: output differs)"
		read -r _ ocw2 _ < <(bench_time "$work/old2" "$OLD/deliv-bounce-classify" --no-progress -j 2 "$work/mid.mbox")
		ocr=$(rate "$msgs" "$oc")
		echo "| $r | $bcr | $pr | $(ratio "$bcr" "$pr")× | $ocr | $(ratio "$ocr" "$pr")× | $(ratio "$bcw" "$bcw2") | $(ratio "$ocw" "$ocw2") | $same |"
	else
		echo "| $r | $bcr | $pr | $(ratio "$bcr" "$pr")× | $(ratio "$bcw" "$bcw2") | $same |"
	fi
done
