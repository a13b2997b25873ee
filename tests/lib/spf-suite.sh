#!/usr/bin/env bash
# spf-suite.sh: run the OpenSPF test suite through lib/spf (spf-eval).
#
#   spf-suite.sh zone   SUITEDIR [TESTS.tsv]    every test, DNS from the zone files
#   spf-suite.sh server SUITEDIR [TESTS.tsv]  every test, DNS from nsd on
#                                               127.0.0.1, one nsd per scenario
#
# SUITEDIR is corpora/spf/zones/rfc7208 (or rfc4408) with NN.zone and
# tests.tsv.  A test passes when the result is one of the accepted ones
# and, where the suite checks it, the explanation matches (case-blind;
# "DEFAULT" means no exp= explanation).  In server mode the tests whose
# only accepted result is temperror are skipped: they need a query that
# times out, which an authoritative server cannot do on purpose.  Prints
# one line per failure, then "N passed, N failed (N timeout tests
# skipped)"; exit 1 when any failed.  Needs spf-eval on
# PATH; the server mode needs nsd and drill.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mode=$1 dir=$2
shift 2
tsv=${1:-$dir/tests.tsv}
passed=0 failed=0 skipped=0
top=
declare -A ports=()
cleanup() {
	local r
	if [[ -n $top ]]; then
		# nsd takes about a second to exit: stop them all at once.
		for r in "$top"/*/; do
			"$here/nsd.bash" stop "$r" 2>/dev/null &
		done
		wait
		rm -rf "$top"
	fi
}
trap cleanup EXIT

check() {	# scenario test host mailfrom helo result exp check_exp
	local out res got exp want ok=0 r
	shift
	local t=$1 host=$2 from=$3 helo=$4 want=$5 exp=$6 chk=$7
	if [[ $mode == zone ]]; then
		out=$(spf-eval -z "$dir/$zone" "$host" "$from" "$helo")
	else
		out=$(spf-eval -t 1000 -r 0 -s "127.0.0.1#${ports[$zone]}" "$host" "$from" "$helo")
	fi
	IFS=$'\x1f' read -r res got _ <<<"${out//$'\t'/$'\x1f'}"
	IFS=, read -ra accepted <<<"$want"
	for r in "${accepted[@]}"; do
		[[ $res == "$r" ]] && ok=1
	done
	if ((ok && chk == 1)); then
		[[ $exp == DEFAULT ]] && exp=
		[[ ${got,,} == "${exp,,}" ]] || ok=0
	fi
	if ((ok)); then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		printf 'FAIL\t%s\t%s\twant %s%s\tgot %s\n' "$zone" "$t" "$want" \
		    "$( ((chk == 1)) && printf ' "%s"' "$exp")" "$out"
	fi
}

if [[ $mode == server ]]; then
	# One nsd per scenario zone, each on its own free port.
	top=$(mktemp -d)
	for z in $(cut -f3 "$tsv" | grep -v '^zone$' | sort -u); do
		mkdir "$top/$z"
		"$here/nsd.bash" start "$top/$z" auto "$dir/$z" >/dev/null
		ports[$z]=$(<"$top/$z/port")
	done
fi
while IFS=$'\x1f' read -r _ scenario zone t _ host from helo want exp chk _; do
	[[ $scenario == scenario ]] && continue
	# Only a timeout gives temperror: a live server cannot.
	if [[ $mode == server && $want == temperror ]]; then
		skipped=$((skipped + 1))
		continue
	fi
	check "$scenario" "$t" "$host" "$from" "$helo" "$want" "$exp" "$chk"
done < <(tr '\t' '\037' <"$tsv")
echo "$passed passed, $failed failed ($skipped timeout tests skipped)"
((failed == 0))
