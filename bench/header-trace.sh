#!/usr/bin/env bash
# bench/header-trace.sh BUILDDIR [MB]: messages per second of
# deliv-header-trace over the ~3,700 messages of ../shared/corpora/lint
# (as files, then as one mbox repeated to at least MB megabytes, default
# 256), next to the floor: merely reading them with grep -c '^Received:'.
# Prints one line per run: wall time and messages/s, CPU time (user +
# system) and messages/s per CPU second (steadier on a busy machine), and
# peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(cd "${1:-build}" && pwd)
mb=${2:-256}
msgs=../shared/corpora/lint/messages
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
make -s BUILDDIR="$build" all

# run NAME MESSAGES CMD...: time CMD, print the line.
run() {
	local name=$1 n=$2 secs usr sys rss
	shift 2
	# Exit 1 (a message without origin, grep without match) is fine.
	/usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >"$work/out" ||
	    (($? == 1))
	read -r secs usr sys rss < <(tail -n 1 "$work/time")
	awk -v name="$name" -v n="$n" -v t="$secs" -v c="$usr + $sys" \
	    -v u="$usr" -v s="$sys" -v r="$rss" 'BEGIN {
		c = u + s
		if (t < 0.01) t = 0.01
		if (c < 0.01) c = 0.01
		printf "%-36s %6d msgs %6.2f s %8.0f msgs/s (CPU %5.2f s: %8.0f msgs/s)  peak RSS %5.1f MB\n",
		    name, n, t, n / t, c, n / c, r / 1024 }'
}

dirs=("$msgs"/*/)
nfiles=$(find "$msgs" -type f | wc -l)
run "header-trace, files" "$nfiles" \
    "$build/deliv-header-trace" --no-header "${dirs[@]}"
got=$(grep -c $'\torigin\t' "$work/out")
[[ $got == "$nfiles" ]] || echo "warning: $got origin records for $nfiles files" >&2
run "grep -c '^Received:', files" "$nfiles" \
    find "$msgs" -type f -exec grep -c '^Received:' {} +

# One mbox of the same messages, repeated to at least MB megabytes.
find "$msgs" -type f | sort | while read -r f; do
	echo "From bench@example.org Mon Nov 16 10:00:00 2026"
	tr -d '\r' <"$f" | sed '1!s/^From />From /'
	echo
done >"$work/one.mbox"
one=$(stat -c %s "$work/one.mbox")
k=$(( (mb * 1024 * 1024 + one - 1) / one ))
for ((i = 0; i < k; i++)); do cat "$work/one.mbox"; done >"$work/big.mbox"
# (GMime's mbox split sees 3,693 messages in the 3,694 files: count them.)
n=$(( $("$build/drivers/input-dump" --no-header "$work/one.mbox" | wc -l) * k ))
size=$(( $(stat -c %s "$work/big.mbox") / 1048576 ))
run "header-trace, ${size} MB mbox" "$n" \
    "$build/deliv-header-trace" --no-header "$work/big.mbox"
got=$(grep -c $'\torigin\t' "$work/out")
[[ $got == "$n" ]] || echo "warning: $got origin records for $n messages" >&2
run "grep -c '^Received:', ${size} MB mbox" "$n" \
    grep -c '^Received:' "$work/big.mbox"
run "header-trace --json, ${size} MB mbox" "$n" \
    "$build/deliv-header-trace" --json "$work/big.mbox"
