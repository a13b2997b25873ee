#!/usr/bin/env bats
# deliv-dnscheck: every check on test zones, through the zone backend and
# through a real local NSD, with the same expected records; hostile DNS
# (CNAME loops, include loops, a huge TXT over TCP, a server that never
# answers); options, exit status, threads.

setup_file() {
	load lib/dnscheck-serve
	dc_nsd_up "$BATS_FILE_TMPDIR/nsd"
}

teardown_file() {
	load lib/dnscheck-serve
	dc_nsd_down "$BATS_FILE_TMPDIR/nsd"
}

setup() {
	load lib/helpers
	load lib/dnscheck-serve
	dc_zones
	D=$FIXTURES/dnscheck
	LOCAL=(--zone "$D/dc.test.zone" --zone "$D/2.0.192.in-addr.arpa.zone"
	    --zone "$D/8.b.d.0.1.0.0.2.ip6.arpa.zone")
	CASES=(--ip 192.0.2.10 --ip 192.0.2.11 --ip 2001:db8::80
	    --helo mail.good.dc.test --selector s1 --selector old --skip dnsbl
	    good.dc.test weak.dc.test nullmx.dc.test implicit.dc.test
	    nomail.dc.test sub.org.dc.test loop.dc.test spfloop.dc.test
	    huge.dc.test nonexist.dc.test)
}

@test "dnscheck: every case through the zone backend" {
	run -2 deliv-dnscheck "${LOCAL[@]}" "${CASES[@]}"
	golden "$EXPECTED/dnscheck/cases.tsv"
	same_fields
}

@test "dnscheck: the same records from a local NSD" {
	need_nsd
	run -2 deliv-dnscheck --server "$DC_SERVER" "${CASES[@]}"
	golden "$EXPECTED/dnscheck/cases.tsv"
}

@test "dnscheck: a good domain passes and exits 0" {
	run -0 deliv-dnscheck "${LOCAL[@]}" --ip 192.0.2.10 \
	    --helo mail.good.dc.test --selector s1 --skip dnsbl good.dc.test
	refute_output --partial $'\tfail\t'
	assert_output --partial $'good.dc.test\tspf-result\t192.0.2.10\tpass\t'
	assert_output --partial $'good.dc.test\tdkim\ts1\tpass\tRSA 2048-bit key\t'
	assert_output --partial $'good.dc.test\tmta-sts\tgood.dc.test\tpass\t'
}

@test "dnscheck: MX problems: IP literal, CNAME, unresolvable, null MX, implicit MX" {
	run -1 deliv-dnscheck "${LOCAL[@]}" --only mx weak.dc.test \
	    nullmx.dc.test implicit.dc.test nomail.dc.test
	assert_line --partial $'weak.dc.test\tmx\t192.0.2.1\tfail\tMX target is an IP address'
	assert_line --partial $'weak.dc.test\tmx\talias.weak.dc.test\twarn\tMX target is a CNAME'
	assert_line --partial $'weak.dc.test\tmx\tgone.weak.dc.test\tfail\tMX target does not resolve'
	assert_line --partial $'weak.dc.test\tmx\tweak.dc.test\tinfo\t2 MX hosts share preference 20'
	assert_line --partial $'nullmx.dc.test\tmx\tnullmx.dc.test\tinfo\tnull MX (RFC 7505)'
	assert_line --partial $'implicit.dc.test\tmx\timplicit.dc.test\twarn\tno MX: mail goes to the domain\'s own address'
	assert_line --partial $'nomail.dc.test\tmx\tnomail.dc.test\tfail\tno MX and no address'
}

@test "dnscheck: PTR: forward-confirmed, generic, HELO mismatch, IPv6" {
	run -1 deliv-dnscheck "${LOCAL[@]}" --only ptr --helo mail.good.dc.test \
	    --ip 192.0.2.10 --ip 192.0.2.11 --ip 192.0.2.99 --ip 2001:db8::80 good.dc.test
	assert_line $'good.dc.test\tptr\t192.0.2.10\tpass\tforward-confirmed: mail.good.dc.test resolves back to 192.0.2.10\tmail.good.dc.test'
	assert_line --partial $'good.dc.test\tptr\t192.0.2.11\tfail\tnot forward-confirmed'
	assert_line --partial $'good.dc.test\tptr\t192.0.2.11\twarn\tdyn-192-0-2-11.pool.dc.test looks generic or dynamic (the address is in the name)'
	assert_line --partial $'good.dc.test\tptr\t192.0.2.11\twarn\tthe HELO name mail.good.dc.test does not match'
	assert_line --partial $'good.dc.test\tptr\t192.0.2.99\tfail\tno PTR record at 99.2.0.192.in-addr.arpa.'
	assert_line --partial $'good.dc.test\tptr\t2001:db8::80\tpass\tforward-confirmed: good.dc.test'
}

