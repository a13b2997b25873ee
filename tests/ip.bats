#!/usr/bin/env bats
# lib/core/ip: parsing, prefixes, the special-purpose table and reversed
# names, through the ip-check driver.

setup() {
	load lib/helpers
}

field() {	# field N of $output's line
	cut -f"$1" <<<"$output"
}

@test "ip: IPv4 text, nibbles and PTR name" {
	run ip-check 192.0.2.10
	assert_success
	assert_output "$(printf '192.0.2.10\t4\t192.0.2.10\t192.0.2.10\t192.0.2.10\t10.2.0.192.in-addr.arpa.\tdocumentation')"
}

@test "ip: IPv6 is compressed, nibbles first to last, PTR last to first" {
	run ip-check 2001:DB8:0:0::1
	assert_success
	assert_equal "$(field 3)" 2001:db8::1
	assert_equal "$(field 5)" 2.0.0.1.0.d.b.8.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1
	assert_equal "$(field 6)" 1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.
}

@test "ip: IPv4-mapped stays IPv6 until unmapped" {
	run ip-check ::ffff:10.1.2.3
	assert_success
	assert_equal "$(field 2)" 6
	assert_equal "$(field 4)" 10.1.2.3
	assert_equal "$(field 7)" ipv4-mapped
}

@test "ip: special-purpose categories" {
	local a want
	while read -r a want; do
		run ip-check "$a"
		assert_success
		assert_equal "$a $(field 7)" "$a $want"
	done <<-EOF
	0.1.2.3 this-network
	10.255.0.1 private
	172.16.0.1 private
	172.31.255.255 private
	172.32.0.1 -
	192.168.1.1 private
	100.64.0.1 shared
	100.128.0.1 -
	127.0.0.2 loopback
	169.254.1.1 link-local
	198.18.0.1 benchmark
	198.19.255.255 benchmark
	198.20.0.1 -
	192.0.0.9 protocol
	192.88.99.1 6to4-relay
	198.51.100.7 documentation
	203.0.113.7 documentation
	224.0.0.1 multicast
	240.0.0.1 reserved
	255.255.255.255 reserved
	8.8.8.8 -
	:: unspecified
	::1 loopback
	fc00::1 private
	fd12::1 private
	fe80::1 link-local
	febf::1 link-local
	fec0::1 -
	64:ff9b::1.2.3.4 translation
	64:ff9b:1::5 translation
	64:ff9b:2::5 -
	100::1 discard
	2001:db8::1 documentation
	3fff::1 documentation
	ff02::1 multicast
	2a00:1450::1 -
	EOF
}

@test "ip: not an address" {
	run ip-check 1.2.3 256.1.1.1 01.2.3.4 '[::1]' 1.2.3.4/8 ''
	assert_failure 1
	assert_output "$(printf '1.2.3\tbad\n256.1.1.1\tbad\n01.2.3.4\tbad\n[::1]\tbad\n1.2.3.4/8\tbad\n\tbad')"
}

@test "ip: prefixes" {
	local a p want
	while read -r a p want; do
		run ip-check -p "$a" "$p"
		assert_equal "$a $p $output" "$a $p $want"
	done <<-EOF
	10.1.2.3 10.0.0.0/8 in
	11.1.2.3 10.0.0.0/8 out
	172.31.0.1 172.16.0.0/12 in
	172.32.0.1 172.16.0.0/12 out
	192.0.2.1 192.0.2.1 in
	192.0.2.2 192.0.2.1 out
	1.2.3.4 0.0.0.0/0 in
	1.2.3.4 ::/0 out
	2001:db8::1 2001:db8::/32 in
	2001:db9::1 2001:db8::/32 out
	10.1.2.3 10.0.0.0/33 bad
	2001:db8::1 2001:db8::/129 bad
	10.1.2.3 10.0.0.0/x bad
	EOF
}
