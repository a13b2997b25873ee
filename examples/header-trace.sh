#!/usr/bin/env bash
# header-trace demo: the hops of a spam, where it entered, who to tell.
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
# (the table of hops is wide: pipe it through less -S) SOURCE_DATE_EPOCH=1795337000

echo '$ deliv-header-trace --trusted 192.0.2.25 --table spam.eml'
found --trusted 192.0.2.25 --table spam.eml
echo
echo '$ deliv-header-trace --abuse-db abuse.db --import-registry ripe.db.split'
"$t" --abuse-db "$tmp/abuse.db" --import-registry ripe.db.split 2>&1
echo
echo '$ deliv-header-trace --abuse-db abuse.db --trusted 192.0.2.25 --json spam.eml | jq -c "select(.record == \"origin\")"'
found --abuse-db "$tmp/abuse.db" --trusted 192.0.2.25 --json spam.eml |
    grep '"record":"origin"'
echo
echo '$ deliv-header-trace --abuse-db abuse.db --trusted 192.0.2.25 --complaint arf spam.eml | head -30'
found --abuse-db "$tmp/abuse.db" --trusted 192.0.2.25 --complaint arf \
    --reporter abuse@example.net spam.eml | sed -n 1,30p
