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

echo "== deliv bounce-classify: one record per failed recipient, hard or soft"
echo "-- five messages: two bounces, a DSN, a vacation reply, a plain message"
classify --table -o recipient,kind,reason,status,smtp_code \
    bounce-classify/bounces.mbox

echo "-- the tally of the run, as records (--summary)"
classify --summary --table bounce-classify/bounces.mbox

echo "-- the suppression list the next day (a hard bounce suppresses)"
classify --db "$db/bounces.db" --now 1794900000 bounce-classify/bounces.mbox \
    >/dev/null
"$bin" --db "$db/bounces.db" --now 1794900000 --suppressed --table \
    -o recipient,reason,until

echo "-- a mailing list cleaned with it: the addresses still to mail"
"$bin" --db "$db/bounces.db" --now 1794900000 --filter --no-header \
    bounce-classify/list.txt | cut -f1
