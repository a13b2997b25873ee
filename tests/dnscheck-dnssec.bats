#!/usr/bin/env bats
# deliv-dnscheck's DNSSEC and DANE checks on zones signed at test time
# (ldns-keygen, ldns-signzone; valid 2026-01-01 to 2027-01-01, checked at
# --now 2026-06-01): secure from the zone's own DS or its parent's,
# insecure without an anchor, bogus when expired, not yet valid, signed
# by another key or tampered with; the same from a local NSD.

# sign ZONEFILE ORIGIN OUT: sign with a new KSK and ZSK; OUT.ds is the
# KSK's DS, OUT.key its DNSKEY.
sign() {
	local k z
	k=$(cd "$T" && ldns-keygen -a ECDSAP256SHA256 -k "$2") || return 1
	z=$(cd "$T" && ldns-keygen -a ECDSAP256SHA256 "$2") || return 1
	ldns-signzone -i 20260101 -e 20270101 -f "$3" "$1" "$T/$k" "$T/$z" ||
	    return 1
	cp "$T/$k.ds" "$3.ds"
	cp "$T/$k.key" "$3.key"
}

setup_file() {
	command -v ldns-signzone >/dev/null || skip "ldnsutils is not installed"
	T=$BATS_FILE_TMPDIR
	local x=$BATS_TEST_DIRNAME/fixtures/dnscheck-x
	mkdir -p "$T/nsd" "$T/srv"
	sign "$x/dx.test.zone" dx.test "$T/srv/dx.test.zone"
	cat "$x/test.zone" "$T/srv/dx.test.zone.ds" >"$T/parent.zone"
	sign "$T/parent.zone" test "$T/srv/test.zone"
	# the same parent over an unsigned dx.test (a DS with no DNSKEY)
	# and a dx.test with a TXT changed after signing
	sed 's/ip4:192.0.2.26 -all/ip4:192.0.2.27 -all/' \
	    "$T/srv/dx.test.zone" >"$T/tampered.zone"
	# a key of nobody's
	(cd "$T" && ldns-keygen -a ECDSAP256SHA256 -k dx.test >"$T/other")
	mv "$T/srv/"*.ds "$T/srv/"*.key "$T/"
	export T
	DX_SERVER=
	if command -v nsd >/dev/null; then
		source "$BATS_TEST_DIRNAME/lib/nsd.bash"
		nsd_up "$T/nsd" "$T/srv/test.zone" "$T/srv/dx.test.zone" &&
		    DX_SERVER=127.0.0.1#$NSD_PORT
	fi
	export DX_SERVER
}

teardown_file() {
	[[ -n ${DX_SERVER-} ]] || return 0
	source "$BATS_TEST_DIRNAME/lib/nsd.bash"
	nsd_down "$T/nsd"
}

setup() {
	load lib/helpers
	X=$FIXTURES/dnscheck-x
	DX=(--zone "$T/srv/dx.test.zone" --now 2026-06-01)
}

@test "dnssec: a signed zone validates from its own DS; DANE-EE and DANE-TA records are secure" {
	run -0 deliv-dnscheck "${DX[@]}" --trust-anchor "$T/dx.test.zone.ds" \
	    --only dnssec,dane --no-header dx.test
	assert_output - <<-'OUT'
	dx.test	dnssec	dx.test	pass	signed; validates from the trust anchor for dx.test.	secure
	dx.test	dane	_25._tcp.mail.dx.test	pass	DANE-EE, public key, SHA-256	3 1 1 8d02536c887482bc34ff54e41d2ba659bf85b341a0a20afadb5813dcfbcf286d
	dx.test	dane	_25._tcp.mail.dx.test	pass	the TLSA records validate (DNSSEC): DANE senders use them	secure
	dx.test	dane	_25._tcp.mail2.dx.test	pass	DANE-TA, full certificate, SHA-256	2 0 1 0c72ac70b745ac19998811b131d662c9ac69dbdbe7cb23e5b514b56664c5d3d6
	dx.test	dane	_25._tcp.mail2.dx.test	pass	the TLSA records validate (DNSSEC): DANE senders use them	secure
	OUT
}

