#!/usr/bin/env bats
# lib/net/dns: the zone backend and the resolver (against nsd and against a
# misbehaving fake server) give the same answers.

setup_file() {
	load lib/nsd
	if command -v nsd >/dev/null && command -v drill >/dev/null; then
		export NSD_RUN=$BATS_FILE_TMPDIR/nsd
		nsd_up "$NSD_RUN" "$BATS_TEST_DIRNAME/fixtures/dns/test.example.zone" \
		    "$BATS_TEST_DIRNAME/fixtures/dns/other.example.zone"
	fi
}

teardown_file() {
	load lib/nsd
	[[ -z ${NSD_RUN-} ]] || nsd_down "$NSD_RUN"
}

setup() {
	load lib/helpers
	Z=(-z "$FIXTURES/dns/test.example.zone" -z "$FIXTURES/dns/other.example.zone")
}

teardown() {
	[[ -z ${FAKE_PID-} ]] || { kill "$FAKE_PID" 2>/dev/null; wait "$FAKE_PID" 2>/dev/null || true; }
	FAKE_PID=
}

need_nsd() {
	[[ -n ${NSD_PORT-} ]] || skip "nsd or drill not installed"
}

# fake MODE: start dns-fakeserver MODE, set FAKE to its address.
fake() {
	rm -f "$BATS_TEST_TMPDIR/port"
	dns-fakeserver "$1" 20 >"$BATS_TEST_TMPDIR/port" 3>&- &
	FAKE_PID=$!
	local i=0
	until [[ -s $BATS_TEST_TMPDIR/port ]]; do
		((i++ < 200)) || fail "dns-fakeserver did not start"
		sleep 0.01
	done
	FAKE=127.0.0.1#$(<"$BATS_TEST_TMPDIR/port")
}

@test "zone: A records of a name" {
	run --separate-stderr dns-query "${Z[@]}" host.test.example A
	assert_success
	assert_output $'answer\nhost.test.example.\t300\tIN\tA\t192.0.2.10\nhost.test.example.\t300\tIN\tA\t192.0.2.11'
}

@test "zone: NODATA for a missing type, NXDOMAIN for a missing name" {
	run --separate-stderr dns-query "${Z[@]}" host.test.example TXT
	assert_output nodata
	run --separate-stderr dns-query "${Z[@]}" nothere.test.example TXT
	assert_output nxdomain
}

@test "zone: an empty non-terminal is NODATA, not NXDOMAIN" {
	run --separate-stderr dns-query "${Z[@]}" y.test.example A
	assert_output nodata
	run --separate-stderr dns-query "${Z[@]}" x.y.test.example A
	assert_line --index 1 --partial 192.0.2.20
}

@test "zone: a wildcard answers below it, with the asked name as owner" {
	run --separate-stderr dns-query "${Z[@]}" a.b.wild.test.example A
	assert_output $'answer\na.b.wild.test.example.\t300\tIN\tA\t192.0.2.30'
	run --separate-stderr dns-query "${Z[@]}" any.wild.test.example TXT
	assert_output $'answer\n17\tfrom the wildcard'
}

@test "zone: a wildcard does not cover an existing name or its own parent" {
	run --separate-stderr dns-query "${Z[@]}" real.wild.test.example A
	assert_output nodata
	run --separate-stderr dns-query "${Z[@]}" wild.test.example TXT
	assert_output nodata
}

@test "zone: CNAME chains are followed, also into another zone" {
	run --separate-stderr dns-query "${Z[@]}" chain1.test.example A
	assert_output $'answer\nhost.test.example.\t300\tIN\tA\t192.0.2.10\nhost.test.example.\t300\tIN\tA\t192.0.2.11'
	run --separate-stderr dns-query "${Z[@]}" away.test.example A
	assert_output $'answer\nwww.other.example.\t300\tIN\tA\t198.51.100.1'
	run --separate-stderr dns-query "${Z[@]}" dangling.test.example A
	assert_output nxdomain
	run --separate-stderr dns-query "${Z[@]}" alias.test.example CNAME
	assert_line --index 1 --partial $'CNAME\thost.test.example.'
}

@test "zone: a CNAME loop is a temperror, not a hang" {
	run --separate-stderr dns-query "${Z[@]}" loop1.test.example A
	assert_output $'temperror\nreason\tloop1.test.example: CNAME loop'
	run --separate-stderr dns-query "${Z[@]}" self.test.example TXT
	assert_output $'temperror\nreason\tself.test.example: CNAME loop'
}

@test "zone: the private-use type marks a timeout for types not there" {
	run --separate-stderr dns-query "${Z[@]}" slow.test.example TXT
	assert_output $'temperror\nreason\tslow.test.example: timed out (zone marker)'
	run --separate-stderr dns-query "${Z[@]}" slow.test.example A
	assert_line --index 1 --partial 192.0.2.40
}

@test "zone: TXT strings are joined; a 2000-byte TXT comes whole" {
	run --separate-stderr dns-query "${Z[@]}" split.test.example TXT
	assert_output $'answer\n28\tv=spf1 ip4:192.0.2.0/24 -all'
	run --separate-stderr dns-query "${Z[@]}" huge.test.example TXT
	assert_line --index 1 --regexp '^2000	ip4:192\.0\.2\.0x+ip4:192\.0\.2\.1x'
}

