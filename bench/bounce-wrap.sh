#!/usr/bin/env bash
# bench/bounce-wrap.sh [BUILDDIR] [PHRASEDIR] [FILE...]: does a reply get
# the same record whichever writer's notice carries it?  Every labelled
# line of each "reason<TAB>reply" FILE (as bench/bounce-blind.sh counts
# them: the asserted ones and the misses kept as comments) is written once
# as the Diagnostic-Code of a bare RFC 3464 DSN (tests/lib/replies-dsn.awk,
# the reference) and once inside each writer's own notice
# (tests/lib/replies-wrap.awk: Postfix, Exim with and without MIME and
# X-Failed-Recipients, Sendmail, qmail, OpenSMTPD, Exchange 2007, Office
# 365, Gmail, Amazon SES, Exchange 2003), the Nth reply to rcptN@example.net, and two
# replies a notice in six writers' notices of several recipients
# (postfix2, exim2, sendmail2, qmail2, opensmtpd2, exchange2007x2,
# exchange2003x2: each
# recipient must keep its own reply's record), and the temporary replies
# alone in three writers' delay warnings (postfix-delay, exim-delay,
# sendmail-delay: "same or expired" and "hard", which must be 0).  Prints one
# line per template: replies; rcpt, the messages whose only failed
# recipient is rcptN; reason and kind right (kind as bounce-blind.sh
# counts it); same, the reason the DSN wrapping gives; other, records of
# an address that is not the message's rcptN (a precision error).
# Default FILEs: those of bench/bounce-blind.sh.  TEMPLATES="a b" runs
# only those; VERBOSE=1 prints each reply whose reason differs from the
# DSN's: template: dsn-reason -> reason (matched): reply, and each
# message whose recipient is wrong.
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(cd "${1:-build}" && pwd)
phrases=$(cd "${2:-phrases}" && pwd)
shift $(($# < 2 ? $# : 2))
(($#)) || set -- tests/fixtures/bounce-writers/round*-replies.tsv \
    tests/fixtures/bounce-writers/round*-wild*.tsv \
    tests/fixtures/bounce-writers/round*-prov*.tsv \
    tests/fixtures/bounce-writers/round*-esp*.tsv \
    tests/fixtures/bounce-writers/round*-intl*.tsv
templates=${TEMPLATES:-postfix exim exim-plain sendmail qmail opensmtpd exchange2007 office365 gmail amazonses exchange2003 postfix2 exim2 sendmail2 qmail2 opensmtpd2 exchange2007x2 exchange2003x2 postfix-delay exim-delay sendmail-delay}
[[ -x $build/deliv-bounce-classify ]] || make -s BUILDDIR="$build" all >/dev/null
export DELIV_DATA=$PWD/data
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for f in "$@"; do
	sed -E 's/^# ?([a-z|]+\t)/\1/' "$f" |
	    awk -F'\t' '!/^#/ && NF >= 2 && $1 ~ /^[a-z|]+$/ { print $1 "\t" $2 }'
done >"$work/t"
n=$(wc -l <"$work/t")
# records: one line a message, "rcpt-reason<TAB>kind<TAB>matched<TAB>wrong"
# (wrong: records of an address not the message's rcptN)
# (PER replies a notice: message m carries rcpt(PER*(m-1)+1) to rcpt(PER*m))
records() {
	{ "$build/deliv-bounce-classify" --no-header --no-progress \
	    -o msgno,recipient,reason,kind,matched --phrases "$phrases" "$1" || true; } |
	    awk -F'\t' -v OFS='\t' -v n="$n" -v per="${2:-1}" '
	    {
		i = 0
		if (match($2, /^rcpt[0-9]+@example\.net$/))
			i = substr($2, 5, index($2, "@") - 5) + 0
		if (i > per * ($1 - 1) && i <= per * $1) {
			if (!(i in r)) { r[i] = $3; k[i] = $4; m[i] = $5 }
		} else
			w[per * $1 > n ? n : per * $1]++
	    } END {
		for (i = 1; i <= n; i++)
			print (i in r ? r[i] : "-"), (i in k ? k[i] : "-"), (i in m ? m[i] : ""), w[i] + 0
	    }'
}
awk -F'\t' -f tests/lib/replies-dsn.awk "$work/t" >"$work/dsn.mbox"
records "$work/dsn.mbox" >"$work/dsn"
for t in dsn $templates; do
	[[ $t == *-delay ]] && continue
	if [[ $t != dsn ]]; then
		awk -F'\t' -v t="$t" -f tests/lib/replies-wrap.awk "$work/t" >"$work/$t.mbox"
		records "$work/$t.mbox" "$([[ $t == *2 ]] && echo 2 || echo 1)" >"$work/$t"
	fi
	paste "$work/t" "$work/$t" "$work/dsn" | awk -F'\t' -v t="$t" -v v="${VERBOSE:-}" \
	    -v reasons="$DELIV_DATA/reasons.tsv" "$(cat tests/lib/reply-kind.awk)"'
	    {
		n++
		want = reply_kind($1, $2)
		if ($3 != "-" && $6 == 0) rc++
		else if (v) print "  " t ": recipient " ($3 == "-" ? "missing" : "") ($6 ? " +" $6 " other" : "") ": " $2
		if ($1 == $3) r++
		if (want == $4) k++
		if ($3 == $7) same++
		else if (v) print "  " t ": " $7 " -> " $3 " (" $5 "): " $2
		other += $6
	    }
	    END {
		printf "%-13s replies %4d  rcpt %4d  reason %4d (%5.1f %%)  kind %4d (%5.1f %%)  same %4d (%5.1f %%)  other %d\n",
		    t, n, rc, r, n ? 100 * r / n : 0, k, n ? 100 * k / n : 0,
		    same, n ? 100 * same / n : 0, other
	    }'
done
# The delay warnings: the temporary replies alone (a 4xx code, or a 4.x.x
# status and no code), each in a writer's warning that it still retries.
# Nothing of a warning is hard; its reason is the bare DSN's, or expired
# where the reply's own words name none ("delayed" says no more).
delays=$(for t in $templates; do [[ $t != *-delay ]] || echo "$t"; done)
if [[ -n $delays ]]; then
	awk -F'\t' '
	    { x = " " $2 " "
	      gsub(/[Rr][Ff][Cc] ?[0-9]+ ([Ss]ection )?[0-9.]+|[Ss]ection [0-9.]+/, "RFC", x)
	      st = match(x, /[^0-9.][245]\.[0-9][0-9]?[0-9]?\.[0-9][0-9]?[0-9]?[^0-9.]/) ? substr(x, RSTART + 1, 1) : ""
	      c = $2 ~ /^[245][0-9][0-9]([ -]|$)/ ? substr($2, 1, 1) : ""
	      if (c == "4" || (c == "" && st == "4")) print }' "$work/t" >"$work/t4"
	n=$(wc -l <"$work/t4")
	awk -F'\t' -f tests/lib/replies-dsn.awk "$work/t4" >"$work/dsn4.mbox"
	records "$work/dsn4.mbox" >"$work/dsn4"
	for t in $delays; do
		awk -F'\t' -v t="$t" -f tests/lib/replies-wrap.awk "$work/t4" >"$work/$t.mbox"
		records "$work/$t.mbox" >"$work/$t"
		paste "$work/t4" "$work/$t" "$work/dsn4" | awk -F'\t' -v t="$t" -v v="${VERBOSE:-}" '
		    {
			n++
			if ($3 != "-" && $6 == 0) rc++
			else if (v) print "  " t ": recipient " ($3 == "-" ? "missing" : "") ($6 ? " +" $6 " other" : "") ": " $2
			if ($3 == $7 || $3 == "expired") same++
			else if (v) print "  " t ": " $7 " -> " $3 " (" $5 "): " $2
			if ($4 == "hard") {
				hard++
				if (v) print "  " t ": hard " $3 " (" $5 "): " $2
			}
			other += $6
		    }
		    END {
			printf "%-13s replies %4d  rcpt %4d  same or expired %4d (%5.1f %%)  hard %d  other %d\n",
			    t, n, rc, same, n ? 100 * same / n : 0, hard + 0, other
		    }'
	done
fi
