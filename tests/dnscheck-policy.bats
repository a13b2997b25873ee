#!/usr/bin/env bats
# deliv-dnscheck's record checks beyond the usual: DANE TLSA parameters
# (RFC 6698, RFC 7672), BIMI records and the DMARC policy they need, and
# offline MTA-STS policy files (RFC 8461 3.2), on the unsigned zone
# fixtures/dnscheck-x/dxu.test.zone.

setup() {
	load lib/helpers
	X=$FIXTURES/dnscheck-x
	Z=(--zone "$X/dxu.test.zone" --no-header)
}

@test "dane: PKIX usages warn, a short digest and an unknown selector fail, a host without TLSA warns" {
	run -1 deliv-dnscheck "${Z[@]}" --only dane dane.dxu.test
	assert_output - <<-'OUT'
	dane.dxu.test	dane	_25._tcp.a.mx.dxu.test	warn	usage 1 (PKIX-EE) is unusable for SMTP (RFC 7672 3.1.3): publish DANE-EE (3) or DANE-TA (2)	1 1 1 8d02536c887482bc34ff54e41d2ba659bf85b341a0a20afadb5813dcfbcf286d
	dane.dxu.test	dane	_25._tcp.a.mx.dxu.test	warn	the TLSA records are not DNSSEC-validated (no zone above dxu.test answers and no trust anchor is given for it): senders ignore them (RFC 7672 2.2)	insecure
	dane.dxu.test	dane	_25._tcp.b.mx.dxu.test	fail	SHA-256 data of 29 bytes, not 32: it can match no certificate	3 1 1 8d02536c887482bc34ff54e41d2ba659bf85b341a0a20afadb5813dcfb
	dane.dxu.test	dane	_25._tcp.b.mx.dxu.test	pass	DANE-EE, public key, SHA-512	3 1 2 8d02536c887482bc34ff54e41d2ba659bf85b341a0a20afadb5813dcfbcf286d8d02536c887482bc34ff54e41d2ba659bf85b341a0a20afadb5813dcfbcf286d
	dane.dxu.test	dane	_25._tcp.b.mx.dxu.test	fail	unknown selector 7 (RFC 6698): senders treat the record as unusable	3 7 1 8d02536c887482bc34ff54e41d2ba659bf85b341a0a20afadb5813dcfbcf286d
	dane.dxu.test	dane	_25._tcp.b.mx.dxu.test	warn	the TLSA records are not DNSSEC-validated (no zone above dxu.test answers and no trust anchor is given for it): senders ignore them (RFC 7672 2.2)	insecure
	dane.dxu.test	dane	c.mx.dxu.test	warn	no TLSA at _25._tcp.c.mx.dxu.test while other MX hosts have them: senders may fall back to this host without DANE	
	OUT
}

@test "dane: no TLSA at any MX host is one info row" {
	run -0 deliv-dnscheck "${Z[@]}" --only dane nodane.dxu.test
	assert_output $'nodane.dxu.test\tdane\tnodane.dxu.test\tinfo\tno TLSA record at _25._tcp of any MX host: no DANE (RFC 7672)\t'
}

@test "bimi: DMARC p=none or pct=50 fails; no a= is info" {
	run -1 deliv-dnscheck "${Z[@]}" --only bimi bimi-none.dxu.test bimi-pct.dxu.test
	assert_output - <<-'OUT'
	bimi-none.dxu.test	bimi	default._bimi.bimi-none.dxu.test	info	no a= (evidence document): Gmail and Apple Mail show no logo without a VMC or CMC	v=BIMI1; l=https://dxu.test/logo.svg
	bimi-none.dxu.test	bimi	default._bimi.bimi-none.dxu.test	pass	BIMI record; logo https://dxu.test/logo.svg	v=BIMI1; l=https://dxu.test/logo.svg
	bimi-none.dxu.test	bimi	bimi-none.dxu.test	fail	DMARC policy none for bimi-none.dxu.test: receivers show a BIMI logo only under quarantine or reject	none
	bimi-pct.dxu.test	bimi	default._bimi.bimi-pct.dxu.test	pass	BIMI record; logo https://dxu.test/logo.svg	v=BIMI1; l=https://dxu.test/logo.svg; a=https://dxu.test/vmc.pem
	bimi-pct.dxu.test	bimi	bimi-pct.dxu.test	fail	DMARC pct=50: receivers show a BIMI logo only with pct=100	quarantine
	OUT
}

