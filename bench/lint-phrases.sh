#!/usr/bin/env bash
# lint-phrases.sh BUILDDIR: rebuild phrases/spam.txt from the candidate
# list in ../shared/corpora/lint, weighing each candidate by how often it
# hits ham and spam of the development part, as sent.  Runs deliv-lint
# itself over the corpus (the candidates in chunks small enough for one
# PCRE2 pattern each).  Writes phrases/spam.txt; prints counts.
# For cross-validation: PHRASES_TRAIN=FILE weighs on the corpus paths
# listed in FILE only, and PHRASES_OUT=FILE writes there instead.
set -euo pipefail
build=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
corpus=$top/../shared/corpora/lint
[[ -d $corpus ]] || { echo "lint-phrases: no $corpus" >&2; exit 2; }
lint=$(cd "$build" && pwd)/deliv-lint
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

tail -n +2 "$corpus/labels.tsv" | cut -f1 >"$tmp/files"
perl "$top/bench/lint-assent.pl" "$corpus" "$tmp/msg" <"$tmp/files"
perl "$top/bench/lint-phrases.pl" --candidates "$corpus/phrases-candidates.txt" >"$tmp/all"
out=${PHRASES_OUT:-$top/phrases/spam.txt}
if [[ -n ${PHRASES_TRAIN-} ]]; then
	awk -F'\t' 'NR == FNR { keep[$1] = 1; next } FNR == 1 || ($1 in keep)' \
	    "$PHRASES_TRAIN" "$corpus/labels.tsv" >"$tmp/labels"
else
	cp "$corpus/labels.tsv" "$tmp/labels"
fi
nham=$(awk -F'\t' '$2 == "ham"' "$tmp/labels" | wc -l)
nspam=$(awk -F'\t' '$2 == "spam"' "$tmp/labels" | wc -l)
# chunks of 100 phrases (each with its comment line)
awk -v d="$tmp" 'NR % 2 == 1 { c = $0; next }
	{ n++; k = int((n - 1) / 100); f = d "/c" k; system("mkdir -p " f)
	  print c > (f "/spam.txt"); print > (f "/spam.txt") }' "$tmp/all"
for c in "$tmp"/c*/; do
	cp "$top/phrases/shorteners.txt" "$c"
	{ (cd "$tmp/msg" && xargs "$lint" --phrases "$c" --json <"$tmp/files") || true; } |
	    jq -r 'select(.id == "spam-phrase") | [.source,
	    (.detail | capture("spam.txt:(?<l>[0-9]+),").l)] | @tsv' | sort -u |
	    awk -F'\t' 'NR == FNR { lab[$1] = $2; next }
	    ($1 in lab) { print lab[$1] "\t" $2 }' "$tmp/labels" - >"$c/hits"
	perl "$top/bench/lint-phrases.pl" --weigh "$c/spam.txt" "$c/hits" \
	    "$nham" "$nspam" | { grep -v '^# \(spam.txt\|TAG\|development\|origins\)' || true; }
done >"$tmp/body"
{
	cat <<'HEAD'
# spam.txt - weighted spam phrases for deliv-lint: TAG<TAB>phrase, TAG the
# points a hit adds (each phrase once per message).  Candidates from
# corpora/lint/phrases-candidates.txt (SpamAssassin 4.0.1 rules, Apache-2.0;
# uniform-spam-words, MIT: see NOTICE), weighed on the development part of
# the lint corpus by bench/lint-phrases.sh.  /.../ is a regex, caseless
# unless it starts with (?-i).  The comment above each phrase gives its
# origin and the messages it hit (spam, ham).
HEAD
	cat "$tmp/body"
	cat "$top/bench/lint-spam-own.txt"
} >"$out"
echo "phrases: $(grep -vc '^#' "$out") weighted of $(grep -vc '^#' "$tmp/all") candidates"
