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
	run -1 deliv-dnscheck "${LOCAL[@]}" "${CASES[@]}"
	golden "$EXPECTED/dnscheck/cases.tsv"
	same_fields
}

@test "dnscheck: the same records from a local NSD" {
	need_nsd
	run -1 deliv-dnscheck --server "$DC_SERVER" "${CASES[@]}"
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
	run -0 deliv-dnscheck "${LOCAL[@]}" loop.dc.test
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
	run -0 deliv-dnscheck --server "$FAKE" --timeout 0.5 --retries 0 \
	    --ip 192.0.2.10 example.test other.test
	((SECONDS <= 4)) || fail "took $SECONDS s"
	assert_output $'domain\tcheck\tsubject\tstatus\tdetail\tvalue\nexample.test\tdns\texample.test\ttemperror\tDNS does not answer for example.test (timed out): nothing checked\t\nother.test\tdns\tother.test\ttemperror\tDNS does not answer for other.test (timed out): nothing checked\t'
}

@test "dnscheck: a truncated UDP answer is asked again over TCP" {
	fake truncate
	run -1 deliv-dnscheck --server "$FAKE" --only dkim --selector s1 example.test
	assert_line $'example.test\tdkim\ts1\tfail\tnot a valid tag list: "via tcp" is not tag=value\tvia tcp'
}

@test "dnscheck: SERVFAIL is a temperror, not an answer" {
	fake servfail
	run -0 deliv-dnscheck --server "$FAKE" example.test
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
	run -1 deliv-dnscheck --server "$DC_SERVER" -j 8 "${CASES[@]}"
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
	load lib/dnscheck-spf-suite
	run spf_suite zone "$CORPORA/spf/zones/rfc7208"
	assert_output "203 passed, 0 failed, 0 skipped"
}

@test "dnscheck: the RFC 4408 suite through spf-result: 191/191 from zone files" {
	need_corpora
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