@test "dnscheck: SPF: two records, +all in an include, ptr, include loop, exp-less fail" {
	run -1 deliv-dnscheck "${LOCAL[@]}" --only spf --ip 192.0.2.10 \
	    nomail.dc.test weak.dc.test spfloop.dc.test nullmx.dc.test
	assert_line $'nomail.dc.test\tspf-result\t192.0.2.10\tfail\tnomail.dc.test: 2 v=spf1 records\tpermerror'
	assert_line --partial $'weak.dc.test\tspf\t_spf.weak.dc.test\tfail\t+all'
	assert_line --partial $'weak.dc.test\tspf\tweak.dc.test\twarn\tptr:'
	assert_line --partial $'spfloop.dc.test\tspf\tspfloop.dc.test\tfail\tinclude:spfloop.dc.test comes back'
	assert_line --partial $'spfloop.dc.test\tspf-result\t192.0.2.10\tfail\t'
	assert_line $'nullmx.dc.test\tspf-result\t192.0.2.10\tfail\t-all for nullmx.dc.test: the IP is not authorized\tfail'
}

@test "dnscheck: --sender and --helo pick the SPF identity" {
	run -0 deliv-dnscheck "${LOCAL[@]}" --only spf --ip 192.0.2.10 \
	    --sender bounce@good.dc.test nullmx.dc.test
	assert_line --partial $'nullmx.dc.test\tspf-result\t192.0.2.10\tpass\tip4:192.0.2.0/28 for good.dc.test'
	run -1 deliv-dnscheck "${LOCAL[@]}" --only spf --ip 192.0.2.10 \
	    --sender '' --helo nullmx.dc.test good.dc.test
	assert_line --partial $'good.dc.test\tspf-result\t192.0.2.10\tfail\t-all for nullmx.dc.test'
}

@test "dnscheck: hostile DNS: a CNAME loop is a temperror, a huge TXT is read" {
	run -2 deliv-dnscheck "${LOCAL[@]}" loop.dc.test
	assert_output $'domain\tcheck\tsubject\tstatus\tdetail\tvalue\nloop.dc.test\tdns\tloop.dc.test\ttemperror\tDNS does not answer for loop.dc.test (CNAME loop): nothing checked\t'
	run -0 deliv-dnscheck "${LOCAL[@]}" --only spf --ip 192.0.2.10 huge.dc.test
	assert_line $'huge.dc.test\tspf-result\t192.0.2.10\tpass\tip4:192.0.2.10 for huge.dc.test: the IP may send\tpass'
}

@test "dnscheck: a huge TXT answer comes over TCP from NSD (UDP truncated)" {
	need_nsd
	run -0 deliv-dnscheck --server "$DC_SERVER" --only spf --ip 192.0.2.10 huge.dc.test
	assert_line $'huge.dc.test\tspf-result\t192.0.2.10\tpass\tip4:192.0.2.10 for huge.dc.test: the IP may send\tpass'
}

teardown() {
	[[ -z ${FAKE_PID-} ]] || { kill "$FAKE_PID" 2>/dev/null; wait "$FAKE_PID" 2>/dev/null || true; }
}

# fake MODE: a misbehaving server (tests/drivers/dns-fakeserver); FAKE is
# its address.
fake() {
	local i=0
	rm -f "$BATS_TEST_TMPDIR/port"
	dns-fakeserver "$1" 20 >"$BATS_TEST_TMPDIR/port" 3>&- &
	FAKE_PID=$!
	until [[ -s $BATS_TEST_TMPDIR/port ]]; do
		((i++ < 200)) || fail "dns-fakeserver did not start"
		sleep 0.01
	done
	FAKE=127.0.0.1#$(<"$BATS_TEST_TMPDIR/port")
}

