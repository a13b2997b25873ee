#!/usr/bin/env bash
# deliv lint on three drafts: a compliant newsletter, a shouty promotion and
# a hand-written note with broken headers.  Usage: examples/lint.sh BUILDDIR
set -euo pipefail
build=$(cd "$1" && pwd)
cd "$(dirname "$0")/lint"
for f in newsletter.eml promo.eml draft.eml; do
	echo "-- deliv lint --bulk --min-severity warn --table $f"
	status=0
	"$build"/deliv-lint --bulk --min-severity warn --table "$f" || status=$?
	echo "(exit $status)"
done
echo "-- the scores, as JSON Lines"
"$build"/deliv-lint --bulk --json ./*.eml |
    jq -c 'select(.record == "summary") | {source, score, verdict: .id}' || true
