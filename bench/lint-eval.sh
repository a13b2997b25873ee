#!/usr/bin/env bash
# lint-eval.sh BUILDDIR [THRESHOLD]: score the lint corpus (development
# part, ../shared/corpora/lint) as sent with deliv-lint and print ROC AUC,
# accuracy at the threshold (default 5) and, per check and severity, the
# share of ham and spam messages it fires on.  EVAL_ONLY=FILE scores only
# the corpus paths listed in FILE; DELIV_PHRASES picks the phrase list.
set -euo pipefail
build=${1:-build}
th=${2:-5}
top=$(cd "$(dirname "$0")/.." && pwd)
corpus=$top/../shared/corpora/lint
[[ -d $corpus ]] || { echo "lint-eval: no corpus beside the checkout" >&2; exit 2; }
lint=$(cd "$build" && pwd)/deliv-lint
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

tail -n +2 "$corpus/labels.tsv" | cut -f1 >"$tmp/files"
perl "$top/bench/lint-assent.pl" "$corpus" "$tmp/msg" <"$tmp/files"
(cd "$tmp/msg" && "$lint" --json messages/*) >"$tmp/out.json" || true
jq -r 'select(.record == "summary") | [.source, .score] | @tsv' \
    "$tmp/out.json" >"$tmp/scores"
if [[ -n ${EVAL_ONLY-} ]]; then
	awk -F'\t' 'NR == FNR { keep[$1] = 1; next } ($1 in keep)' \
	    "$EVAL_ONLY" "$tmp/scores" >"$tmp/s2"
	mv "$tmp/s2" "$tmp/scores"
fi
echo "## deliv-lint on the development part, as sent (threshold $th)"
echo
perl "$corpus/tools/lint-eval.pl" --threshold "$th" --by-source \
    "$corpus/labels.tsv" "$tmp/scores"
echo
echo "## Share of messages each check fires on (check, severity, ham %, spam %)"
echo
jq -r 'select(.record == "finding") | [.source, .id, .severity] | @tsv' \
    "$tmp/out.json" | sort -u |
    awk -F'\t' 'NR == FNR { if (FNR > 1) { lab[$1] = $2; n[$2]++ }; next }
	{ k = $2 "\t" $3; c[k, lab[$1]]++; keys[k] = 1 }
	END { for (k in keys) printf "%s\t%.1f\t%.1f\n", k,
	    100 * c[k, "ham"] / n["ham"], 100 * c[k, "spam"] / n["spam"] }' \
    "$corpus/labels.tsv" - | sort