@test "dnscheck: a server that never answers gives temperror within the timeout" {
	fake silent
	SECONDS=0
	# 3 questions a domain (SOA, A, the SPF TXT), 0.5 s each
	run -2 deliv-dnscheck --server "$FAKE" --timeout 0.5 --retries 0 \
	    --skip dnsbl --ip 192.0.2.10 example.test other.test
	((SECONDS <= 5)) || fail "took $SECONDS s"
	assert_output $'domain\tcheck\tsubject\tstatus\tdetail\tvalue\nexample.test\tdns\texample.test\ttemperror\tDNS does not answer for example.test (timed out): nothing checked\t\nexample.test\tspf-result\t192.0.2.10\ttemperror\texample.test: timed out\ttemperror\nother.test\tdns\tother.test\ttemperror\tDNS does not answer for other.test (timed out): nothing checked\t\nother.test\tspf-result\t192.0.2.10\ttemperror\tother.test: timed out\ttemperror'
}

@test "dnscheck: a truncated UDP answer is asked again over TCP" {
	fake truncate
	run -1 deliv-dnscheck --server "$FAKE" --only dkim --selector s1 example.test
	assert_line $'example.test\tdkim\ts1\tfail\tnot a valid tag list: "via tcp" is not tag=value\tvia tcp'
}

@test "dnscheck: SERVFAIL is a temperror, not an answer" {
	fake servfail
	run -2 deliv-dnscheck --server "$FAKE" example.test
	assert_line --partial $'example.test\tdns\texample.test\ttemperror\tDNS does not answer for example.test ('
	fake silent
}

@test "dnscheck: the domain that does not exist" {
	run -1 deliv-dnscheck "${LOCAL[@]}" nonexist.dc.test
	assert_line $'nonexist.dc.test\tdns\tnonexist.dc.test\tfail\tthe domain does not exist (NXDOMAIN)\t'
}

@test "dnscheck: domains from stdin, comments and blanks skipped, order kept with -j" {
	printf '# customers\ngood.dc.test\n\nweak.dc.test  extra words\nnullmx.dc.test\n' >"$BATS_TEST_TMPDIR/in"
	run -1 deliv-dnscheck "${LOCAL[@]}" --only mx --no-header <"$BATS_TEST_TMPDIR/in"
	assert_equal "$(cols -t dnscheck domain | uniq | tr '\n' ' ')" "good.dc.test weak.dc.test nullmx.dc.test "
	local one=$output
	for _ in 1 2 3; do
		printf 'good.dc.test\nweak.dc.test\nnullmx.dc.test\n'
	done >"$BATS_TEST_TMPDIR/in9"
	run -1 deliv-dnscheck "${LOCAL[@]}" --only mx,a,spf,dmarc --no-header <"$BATS_TEST_TMPDIR/in9"
	local serial=$output
	run -1 deliv-dnscheck "${LOCAL[@]}" -j 4 --only mx,a,spf,dmarc --no-header <"$BATS_TEST_TMPDIR/in9"
	assert_equal "$output" "$serial"
}

@test "dnscheck: -j 8 against NSD gives the serial output" {
	need_nsd
	local serial
	serial=$(deliv-dnscheck --server "$DC_SERVER" "${CASES[@]}" || true)
	run -2 deliv-dnscheck --server "$DC_SERVER" -j 8 "${CASES[@]}"
	assert_equal "$output" "$serial"
}

@test "dnscheck: --only and --skip select checks; a bad name is a usage error" {
	run -0 deliv-dnscheck "${LOCAL[@]}" --only mta-sts,tls-rpt --no-header good.dc.test
	assert_equal "$(cols -t dnscheck check | tr '\n' ' ')" "mta-sts mta-sts tls-rpt "
	run -0 deliv-dnscheck "${LOCAL[@]}" --skip a,mx,ptr,spf,dkim,dmarc,mta-sts,dnsbl,dnssec,dane,bimi --no-header weak.dc.test
	assert_equal "$(cols -t dnscheck check | tr '\n' ' ')" "tls-rpt "
	run --separate-stderr -2 deliv-dnscheck "${LOCAL[@]}" --only mx,bogus good.dc.test
	assert_equal "$stderr" "deliv-dnscheck: --only: bogus: no such check (a, mx, ptr, spf, dkim, dmarc, mta-sts, tls-rpt, dnsbl, dnssec, dane, bimi)"
	assert_equal "$output" ""
}

