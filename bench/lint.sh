#!/usr/bin/env bash
# lint.sh BUILDDIR: messages per second of deliv-lint over the lint corpus
# (development part, as sent) in one process, next to SpamAssassin 4.0.1
# in one warm process (the corpus's tools/sa-score.sh: Mail::SpamAssassin
# API, local tests only, no Bayes) in the same run.  SpamAssassin scores
# every Nth message (SA_EVERY, default 10) to keep the run short; lint
# scores that sample and the whole corpus.  Prints a Markdown table.
set -euo pipefail
build=${1:-build}
every=${SA_EVERY:-10}
top=$(cd "$(dirname "$0")/.." && pwd)
corpus=$top/../shared/corpora/lint
[[ -d $corpus ]] || { echo "bench/lint: no corpus beside the checkout; skipped" >&2; exit 0; }
lint=$(cd "$build" && pwd)/deliv-lint
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

tail -n +2 "$corpus/labels.tsv" | cut -f1 >"$tmp/files"
perl "$top/bench/lint-assent.pl" "$corpus" "$tmp/msg" <"$tmp/files"
awk -v n="$every" 'NR % n == 1' "$tmp/files" >"$tmp/sample"
all=$(wc -l <"$tmp/files")
nsample=$(wc -l <"$tmp/sample")
cd "$tmp/msg"

# best of three: "seconds peak-RSS-KB"
best() {
	local i t b=""
	for i in 1 2 3; do
		/usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >/dev/null 2>&1 || true
		t=$(cat "$tmp/time" | tail -1)
		if [[ -z $b ]] || awk -v a="${t% *}" -v b="${b% *}" 'BEGIN { exit !(a < b) }'; then
			b=$t
		fi
	done
	echo "$b"
}
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / (s > 0.005 ? s : 0.005) }'; }

l_all=$(best "$lint" --json messages/easy_ham messages/easy_ham_2 \
    messages/hard_ham messages/spam messages/spam_2)
l_sample=$(best xargs -a "$tmp/sample" "$lint" --json)

echo "| tool | messages | seconds | messages/s | peak RSS (KB) |"
echo "|---|---:|---:|---:|---:|"
echo "| deliv-lint (whole corpus, one process) | $all | ${l_all% *} | $(rate "$all" "${l_all% *}") | ${l_all#* } |"
echo "| deliv-lint (SpamAssassin's sample) | $nsample | ${l_sample% *} | $(rate "$nsample" "${l_sample% *}") | ${l_sample#* } |"
if command -v spamassassin >/dev/null; then
	/usr/bin/time -f '%e %M' -o "$tmp/time" sh "$corpus/tools/sa-score.sh" \
	    $(cat "$tmp/sample") >"$tmp/sa.tsv" 2>/dev/null || true
	s=$(tail -1 "$tmp/time")
	# start-up (rules loaded, no message) to report the warm rate too
	/usr/bin/time -f '%e %M' -o "$tmp/time0" sh "$corpus/tools/sa-score.sh" \
	    </dev/null >/dev/null 2>&1 || true
	s0=$(tail -1 "$tmp/time0")
	warm=$(awk -v a="${s% *}" -v b="${s0% *}" 'BEGIN { printf "%.2f", a - b }')
	echo "| SpamAssassin 4.0.1, one warm process, incl. start-up | $nsample | ${s% *} | $(rate "$nsample" "${s% *}") | ${s#* } |"
	echo "| SpamAssassin 4.0.1, warm, start-up (${s0% *} s) taken off | $nsample | $warm | $(rate "$nsample" "$warm") | |"
	echo
	awk -v n="$all" -v l="${l_all% *}" -v m="$nsample" -v w="$warm" \
	    'BEGIN { printf "deliv-lint is %.0fx faster than warm SpamAssassin (messages per second).\n", (n / l) / (m / w) }'
else
	echo
	echo "spamassassin is not installed: no peer figures (apt-get install spamassassin)."
fi
