#!/usr/bin/env bash
# bench/header-trace-speed.sh BUILDDIR [RUNS] [MB] [OTHER_BUILDDIR]: the
# speed of deliv-header-trace next to grep -c '^Received:' on the same
# mbox (issue 16: within 5x of grep), as same-run ratios of CPU time
# (user + system; grep's is the tenth of ten runs), RUNS times (default
# 3), on an mbox of at least MB megabytes (default 100) of
# ../shared/corpora/bounces built as bench/input.sh builds it.  Each
# run also checks that -j 2 writes the same bytes as -j 1, and, given
# OTHER_BUILDDIR (an older build, say of main), times it too and checks
# that its records are the same bytes.  Prints Markdown.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
mkdir -p "${1:-build}"
build=$(cd "${1:-build}" && pwd)
runs=${2:-3}
mb=${3:-100}
other=${4:+$(cd "$4" && pwd)}
corpus=../shared/corpora/bounces
[[ -d $corpus ]] || { echo "bench/header-trace-speed: no corpus beside the checkout; skipped" >&2; exit 0; }
make -s BUILDDIR="$build" all
export DELIV_DATA=$PWD/data DELIV_PHRASES=$PWD/phrases DELIV_TRUSTED=
bench_mboxes "$corpus" "$mb"

# t OUT CMD...: CMD's CPU seconds (user + system).  The output goes to a
# file: grep writing to /dev/null stops at the first match.
t() {
	local c
	read -r c _ < <(bench_time "$@")
	echo "$c"
}
# tgrep: grep's CPU seconds, ten runs timed at once (time(1) counts in
# hundredths, and one grep takes a few), divided by ten.
tgrep() {
	/usr/bin/time -f '%U %S' -o "$work/time" sh -c 'for i in 1 2 3 4 5 6 7 8 9 10; do
		grep -c "^Received:" "$1" >"$2"; done' sh "$work/mid.mbox" "$work/grep"
	tail -n 1 "$work/time" | awk '{ printf "%.3f\n", ($1 + $2) / 10 }'
}

echo "mbox: $size MB, $msgs messages"
echo
if [[ -n $other ]]; then
	echo "| run | header-trace CPU s | msgs/s | grep CPU s | grep msgs/s | header-trace ÷ grep | older build CPU s | older ÷ new | same records | -j 2 = -j 1 |"
	echo "|---|---|---|---|---|---|---|---|---|---|"
else
	echo "| run | header-trace CPU s | msgs/s | grep CPU s | grep msgs/s | header-trace ÷ grep | -j 2 = -j 1 |"
	echo "|---|---|---|---|---|---|---|"
fi
for ((r = 1; r <= runs; r++)); do
	gc=$(tgrep)
	hc=$(t "$work/ht1" "$build/deliv-header-trace" --no-progress "$work/mid.mbox")
	t "$work/ht2" "$build/deliv-header-trace" --no-progress -j 2 "$work/mid.mbox" >/dev/null
	same=yes
	cmp -s "$work/ht1" "$work/ht2" || same=NO
	row="| $r | $hc | $(rate "$msgs" "$hc") | $gc | $(rate "$msgs" "$gc") | $(ratio "$hc" "$gc")× |"
	if [[ -n $other ]]; then
		oc=$(t "$work/ho" "$other/deliv-header-trace" --no-progress "$work/mid.mbox")
		osame=yes
		cmp -s "$work/ht1" "$work/ho" || osame=NO
		row="$row $oc | $(ratio "$oc" "$hc")× | $osame |"
	fi
	echo "$row $same |"
done
