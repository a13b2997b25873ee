#!/usr/bin/env bash
# lint.sh BUILDDIR: messages per second of deliv-lint over the lint corpus
# (development part, as sent) in one process, next to SpamAssassin 4.0.1
# in one warm process (the corpus's tools/sa-score.sh: Mail::SpamAssassin
# API, local tests only, no Bayes) in the same run.  SpamAssassin scores
# every Nth message (SA_EVERY, default 10) to keep the run short; lint
# scores that sample and the whole corpus.  Rates are given per CPU second
# (user + system: fair on a shared machine) and per wall-clock second.
# Prints a Markdown table and the ratio.
set -euo pipefail
build=${1:-build}
every=${SA_EVERY:-10}
top=$(cd "$(dirname "$0")/.." && pwd)
corpus=$top/../shared/corpora/lint
[[ -d $corpus ]] || { echo "bench/lint: no corpus beside the checkout; skipped" >&2; exit 0; }
lint=$(cd "$build" && pwd)/deliv-lint
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

tail -n +2 "$corpus/labels.tsv" | cut -f1 >"$tmp/files"
perl "$top/bench/lint-assent.pl" "$corpus" "$tmp/msg" <"$tmp/files"
awk -v n="$every" 'NR % n == 1' "$tmp/files" >"$tmp/sample"
all=$(wc -l <"$tmp/files")
nsample=$(wc -l <"$tmp/sample")
cd "$tmp/msg"

# run CMD...: "wall cpu rss" of one run
run() {
	/usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$@" >/dev/null 2>&1 || true
	tail -1 "$tmp/time" | awk '{ printf "%.2f %.2f %d\n", $1, $2 + $3, $4 }'
}
# best CMD...: the run with the least CPU time of three
best() {
	local t b=""
	for _ in 1 2 3; do
		t=$(run "$@")
		if [[ -z $b ]] || awk -v a="$t" -v b="$b" \
		    'BEGIN { split(a, x, " "); split(b, y, " "); exit !(x[2] < y[2]) }'; then
			b=$t
		fi
	done
	echo "$b"
}
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / (s > 0.005 ? s : 0.005) }'; }
row() {	# name messages "wall cpu rss"
	local w c m
	read -r w c m <<<"$3"
	echo "| $1 | $2 | $c | $(rate "$2" "$c") | $w | $(rate "$2" "$w") | $m |"
}

l_all=$(best "$lint" --json messages/easy_ham messages/easy_ham_2 \
    messages/hard_ham messages/spam messages/spam_2)
l_sample=$(best xargs -a "$tmp/sample" "$lint" --json)

echo "| tool | messages | CPU s | messages per CPU s | wall s | messages per wall s | peak RSS (KB) |"
echo "|---|---:|---:|---:|---:|---:|---:|"
row "deliv-lint, whole corpus, one process" "$all" "$l_all"
row "deliv-lint, SpamAssassin's sample" "$nsample" "$l_sample"
if command -v spamassassin >/dev/null; then
	mapfile -t sample <"$tmp/sample"
	sa=$(run sh "$corpus/tools/sa-score.sh" "${sample[@]}")
	sa0=$(run sh "$corpus/tools/sa-score.sh" </dev/null)
	row "SpamAssassin 4.0.1, one warm process" "$nsample" "$sa"
	row "SpamAssassin 4.0.1 start-up alone (no message)" 0 "$sa0"
	echo
	awk -v n="$all" -v l="$l_all" -v m="$nsample" -v s="$sa" -v z="$sa0" 'BEGIN {
		split(l, a, " "); split(s, b, " "); split(z, c, " ")
		cpu = (n / a[2]) / (m / (b[2] - c[2]))
		wall = (n / a[1]) / (m / (b[1] - c[1]))
		printf "deliv-lint is %.0fx faster than warm SpamAssassin per CPU second ", cpu
		printf "(%.0fx per wall-clock second), start-up excluded.\n", wall
	}'
else
	echo
	echo "spamassassin is not installed: no peer figures (apt-get install spamassassin)."
fi
