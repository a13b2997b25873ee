#!/usr/bin/env bash
# bench/warmup-plan.sh BUILDDIR [RECORDS]: deliv-warmup-plan's speed and
# memory, and its schedule against the published ones.
#  1. plans a second: 1,000 plans over targets from 1,000 to 10 million a
#     day, all paces, 1 to 5 IPs;
#  2. results: RECORDS (default 1,000,000) bounce-classify records over 30
#     days and five providers (made here from the real records in
#     tests/fixtures/warmup-plan/corpus-records.tsv), read as TSV, as JSON
#     Lines and from an SQLite database: records a second and peak RSS;
#  3. the day each default plan reaches its target, beside the published
#     schedules (numbers from ../shared/corpora/warmup/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(cd "${1:-build}" && pwd)
n=${2:-1000000}
bin=$build/deliv-warmup-plan
export DELIV_DATA=$PWD/data
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "## plans a second"
start=$(date +%s.%N)
for ((k = 0; k < 1000; k++)); do
	t=$(( 1000 + (k * 7919) % 10000000 ))
	case $((k % 3)) in
	0) pace=conservative ;; 1) pace=standard ;; 2) pace=aggressive ;;
	esac
	"$bin" --daily $t --pace $pace --ips $((k % 5 + 1)) --start 2026-12-01 >/dev/null
done
end=$(date +%s.%N)
echo "1000 plans: $(echo "$end - $start" | bc) s (process start included)"

echo "## results: $n bounce-classify records"
awk -F'\t' -v OFS='\t' -v n="$n" '
	NR == 1 { print; next }
	{ rec[++m] = $0 }
	END {
		split("gmail.com hotmail.com yahoo.com icloud.com example.org", dom, " ")
		srand(1)
		for (i = 1; i <= n; i++) {
			$0 = rec[1 + i % m]
			$4 = sprintf("2026-12-%02dT%02d:%02d:00Z", 1 + i % 30, i % 24, i % 60)
			$5 = "r" i "@" dom[1 + i % 5]
			print
		}
	}' tests/fixtures/warmup-plan/corpus-records.tsv >"$work/r.tsv"
# JSON Lines of the same records (awk: jq takes minutes on a million).
awk -F'\t' '
	function q(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return "\"" s "\"" }
	NR == 1 { for (i = 1; i <= NF; i++) h[i] = $i; next }
	{
		line = "{"
		for (i = 1; i <= NF; i++)
			line = line (i > 1 ? "," : "") q(h[i]) ":" \
			    (h[i] == "msgno" || h[i] == "smtp_code" ? ($i == "" ? "null" : $i) : q($i))
		print line "}"
	}' "$work/r.tsv" >"$work/r.jsonl"
sqlite3 "$work/r.db" "CREATE TABLE events (id INTEGER PRIMARY KEY,
    recipient TEXT NOT NULL, ts INTEGER NOT NULL, kind TEXT NOT NULL,
    reason TEXT, status TEXT, smtp_code INTEGER, source TEXT, msgno INTEGER)"
awk -F'\t' -v OFS='\t' 'NR > 1 { print $5, $4, $7, $8, $9, $10, $1, $2 }' \
    "$work/r.tsv" >"$work/ev.tsv"
sqlite3 "$work/r.db" <<SQL
CREATE TABLE ev (c1, c2, c3, c4, c5, c6, c7, c8);
.mode tabs
.import $work/ev.tsv ev
INSERT INTO events (recipient, ts, kind, reason, status, smtp_code, source, msgno)
    SELECT ev.c1, CAST(strftime('%s', ev.c2) AS INTEGER), ev.c3, ev.c4, ev.c5,
    NULLIF(ev.c6, ''), ev.c7, ev.c8 FROM ev;
DROP TABLE ev;
SQL
printf '| input | records | time | records/s | peak RSS |\n|---|---|---|---|---|\n'
for kind in tsv jsonl db; do
	case $kind in
	db) args=(--db "$work/r.db") ;;
	*) args=(--results "$work/r.$kind") ;;
	esac
	/usr/bin/time -f '%e %M' -o "$work/time" \
	    "$bin" --daily 1000000 --start 2026-12-01 "${args[@]}" >"$work/out.$kind" || true
	read -r secs kb < <(tail -n 1 "$work/time")
	printf '| %s | %d | %s s | %.0f | %.1f MB |\n' "$kind" "$n" "$secs" \
	    "$(echo "$n / ($secs + 0.001)" | bc -l)" "$(echo "$kb / 1024" | bc -l)"
done
cmp -s "$work/out.tsv" "$work/out.jsonl" && echo "TSV and JSON Lines give the same plan"
cmp -s "$work/out.tsv" "$work/out.db" && echo "TSV and the database give the same plan"

echo "## day each plan reaches its target (default mix, 1 IP)"
first() { awk -F'\t' -v t="$1" '$3 == "all" && $4 == t { print $1; exit }'; }
printf '| target | conservative | standard | aggressive | published |\n|---|---|---|---|---|\n'
for spec in "--monthly 100000 3334" "--daily 1000000 1000000"; do
	set -- $spec
	row="| $1 $2"
	for p in conservative standard aggressive; do
		row+=" | $("$bin" "$1" "$2" --pace $p --start 2026-12-01 | first "$3")"
	done
	case $2 in
	100000) row+=" | SparkPost 5, Braze moderate 6, SendGrid automated 7, Braze conservative 16 |" ;;
	*) row+=" | SendGrid PDF 15, SparkPost 20, Braze moderate 21, SendGrid automated 24 |" ;;
	esac
	echo "$row"
done
