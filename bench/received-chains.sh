#!/usr/bin/env bash
# received-chains.sh BUILD [CHAINS.tsv] [-v]: run deliv-header-trace over
# each chain of ../shared/corpora/received/chains.tsv with that row's
# trust settings and compare the origin (as a parsed address) and, for
# SpamAssassin rows, the trusted and untrusted relay lists.  Rows flagged
# Patricia-Failure may differ (reported, not counted).  Last line:
# "N/M origins right, K/L relay lists right".
set -euo pipefail
build=${1:?usage: received-chains.sh BUILD [CHAINS.tsv] [-v]}
here=$(cd "$(dirname "$0")" && pwd)
chains=${2:-$here/../../shared/corpora/received/chains.tsv}
verbose=${3:-}
tool=$build/deliv-header-trace
norm=$build/drivers/rcvd-case
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Each row's own trust settings only: no $DELIV_TRUSTED or user file.
export DELIV_TRUSTED= HOME=$tmp
ok=0 total=0 lok=0 ltotal=0
while IFS=$'\037' read -r id _ _ model tn in msa xo flags headers et eu oip _ _ _; do
	[[ $id == case_id ]] && continue
	args=()
	[[ -n $tn ]] && args+=(--trusted "$tn")
	[[ -n $in ]] && args+=(--internal "$in")
	[[ -n $msa ]] && args+=(--msa "$msa")
	[[ -z $xo && $model == spamassassin ]] && args+=(--no-originating)
	{ printf '%b\n' "${headers//\\t/$'\t'}"; printf 'Subject: chain %s\n\nbody\n' "$id"; } >"$tmp/msg"
	"$tool" --json "${args[@]}" "$tmp/msg" >"$tmp/out" || true
	got=$(jq -r 'select(.record == "origin") | .ip // ""' "$tmp/out" | "$norm" -n 1)
	want=$(printf '%s\n' "$oip" | "$norm" -n 1)
	gt=$(jq -r 'select(.record == "hop" and (.trust == "trusted" or .trust == "internal")) | .ip' "$tmp/out" | "$norm" -n 1 | paste -sd' ')
	gu=$(jq -r 'select(.record == "hop" and .trust == "untrusted") | .ip' "$tmp/out" | "$norm" -n 1 | paste -sd' ')
	wt=$(tr ' ' '\n' <<<"$et" | sed '/^$/d' | "$norm" -n 1 | paste -sd' ')
	wu=$(tr ' ' '\n' <<<"$eu" | sed '/^$/d' | "$norm" -n 1 | paste -sd' ')
	if [[ $flags == *Patricia-Failure* ]]; then
		[[ -n $verbose ]] && echo "$id: Patricia-Failure, origin [$want|$got] (not counted)"
		continue
	fi
	total=$((total + 1))
	if [[ $got == "$want" ]]; then ok=$((ok + 1))
	elif [[ -n $verbose ]]; then echo "$id: origin [$want|$got]"; fi
	if [[ $model == spamassassin ]]; then
		ltotal=$((ltotal + 1))
		if [[ $gt == "$wt" && $gu == "$wu" ]]; then lok=$((lok + 1))
		elif [[ -n $verbose ]]; then echo "$id: trusted [$wt|$gt] untrusted [$wu|$gu]"; fi
	fi
done < <(tr '\t' '\037' <"$chains")
echo "$ok/$total origins right, $lok/$ltotal relay lists right"
