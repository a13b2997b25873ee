#!/usr/bin/env bash
# bench/bounce-coverage.sh [BUILDDIR]: the writers deliv-bounce-classify
# names in its mta column, next to what tests them (issue #15 item 2's
# coverage table, counted rather than kept by hand).  For every writer of
# data/bounce-mta.tsv, in the table's order: its fingerprint rows and the
# places they read; then how many messages of the test fixtures
# (tests/fixtures/bounce-writers and tests/fixtures/bounce-classify,
# every mbox and .eml) and of the development corpus
# (../shared/corpora/bounces, when beside the checkout) the program
# attributes to it, and in how many fixture files.  Where each writer's
# format was learned is in bench/RESULTS-bounce-classify.md's coverage
# sections and in the comment above its rows in data/bounce-mta.tsv.
# Prints Markdown.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p "${1:-build}"
build=$(cd "${1:-build}" && pwd)
make -s BUILDDIR="$build" all >/dev/null
export DELIV_DATA=$PWD/data DELIV_PHRASES=$PWD/phrases
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

find tests/fixtures/bounce-writers tests/fixtures/bounce-classify \
    -type f \( -name '*.mbox' -o -name '*.eml' \) | sort >"$work/files"
xargs -a "$work/files" -d '\n' bash -c 'for f; do
	'"$build"'/deliv-bounce-classify --no-progress --no-header \
	    -o source,msgno,mta "$f" 2>/dev/null || true
done' _ | awk -F'\t' '!seen[$1 "\t" $2]++ { print $1 "\t" $3 }' \
    >"$work/fixtures.tsv"
corpus=../shared/corpora/bounces
if [[ -d $corpus/messages ]]; then
	find "$corpus/messages" -type f | sort | xargs -d '\n' \
	    "$build/deliv-bounce-classify" --no-progress --no-header \
	    -o source,msgno,mta 2>/dev/null |
	    awk -F'\t' '!seen[$1 "\t" $2]++ { print $1 "\t" $3 }' \
	    >"$work/corpus.tsv" || true
else
	: >"$work/corpus.tsv"
fi

awk -F'\t' '
FILENAME == ARGV[1] {
	if ($0 ~ /^#/ || NF < 3)
		next
	if (!($1 in rows))
		order[n++] = $1
	rows[$1]++
	if (index(" " places[$1] " ", " " $2 " ") == 0)
		places[$1] = places[$1] (places[$1] == "" ? "" : " ") $2
	next
}
FILENAME == ARGV[2] {
	if ($2 == "")
		next
	fx[$2]++
	if (!(($2, $1) in ff)) {
		ff[$2, $1] = 1
		files[$2]++
	}
	next
}
{
	if ($2 != "")
		cp[$2]++
}
END {
	print "| writer (mta) | fingerprint rows | places read | fixture messages | fixture files | corpus messages |"
	print "|---|---|---|---|---|---|"
	for (i = 0; i < n; i++) {
		w = order[i]
		printf "| %s | %d | %s | %d | %d | %d |\n", w, rows[w],
		    places[w], fx[w] + 0, files[w] + 0, cp[w] + 0
		tested += fx[w] > 0
		tf += fx[w]
	}
	printf "\n%d writers, %d of them named on at least one fixture message (%d fixture messages named a writer)\n",
	    n, tested, tf
}' data/bounce-mta.tsv "$work/fixtures.tsv" "$work/corpus.tsv"
echo
echo "Fixture files read: $(wc -l <"$work/files"); messages: $(wc -l <"$work/fixtures.tsv"); with a writer named: $(awk -F'\t' '$2 != ""' "$work/fixtures.tsv" | wc -l)"
