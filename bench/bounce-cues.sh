#!/usr/bin/env bash
# bench/bounce-cues.sh [BUILDDIR] [CUES]: does the generic cue layer
# (phrases/bounce-cues.txt, or the file CUES) carry over to replies it
# was not written from?  The labelled replies of
# tests/fixtures/bounce-writers/*-replies.tsv ("reason<TAB>reply"; the
# asserted lines and the "#reason<TAB>reply" misses kept as comments)
# are split in two halves by file name: half A, the files the cues were
# written from (with the reasons' definitions): the 1st, 3rd, ... of the
# sorted names when they were written (agents, gateway, mta, round10,
# round9b); half B, every other file (held out), so that a reply file
# added later is held out too and the halves do not shift.  Each reply is
# the Diagnostic-Code of a DSN (Status: its own X.Y.Z, else 5.0.0), as
# tests/lib/helpers.bash's replies_agree wraps it.  Two settings:
#   lists: all the phrase lists, bounce-cues.txt empty (before) or not
#          (after): what the cues change in the classifier as it is;
#   codes: soft.txt and hard.txt emptied too: the status code alone
#          (before) or the cues and the code (after), i.e. a writer
#          whose words no specific phrase knows.
# Printed per half and setting: replies, right before, right after,
# wrong->right, right->wrong; then every reply of half B whose reason
# changed (expected: before -> after (matched): reply).
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(cd "${1:-build}" && pwd)
cues=$(cd "$(dirname "${2:-phrases/bounce-cues.txt}")" && pwd)/$(basename "${2:-phrases/bounce-cues.txt}")
root=$(pwd)
work=$(mktemp -d)
[[ -n ${KEEP:-} ]] && echo "work: $work" >&2 || trap 'rm -rf "$work"' EXIT
make -s BUILDDIR="$build" all >/dev/null
export DELIV_DATA=$root/data

# the halves: the files the cues were written from, and the others
mapfile -t files < <(ls tests/fixtures/bounce-writers/*-replies.tsv | sort)
: >"$work/A.tsv"
: >"$work/B.tsv"
for i in "${!files[@]}"; do
	case ${files[$i]##*/} in
	agents-replies.tsv | gateway-replies.tsv | mta-replies.tsv | \
	    round10-replies.tsv | round9b-replies.tsv) h=A ;;
	*) h=B ;;
	esac
	# asserted lines and "#reason<TAB>reply" misses; reasons of the table
	sed -E 's/^#([a-z|]+\t)/\1/' "${files[$i]}" |
	    awk -F'\t' '!/^#/ && NF >= 2 && $1 ~ /^[a-z|]+$/ { print $1 "\t" $2 }' \
	    >>"$work/$h.tsv"
done
cut -f1 data/reasons.tsv | grep -v '^#' | sort -u >"$work/reasons"

wrap() {	# wrap TSV: an mbox of one DSN per line
	awk -F'\t' -f tests/lib/replies-dsn.awk "$1"
}

# the four phrase directories
for d in lists0 lists1 codes0 codes1; do
	mkdir "$work/$d"
	cp phrases/*.txt "$work/$d/"
	: >"$work/$d/bounce-cues.txt"
done
cp "$cues" "$work/lists1/bounce-cues.txt"
cp "$cues" "$work/codes1/bounce-cues.txt"
: >"$work/codes0/soft.txt"; : >"$work/codes0/hard.txt"
: >"$work/codes1/soft.txt"; : >"$work/codes1/hard.txt"

run() {	# run HALF DIR: "reason<TAB>matched" per reply, in order (the
	# first record of rcptN@example.net; "-" when there is none)
	"$build/deliv-bounce-classify" --no-header --no-progress \
	    -o recipient,reason,matched --phrases "$work/$2" "$work/$1.mbox" |
	    awk -F'\t' -v OFS='\t' -v n="$(wc -l <"$work/$1.tsv")" '
	    match($1, /^rcpt[0-9]+@example\.net$/) {
		i = substr($1, 5, index($1, "@") - 5) + 0
		if (!(i in r)) { r[i] = $2; m[i] = $3 }
	    } END {
		for (i = 1; i <= n; i++)
			print (i in r ? r[i] : "-"), (i in m ? m[i] : "")
	    }' || true
}

printf '%-5s %-6s %7s %7s %7s %12s %12s\n' half set replies before after wrong-right right-wrong
for h in A B; do
	wrap "$work/$h.tsv" >"$work/$h.mbox"
	for s in lists codes; do
		run "$h" "${s}0" >"$work/$h.$s.0"
		run "$h" "${s}1" >"$work/$h.$s.1"
		paste "$work/$h.tsv" "$work/$h.$s.0" "$work/$h.$s.1" >"$work/$h.$s"
		awk -F'\t' -v h="$h" -v s="$s" '{
			n++; b = ($1 == $3); a = ($1 == $5)
			nb += b; na += a; up += (!b && a); down += (b && !a)
		} END {
			printf "%-5s %-6s %7d %7d %7d %12d %12d\n", h, s, n, nb, na, up, down
		}' "$work/$h.$s"
	done
done
for s in lists codes; do
	printf '\nhalf B, %s: changed (expected: before -> after (matched): reply)\n' "$s"
	awk -F'\t' '$3 != $5 { printf "%s %s: %s -> %s (%s): %s\n",
	    ($1 == $5 ? "+" : ($1 == $3 ? "-" : "~")), $1, $3, $5, $6, $2 }' "$work/B.$s"
done
