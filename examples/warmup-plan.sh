#!/usr/bin/env bash
# make demo: deliv-warmup-plan on the small inputs in examples/warmup-plan/.
# Usage: examples/warmup-plan.sh BUILDDIR
set -euo pipefail
bin=$(cd "$1" && pwd)/deliv-warmup-plan
cd "$(dirname "$0")"
export DELIV_DATA=${DELIV_DATA:-$PWD/../data}

echo "# 100,000 a month, the mix counted from a recipient list: daily totals"
"$bin" --monthly 100000 --start 2026-12-01 \
    --mix-from warmup-plan/recipients.txt |
    awk -F'\t' 'NR == 1 || ($3 == "all" && $1 <= 10)' | cut -f1-7
echo
echo "# the same plan after four days of bounce-classify results:"
echo "# the rows a rule changed"
"$bin" --monthly 100000 --start 2026-12-01 \
    --mix-from warmup-plan/recipients.txt \
    --results warmup-plan/results.tsv |
    awk -F'\t' 'NR == 1 || ($3 != "all" && ($7 == "hold" || $7 == "backoff"))' |
    cut -f1,3,4,7,8
echo
echo "# as a chart, first 10 days"
"$bin" --monthly 100000 --start 2026-12-01 \
    --mix-from warmup-plan/recipients.txt \
    --results warmup-plan/results.tsv --chart | sed -n 1,11p
