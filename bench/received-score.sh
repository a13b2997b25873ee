#!/usr/bin/env bash
# received-score.sh BUILD [CASES.tsv]: score lib/mail/received against the
# Received cases (../shared/corpora/received/cases.tsv): each row's
# "checks" columns compared as that folder's README says (addresses as
# parsed addresses, dates as instants, or as wall-clock time when the
# expected zone is -00:00, "auth" as non-empty).  Prints the rows that
# differ (with -v), one line per source (by case id prefix: sa, rs, rsl,
# st) and a last line "N/M rows fully right (P%)".
set -euo pipefail
build=${1:?usage: received-score.sh BUILD [CASES.tsv] [-v]}
here=$(cd "$(dirname "$0")" && pwd)
cases=${2:-$here/../../shared/corpora/received/cases.tsv}
verbose=${3:-}
drv=$build/drivers/rcvd-case
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Expected: id skip ip rdns helo by ident envfrom queue_id auth for with
# tls_version tls_cipher date checks (16 columns).
awk -F'\t' 'NR > 1 { print $1 "\t" $4 "\t" $5 "\t" $6 "\t" $7 "\t" $8 "\t" $9 "\t" $10 "\t" $11 "\t" $12 "\t" $13 "\t" $14 "\t" $15 "\t" $16 "\t" $17 "\t" $18 }' \
    "$cases" | "$drv" -n 3,4,5,6 -d 15 >"$tmp/exp"
# Got: skip ip rdns helo by ident envfrom queue_id auth for with
# tls_version tls_cipher date_utc date_local why (16 columns).
awk -F'\t' 'NR > 1 { print $19 }' "$cases" | "$drv" |
    "$drv" -n 2,3,4,5 >"$tmp/got"
paste "$tmp/exp" "$tmp/got" | awk -F'\t' -v verbose="$verbose" '
BEGIN {
	split("skip ip rdns helo by ident envfrom queue_id auth for with tls_version tls_cipher date", name, " ")
}
{
	n = split($16, chk, ",")
	bad = ""
	for (i = 1; i <= n; i++) {
		c = chk[i]
		for (k = 1; k <= 14; k++)
			if (name[k] == c)
				break
		if (k > 14)
			continue
		e = $(k + 1)
		g = $(16 + k)
		if (c == "skip") {
			if (e == "")
				continue
			ok = (e == g)
		} else if (c == "auth") {
			ok = ((e != "") == (g != ""))
		} else if (c == "date") {
			if (e ~ /Z$/)
				ok = (e == $30)
			else
				ok = (e == $31 || (e == "" && $30 == ""))
		} else if (c == "rdns" || c == "helo" || c == "by") {
			ok = (tolower(e) == tolower(g))
		} else {
			ok = (e == g)
		}
		if (!ok)
			bad = bad " " c "=[" e "|" g "]"
	}
	total++
	src = $1
	sub(/-.*/, "", src)
	stot[src]++
	if (bad == "") {
		right++
		sok[src]++
	} else if (verbose != "")
		print $1 ":" bad
}
END {
	for (src in stot)
		printf "  %-4s %d/%d\n", src, sok[src], stot[src] | "sort"
	close("sort")
	printf "%d/%d rows fully right (%.1f%%)\n", right, total, 100 * right / total
}'
