#!/usr/bin/env bash
# bench/spf.sh BUILDDIR [N]: SPF evaluations per second against a local
# nsd, lib/auth/spf (tests/drivers/spf-eval -b) next to pyspf (python3-spf
# with dnspython) on the same records, the same queries, in the same run.
#
# N domains (default 2000) in one zone, each with a record like
#   v=spf1 ip4:10.X.Y.0/28 include:_spf.provider.bench mx -all
# (its MX host has an A record) and a provider record with ip4/ip6 and
# ~all.  Each domain is checked twice: once from an IP its ip4: lists
# (pass, no lookup) and once from an unlisted IP (fail after the include,
# the MX and the A queries: 4 queries).  Prints evaluations/s (wall and
# per CPU-second) and peak RSS for both, the same for lib/auth/spf on the zone
# file (no network), and how many results differ.
# Needs nsd, drill, python3-spf, python3-dnspython.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
build=$(cd "${1:-build}" && pwd)
n=${2:-2000}
bench_nsd_work
make -s BUILDDIR="$build" test-drivers

bench_need bench/spf.sh nsd drill /usr/bin/python3
/usr/bin/python3 -c 'import spf, dns.resolver' 2>/dev/null ||
    { echo "bench/spf.sh: python3-spf and python3-dnspython needed" >&2; exit 2; }

# The zone and the queries.
awk -v n="$n" 'BEGIN {
	print "$ORIGIN bench.\n$TTL 3600"
	print "@ IN SOA ns.bench. hostmaster.bench. 1 3600 600 86400 300"
	print "@ IN NS ns.bench.\nns IN A 127.0.0.1"
	print "_spf.provider IN TXT \"v=spf1 ip4:198.51.100.0/24 ip6:2001:db8:99::/48 ~all\""
	for (i = 0; i < n; i++) {
		x = int(i / 250); y = i % 250
		printf "d%d IN TXT \"v=spf1 ip4:10.%d.%d.0/28 include:_spf.provider.bench mx -all\"\n", i, x, y
		printf "d%d IN MX 10 mx.d%d.bench.\n", i, i
		printf "mx.d%d IN A 192.0.2.%d\n", i, y
	}
}' >"$work/bench.zone"
awk -v n="$n" 'BEGIN {
	for (i = 0; i < n; i++) {
		x = int(i / 250); y = i % 250
		printf "10.%d.%d.5\tuser@d%d.bench\tmail.d%d.bench\n", x, y, i, i
		printf "203.0.113.%d\tuser@d%d.bench\tmail.d%d.bench\n", y, i, i
	}
}' >"$work/queries.tsv"
tests/lib/nsd.bash start "$run" auto "$work/bench.zone" >/dev/null
port=$(<"$run/port")
evals=$(wc -l <"$work/queries.tsv")

/usr/bin/time -f '%e %U %S %M' -o "$work/deliv.time" \
    "$build/drivers/spf-eval" -b -s "127.0.0.1#$port" <"$work/queries.tsv" \
    >"$work/deliv.full" 2>"$work/deliv.err"
cut -f1 "$work/deliv.full" >"$work/deliv.out"
# The same evaluations from the zone file: lib/auth/spf's own cost, no network.
/usr/bin/time -f '%e %U %S %M' -o "$work/zone.time" \
    "$build/drivers/spf-eval" -b -z "$work/bench.zone" <"$work/queries.tsv" \
    2>/dev/null | cut -f1 >"$work/zone.out"
cat >"$work/pyspf.py" <<'PY'
import sys
import dns.resolver
import spf
r = dns.resolver.Resolver(configure=False)
r.nameservers = ['127.0.0.1']
r.port = int(sys.argv[1])
dns.resolver.default_resolver = r
for line in sys.stdin:
    ip, sender, helo = line.rstrip('\n').split('\t')
    res, _ = spf.check2(i=ip, s=sender, h=helo)
    print(res)
PY
/usr/bin/time -f '%e %U %S %M' -o "$work/pyspf.time" \
    /usr/bin/python3 "$work/pyspf.py" "$port" <"$work/queries.tsv" >"$work/pyspf.out"
differ=$(paste "$work/deliv.out" "$work/pyspf.out" | awk -F'\t' '$1 != $2' | wc -l)
zdiffer=$(paste "$work/deliv.out" "$work/zone.out" | awk -F'\t' '$1 != $2' | wc -l)
read -r ds du dsy dr <"$work/deliv.time"
read -r ps pu psy pr <"$work/pyspf.time"
read -r zs zu zsy zr <"$work/zone.time"
queries=$(awk '$1 == "queries" { print $2 }' "$work/deliv.err")
printf 'spf: %d evaluations (%d domains) against nsd on loopback, %d queries\n' \
    "$evals" "$n" "$queries"
row() {	# name wall user sys rss
	awk -v e="$evals" -v n="$1" -v s="$2" -v c="$(echo "$3 + $4" | bc)" -v r="$5" 'BEGIN {
		printf "  %-17s %6.2f s wall %7.0f evaluations/s  CPU %5.2f s (%6.0f evaluations/CPU-s)  peak RSS %5.1f MB\n",
		    n, s, e / s, c, e / (c > 0 ? c : 0.01), r / 1024 }'
}
row "deliv (lib/auth/spf)" "$ds" "$du" "$dsy" "$dr"
row "pyspf 2.0.14" "$ps" "$pu" "$psy" "$pr"
row "deliv, zone file" "$zs" "$zu" "$zsy" "$zr"
awk -v a="$ds" -v b="$ps" 'BEGIN { printf "  wall-clock speed-up: %.1fx (both wait on the same nsd round trips)\n", b / a }'
printf '  results: %s pass, %s fail; %d differ from pyspf, %d between server and zone file\n' \
    "$(grep -c '^pass$' "$work/deliv.out")" "$(grep -c '^fail$' "$work/deliv.out")" \
    "$differ" "$zdiffer"
