#!/usr/bin/env bats
# lib/auth/spf: check_host() on the OpenSPF suites (zone files and a live
# nsd) and on our own policies; the record linter.

setup() {
	load lib/helpers
	Z=(-z "$FIXTURES/spf/spf.example.zone")
	SUITE=$CORPORA/spf/zones
}

need_nsd() {
	command -v nsd >/dev/null && command -v drill >/dev/null ||
	    skip "nsd or drill not installed"
}

# spf IP SENDER [HELO]: run spf-eval on the fixture zone.
spf() {
	run --separate-stderr spf-eval "${Z[@]}" "$1" "$2" "${3:-mail.example.org}"
	assert_success
}

@test "RFC 7208 suite, zone files: 203 of 203" {
	need_corpora
	# under AddressSanitizer: CI's time
	[[ $BUILD != *asan* ]] || skip "dnscheck.bats runs the RFC 7208 suite through deliv-dnscheck under AddressSanitizer"
	run "$TOP/tests/lib/spf-suite.sh" zone "$SUITE/rfc7208"
	assert_success
	assert_output "203 passed, 0 failed (0 timeout tests skipped)"
}

@test "RFC 4408 suite, zone files: 191 of 191" {
	need_corpora
	# under AddressSanitizer: CI's time
	[[ $BUILD != *asan* ]] || skip "the RFC 7208 suite (the same code, other data) runs under AddressSanitizer"
	run "$TOP/tests/lib/spf-suite.sh" zone "$SUITE/rfc4408"
	assert_success
	assert_output "191 passed, 0 failed (0 timeout tests skipped)"
}

@test "RFC 7208 suite against nsd: the 198 tests that need no timeout" {
	need_corpora
	# under AddressSanitizer: CI's time
	[[ $BUILD != *asan* ]] || skip "dnscheck.bats runs the RFC 7208 suite against nsd under AddressSanitizer"
	need_nsd
	run "$TOP/tests/lib/spf-suite.sh" server "$SUITE/rfc7208"
	assert_success
	assert_output "198 passed, 0 failed (5 timeout tests skipped)"
}

@test "RFC 4408 suite against nsd: 188, txttimeout needs the SPF RR type" {
	need_corpora
	# under AddressSanitizer the RFC 7208 run against nsd (the same code,
	# other data) is enough: CI's time
	[[ $BUILD != *asan* ]] || skip "the RFC 7208 run against nsd covers it under AddressSanitizer"
	need_nsd
	run "$TOP/tests/lib/spf-suite.sh" server "$SUITE/rfc4408"
	assert_failure 1
	assert_line --index 0 --regexp $'^FAIL\t02.zone\ttxttimeout\twant fail,temperror\tgot none\t'
	assert_line --index 1 "188 passed, 1 failed (2 timeout tests skipped)"
}

@test "pass by ip4, by include; fail with the exp= text expanded" {
	spf 192.0.2.9 user@spf.example
	assert_output $'pass\t\tip4:192.0.2.0/24\t\t0\t0'
	spf 198.51.100.7 user@spf.example
	assert_output $'pass\t\tinclude:provider.spf.example\t\t1\t0'
	spf 2001:db8:5::1 user@spf.example
	assert_output $'pass\t\tinclude:provider.spf.example\t\t1\t0'
	spf 203.0.113.5 user@spf.example
	assert_output $'fail\t203.0.113.5 is not one of spf.example\'s designated mail servers.\t-all\t\t1\t0'
}

@test "a softfail inside an include does not match, the outer -all decides" {
	spf 198.51.100.200 user@spf.example
	assert_output --regexp $'^fail\t198.51.100.200 is not one of .*\t-all\t'
}

@test "an empty sender checks postmaster@HELO" {
	spf 192.0.2.25 "" mail.spf.example
	assert_output $'pass\t\ta\t\t1\t0'
	spf 192.0.2.26 "" mail.spf.example
	assert_output $'fail\t\t-all\t\t1\t0'
}

@test "mx with a dual CIDR length, IPv4 and IPv6" {
	spf 203.0.113.31 a@mxnet.spf.example
	assert_output --regexp $'^pass\t\tmx/28//64\t'
	spf 203.0.113.40 a@mxnet.spf.example
	assert_output --regexp $'^fail\t\t-all\t'
	spf 2001:db8:7::ffff a@mxnet.spf.example
	assert_output --regexp $'^pass\t'
	spf 2001:db8:8::1 a@mxnet.spf.example
	assert_output --regexp $'^fail\t'
}