@test "dnscheck: bad option values exit 2" {
	run --separate-stderr -2 deliv-dnscheck --ip 300.1.2.3 x.test
	assert_equal "$stderr" "deliv-dnscheck: --ip: not an IP address: 300.1.2.3"
	run --separate-stderr -2 deliv-dnscheck --timeout 0 x.test
	run --separate-stderr -2 deliv-dnscheck -j 0 x.test
	run --separate-stderr -2 deliv-dnscheck --zone "$D/dc.test.zone" --server 127.0.0.1 x.test
	run --separate-stderr -2 deliv-dnscheck --lists "$BATS_TEST_TMPDIR/none" x.test
	[[ $stderr == "deliv-dnscheck: $BATS_TEST_TMPDIR/none: No such file or directory" ]]
}

@test "dnscheck: an invalid domain name is a record, not a crash" {
	run -1 deliv-dnscheck "${LOCAL[@]}" 'bad name' 'a..b' "$(printf 'x%.0s' {1..70}).test"
	assert_equal "${#lines[@]}" 4
	assert_line $'bad name\tdns\tbad name\tfail\tnot a valid domain name\t'
	assert_line $'a..b\tdns\ta..b\tfail\tnot a valid domain name\t'
}

@test "dnscheck: JSON and TSV agree on the hostile cases" {
	diff <(deliv-dnscheck "${LOCAL[@]}" --no-header "${CASES[@]}") \
	    <(deliv-dnscheck "${LOCAL[@]}" --json "${CASES[@]}" | jq -r '[.[]]|@tsv')
}

@test "dnscheck: the OpenSPF RFC 7208 suite through spf-result: 203/203 from zone files" {
	need_corpora
	# under AddressSanitizer the run auditing the identity's own domain
	# (the same zones and code, another audited name) is enough: CI's time
	[[ $BUILD != *asan* ]] || skip "the RFC 7208 run auditing the own domain covers it under AddressSanitizer"
	load lib/dnscheck-spf-suite
	run spf_suite zone "$CORPORA/spf/zones/rfc7208"
	assert_output "203 passed, 0 failed, 0 skipped"
}

@test "dnscheck: the RFC 7208 suite auditing the identity's own domain: 203/203" {
	need_corpora
	load lib/dnscheck-spf-suite
	run spf_suite own "$CORPORA/spf/zones/rfc7208"
	assert_output "203 passed, 0 failed, 0 skipped"
}

@test "dnscheck: an invalid or silent domain still gets its spf-result" {
	local z=$CORPORA/spf/zones/rfc7208
	need_corpora
	run -2 deliv-dnscheck --zone "$z/02.zone" --only spf --no-header \
	    --ip 1.2.3.4 --sender foo@txttimeout.example.net txttimeout.example.net
	assert_line --index 1 --regexp $'^txttimeout.example.net\tspf-result\t1.2.3.4\ttemperror\t.*\ttemperror$'
	run -1 deliv-dnscheck --zone "$z/01.zone" --only spf --no-header \
	    --ip 1.2.3.4 --sender foo@a..b a..b
	assert_line --index 1 --regexp $'^a..b\tspf-result\t1.2.3.4\twarn\t.*\tnone$'
}

@test "dnscheck: the RFC 4408 suite through spf-result: 191/191 from zone files" {
	need_corpora
	# under AddressSanitizer the RFC 7208 runs (the same code, other
	# data) are enough: CI's time
	[[ $BUILD != *asan* ]] || skip "the RFC 7208 runs cover it under AddressSanitizer"
	load lib/dnscheck-spf-suite
	run spf_suite zone "$CORPORA/spf/zones/rfc4408"
	assert_output "191 passed, 0 failed, 0 skipped"
}

@test "dnscheck: the RFC 7208 suite from NSD: all 198 that need no timeout" {
	need_corpora
	command -v nsd >/dev/null || skip "nsd is not installed"
	load lib/nsd
	load lib/dnscheck-spf-suite
	run spf_suite server "$CORPORA/spf/zones/rfc7208"
	assert_output "198 passed, 0 failed, 5 skipped"
}

