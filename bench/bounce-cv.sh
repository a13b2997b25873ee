#!/usr/bin/env bash
# bench/bounce-cv.sh [BUILDDIR]: how well bounce-classify's rules carry
# over to writers they were not written from.  The development corpus
# (../shared/corpora/bounces) is grouped by writer family, the file name
# without its number ("lhost-postfix-03.eml" -> "lhost-postfix",
# "rfc3464-12.eml" -> "rfc3464"); families go to half 0 or half 1 by a
# fixed hash (cksum of the family name, mod 2).  Each half and the whole
# are scored with the corpus's tools/bounce-score.pl.  A rule that lifts
# only the half it was written from is fitted, not learned: the two
# halves should stay within a few points of each other and of the whole.
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(cd "${1:-build}" && pwd)
root=$(pwd)
corpus=../shared/corpora/bounces
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
make -s BUILDDIR="$build" all >/dev/null

family() {	# the file name without directory, number and extension
	basename "$1" | sed -E 's/\.[A-Za-z0-9]+$//; s/[-_]?[0-9]+$//'
}

cd "$corpus"
find messages -type f | sort | xargs "$build/deliv-bounce-classify" \
    --no-progress --phrases "$root/phrases" |
    sed '1s/^source\t/file\t/' >"$work/out.tsv" || true
head -1 labels.tsv >"$work/h0.tsv"
cp "$work/h0.tsv" "$work/h1.tsv"
declare -A half
while IFS= read -r line; do
	f=${line%%$'\t'*}
	fam=$(family "$f")
	if [[ -z ${half[$fam]+x} ]]; then
		half[$fam]=$(( $(printf '%s' "$fam" | cksum | cut -d' ' -f1) % 2 ))
	fi
	printf '%s\n' "$line" >>"$work/h${half[$fam]}.tsv"
done < <(tail -n +2 labels.tsv)

score() {	# score LABELS: "kind reason rows"
	perl tools/bounce-score.pl "$1" "$work/out.tsv" | awk '
	    /^rows scored/ { n = $3 }
	    /^kind +accuracy/ { k = $3 }
	    /^reason accuracy/ { r = $3 }
	    END { sub(/%/, "", k); sub(/%/, "", r); print k, r, n }'
}
fams() {	# the families of half H, space-separated
	for f in "${!half[@]}"; do
		[[ ${half[$f]} == "$1" ]] && printf '%s\n' "$f"
	done | sort | tr '\n' ' '
}
printf '%-6s %7s %7s %5s  %s\n' set kind% reason% rows families
read -r k r n < <(score labels.tsv)
printf '%-6s %7s %7s %5s  %s\n' whole "$k" "$r" "$n" "${#half[@]}"
for h in 0 1; do
	read -r k r n < <(score "$work/h$h.tsv")
	printf '%-6s %7s %7s %5s  %s\n' "half$h" "$k" "$r" "$n" "$(fams $h)"
done
