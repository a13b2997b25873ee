#!/usr/bin/env bash
# received-formats.sh [FORMATS.tsv] [RCVD-CASE]: parse each row of
# tests/fixtures/header-trace/formats.tsv (one Received header per MTA
# format, from the writer's own template) with tests/drivers/rcvd-case and
# compare the fields its "expect" column names ("auth=*": any method).
# Prints "ok|FAIL<TAB>mta<TAB>differences" per row, then "N/M formats right".
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
f=${1:-$here/../tests/fixtures/header-trace/formats.tsv}
drv=${2:-$here/../build/drivers/rcvd-case}
grep -v '^#' "$f" | tail -n +2 | { while IFS=$'\t' read -r mta learned header expect; do
	printf '%s\n' "$header" | "$drv" -H | awk -F'\t' -v mta="$mta" -v expect="$expect" '
	NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
	{
		n = split(expect, kv, ";"); bad = ""
		for (j = 1; j <= n; j++) {
			k = kv[j]; sub(/=.*/, "", k); v = substr(kv[j], length(k) + 2)
			g = (k in col) ? $(col[k]) : "?"
			if (v == "*") { if (g == "") bad = bad " " k "=[*|]" }
			else if (tolower(g) != tolower(v)) bad = bad " " k "=[" v "|" g "]"
		}
		print (bad == "" ? "ok" : "FAIL") "\t" mta "\t" bad
	}'
done
} | awk -F'\t' '{ print } $1 == "ok" { ok++ } END { printf "%d/%d formats right\n", ok, NR }'