@test "include and redirect loops end in permerror at the 11th lookup" {
	spf 192.0.2.1 a@loop1.spf.example
	assert_output $'permerror\t\t\tinclude:loop2.spf.example: more than 10 DNS-querying terms\t11\t0'
	spf 192.0.2.1 a@redirloop.spf.example
	assert_output --regexp $'^permerror\t.*redirect=redirloop.spf.example: more than 10 DNS-querying terms\t11\t0$'
}

@test "11 includes: permerror only when the evaluation reaches the 11th" {
	spf 10.0.3.1 a@many.spf.example
	assert_output $'pass\t\tinclude:s3.spf.example\t\t3\t0'
	spf 10.0.11.1 a@many.spf.example
	assert_output --regexp $'^permerror\t.*include:s11.spf.example: more than 10 DNS-querying terms\t11\t0$'
}

@test "the third void lookup is a permerror" {
	spf 192.0.2.1 a@voids.spf.example
	assert_output $'permerror\t\t\ta:n3.spf.example: more than 2 void lookups\t3\t3'
}

@test "two v=spf1 records, a syntax error, a missing include: permerror" {
	spf 192.0.2.1 a@two.spf.example
	assert_output $'permerror\t\t\ttwo.spf.example: 2 v=spf1 records\t0\t0'
	spf 192.0.2.1 a@badsyntax.spf.example
	assert_output $'permerror\t\t\tbadsyntax.spf.example: ip4:192.0.2.300: not an IPv4 address\t0\t0'
	spf 192.0.2.1 a@missing.spf.example
	assert_output $'permerror\t\t\tinclude:nowhere.spf.example: the included domain has no SPF record\t1\t0'
}

@test "macros: a per-user exists: lookup" {
	spf 192.0.2.10 jack@macro.spf.example
	assert_output $'pass\t\texists:%{ir}.%{l1r-}.ex.%{d}\t\t1\t0'
	spf 192.0.2.10 jill@macro.spf.example
	assert_output $'fail\t\t-all\t\t1\t1'
}

@test "a timeout inside an include is a temperror; no record is none" {
	spf 192.0.2.1 a@slowinc.spf.example
	assert_output $'temperror\t\t\tslow.spf.example: timed out (zone marker)\t1\t0'
	spf 192.0.2.1 a@nowhere.spf.example
	assert_output $'none\t\t\tnowhere.spf.example: no SPF record (no such domain)\t0\t0'
}

@test "a bad client address is a permerror that says so" {
	spf 192.0.2.999 a@spf.example
	assert_output $'permerror\t\t\t192.0.2.999: not an IP address\t0\t0'
}

@test "the default explanation is expanded when the record has no exp=" {
	run --separate-stderr spf-eval -e '%{i} may not send for %{o}' "${Z[@]}" 192.0.2.26 "" mail.spf.example
	assert_output $'fail\t192.0.2.26 may not send for mail.spf.example\t-all\t\t1\t0'
}

@test "the same answers from nsd as from the zone file" {
	need_nsd
	load lib/nsd
	nsd_up "$BATS_TEST_TMPDIR/nsd" "$FIXTURES/spf/spf.example.zone"
	local a
	for a in "192.0.2.9 user@spf.example" "203.0.113.5 user@spf.example" \
	    "2001:db8:5::1 user@spf.example" "203.0.113.31 a@mxnet.spf.example" \
	    "192.0.2.1 a@loop1.spf.example" "192.0.2.1 a@voids.spf.example" \
	    "10.0.11.1 a@many.spf.example" "192.0.2.10 jack@macro.spf.example" \
	    "192.0.2.1 a@two.spf.example" "192.0.2.1 a@nowhere.spf.example"; do
		set -- $a
		run --separate-stderr spf-eval "${Z[@]}" "$1" "$2" helo.example
		local want=$output
		run --separate-stderr spf-eval -s "127.0.0.1#$NSD_PORT" "$1" "$2" helo.example
		[[ $output == "$want" ]] || { nsd_down "$BATS_TEST_TMPDIR/nsd"; fail "$a: zone '$want', server '$output'"; }
	done
	nsd_down "$BATS_TEST_TMPDIR/nsd"
}