@test "zone: a name outside every zone is not known (temperror), an invalid one does not exist" {
	run --separate-stderr dns-query "${Z[@]}" www.elsewhere.example A
	assert_output $'temperror\nreason\twww.elsewhere.example: not in the zone files'
	run --separate-stderr dns-query "${Z[@]}" a..test.example A
	assert_output nxdomain
}

@test "zone: the origin comes from the SOA; a bad file names file:line" {
	run dns-query -z "$FIXTURES/dns/bad.zone" www.bad.example A
	assert_failure 2
	assert_output --regexp "bad\.zone:[0-9]+: .*"
	run dns-query -z "$BATS_TEST_TMPDIR/none.zone" www.bad.example A
	assert_failure 2
	assert_output --partial "none.zone: No such file or directory"
}

@test "server: nsd gives the same answers as the zone files" {
	need_nsd
	local q
	for q in "host A" "host AAAA" "host TXT" "nothere TXT" "y A" "x.y A" \
	    "a.b.wild A" "any.wild TXT" "real.wild A" "wild TXT" "chain1 A" \
	    "away A" "dangling A" "alias CNAME" "loop1 A" "self TXT" \
	    "split TXT" "huge TXT" "slow A"; do
		set -- $q
		run --separate-stderr dns-query "${Z[@]}" "$1.test.example" "$2"
		local want=$output
		run --separate-stderr dns-query -s "127.0.0.1#$NSD_PORT" "$1.test.example" "$2"
		[[ $output == "$want" ]] || fail "$q: zone said '$want', server said '$output'"
	done
}

@test "server: over IPv6 loopback too" {
	need_nsd
	run --separate-stderr dns-query -s "::1#$NSD_PORT" host.test.example AAAA
	assert_output $'answer\nhost.test.example.\t300\tIN\tAAAA\t2001:db8::10'
}

@test "server: a truncated UDP answer is asked again over TCP" {
	need_nsd
	run drill -p "$NSD_PORT" @127.0.0.1 huge.test.example TXT
	assert_output --regexp 'flags: qr aa tc'
	run --separate-stderr dns-query -s "127.0.0.1#$NSD_PORT" huge.test.example TXT
	assert_line --index 0 answer
	assert_line --index 1 --regexp '^2000	'
}

@test "fake: truncation then TCP" {
	fake truncate
	run --separate-stderr dns-query -s "$FAKE" spf.example TXT
	assert_output $'answer\n7\tvia tcp'
}

@test "fake: a server that never answers is a temperror within the timeout" {
	fake silent
	run --separate-stderr dns-query -t 300 -r 1 -s "$FAKE" spf.example TXT
	assert_output --regexp $'^temperror\nreason\tspf.example: timed out$'
	local ms=${stderr##*, }
	ms=${ms% ms}
	((ms >= 550 && ms < 1500)) || fail "took $ms ms for 2 tries of 300 ms"
	run --separate-stderr dns-query -t 300 -r 0 -s "$FAKE" spf.example TXT
	assert_line --index 0 temperror
	ms=${stderr##*, }
	ms=${ms% ms}
	((ms >= 250 && ms < 900)) || fail "took $ms ms for 1 try of 300 ms"
}

@test "fake: SERVFAIL is a temperror" {
	fake servfail
	run --separate-stderr dns-query -s "$FAKE" spf.example TXT
	assert_output $'temperror\nreason\tspf.example: server answered SERVFAIL'
}

@test "fake: an answer with another id or question is skipped: the wait goes on" {
	fake badid
	run --separate-stderr dns-query -t 300 -r 0 -s "$FAKE" spf.example TXT
	assert_output $'temperror\nreason\tspf.example: timed out'
	teardown
	fake badq
	run --separate-stderr dns-query -t 300 -r 0 -s "$FAKE" spf.example TXT
	assert_output $'temperror\nreason\tspf.example: timed out'
}

@test "fake: a stray datagram with another id first, then the answer: the answer is taken" {
	fake strayid
	run --separate-stderr dns-query -t 2000 -r 0 -s "$FAKE" spf.example TXT
	assert_output $'answer\n7\tvia udp'
}

@test "fake: the right answer from another port is not believed" {
	fake otherport
	run --separate-stderr dns-query -t 300 -r 0 -s "$FAKE" spf.example TXT
	assert_output $'temperror\nreason\tspf.example: timed out'
}

@test "server address: a bad address or port is an error" {
	run dns-query -s "not-an-ip" host.test.example A
	assert_failure 2
	assert_output "dns-query: not-an-ip: not an IP address"
	run dns-query -s "127.0.0.1#99999" host.test.example A
	assert_failure 2
	assert_output "dns-query: 127.0.0.1#99999: bad port"
}

@test "dns_dup: a second handle answers alone, zones shared, resolver cloned" {
	run --separate-stderr dns-query -d "${Z[@]}" away.test.example A
	assert_output $'answer\nwww.other.example.\t300\tIN\tA\t198.51.100.1'
	need_nsd
	run --separate-stderr dns-query -d -s "127.0.0.1#$NSD_PORT" away.test.example A
	assert_output $'answer\nwww.other.example.\t300\tIN\tA\t198.51.100.1'
}

@test "server: a name outside the served zones is REFUSED, a temperror" {
	need_nsd
	run --separate-stderr dns-query -s "127.0.0.1#$NSD_PORT" www.elsewhere.example A
	assert_output $'temperror\nreason\twww.elsewhere.example: server answered REFUSED'
}