@test "dnscheck: the RFC 4408 suite from NSD: 188, txttimeout is none (NODATA, no timeout)" {
	need_corpora
	# under AddressSanitizer the RFC 7208 run against nsd (the same code,
	# other data) is enough: CI's time
	[[ $BUILD != *asan* ]] || skip "the RFC 7208 run against nsd covers it under AddressSanitizer"
	command -v nsd >/dev/null || skip "nsd is not installed"
	load lib/nsd
	load lib/dnscheck-spf-suite
	run spf_suite server "$CORPORA/spf/zones/rfc4408"
	assert_output $'FAIL\t02.zone\ttxttimeout\twant fail,temperror\tgot none\ttxttimeout.example.net: no SPF record (no TXT record)\n188 passed, 1 failed, 2 skipped'
}

@test "dnscheck: number options go through cli_num: exact range errors, exit 2" {
	run --separate-stderr -2 deliv-dnscheck --timeout 0 x.test
	assert_equal "$stderr" "deliv-dnscheck: --timeout: not a number between 0.001 and 300: 0"
	assert_equal "$output" ""
	run --separate-stderr -2 deliv-dnscheck --timeout 2s x.test
	assert_equal "$stderr" "deliv-dnscheck: --timeout: not a number between 0.001 and 300: 2s"
	run --separate-stderr -2 deliv-dnscheck -j 0 x.test
	assert_equal "$stderr" "deliv-dnscheck: --jobs: not a number between 1 and 256: 0"
	run --separate-stderr -2 deliv-dnscheck --jobs 1.5 x.test
	assert_equal "$stderr" "deliv-dnscheck: --jobs: not a number between 1 and 256: 1.5"
	run --separate-stderr -2 deliv-dnscheck --retries 11 x.test
	assert_equal "$stderr" "deliv-dnscheck: --retries: not a number between 0 and 10: 11"
	run --separate-stderr -2 deliv-dnscheck --retries -1 x.test
	assert_equal "$stderr" "deliv-dnscheck: --retries: not a number between 0 and 10: -1"
	run --separate-stderr -2 deliv-dnscheck --now 2026-13-01 x.test
	assert_equal "$stderr" "deliv-dnscheck: --now: not a time: 2026-13-01"
}

@test "dnscheck: exit status: 0 pass or warn, 1 a fail, 2 could not check" {
	run -0 deliv-dnscheck "${LOCAL[@]}" --only mx implicit.dc.test
	assert_line --partial $'\twarn\t'
	run -1 deliv-dnscheck "${LOCAL[@]}" --only mx weak.dc.test
	run -2 deliv-dnscheck "${LOCAL[@]}" --only mx loop.dc.test weak.dc.test
	run -0 deliv-dnscheck "${LOCAL[@]}" --only spf not-mine.example
	assert_output $'domain\tcheck\tsubject\tstatus\tdetail\tvalue\nnot-mine.example\tdns\tnot-mine.example\tinfo\tnot in the zone files: nothing checked (--live asks DNS for it)\t'
}

@test "dnscheck: --min-status writes only what matters; exit status unchanged" {
	run -1 deliv-dnscheck "${LOCAL[@]}" --only mx --no-header --min-status fail weak.dc.test
	assert_output $'weak.dc.test\tmx\t192.0.2.1\tfail\tMX target is an IP address: it must be a host name (RFC 5321 5.1)\t\nweak.dc.test\tmx\tgone.weak.dc.test\tfail\tMX target does not resolve (no such name)\t'
	run -1 deliv-dnscheck "${LOCAL[@]}" --only mx --no-header --min-status warn weak.dc.test
	refute_output --partial $'\tinfo\t'
	refute_output --partial $'\tpass\t'
	assert_line --partial $'\twarn\tMX target is a CNAME'
	run -2 deliv-dnscheck --min-status bad x.test
	assert_output "deliv-dnscheck: --min-status: not pass, warn or fail: bad"
}

@test "dnscheck: on a terminal, one summary line per domain on stderr" {
	local out=$BATS_TEST_TMPDIR/out
	script -qec "deliv-dnscheck ${LOCAL[*]} --only mx good.dc.test weak.dc.test 2>&1 >$out" /dev/null >"$BATS_TEST_TMPDIR/tty" || true
	run tr -d '\r' <"$BATS_TEST_TMPDIR/tty"
	assert_output $'good.dc.test: pass (3 pass, 0 warn, 0 fail, 0 temperror, 0 info)\nweak.dc.test: fail (1 pass, 1 warn, 2 fail, 0 temperror, 1 info)'
	run --separate-stderr -0 deliv-dnscheck "${LOCAL[@]}" --only mx good.dc.test
	assert_equal "$stderr" ""
}