@test "dnssec: a DNSKEY as the anchor works as its DS does" {
	run -0 deliv-dnscheck "${DX[@]}" --trust-anchor "$T/dx.test.zone.key" \
	    --only dnssec --no-header dx.test
	assert_output $'dx.test\tdnssec\tdx.test\tpass\tsigned; validates from the trust anchor for dx.test.\tsecure'
}

@test "dnssec: the chain from the parent's anchor through its DS record" {
	run -0 deliv-dnscheck "${DX[@]}" --zone "$T/srv/test.zone" \
	    --trust-anchor "$T/test.zone.ds" --only dnssec,dane --no-header dx.test
	assert_line -n 0 $'dx.test\tdnssec\tdx.test\tpass\tsigned; validates from the trust anchor for test.\tsecure'
	assert_line -n 2 $'dx.test\tdane\t_25._tcp.mail.dx.test\tpass\tthe TLSA records validate (DNSSEC): DANE senders use them\tsecure'
}

@test "dnssec: no anchor for the zone files: good signatures, no chain (warn); TLSA ignored" {
	run -0 deliv-dnscheck "${DX[@]}" --only dnssec,dane --no-header dx.test
	assert_line -n 0 $'dx.test\tdnssec\tdx.test\twarn\tsigned with good signatures, but no chain of trust: no zone above dx.test answers and no trust anchor is given for it\tinsecure'
	assert_line -n 2 $'dx.test\tdane\t_25._tcp.mail.dx.test\twarn\tthe TLSA records are not DNSSEC-validated (no zone above dx.test answers and no trust anchor is given for it): senders ignore them (RFC 7672 2.2)\tinsecure'
}

@test "dnssec: expired and not yet valid signatures are bogus, exit 1" {
	run -1 deliv-dnscheck --zone "$T/srv/dx.test.zone" --now 2027-06-01 \
	    --trust-anchor "$T/dx.test.zone.ds" --only dnssec,dane --no-header dx.test
	assert_line -n 0 $'dx.test\tdnssec\tdx.test\tfail\tsigned, but dx.test DNSKEY: the RRSIG has expired: validating resolvers answer SERVFAIL\tbogus'
	assert_line -n 2 $'dx.test\tdane\t_25._tcp.mail.dx.test\tfail\tthe TLSA records are bogus (DNSKEY set of dx.test: the RRSIG has expired): DANE senders defer mail to mail.dx.test\tbogus'
	run -1 deliv-dnscheck --zone "$T/srv/dx.test.zone" --now 2025-06-01 \
	    --trust-anchor "$T/dx.test.zone.ds" --only dnssec --no-header dx.test
	assert_output $'dx.test\tdnssec\tdx.test\tfail\tsigned, but dx.test DNSKEY: the RRSIG is not valid yet: validating resolvers answer SERVFAIL\tbogus'
}

@test "dnssec: an anchor of another key, a record changed after signing" {
	run -1 deliv-dnscheck "${DX[@]}" --trust-anchor "$T/$(cat "$T/other").ds" \
	    --only dnssec --no-header dx.test
	assert_output $'dx.test\tdnssec\tdx.test\tfail\tsigned, but no DNSKEY of dx.test matches its trust anchor: validating resolvers answer SERVFAIL\tbogus'
	run -1 deliv-dnscheck --zone "$T/tampered.zone" --now 2026-06-01 \
	    --trust-anchor "$T/dx.test.zone.ds" --only dnssec --no-header dx.test
	assert_output $'dx.test\tdnssec\tdx.test\tfail\tsigned, but dx.test TXT: the signature does not verify: validating resolvers answer SERVFAIL\tbogus'
}

