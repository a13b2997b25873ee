#!/usr/bin/env bash
# make demo: deliv-bounce-classify on a small bounce mailbox, then a
# suppression list kept in a throw-away SQLite database.
# Usage: examples/bounce-classify.sh BUILDDIR
set -euo pipefail
cd "$(dirname "$0")"
bin=$1/deliv-bounce-classify
db=$(mktemp -d)
trap 'rm -rf "$db"' EXIT
# exit 1 means bounces were found: that is what the demo shows
classify() { "$bin" "$@" || [ $? -eq 1 ]; }

echo "-- one record per failed recipient (some columns)"
classify bounce-classify/bounces.mbox | cut -f4,5,7-10,13 | column -t -s $'\t'

echo "-- the suppression list the next day"
classify --db "$db/bounces.db" --now 1794900000 bounce-classify/bounces.mbox >/dev/null
"$bin" --db "$db/bounces.db" --now 1794900000 --suppressed --table

echo "-- a mailing list cleaned with it"
"$bin" --db "$db/bounces.db" --now 1794900000 --filter --no-header \
    bounce-classify/list.txt | cut -f1