@test "bimi: http: logo fails, a PNG warns, two records fail, a bad tag list fails, a declination is info" {
	run -1 deliv-dnscheck "${Z[@]}" --only bimi bimi-http.dxu.test bimi-png.dxu.test \
	    bimi-two.dxu.test bimi-bad.dxu.test bimi-decl.dxu.test
	assert_output - <<-'OUT'
	bimi-http.dxu.test	bimi	default._bimi.bimi-http.dxu.test	fail	l= is not an https: URI: receivers fetch the logo over HTTPS only	v=BIMI1; l=http://dxu.test/logo.svg; a=https://dxu.test/vmc.pem
	bimi-png.dxu.test	bimi	default._bimi.bimi-png.dxu.test	warn	l= does not name a .svg file: the logo must be SVG Tiny PS	v=BIMI1; l=https://dxu.test/logo.png; a=https://dxu.test/vmc.pem
	bimi-png.dxu.test	bimi	default._bimi.bimi-png.dxu.test	pass	BIMI record; logo https://dxu.test/logo.png	v=BIMI1; l=https://dxu.test/logo.png; a=https://dxu.test/vmc.pem
	bimi-png.dxu.test	bimi	bimi-png.dxu.test	pass	DMARC p=quarantine with pct=100, as BIMI requires	quarantine
	bimi-two.dxu.test	bimi	default._bimi.bimi-two.dxu.test	fail	2 v=BIMI1 records: receivers ignore them all	v=BIMI1; l=https://dxu.test/b.svg
	bimi-bad.dxu.test	bimi	default._bimi.bimi-bad.dxu.test	fail	l= given twice	v=BIMI1; l=https://dxu.test/logo.svg; l=https://dxu.test/2.svg; x
	bimi-bad.dxu.test	bimi	default._bimi.bimi-bad.dxu.test	fail	"x" is not a tag=value pair	v=BIMI1; l=https://dxu.test/logo.svg; l=https://dxu.test/2.svg; x
	bimi-bad.dxu.test	bimi	default._bimi.bimi-bad.dxu.test	info	no a= (evidence document): Gmail and Apple Mail show no logo without a VMC or CMC	v=BIMI1; l=https://dxu.test/logo.svg; l=https://dxu.test/2.svg; x
	bimi-decl.dxu.test	bimi	default._bimi.bimi-decl.dxu.test	info	the domain declines BIMI (l= and a= empty)	v=BIMI1; l=; a=;
	OUT
}

@test "bimi: no record at the domain or its organizational domain is info" {
	run -0 deliv-dnscheck "${Z[@]}" --only bimi nodane.dxu.test
	assert_output $'nodane.dxu.test\tbimi\tdefault._bimi.nodane.dxu.test\tinfo\tno BIMI record: receivers show no brand logo for nodane.dxu.test\t'
}

@test "mta-sts: without a policy file, the TXT record and 'policy not fetched (offline)'" {
	run -0 deliv-dnscheck "${Z[@]}" --only mta-sts sts.dxu.test
	assert_output - <<-'OUT'
	sts.dxu.test	mta-sts	sts.dxu.test	pass	MTA-STS record id=abc123; the policy host mta-sts.sts.dxu.test resolves	v=STSv1; id=abc123
	sts.dxu.test	mta-sts	mta-sts.sts.dxu.test	info	policy not fetched (offline): give --mta-sts-policy FILE to check it	
	OUT
}

@test "mta-sts: a good CRLF policy: enforce, every MX host matches (wildcard and exact)" {
	run -0 deliv-dnscheck "${Z[@]}" --only mta-sts --mta-sts-policy "$X/policy-good.txt" sts.dxu.test
	assert_output - <<-'OUT'
	sts.dxu.test	mta-sts	sts.dxu.test	pass	MTA-STS record id=abc123; the policy host mta-sts.sts.dxu.test resolves	v=STSv1; id=abc123
	sts.dxu.test	mta-sts	mta-sts.sts.dxu.test	pass	policy mode enforce, max_age 604800, 2 mx: patterns	enforce
	sts.dxu.test	mta-sts	mta-sts.sts.dxu.test	pass	every MX host (3) matches an mx: pattern of the policy	
	OUT
}

@test "mta-sts: testing mode, a short max_age, unmatched MX hosts, an unused pattern, no TXT record" {
	run -0 deliv-dnscheck "${Z[@]}" --only mta-sts --mta-sts-policy "$X/policy-testing.txt" sts.dxu.test nosts.dxu.test
	assert_output - <<-'OUT'
	sts.dxu.test	mta-sts	sts.dxu.test	pass	MTA-STS record id=abc123; the policy host mta-sts.sts.dxu.test resolves	v=STSv1; id=abc123
	sts.dxu.test	mta-sts	mta-sts.sts.dxu.test	warn	policy mode testing: failures are only reported, mail still goes without TLS	testing
	sts.dxu.test	mta-sts	mta-sts.sts.dxu.test	warn	max_age 3600: under a day, the policy protects little between fetches (RFC 8461 advises weeks)	
	sts.dxu.test	mta-sts	mta-sts.sts.dxu.test	warn	MX host mx2.sts.dxu.test matches no mx: pattern: senders will report it once the mode is enforce	mx2.sts.dxu.test
	sts.dxu.test	mta-sts	mta-sts.sts.dxu.test	warn	MX host backup.other.test matches no mx: pattern: senders will report it once the mode is enforce	backup.other.test
	sts.dxu.test	mta-sts	mta-sts.sts.dxu.test	info	mx: pattern *.unused.test matches no MX host of sts.dxu.test	*.unused.test
	nosts.dxu.test	mta-sts	_mta-sts.nosts.dxu.test	info	no MTA-STS record (RFC 8461): senders may deliver to nosts.dxu.test without TLS	
	nosts.dxu.test	mta-sts	mta-sts.nosts.dxu.test	warn	a policy is given, but _mta-sts.nosts.dxu.test has no v=STSv1 TXT record: senders never fetch it	
	nosts.dxu.test	mta-sts	mta-sts.nosts.dxu.test	warn	policy mode testing: failures are only reported, mail still goes without TLS	testing
	nosts.dxu.test	mta-sts	mta-sts.nosts.dxu.test	warn	max_age 3600: under a day, the policy protects little between fetches (RFC 8461 advises weeks)	
	nosts.dxu.test	mta-sts	mta-sts.nosts.dxu.test	info	mx: pattern *.unused.test matches no MX host of nosts.dxu.test	*.unused.test
	nosts.dxu.test	mta-sts	mta-sts.nosts.dxu.test	pass	every MX host (1) matches an mx: pattern of the policy	
	OUT
}

