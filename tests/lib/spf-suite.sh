#!/usr/bin/env bash
# spf-suite.sh: run the OpenSPF test suite through lib/spf (spf-eval).
#
#   spf-suite.sh zone   SUITEDIR [TESTS.tsv]    every test, DNS from the zone files
#   spf-suite.sh server SUITEDIR PORT [TESTS.tsv] every test, DNS from nsd on
#                                               127.0.0.1#PORT, one nsd per scenario
#
# SUITEDIR is corpora/spf/zones/rfc7208 (or rfc4408) with NN.zone and
# tests.tsv.  A test passes when the result is one of the accepted ones
# and, where the suite checks it, the explanation matches (case-blind;
# "DEFAULT" means no exp= explanation).  Prints one line per failure,
# then "N passed, N failed (N timeout tests skipped)".  Needs spf-eval on
# PATH; the server mode needs nsd and drill.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mode=$1 dir=$2
shift 2
port=
if [[ $mode == server ]]; then
	port=$1
	shift
fi
tsv=${1:-$dir/tests.tsv}
timeouts=$dir/timeouts.tsv
passed=0 failed=0 skipped=0
run=
cleanup() {
	if [[ -n $run ]]; then
		"$here/nsd.bash" stop "$run" 2>/dev/null || true
		rm -rf "$run"
	fi
}
trap cleanup EXIT

# The names whose queries time out in the suite (a live server cannot).
declare -A tmo=()
if [[ -f $timeouts ]]; then
	while IFS=$'\t' read -r sc name _; do
		[[ $sc == scenario ]] && continue
		tmo[$name]=1
	done <"$timeouts"
fi

check() {	# scenario test host mailfrom helo result exp check_exp
	local out res got exp want ok=0 r
	shift
	local t=$1 host=$2 from=$3 helo=$4 want=$5 exp=$6 chk=$7
	if [[ $mode == zone ]]; then
		out=$(spf-eval -z "$dir/$zone" "$host" "$from" "$helo")
	else
		out=$(spf-eval -t 1000 -r 1 -s "127.0.0.1#$port" "$host" "$from" "$helo")
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

needs_timeout() {	# mailfrom helo: does the test touch a timeout name?
	local d=${1##*@} n
	[[ -z $1 ]] && d=$2
	for n in "${!tmo[@]}"; do
		[[ ${d,,} == "${n,,}" ]] && return 0
	done
	return 1
}

current=
while IFS=$'\x1f' read -r _ scenario zone t _ host from helo want exp chk _; do
	[[ $scenario == scenario ]] && continue
	if [[ $mode == server ]]; then
		if needs_timeout "$from" "$helo" && [[ $want != *none* && $want != *fail* ]] || 
		    { needs_timeout "$from" "$helo" && [[ $want == temperror ]]; }; then
			skipped=$((skipped + 1))
			continue
		fi
		if [[ $zone != "$current" ]]; then
			cleanup
			run=$(mktemp -d)
			"$here/nsd.bash" start "$run" "$port" "$dir/$zone" >/dev/null
			current=$zone
		fi
	fi
	check "$scenario" "$t" "$host" "$from" "$helo" "$want" "$exp" "$chk"
done < <(tr '\t' '\037' <"$tsv")
echo "$passed passed, $failed failed ($skipped timeout tests skipped)"
((failed == 0))