@test "dnssec: a DS in the signed parent over an unsigned zone is bogus; an unsigned zone is info" {
	run -1 deliv-dnscheck --zone "$T/srv/test.zone" --zone "$X/dx.test.zone" \
	    --now 2026-06-01 --trust-anchor "$T/test.zone.ds" --only dnssec,dane \
	    --no-header dx.test
	assert_line -n 0 $'dx.test\tdnssec\tdx.test\tfail\ta DS for dx.test in its parent, but no DNSKEY: validating resolvers fail every name of the zone\tbogus'
	assert_line -n 2 $'dx.test\tdane\t_25._tcp.mail.dx.test\tfail\tthe TLSA records are bogus (a DS for dx.test, but it has no DNSKEY): DANE senders defer mail to mail.dx.test\tbogus'
	run -0 deliv-dnscheck --zone "$X/dx.test.zone" --only dnssec --no-header dx.test
	assert_output $'dx.test\tdnssec\tdx.test\tinfo\tthe zone dx.test is not signed (no DNSKEY): no DANE, no protection from forged answers\tunsigned'
}

@test "dnssec: a subdomain is checked at its zone's apex" {
	run -0 deliv-dnscheck "${DX[@]}" --trust-anchor "$T/dx.test.zone.ds" \
	    --only dnssec --no-header mail.dx.test
	assert_output $'mail.dx.test\tdnssec\tdx.test\tpass\tsigned; validates from the trust anchor for dx.test.\tsecure'
}

@test "dnssec: the same from NSD, through the resolver's DO-bit queries" {
	[[ -n $DX_SERVER ]] || skip "nsd is not installed"
	run -0 deliv-dnscheck --server "$DX_SERVER" --now 2026-06-01 \
	    --trust-anchor "$T/test.zone.ds" --only dnssec,dane --no-header dx.test
	local live=$output
	run -0 deliv-dnscheck "${DX[@]}" --zone "$T/srv/test.zone" \
	    --trust-anchor "$T/test.zone.ds" --only dnssec,dane --no-header dx.test
	assert_equal "$live" "$output"
	assert_line -n 0 $'dx.test\tdnssec\tdx.test\tpass\tsigned; validates from the trust anchor for test.\tsecure'
}

@test "dnssec: --trust-anchor that cannot be read or holds no key exits 2" {
	run --separate-stderr -2 deliv-dnscheck "${DX[@]}" --trust-anchor "$T/none.ds" dx.test
	assert_equal "$stderr" "deliv-dnscheck: $T/none.ds: No such file or directory"
	assert_equal "$output" ""
	run --separate-stderr -2 deliv-dnscheck "${DX[@]}" --trust-anchor "$X/dx.test.zone" dx.test
	assert_equal "$stderr" "deliv-dnscheck: $X/dx.test.zone: no DS or DNSKEY record"
	printf 'dx.test. IN DS 1 13 2 nothex\n' >"$T/bad.ds"
	run --separate-stderr -2 deliv-dnscheck "${DX[@]}" --trust-anchor "$T/bad.ds" dx.test
	assert_equal "$stderr" "deliv-dnscheck: $T/bad.ds:1: Syntax error, could not parse the RR's rdata"
}

@test "dnssec: the --table audit of a signed zone with DANE and BIMI" {
	COLUMNS=400 run -0 deliv-dnscheck "${DX[@]}" --zone "$T/srv/test.zone" \
	    --trust-anchor "$T/test.zone.ds" --skip dnsbl,dkim --table \
	    -o domain,check,subject,status,detail,value dx.test
	assert_line --regexp '^dx.test +dnssec +dx.test +pass +signed; validates from the trust anchor for test\. +secure$'
	assert_line --regexp '^dx.test +bimi +default._bimi.dx.test +pass +BIMI record; logo https://dx.test/brand/logo.svg +v=BIMI1; .*$'
	assert_line --regexp '^dx.test +bimi +dx.test +pass +DMARC p=reject with pct=100, as BIMI requires +reject$'
	refute_output --partial fail
}