@test "mta-sts: a bad policy: every error with its FILE:LINE, exit 1" {
	run -1 deliv-dnscheck "${Z[@]}" --only mta-sts --mta-sts-policy "$X/policy-bad.txt" sts.dxu.test
	assert_line -n 1 $'sts.dxu.test\tmta-sts\tmta-sts.sts.dxu.test\tfail\t'"$X"$'/policy-bad.txt:1: version: "STSv2", not STSv1\t'
	assert_line -n 2 $'sts.dxu.test\tmta-sts\tmta-sts.sts.dxu.test\tfail\t'"$X"$'/policy-bad.txt:2: mode: "block", not enforce, testing or none\t'
	assert_line -n 3 $'sts.dxu.test\tmta-sts\tmta-sts.sts.dxu.test\tfail\t'"$X"$'/policy-bad.txt:3: mx: "*.*.dxu.test" is not a host name or *.domain pattern\t'
	assert_line -n 4 $'sts.dxu.test\tmta-sts\tmta-sts.sts.dxu.test\tfail\t'"$X"$'/policy-bad.txt:4: max_age: "99999999", not 0 to 31557600 seconds\t'
	assert_line -n 5 $'sts.dxu.test\tmta-sts\tmta-sts.sts.dxu.test\tfail\t'"$X"$'/policy-bad.txt:5: mode: given twice\t'
	assert_line -n 6 $'sts.dxu.test\tmta-sts\tmta-sts.sts.dxu.test\tfail\t'"$X"$'/policy-bad.txt:6: not a "key: value" field\t'
	assert_line -n 7 $'sts.dxu.test\tmta-sts\tmta-sts.sts.dxu.test\tfail\t'"$X"$'/policy-bad.txt: no mx: field: no MX host may receive\t'
	assert_equal "${#lines[@]}" 8
}

@test "mta-sts: an enforce policy that leaves an MX host out fails; NUL and stray CR are errors" {
	printf 'version: STSv1\nmode: enforce\nmx: mx1.sts.dxu.test\nmax_age: 86400\n' >"$BATS_TEST_TMPDIR/p"
	run -1 deliv-dnscheck "${Z[@]}" --only mta-sts --mta-sts-policy "$BATS_TEST_TMPDIR/p" sts.dxu.test
	assert_line $'sts.dxu.test\tmta-sts\tmta-sts.sts.dxu.test\tfail\tMX host mx2.sts.dxu.test matches no mx: pattern: senders that apply the policy will not deliver to it\tmx2.sts.dxu.test'
	printf 'version: STSv1\nmode: en\0force\nmx: a\rb\nmax_age: 86400\n' >"$BATS_TEST_TMPDIR/p"
	run -1 deliv-dnscheck "${Z[@]}" --only mta-sts --mta-sts-policy "$BATS_TEST_TMPDIR/p" sts.dxu.test
	assert_line $'sts.dxu.test\tmta-sts\tmta-sts.sts.dxu.test\tfail\t'"$BATS_TEST_TMPDIR"$'/p:2: a NUL byte\t'
	assert_line $'sts.dxu.test\tmta-sts\tmta-sts.sts.dxu.test\tfail\t'"$BATS_TEST_TMPDIR"$'/p:3: a CR inside the line\t'
}

@test "mta-sts: an unreadable policy file exits 2" {
	run --separate-stderr -2 deliv-dnscheck "${Z[@]}" --mta-sts-policy "$X/none.txt" sts.dxu.test
	assert_equal "$stderr" "deliv-dnscheck: $X/none.txt: No such file or directory"
}

@test "the new checks' JSON has the TSV's fields" {
	run -1 deliv-dnscheck "${Z[@]}" --only dane,bimi,dnssec --json dane.dxu.test bimi-bad.dxu.test
	local json=$output
	run -1 deliv-dnscheck "${Z[@]}" --only dane,bimi,dnssec dane.dxu.test bimi-bad.dxu.test
	assert_equal "$(jq -r '[.[]] | @tsv' <<<"$json")" "$output"
}
