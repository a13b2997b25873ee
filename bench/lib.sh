# shellcheck shell=bash
# bench/lib.sh: what the speed benchmarks share (sourced, not run).
#
#   bench_corpus_mbox CORPUS OUT   every message of CORPUS/messages once,
#                                  as one mbox: LF line ends (CR-only files
#                                  too), a From_ line before each message
#                                  that lacks one, body From_ lines quoted
#   bench_repeat ONE MB OUT        whole copies of the mbox ONE up to at
#                                  least MB megabytes
#   rate N SECONDS, ratio A B      N / SECONDS as a whole number; A / B
#                                  with two decimals (0 when B is 0)
#   bench_mboxes CORPUS MB [PEER]  a scratch folder $work (gone at exit)
#                                  with one.mbox (bench_corpus_mbox),
#                                  mid.mbox of MB megabytes and, given
#                                  PEER, peer.mbox of PEER megabytes; sets
#                                  msgs, size (MB) and pmsgs
#   bench_time OUT CMD...          run CMD, its output to OUT (exit 1,
#                                  "found", counts as success); print
#                                  "cpu-seconds wall-seconds peak-rss-kb"

bench_corpus_mbox() {
	local f
	find "$1/messages" -type f -size +10c | sort |
	while read -r f; do
		if [[ $(head -c 5 "$f") != "From " ]]; then
			echo "From MAILER-DAEMON Mon Nov 16 10:00:00 2026"
		fi
		tr '\r' '\n' <"$f" | sed '/^$/N;/\n$/D' | sed '1!s/^From />From /'
		echo
	done >"$2"
}

bench_repeat() {
	local n i one
	one=$(stat -c %s "$1")
	n=$(( ($2 * 1024 * 1024 + one - 1) / one ))
	for ((i = 0; i < n; i++)); do cat "$1"; done >"$3"
}

bench_mboxes() {
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
	bench_corpus_mbox "$1" "$work/one.mbox"
	bench_repeat "$work/one.mbox" "$2" "$work/mid.mbox"
	msgs=$(grep -c '^From ' "$work/mid.mbox")
	size=$(( $(stat -c %s "$work/mid.mbox") / 1048576 ))
	pmsgs=0
	if [[ -n ${3-} ]]; then
		bench_repeat "$work/one.mbox" "$3" "$work/peer.mbox"
		pmsgs=$(grep -c '^From ' "$work/peer.mbox")
	fi
}

bench_time() {
	local out=$1
	shift
	/usr/bin/time -f '%U %S %e %M' -o "$work/time" "$@" >"$out" 2>/dev/null ||
	    (($? == 1))
	tail -n 1 "$work/time" |
	    awk '{ printf "%.2f %.2f %d\n", $1 + $2, $3, $4 }'
}

rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / (s > 0 ? s : 0.01) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

#   bench_nsd_work                 a scratch folder $work with $run for
#                                  tests/lib/nsd.bash, both gone at exit
#                                  (the server stopped first)
#   bench_need WHO CMD...          exit 2 naming the first CMD missing

bench_nsd_work() {
	work=$(mktemp -d)
	run=$work/nsd
	trap bench_nsd_cleanup EXIT
}

bench_nsd_cleanup() {
	tests/lib/nsd.bash stop "$run" 2>/dev/null || true
	rm -rf "$work"
}

bench_need() {
	local who=$1 c
	shift
	for c in "$@"; do
		command -v "$c" >/dev/null ||
		    { echo "$who: $c not installed" >&2; exit 2; }
	done
}
