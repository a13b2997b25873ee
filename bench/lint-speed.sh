#!/usr/bin/env bash
# lint-speed.sh BEFORE AFTER [RUNS]: deliv-lint of two builds (build
# directories) next to SpamAssassin 4.0.1, same runs, CPU time (user +
# system: fair on a busy machine).  The lint corpus (development part,
# as sent: bench/lint-assent.pl) is written COPIES times (default 3) into
# one mbox; SpamAssassin (the corpus's tools/sa-score.sh: one warm
# process, Mail::SpamAssassin API, local tests, no Bayes) scores every
# SA_EVERY-th message (default 12).  In each run SpamAssassin works in
# the background while the two lint builds take turns on the mbox (at
# least LINT_TURNS times each, default 2, and on until SpamAssassin is
# done); a build's figure is its least CPU time of the run.  "warm" is
# lint per message once started: (CPU of COPIES copies - CPU of one
# copy) / the messages in between, as SpamAssassin's start-up is taken
# out (for both builds).  Checks on the way: both builds write the
# same records, and AFTER with -j 2 the same as with -j 1.  Prints a
# Markdown table.
set -euo pipefail
before=$(cd "${1:?usage: lint-speed.sh BEFORE AFTER [RUNS]}" && pwd)/deliv-lint
after=$(cd "${2:?usage: lint-speed.sh BEFORE AFTER [RUNS]}" && pwd)/deliv-lint
runs=${3:-3}
copies=${COPIES:-3}
every=${SA_EVERY:-12}
turns=${LINT_TURNS:-2}
top=$(cd "$(dirname "$0")/.." && pwd)
corpus=$top/../shared/corpora/lint
[[ -d $corpus ]] || { echo "lint-speed: no corpus beside the checkout" >&2; exit 0; }
command -v spamassassin >/dev/null ||
    { echo "lint-speed: spamassassin is not installed" >&2; exit 2; }
export DELIV_PHRASES=${DELIV_PHRASES:-$top/phrases}
export DELIV_DATA=${DELIV_DATA:-$top/data}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

tail -n +2 "$corpus/labels.tsv" | cut -f1 >"$tmp/files"
perl "$top/bench/lint-assent.pl" "$corpus" "$tmp/msg" <"$tmp/files"
awk -v n="$every" 'NR % n == 1' "$tmp/files" >"$tmp/sample"
# an mbox of the as-sent messages (body lines "From " quoted)
while read -r f; do
	echo "From bench@example.com Thu Jan  1 00:00:00 2004"
	sed 's/^From />From /' "$tmp/msg/$f"
	echo
done <"$tmp/files" >"$tmp/one.mbox"
for ((k = 0; k < copies; k++)); do cat "$tmp/one.mbox"; done >"$tmp/all.mbox"
n1=$(grep -c '^From bench@' "$tmp/one.mbox")
nall=$((n1 * copies))
nsa=$(wc -l <"$tmp/sample")

# cpu CMD...: user + system seconds of one run (output to $tmp/out)
cpu() {
	/usr/bin/time -f '%U %S' -o "$tmp/time" "$@" >"$tmp/out" 2>/dev/null || true
	tail -1 "$tmp/time" | awk '{ printf "%.3f\n", $1 + $2 }'
}
min() { awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || a < b) ? a : b }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }

"$before" --json "$tmp/all.mbox" >"$tmp/b.json" 2>/dev/null || true
"$after" --json "$tmp/all.mbox" >"$tmp/a.json" 2>/dev/null || true
"$after" -j 2 --json "$tmp/all.mbox" >"$tmp/a2.json" 2>/dev/null || true
cmp -s "$tmp/b.json" "$tmp/a.json" || { echo "lint-speed: the builds differ" >&2; exit 1; }
cmp -s "$tmp/a.json" "$tmp/a2.json" || { echo "lint-speed: -j 2 differs" >&2; exit 1; }
echo "outputs: before = after = after -j 2 ($(wc -l <"$tmp/a.json") records, $nall messages)"
echo
echo "| run | lint before msgs/CPU s | lint after msgs/CPU s | after/before | lint after warm msgs/CPU s | SpamAssassin msgs/CPU s | ratio | ratio warm | before: ratio | before: ratio warm |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
mapfile -t sample <"$tmp/sample"
for ((r = 1; r <= runs; r++)); do
	(cd "$tmp/msg" && /usr/bin/time -f '%U %S' -o "$tmp/sa.time" \
	    sh "$corpus/tools/sa-score.sh" "${sample[@]}" >/dev/null 2>&1) &
	sapid=$!
	b="" a="" b1="" a1="" t=0
	while ((t < turns)) || kill -0 "$sapid" 2>/dev/null; do
		b=$(min "$(cpu "$before" --json "$tmp/all.mbox")" "$b")
		a=$(min "$(cpu "$after" --json "$tmp/all.mbox")" "$a")
		b1=$(min "$(cpu "$before" --json "$tmp/one.mbox")" "$b1")
		a1=$(min "$(cpu "$after" --json "$tmp/one.mbox")" "$a1")
		t=$((t + 1))
	done
	wait "$sapid"
	sa=$(awk '{ printf "%.3f\n", $1 + $2 }' "$tmp/sa.time")
	sa0=$(cpu sh "$corpus/tools/sa-score.sh" </dev/null)
	sarate=$(awk -v n="$nsa" -v s="$sa" -v z="$sa0" 'BEGIN { printf "%.2f", n / (s - z) }')
	warm=$(awk -v n="$((nall - n1))" -v a="$a" -v c="$a1" 'BEGIN { printf "%.0f", n / (a - c) }')
	bwarm=$(awk -v n="$((nall - n1))" -v a="$b" -v c="$b1" 'BEGIN { printf "%.0f", n / (a - c) }')
	awk -v r="$r" -v b="$(rate "$nall" "$b")" -v a="$(rate "$nall" "$a")" \
	    -v w="$warm" -v bw="$bwarm" -v s="$sarate" 'BEGIN {
		printf "| %d | %d | %d | %.2f | %d | %.2f | %.0fx | %.0fx | %.0fx | %.0fx |\n",
		    r, b, a, a / b, w, s, a / s, w / s, b / s, bw / s }'
done
echo
echo "($nall lint messages a turn, $turns+ turns a build a run; SpamAssassin $nsa messages, its start-up alone taken out.)"
