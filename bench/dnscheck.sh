#!/usr/bin/env bash
# bench/dnscheck.sh BUILDDIR [N]: domains audited per second by
# deliv-dnscheck against a local nsd, at -j 1 and -j 32, next to pyspf
# (python3-spf with dnspython) evaluating the same SPF records for the
# same IP in the same run.
#
# N domains (default 10000) in one zone, each with an A, an MX whose host
# has an A, an SPF record "v=spf1 ip4:10.X.Y.0/28 include:_spf.provider.bench
# mx ~all", a DKIM key at s1, a DMARC record and an MTA-STS record; a
# reverse zone for the sending IP.  deliv-dnscheck runs every check but
# the DNS lists (--ip 192.0.2.10 --helo mail.bench --selector s1 --skip
# dnsbl: about 25 queries a domain), then SPF alone (--only spf: the
# record, its include and mx, and the evaluation), at -j 1 and -j 32.
# pyspf runs check2() per domain, one process, serially.  Prints
# domains/s (wall), CPU seconds and peak RSS for each run.
# Needs nsd, drill, python3-spf, python3-dnspython.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
build=$(cd "${1:-build}" && pwd)
n=${2:-10000}
bench_nsd_work

bench_need bench/dnscheck.sh nsd drill /usr/bin/python3
/usr/bin/python3 -c 'import spf, dns.resolver' 2>/dev/null ||
    { echo "bench/dnscheck.sh: python3-spf and python3-dnspython needed" >&2; exit 2; }

key='MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAzKf/NmAgY4b3GkrUfeeVEL+lO0uOschH2SoIK6n8lmIwoZbJVdJBLChmShJIZTvGRJ6vYe1666lK+08nmW+zwC97BgU56KRwBvWgOqjSvEfld23cgSn8CmgqVz/oJadMSK1PBQRBzggQPTn1Nnx0TZP4ZZIVqz8/7WO0WC2DJm67g9GkP7cjOXfTi7IAoxYJ9WxPnloNHoH/3fktzB28yu4KVLb0wvYaFZZXkfrT0SBEqPWITm9ZZk3RFX5Hmq49omnuO9R6eWVcHNJH9xitN+EhRsZjoaRN9eYU7PIE3QOrSsGiQwfT255PnWDaCvyUdgdqDHSYeAE5aL8WtBTERQIDAQAB'
awk -v n="$n" -v key="$key" 'BEGIN {
	print "$ORIGIN bench.\n$TTL 3600"
	print "@ IN SOA ns.bench. hostmaster.bench. 1 3600 600 86400 300"
	print "@ IN NS ns.bench.\nns IN A 127.0.0.1\nmail IN A 192.0.2.10"
	print "_spf.provider IN TXT \"v=spf1 ip4:198.51.100.0/24 ip6:2001:db8:99::/48 ~all\""
	for (i = 0; i < n; i++) {
		x = int(i / 250); y = i % 250
		printf "d%d IN A 192.0.2.%d\n", i, y
		printf "d%d IN MX 10 mx.d%d.bench.\n", i, i
		printf "mx.d%d IN A 192.0.2.%d\n", i, y
		printf "d%d IN TXT \"v=spf1 ip4:10.%d.%d.0/28 include:_spf.provider.bench mx ~all\"\n", i, x, y
		printf "s1._domainkey.d%d IN TXT ( \"v=DKIM1; k=rsa; p=%s\" \"%s\" )\n", i, substr(key, 1, 200), substr(key, 201)
		printf "_dmarc.d%d IN TXT \"v=DMARC1; p=quarantine; rua=mailto:dmarc@d%d.bench\"\n", i, i
		printf "_mta-sts.d%d IN TXT \"v=STSv1; id=2026112301\"\n", i
	}
}' >"$work/bench.zone"
printf '$ORIGIN 2.0.192.in-addr.arpa.\n$TTL 3600\n@ IN SOA ns.bench. h.bench. 1 3600 600 86400 300\n@ IN NS ns.bench.\n10 IN PTR mail.bench.\n' >"$work/2.0.192.in-addr.arpa.zone"
awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) printf "d%d.bench\n", i }' >"$work/domains"
# Our own nsd.conf: as tests/lib/nsd.bash's, plus no response rate
# limiting (NSD's default of 200 answers a second per /24 would drop
# answers and measure its RRL, not the clients).
mkdir -p "$run"
port=
for try in 1 2 3 4 5 6 7 8 9 10; do
	port=$((20000 + RANDOM % 40000))
	cat >"$run/nsd.conf" <<CONF
