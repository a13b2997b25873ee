#!/usr/bin/env bash
# deliv lint on three drafts: a compliant newsletter, a shouty promotion and
# a hand-written note with broken headers.  Usage: examples/lint.sh BUILDDIR
set -euo pipefail
build=$(cd "$1" && pwd)
cd "$(dirname "$0")/lint"
lint() {
	echo "-- deliv lint $*"
	status=0
	"$build"/deliv-lint "$@" || status=$?
	echo "(exit $status)"
}
echo "== deliv lint: three drafts checked before they are sent"
lint --bulk --min-severity warn --table newsletter.eml
lint --bulk --min-severity warn --table promo.eml
lint --min-severity warn --table draft.eml
echo "-- the scores, as JSON Lines"
"$build"/deliv-lint --json ./*.eml >"${TMPDIR:-/tmp}/deliv-lint-demo.$$" || true
jq -c 'select(.record == "summary") | {source, score, verdict: .id}' \
    "${TMPDIR:-/tmp}/deliv-lint-demo.$$"
rm -f "${TMPDIR:-/tmp}/deliv-lint-demo.$$"