@test "dnscheck: the SPF row has its worst finding's status; the lookup count and limit are one row" {
	run -1 deliv-dnscheck "${LOCAL[@]}" --only spf --no-header weak.dc.test
	assert_line --index 0 $'weak.dc.test\tspf\tweak.dc.test\tfail\tone v=spf1 record; 2 DNS-querying terms in its tree (limit 10)\tv=spf1 include:_spf.weak.dc.test ptr ~all'
	need_corpora
	run -1 deliv-dnscheck --zone "$CORPORA/spf/zones/rfc7208/15.zone" --only spf --no-header e9.example.com
	assert_output $'e9.example.com\tspf\te9.example.com\tfail\tone v=spf1 record; 11 DNS-querying terms in its tree (limit 10): receivers that reach the 11th give permerror\tv=spf1 a include:inc.example.com a ip4:1.2.3.4 -all'
}

@test "dnscheck: --explain spf shows the include/redirect tree, indented, with lookups per node" {
	need_corpora
	run -1 deliv-dnscheck --zone "$CORPORA/spf/zones/rfc7208/15.zone" --only spf --no-header --explain spf e9.example.com
	assert_line $'e9.example.com\tspf-tree\te9.example.com\tinfo\te9.example.com: 3 lookups here, 11 with its tree, 0 void\tv=spf1 a include:inc.example.com a ip4:1.2.3.4 -all'
	assert_line $'e9.example.com\tspf-tree\tinc.example.com\tinfo\t  include:inc.example.com: 8 lookups here, 8 with its tree, 0 void\tv=spf1 a a a a a a a a'
	run -1 deliv-dnscheck "${LOCAL[@]}" --only spf --no-header --explain spf spfloop.dc.test
	assert_line $'spfloop.dc.test\tspf-tree\tspfloop.dc.test\tinfo\t    include:spfloop.dc.test: 0 lookups here, 0 with its tree, 0 void: permerror\t'
	run -1 deliv-dnscheck "${LOCAL[@]}" --only spf --table --color never spfloop.dc.test
	assert_output --partial 'include:spfloop2.dc.test: 1 lookup here'
	run -2 deliv-dnscheck --explain dkim x.test
	assert_output "deliv-dnscheck: --explain: only spf has an explanation: dkim"
}

@test "dnscheck: zone files read strictly: line numbers, quotes, NUL, garbage, size, not a file" {
	local t=$BATS_TEST_TMPDIR
	printf '$ORIGIN x.test.\n@ IN SOA ns h 1 2 3 4 5\n\nfoo IN A 1.2.3.999\n' >"$t/line.zone"
	run -2 deliv-dnscheck --zone "$t/line.zone" x.test
	assert_output "deliv-dnscheck: $t/line.zone:4: Syntax error, could not parse the RR's rdata"
	printf '$ORIGIN x.test.\n@ IN SOA ns h 1 2 3 4 5\nfoo IN TXT "abc\n' >"$t/quote.zone"
	run -2 deliv-dnscheck --zone "$t/quote.zone" x.test
	assert_output "deliv-dnscheck: $t/quote.zone:3: a quote that is never closed"
	printf '$ORIGIN x.test.\n@ IN SOA ns h 1 2 3 4 5\nfoo IN TXT "a\0b"\n' >"$t/nul.zone"
	run -2 deliv-dnscheck --zone "$t/nul.zone" x.test
	assert_output "deliv-dnscheck: $t/nul.zone:3: a NUL byte: not a zone file"
	head -c 4096 /dev/zero >"$t/zero.zone"
	run -2 deliv-dnscheck --zone "$t/zero.zone" x.test
	assert_output "deliv-dnscheck: $t/zero.zone:1: a NUL byte: not a zone file"
	printf 'hello world\nthis is no zone\n' >"$t/text.zone"
	run -2 deliv-dnscheck --zone "$t/text.zone" x.test
	assert_output "deliv-dnscheck: $t/text.zone:1: Syntax error, could not parse the RR's type"
	: >"$t/empty.zone"
	run -2 deliv-dnscheck --zone "$t/empty.zone" x.test
	assert_output "deliv-dnscheck: $t/empty.zone: empty: not a zone file"
	printf '; only a comment\n' >"$t/comment.zone"
	run -2 deliv-dnscheck --zone "$t/comment.zone" x.test
	assert_output "deliv-dnscheck: $t/comment.zone: no records: not a zone file"
	run -2 deliv-dnscheck --zone /dev/zero x.test
	assert_output "deliv-dnscheck: /dev/zero: not a regular file"
	truncate -s 65M "$t/big.zone"
	run -2 deliv-dnscheck --zone "$t/big.zone" x.test
	assert_output "deliv-dnscheck: $t/big.zone: larger than 64 MB: not read"
	printf '$ORIGIN x.test.\n@ IN SOA ns h 1 2 3 4 5\nfoo IN TXT "a\\"b;c" ; "x\n' >"$t/ok.zone"
	run -0 deliv-dnscheck --zone "$t/ok.zone" --only a x.test
}

