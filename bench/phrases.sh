#!/usr/bin/env bash
# bench/phrases.sh BUILDDIR [RUNS]: phrase matching, Vectorscan against
# PCRE2 alone, in the same run.  Builds one mbox of the lint corpus (3 times
# over) and one of the bounce corpus (20 times over) from
# ../shared/corpora, then runs deliv-lint and
# deliv-bounce-classify on each with DELIV_PHRASES_ENGINE=vectorscan and
# =pcre2, RUNS times (default 3), and prints CPU seconds (user + system),
# msgs/s and the ratio vectorscan/pcre2 per run.  The outputs of the two
# engines must be byte-identical (the script stops if not).
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(cd "${1:-build}" && pwd)
runs=${2:-3}
corpora=../shared/corpora
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DELIV_PHRASES=$PWD/phrases DELIV_DATA=$PWD/data

# A corpus as an mbox, TIMES times over: a From_ line before each message
# that lacks one, body lines starting with "From " quoted.
mbox() {
	local times=$1
	shift
	find "$@" -type f | sort >"$work/files"
	xargs -d '\n' awk 'FNR == 1 {
		if (NR > 1) print ""
		if (!/^From /) print "From bench@example.org Mon Nov 16 10:00:00 2026"
	}
	{ sub(/\r$/, ""); if (FNR > 1 && /^From /) $0 = ">" $0; print }
	END { print "" }' <"$work/files" >"$work/one"
	for ((i = 0; i < times; i++)); do cat "$work/one"; done
}
mbox 3 "$corpora/lint/messages" >"$work/lint.mbox"
mbox 20 "$corpora/bounces/messages" >"$work/bounce.mbox"
nlint=$(grep -c '^From ' "$work/lint.mbox")
nbounce=$(grep -c '^From ' "$work/bounce.mbox")

# cpu TOOL MBOX ENGINE: CPU seconds of one run; output in $work/ENGINE.out
cpu() {
	DELIV_PHRASES_ENGINE=$3 /usr/bin/time -f '%U %S' -o "$work/time" \
	    "$build/deliv-$1" --json "$2" >"$work/$3.out" 2>/dev/null || true
	tail -n 1 "$work/time" | awk '{ printf "%.2f", $1 + $2 }'
}

printf '%-16s %3s %8s %8s %10s %10s %6s\n' program run vs_s pcre2_s \
    vs_msgs/s pcre2_msgs/s ratio
for tool in lint bounce-classify; do
	if [[ $tool == lint ]]; then in=$work/lint.mbox n=$nlint
	else in=$work/bounce.mbox n=$nbounce; fi
	for ((r = 1; r <= runs; r++)); do
		v=$(cpu "$tool" "$in" vectorscan)
		p=$(cpu "$tool" "$in" pcre2)
		cmp -s "$work/vectorscan.out" "$work/pcre2.out" ||
		    { echo "$tool: the engines' outputs differ" >&2; exit 1; }
		awk -v t="$tool" -v r="$r" -v v="$v" -v p="$p" -v n="$n" 'BEGIN {
			printf "%-16s %3d %8.2f %8.2f %10.0f %10.0f %6.2f\n",
			    t, r, v, p, n / v, n / p, p / v }'
	done
done
echo "($nlint lint messages, $nbounce bounce messages; ratio = pcre2 CPU / vectorscan CPU)"
