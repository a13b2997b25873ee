#!/usr/bin/env bash
# bench/input.sh BUILDDIR [MB]: build an mbox of at least MB megabytes
# (default 1024) from the messages in ../shared/corpora and stream it
# through lib/core/input (tests/drivers/input-dump, which parses every message
# and serialises it again).  Prints MB/s, messages/s and peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(cd "${1:-build}" && pwd)
mb=${2:-1024}
corpora=../shared/corpora
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
make -s BUILDDIR="$build" test-drivers

# One pass over the corpora as an mbox: a From_ line before each message
# that lacks one, body lines starting with "From " quoted.
find "$corpora/lint/messages" "$corpora/bounces/messages" -type f | sort |
while read -r f; do
	if [[ $(head -c 5 "$f") != "From " ]]; then
		echo "From bench@example.org Mon Nov 16 10:00:00 2026"
	fi
	tr -d '\r' <"$f" | sed '1!s/^From />From /'
	echo
done >"$work/one.mbox"
one=$(stat -c %s "$work/one.mbox")
n=$(( (mb * 1024 * 1024 + one - 1) / one ))
for ((i = 0; i < n; i++)); do cat "$work/one.mbox"; done >"$work/big.mbox"
size=$(stat -c %s "$work/big.mbox")

/usr/bin/time -f '%e %M' -o "$work/time" \
    "$build/drivers/input-dump" --no-header "$work/big.mbox" >"$work/out"
read -r secs rss <"$work/time"
msgs=$(wc -l <"$work/out")
awk -v s="$size" -v t="$secs" -v m="$msgs" -v r="$rss" 'BEGIN {
	printf "input: %.0f MB, %d messages, %.1f s: %.1f MB/s, %.0f msgs/s, peak RSS %.1f MB\n",
	    s / 1048576, m, t, s / 1048576 / t, m / t, r / 1024 }'