@test "dnscheck: --zone with --live: the zones' names from the files, the rest from DNS" {
	local z=$BATS_TEST_TMPDIR/mine.test.zone
	printf '$ORIGIN mine.test.\n@ IN SOA ns h 1 2 3 4 5\n@ IN TXT "v=spf1 include:good.dc.test -all"\n' >"$z"
	# without --live: unknown (info, exit 0), never NXDOMAIN nor a pass
	run -0 deliv-dnscheck --zone "$z" --only spf --no-header --ip 192.0.2.10 mine.test
	assert_output $'mine.test\tspf\tmine.test\tinfo\tone v=spf1 record; 1 DNS-querying terms in its tree (limit 10)\tv=spf1 include:good.dc.test -all\nmine.test\tspf\tgood.dc.test\tinfo\tinclude:good.dc.test: not in the zone files\ttemperror\nmine.test\tspf-result\t192.0.2.10\tinfo\tgood.dc.test: not in the zone files\ttemperror'
	run -2 deliv-dnscheck --live mine.test
	assert_output "deliv-dnscheck: --live needs --zone"
	run -2 deliv-dnscheck --zone "$z" --server 127.0.0.1 mine.test
	assert_output "deliv-dnscheck: --zone and --server go together only with --live"
	need_nsd
	run -0 deliv-dnscheck --zone "$z" --live --server "$DC_SERVER" --only spf --no-header --ip 192.0.2.10 mine.test
	assert_output $'mine.test\tspf\tmine.test\tpass\tone v=spf1 record; 1 DNS-querying terms in its tree (limit 10)\tv=spf1 include:good.dc.test -all\nmine.test\tspf-result\t192.0.2.10\tpass\tinclude:good.dc.test for mine.test: the IP may send\tpass'
}

@test "dnscheck: a resolver's flood of PTR names is capped and said so" {
	fake ptrflood
	run -0 deliv-dnscheck --server "$FAKE" --timeout 1 --retries 0 --only ptr --no-header --ip 192.0.2.1 example.test
	assert_line --index 0 $'example.test\tptr\t192.0.2.1\twarn\t3000 PTR records at 1.2.0.192.in-addr.arpa.: only the first 10 checked (one is best)\t'
	assert_equal "${#lines[@]}" 11
}

@test "dnscheck: a stray datagram does not end the wait; another port is not believed" {
	fake strayid
	run -1 deliv-dnscheck --server "$FAKE" --timeout 2 --retries 0 --only dkim --selector s1 --no-header example.test
	assert_output $'example.test\tdkim\ts1\tfail\tnot a valid tag list: "via udp" is not tag=value\tvia udp'
	teardown
	fake otherport
	run -2 deliv-dnscheck --server "$FAKE" --timeout 0.3 --retries 0 --only dkim --selector s1 --no-header example.test
	assert_output --partial $'\ttemperror\tDNS does not answer for example.test (timed out)'
}

@test "dnscheck: no question is asked twice in a run (a cache)" {
	export DNS_FAKE_LOG=$BATS_TEST_TMPDIR/log
	fake ok
	run deliv-dnscheck --server "$FAKE" --timeout 1 --retries 0 --skip dnsbl --ip 192.0.2.1 example.test example.test
	run sort "$DNS_FAKE_LOG"
	assert_output "$(sort -u "$DNS_FAKE_LOG")"
	run grep -c '^example.test. 16$' "$DNS_FAKE_LOG"
	assert_output 1
}
