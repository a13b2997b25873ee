#!/usr/bin/env bash
# make demo: deliv-dnscheck audits shop.example's zone file before it is
# published (no network): its own server and the ESP it sends through.
set -euo pipefail
build=$1
dir=$(dirname "$0")/dnscheck
z=()
for f in "$dir"/*.zone; do
	z+=(--zone "$f")
done
echo "== deliv dnscheck: shop.example's zones audited before they go live"
echo "-- two sending IPs: its own server and an ESP (exit 1: a check failed)"
status=0
"$build"/deliv-dnscheck "${z[@]}" --ip 198.51.100.10 --ip 203.0.113.7 \
    --helo mail.shop.example --selector s1 --table shop.example || status=$?
echo "(exit $status)"
