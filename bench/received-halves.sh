#!/usr/bin/env bash
# received-halves.sh BUILD [CASES.tsv]: a generalisation check for
# lib/mail/received.  The Received cases (../shared/corpora/received) are
# cut into two halves by the family of the MTA that wrote each header
# (its "by" side: Postfix, Exim, Sendmail, qmail, Microsoft, ...; rows of
# writers with a handful of rows or none named stay together as
# "other"), whole families to one half, and bench/received-score.sh
# scores each half.  A rule tuned on one family's rows shows up as a gap
# between the halves.  Prints the family sizes, then each half's score.
set -euo pipefail
build=${1:?usage: received-halves.sh BUILD [CASES.tsv]}
here=$(cd "$(dirname "$0")" && pwd)
cases=${2:-$here/../../shared/corpora/received/cases.tsv}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Family of a header: the first pattern that matches, in this order.
awk -F'\t' -v out="$tmp" '
function fam(h) {
	h = tolower(h)
	if (h ~ /\(postfix/) return "postfix"
	if (h ~ /exim|helo=|\[[0-9.]+\]:[0-9]+/) return "exim"
	if (h ~ /\([0-9]+\.[0-9]+\.[0-9]+[^)]*\/[^)]*\)|sendmail|authenticated bits|may be forged/) return "sendmail"
	if (h ~ /qmail|\(helo |invoked/) return "qmail"
	if (h ~ /microsoft|smtpsvc|mapi|outlook\.com|hotmail/) return "microsoft"
	if (h ~ /google\.com|gmail|2002:a/) return "google"
	if (h ~ /yahoo|yimg|with login/) return "yahoo"
	if (h ~ /communigate|\(account /) return "communigate"
	if (h ~ /ecelerity/) return "ecelerity"
	if (h ~ /amavis/) return "amavis"
	if (h ~ /domino/) return "domino"
	if (h ~ /mdaemon/) return "mdaemon"
	if (h ~ /auth: |courier/) return "courier"
	if (h ~ /lmtp/) return "lmtp"
	if (h ~ /http/) return "http"
	if (h ~ /xmail/) return "xmail"
	return "other"
}
NR == 1 { print > (out "/head"); next }
{ f = fam($19); n[f]++; print > (out "/f." f) }
END { for (f in n) print n[f] "\t" f > (out "/sizes") }
' "$cases"
# Whole families, largest first, each to the half with fewer rows.
sort -k1,1nr -k2,2 "$tmp/sizes" | awk -F'\t' -v out="$tmp" '
{
	h = (a <= b) ? "A" : "B"
	if (h == "A") a += $1; else b += $1
	print h "\t" $2 "\t" $1
}' >"$tmp/halves"
for h in A B; do
	cp "$tmp/head" "$tmp/$h.tsv"
	fams=""
	while IFS=$'\t' read -r hh f n; do
		[ "$hh" = "$h" ] || continue
		cat "$tmp/f.$f" >>"$tmp/$h.tsv"
		fams="$fams $f($n)"
	done <"$tmp/halves"
	printf 'half %s:%s\n' "$h" "$fams"
	printf 'half %s: ' "$h"
	"$here/received-score.sh" "$build" "$tmp/$h.tsv" | tail -n 1
done
