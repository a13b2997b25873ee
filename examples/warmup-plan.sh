#!/usr/bin/env bash
# make demo: deliv-warmup-plan on the small inputs in examples/warmup-plan/.
# Usage: examples/warmup-plan.sh BUILDDIR
set -euo pipefail
bin=$(cd "$1" && pwd)/deliv-warmup-plan
cd "$(dirname "$0")"
export DELIV_DATA=${DELIV_DATA:-$PWD/../data}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
plan=(--monthly 100000 --start 2026-12-01 --mix-from warmup-plan/recipients.txt)

echo "== deliv warmup-plan: a warm-up schedule that adapts to bounces"
echo "-- 100,000 a month, the mix counted from a recipient list: the first days"
"$bin" "${plan[@]}" -o day,date,provider,volume,cumulative,share,state \
    >"$tmp/plan"
awk -F'\t' 'NR == 1 || ($3 == "all" && $1 <= 10)' "$tmp/plan"
echo
echo "-- after four days of bounce-classify results: the rows a rule changed"
"$bin" "${plan[@]}" --results warmup-plan/results.tsv \
    -o day,provider,volume,state,note >"$tmp/adapted"
awk -F'\t' 'NR == 1 || ($2 != "all" && ($4 == "hold" || $4 == "backoff")) {
	if (length($5) > 44) $5 = substr($5, 1, 43) "..."
	print }' OFS='\t' "$tmp/adapted"
echo
echo "-- as a chart, the first 10 days"
"$bin" "${plan[@]}" --results warmup-plan/results.tsv --chart >"$tmp/chart"
sed -n 1,11p "$tmp/chart"