server:
    ip-address: 127.0.0.1@$port
    port: $port
    username: ""
    chroot: ""
    database: ""
    zonelistfile: "$run/zone.list"
    xfrdfile: "$run/xfrd.state"
    xfrdir: "$run"
    pidfile: "$run/nsd.pid"
    logfile: "$run/nsd.log"
    server-count: 1
    rrl-ratelimit: 0
    rrl-whitelist-ratelimit: 0
remote-control:
    control-enable: no
zone:
    name: "bench"
    zonefile: "$work/bench.zone"
zone:
    name: "2.0.192.in-addr.arpa"
    zonefile: "$work/2.0.192.in-addr.arpa.zone"
CONF
	nsd -d -c "$run/nsd.conf" </dev/null >>"$run/nsd.log" 2>&1 &
	echo $! >"$run/nsd.main.pid"
	for _ in $(seq 1 300); do
		drill -t -p "$port" @127.0.0.1 bench SOA 2>/dev/null | grep -q 'rcode: NOERROR' && break 2
		kill -0 "$(<"$run/nsd.main.pid")" 2>/dev/null || break
		sleep 0.01
	done
	kill "$(<"$run/nsd.main.pid")" 2>/dev/null || true
	port=
done
[[ -n $port ]] || { echo "bench/dnscheck.sh: nsd did not start" >&2; exit 2; }

# row NAME TIMEFILE: "| name | domains/s | CPU s | peak RSS |"
row() {
	read -r wall user sys rss < <(tail -n 1 "$2")
	awk -v name="$1" -v n="$n" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" 'BEGIN {
		printf "| %s | %d | %.1f | %.2f | %.1f MB |\n", name, n / (w > 0 ? w : 0.01), w, u + s, r / 1024 }'
}

echo "| run ($n domains, nsd on 127.0.0.1) | domains/s | wall s | CPU s | peak RSS |"
echo "|---|---:|---:|---:|---:|"
for j in 1 32; do
	/usr/bin/time -f '%e %U %S %M' -o "$work/t" "$build/deliv-dnscheck" \
	    --server "127.0.0.1#$port" --ip 192.0.2.10 --helo mail.bench \
	    --selector s1 --skip dnsbl -j "$j" <"$work/domains" >"$work/full.$j" || true
	row "deliv-dnscheck, all checks but dnsbl, -j $j" "$work/t"
done
for j in 1 32; do
	/usr/bin/time -f '%e %U %S %M' -o "$work/t" "$build/deliv-dnscheck" \
	    --server "127.0.0.1#$port" --ip 192.0.2.10 --helo mail.bench \
	    --only spf -j "$j" <"$work/domains" >"$work/spf.$j" || true
	row "deliv-dnscheck --only spf, -j $j" "$work/t"
done
/usr/bin/time -f '%e %U %S %M' -o "$work/t" /usr/bin/python3 -c '
import sys, spf, dns.resolver
r = dns.resolver.Resolver(configure=False)
r.nameservers = ["127.0.0.1"]
r.port = int(sys.argv[1])
r.timeout = 1.0
r.lifetime = 2.0
dns.resolver.default_resolver = r
for line in open(sys.argv[2]):
    d = line.strip()
    res, expl = spf.check2(i="192.0.2.10", s="postmaster@" + d, h="mail.bench")
    print(d, res)
' "$port" "$work/domains" >"$work/pyspf"
row "pyspf check2() (SPF only, serial)" "$work/t"

# The SPF results must agree.
diff <(awk -F'\t' '$2 == "spf-result" { print $1, $6 }' "$work/spf.1") "$work/pyspf" >/dev/null &&
    echo "SPF results of deliv-dnscheck and pyspf agree on all $n domains." ||
    echo "SPF results differ: $(diff <(awk -F'\t' '$2 == "spf-result" { print $1, $6 }' "$work/spf.1") "$work/pyspf" | grep -c '^<') domains."
cmp -s "$work/full.1" "$work/full.32" && echo "-j 1 and -j 32 outputs are identical." ||
    echo "-j 1 and -j 32 outputs DIFFER."
echo "records written (all checks): $(( $(wc -l <"$work/full.1") - 1 )) for $n domains"
