#!/usr/bin/env bash
# make demo: deliv-header-trace on a spam: its hops, where it entered,
# who to tell.  Usage: examples/header-trace.sh BUILDDIR
set -euo pipefail
build=${1:?usage: header-trace.sh BUILD}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
t=$(cd "$build" && pwd)/deliv-header-trace
cd "$here/header-trace"
export DELIV_DATA=$here/../data
# Exit 1 means "an origin found" (0 nothing found, 2 trouble).
found() { "$t" "$@" || (($? == 1)); }

echo "== deliv header-trace: where a spam entered, and who to tell"
echo '$ deliv header-trace --trusted 192.0.2.25 --table spam.eml'
found --trusted 192.0.2.25 --table spam.eml
echo
echo '$ deliv header-trace --abuse-db abuse.db --import-registry ripe.db.split'
"$t" --abuse-db "$tmp/abuse.db" --import-registry ripe.db.split 2>&1
echo
echo '$ deliv header-trace --abuse-db abuse.db --trusted 192.0.2.25 \'
echo '    --table=long -o record,hop,ip,rdns,registry,abuse_contact spam.eml'
found --abuse-db "$tmp/abuse.db" --trusted 192.0.2.25 --table=long \
    -o record,hop,ip,rdns,registry,abuse_contact spam.eml >"$tmp/long"
awk '/^ *record: origin/ { on = 1 } on' "$tmp/long"
echo
echo '$ deliv header-trace --abuse-db abuse.db --trusted 192.0.2.25 \'
echo '    --complaint arf spam.eml        (the first lines of the complaint)'
found --abuse-db "$tmp/abuse.db" --trusted 192.0.2.25 --complaint arf \
    --reporter abuse@example.net spam.eml >"$tmp/arf"
sed -n 1,12p "$tmp/arf"