@test "lint: a clean record has no findings" {
	run --separate-stderr spf-lint "${Z[@]}" spf.example
	assert_output $'pass\t1\t0\tv=spf1 ip4:192.0.2.0/24 include:provider.spf.example -all exp=why.spf.example'
}

@test "lint: +all, ?all and ptr" {
	run --separate-stderr spf-lint "${Z[@]}" open.spf.example
	assert_line --index 1 $'fail\tall-pass\topen.spf.example\t+all lets any host on the Internet send as this domain'
	run --separate-stderr spf-lint "${Z[@]}" ptrs.spf.example
	assert_line --index 1 --regexp $'^warn\tptr\tptrs.spf.example\t'
	assert_line --index 2 --regexp $'^warn\tall-neutral\tptrs.spf.example\t'
}

@test "lint: over 10 lookups counted without any client IP" {
	run --separate-stderr spf-lint "${Z[@]}" many.spf.example
	assert_line --index 0 --regexp $'^pass\t11\t0\t'
	assert_line --index 1 --regexp $'^fail\tlookups\tmany.spf.example\t11 DNS-querying terms'
}

@test "lint: loops, missing includes, several records, syntax, length, voids" {
	run --separate-stderr spf-lint "${Z[@]}" loop1.spf.example
	assert_line --index 1 --regexp $'^fail\tloop\t'
	run --separate-stderr spf-lint "${Z[@]}" missing.spf.example
	assert_line --index 1 $'fail\tinclude-none\tnowhere.spf.example\tinclude:nowhere.spf.example: no SPF record: a receiver gets permerror'
	run --separate-stderr spf-lint "${Z[@]}" two.spf.example
	assert_output $'permerror\t0\t0\t\nfail\tmultiple\ttwo.spf.example\t2 v=spf1 records: a receiver gets permerror'
	run --separate-stderr spf-lint "${Z[@]}" badsyntax.spf.example
	assert_line --index 1 $'fail\tsyntax\tbadsyntax.spf.example\tip4:192.0.2.300: not an IPv4 address'
	run --separate-stderr spf-lint "${Z[@]}" long.spf.example
	assert_line --index 1 $'warn\tlong-record\tlong.spf.example\tthe record is 578 bytes, over 450: it may not fit a UDP answer'
	run --separate-stderr spf-lint "${Z[@]}" voids.spf.example
	assert_line --index 1 --regexp $'^warn\tvoid-lookups\tvoids.spf.example\t3 terms'
}

@test "a dead or failing server gives temperror, within the timeout" {
	local port
	dns-fakeserver silent 10 >"$BATS_TEST_TMPDIR/port" 3>&- &
	local pid=$!
	until [[ -s $BATS_TEST_TMPDIR/port ]]; do sleep 0.01; done
	port=$(<"$BATS_TEST_TMPDIR/port")
	SECONDS=0
	run --separate-stderr spf-eval -t 400 -r 1 -s "127.0.0.1#$port" 192.0.2.1 a@spf.example helo.example
	local took=$SECONDS
	kill "$pid"
	wait "$pid" || true
	assert_output $'temperror\t\t\tspf.example: timed out\t0\t0'
	((took <= 2)) || fail "took $took s"
	rm -f "$BATS_TEST_TMPDIR/port"
	dns-fakeserver servfail 10 >"$BATS_TEST_TMPDIR/port" 3>&- &
	pid=$!
	until [[ -s $BATS_TEST_TMPDIR/port ]]; do sleep 0.01; done
	port=$(<"$BATS_TEST_TMPDIR/port")
	run --separate-stderr spf-eval -s "127.0.0.1#$port" 192.0.2.1 a@spf.example helo.example
	kill "$pid"
	wait "$pid" || true
	assert_output $'temperror\t\t\tspf.example: server answered SERVFAIL\t0\t0'
}

@test "lint: terms after all and a redirect beside all are dead" {
	run --separate-stderr spf-lint "${Z[@]}" dead.spf.example
	assert_output $'pass\t0\t0\tv=spf1 -all ip4:192.0.2.7 redirect=spf.example\nwarn\tafter-all\tdead.spf.example\tip4:192.0.2.7 comes after -all and is never evaluated\nwarn\tredirect-ignored\tdead.spf.example\tredirect=spf.example is never used: -all always matches first'
	spf 192.0.2.7 a@dead.spf.example
	assert_output $'fail\t\t-all\t\t0\t0'
}
