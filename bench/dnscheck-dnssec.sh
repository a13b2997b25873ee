#!/usr/bin/env bash
# bench/dnscheck-dnssec.sh BUILDDIR [N]: the cost of deliv-dnscheck's
# DNSSEC, DANE and BIMI checks on a signed zone, from the zone file and
# from a local nsd.
#
# One zone bx.test of N domains (default 2000), each with an MX whose
# host has an A and a DANE-EE TLSA record, a DMARC record at reject and a
# BIMI record; signed with ldns-signzone (ECDSA P-256, NSEC).  Runs
# --only dnssec,dane,bimi with the zone's DS as the trust anchor, from
# --zone and from nsd (DO-bit queries), at -j 1 and -j 2, and prints
# domains/s (wall), CPU seconds and peak RSS; checks that every domain
# is secure.  Needs ldns-keygen, ldns-signzone, nsd, drill.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
build=$(cd "${1:-build}" && pwd)
n=${2:-2000}
bench_nsd_work
bench_need bench/dnscheck-dnssec.sh ldns-keygen ldns-signzone nsd drill
awk -v n="$n" 'BEGIN {
	print "$ORIGIN bx.test.\n$TTL 3600"
	print "@ IN SOA ns.bx.test. hostmaster.bx.test. 1 3600 600 86400 300"
	print "@ IN NS ns\nns IN A 127.0.0.1"
	for (i = 0; i < n; i++) {
		d = "d" i
		print d " IN MX 10 mail." d
		print "mail." d " IN A 192.0.2.25"
		print "_25._tcp.mail." d " IN TLSA 3 1 1 8d02536c887482bc34ff54e41d2ba659bf85b341a0a20afadb5813dcfbcf286d"
		print "_dmarc." d " IN TXT \"v=DMARC1; p=reject\""
		print "default._bimi." d " IN TXT \"v=BIMI1; l=https://" d ".bx.test/l.svg; a=https://" d ".bx.test/v.pem\""
		print d " IN TXT \"v=spf1 mx -all\""
	}
}' >"$work/src.zone"
mkdir -p "$run" "$work/z"
(cd "$work" && k=$(ldns-keygen -a ECDSAP256SHA256 -k bx.test) &&
    z=$(ldns-keygen -a ECDSAP256SHA256 bx.test) &&
    ldns-signzone -i 20260101 -e 20270101 -f z/bx.test.zone src.zone "$k" "$z" &&
    cp "$k.ds" anchor.ds)
seq 0 $((n - 1)) | sed 's/^/d/; s/$/.bx.test/' >"$work/domains"
tests/lib/nsd.bash start "$run" auto "$work/z/bx.test.zone" >/dev/null
port=$(cat "$run/port")

measure() {	# LABEL ARGS...
	local label=$1 t0 t1 out=$work/out
	shift
	t0=$(date +%s.%N)
	/usr/bin/time -f '%U %S %M' -o "$work/time" "$build/deliv-dnscheck" \
	    --only dnssec,dane,bimi --now 2026-06-01 \
	    --trust-anchor "$work/anchor.ds" "$@" <"$work/domains" >"$out" || true
	t1=$(date +%s.%N)
	read -r u s m <"$work/time"
	local secure
	secure=$(awk -F'\t' '$2 == "dnssec" && $6 == "secure"' "$out" | wc -l)
	awk -v l="$label" -v w="$(echo "$t1 - $t0" | bc)" -v n="$n" \
	    -v c="$(echo "$u + $s" | bc)" -v m="$m" -v sec="$secure" 'BEGIN {
		printf "| %s | %d | %.1f | %.2f | %.1f MB | %d/%d |\n", l, n / w, w, c, m / 1024, sec, n }'
}
echo "| run ($n domains, signed) | domains/s | wall s | CPU s | peak RSS | secure |"
echo "|---|---:|---:|---:|---:|---:|"
measure "--zone, -j 1" --zone "$work/z/bx.test.zone"
measure "--zone, -j 2" --zone "$work/z/bx.test.zone" -j 2
measure "nsd, -j 1" --server "127.0.0.1#$port"
measure "nsd, -j 2" --server "127.0.0.1#$port" -j 2
