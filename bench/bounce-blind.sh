#!/usr/bin/env bash
# bench/bounce-blind.sh [BUILDDIR] [PHRASEDIR] [FILE...]: how many of a
# blind reply batch's lines get their reason and their kind.  Every
# labelled line of each "reason<TAB>reply" FILE counts: the asserted
# ones and the misses kept as "#reason<TAB>reply" or "# reason<TAB>reply"
# comments.  Each reply is the Diagnostic-Code of a DSN
# (tests/lib/replies-dsn.awk, as tests/lib/helpers.bash's replies_agree
# wraps it); its kind is right when it is the kind data/reasons.tsv
# gives the line's reason (bycode: soft for a 4xx reply or a 4.x.x
# status, else hard), as the round 10 and 11 tests assert.  Default
# FILEs: the blind batches (tests/fixtures/bounce-writers/round*-replies.tsv,
# round*-wild*.tsv, round*-prov*.tsv, round*-esp*.tsv, round*-intl*.tsv,
# round*-loc.tsv, round*-jp.tsv, round*-jp[0-9]*.tsv and round*-src*.tsv).
# VERBOSE=1 prints each wrong line: R want -> got (matched): reply, and
# K want-kind -> got-kind: reply.  DUMP=1 prints every line instead, as
# "D<TAB>file<TAB>want<TAB>got<TAB>matched<TAB>reply" (for
# bench/bounce-phrase-audit.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(cd "${1:-build}" && pwd)
phrases=$(cd "${2:-phrases}" && pwd)
shift $(($# < 2 ? $# : 2))
(($#)) || set -- tests/fixtures/bounce-writers/round*-replies.tsv \
    tests/fixtures/bounce-writers/round*-wild*.tsv \
    tests/fixtures/bounce-writers/round*-prov*.tsv \
    tests/fixtures/bounce-writers/round*-esp*.tsv \
    tests/fixtures/bounce-writers/round*-intl*.tsv \
    tests/fixtures/bounce-writers/round*-loc.tsv \
    tests/fixtures/bounce-writers/round*-jp.tsv \
    tests/fixtures/bounce-writers/round*-jp[0-9]*.tsv \
    tests/fixtures/bounce-writers/round*-src*.tsv
# a whole-notice batch's expected records (round*-*-expected.tsv) are no
# reply batch, whatever the glob above caught; a batch two globs catch
# (round29-intl11-prov.tsv: -intl and -prov) is counted once
files=()
declare -A seen=()
for f in "$@"; do
	[[ $f == *-expected.tsv || -n ${seen[$f]-} ]] && continue
	seen[$f]=1
	files+=("$f")
done
set -- "${files[@]}"
make -s BUILDDIR="$build" all >/dev/null
export DELIV_DATA=$PWD/data
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for f in "$@"; do
	sed -E 's/^# ?([a-z|]+\t)/\1/' "$f" |
	    awk -F'\t' '!/^#/ && NF >= 2 && $1 ~ /^[a-z|]+$/ { print $1 "\t" $2 }' >"$work/t"
	awk -F'\t' -f tests/lib/replies-dsn.awk "$work/t" >"$work/mbox"
	{ "$build/deliv-bounce-classify" --no-header --no-progress \
	    -o recipient,reason,kind,matched --phrases "$phrases" "$work/mbox" || true; } |
	    awk -F'\t' -v OFS='\t' -v n="$(wc -l <"$work/t")" '
	    match($1, /^rcpt[0-9]+@example\.net$/) {
		i = substr($1, 5, index($1, "@") - 5) + 0
		if (!(i in r)) { r[i] = $2; k[i] = $3; m[i] = $4 }
	    } END {
		for (i = 1; i <= n; i++)
			print (i in r ? r[i] : "-"), (i in k ? k[i] : "-"), (i in m ? m[i] : "")
	    }' >"$work/out"
	paste "$work/t" "$work/out" | awk -F'\t' -v f="${f##*/}" -v v="${VERBOSE:-}" \
	    -v reasons="$DELIV_DATA/reasons.tsv" -v dump="${DUMP:-}" "$(cat tests/lib/reply-kind.awk)"'
	    dump { print "D\t" f "\t" $1 "\t" $3 "\t" $5 "\t" $2; next }
	    {
		n++
		want = reply_kind($1, $2)
		if ($1 == $3) r++
		else if (v) print "  R " $1 " -> " $3 " (" $5 "): " $2
		if (want == $4) k++
		else if (v) print "  K " want " -> " $4 ": " $2
		if (want == "soft" && $4 == "hard") hw++
	    }
	    END {
		if (dump) exit
		printf "%-24s lines %3d  reason %3d (%5.1f %%)  kind %3d (%5.1f %%)  hard wrongly %d\n",
		    f, n, r, n ? 100 * r / n : 0, k, n ? 100 * k / n : 0, hw
	    }'
done
