#!/usr/bin/env bats
# DNS lists: every row of corpora/dnsbl/expected.tsv through deliv-dnscheck
# --only dnsbl with the mock lists, zone backend and local NSD alike; the
# shipped list file loads; a bad list file is an error.

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
	need_corpora
	LISTS=$FIXTURES/dnscheck/mock-lists.tsv
	EXP=$CORPORA/dnsbl/expected.tsv
}

# classes DNS-ARGS...: "list<TAB>type<TAB>query<TAB>class" for every row of
# expected.tsv, the class being the first word of the record's detail.
classes() {
	local list type q got
	while IFS=$'\t' read -r list type q _; do
		[[ $list == list ]] && continue
		if [[ $type == ip ]]; then
			got=$(deliv-dnscheck "$@" --lists "$LISTS" --only dnsbl \
			    --ip "$q" dnsbl.test)
		else
			got=$(deliv-dnscheck "$@" --lists "$LISTS" --only dnsbl "$q")
		fi
		got=$(cols - subject,detail <<<"$got" | awk -F'\t' -v s="$q" -v z=" on $list" \
		    '$1 == s && index($2, z) { split($2, w, " "); print w[1] }')
		printf '%s\t%s\t%s\t%s\n' "$list" "$type" "$q" "$got"
	done <"$EXP"
}

@test "dnsbl: every expected.tsv row through the zone backend (27)" {
	run classes --zone "$CORPORA/dnsbl/zones/dnsbl.test.zone"
	diff <(echo "$output") <(awk -F'\t' 'NR > 1 { print $1 "\t" $2 "\t" $3 "\t" $5 }' "$EXP")
	assert_equal "${#lines[@]}" 27
}

@test "dnsbl: every expected.tsv row from a local NSD (27)" {
	need_nsd
	run classes --server "$DC_SERVER"
	diff <(echo "$output") <(awk -F'\t' 'NR > 1 { print $1 "\t" $2 "\t" $3 "\t" $5 }' "$EXP")
}

@test "dnsbl: an error code is never a listing, and never a fail: could not check (exit 2)" {
	run -2 deliv-dnscheck --zone "$CORPORA/dnsbl/zones/dnsbl.test.zone" --lists "$LISTS" \
	    --only dnsbl --ip 192.0.2.99 --ip 192.0.2.26 --no-header refused.example
	refute_output --partial $'\tfail\t'
	assert_line $'refused.example\tdnsbl\t192.0.2.99\ttemperror\terror on zen.dnsbl.test: ERROR: query through a public resolver; not a listing\t127.255.255.254'
	assert_line $'refused.example\tdnsbl\t192.0.2.26\ttemperror\terror on wl.dnsbl.test: ERROR: resolver blocked; not a listing\t127.0.0.255'
	assert_line $'refused.example\tdnsbl\trefused.example\ttemperror\terror on multi.uribl-like.dnsbl.test: ERROR: query refused; not a listing\t127.0.0.1'
}

@test "dnsbl: a listing fails with every code's meaning and the TXT reason" {
	# blocked.dnsbl.test refuses its test entry: could not check, exit 2
	run -2 deliv-dnscheck --zone "$CORPORA/dnsbl/zones/dnsbl.test.zone" --lists "$LISTS" \
	    --only dnsbl --ip 192.0.2.10 --no-header spammy.example
	assert_line $'spammy.example\tdnsbl\t192.0.2.10\tfail\tlisted on zen.dnsbl.test: XBL: exploited or infected host; PBL: end-user range (policy, not abuse): send through your ISP\'s relay (https://dnsbl.test/lookup?ip=192.0.2.10)\t127.0.0.4,127.0.0.10'
	assert_line $'spammy.example\tdnsbl\tspammy.example\tfail\tlisted on multi.uribl-like.dnsbl.test: black; grey\t127.0.0.6'
}

@test "dnsbl: private addresses are not sent to lists" {
	run -0 deliv-dnscheck --zone "$CORPORA/dnsbl/zones/dnsbl.test.zone" --lists "$LISTS" \
	    --only dnsbl --ip 10.1.2.3 --ip fd00::1 --no-header dnsbl.test
	assert_line $'dnsbl.test\tdnsbl\t10.1.2.3\tinfo\tprivate or reserved address: not sent to blocklists\t'
	assert_line $'dnsbl.test\tdnsbl\tfd00::1\tinfo\tprivate or reserved address: not sent to blocklists\t'
}

@test "dnsbl: the shipped list file loads; a bad one exits 2 with file and line" {
	# the real lists are not in the zone files: not known (info)
	run -0 deliv-dnscheck --zone "$CORPORA/dnsbl/zones/dnsbl.test.zone" \
	    --lists "$TOP/data/dnsbl.tsv" --only dnsbl --no-header dnsbl.test
	assert_line $'dnsbl.test\tdnsbl\tdnsbl.test\tinfo\ttemperror on dbl.spamhaus.org: not in the zone files\t'
	printf 'zone\ttype\tcode\tmeaning\tclass\nx.test\tip\t127.0.0.300\tbad\tlisted\n' >"$BATS_TEST_TMPDIR/bad.tsv"
	run --separate-stderr -2 deliv-dnscheck --zone "$CORPORA/dnsbl/zones/dnsbl.test.zone" \
	    --lists "$BATS_TEST_TMPDIR/bad.tsv" dnsbl.test
	assert_equal "$stderr" "deliv-dnscheck: $BATS_TEST_TMPDIR/bad.tsv:2: bad code \"127.0.0.300\""
	printf 'zone\tcode\nx\ty\n' >"$BATS_TEST_TMPDIR/bad.tsv"
	run --separate-stderr -2 deliv-dnscheck --zone "$CORPORA/dnsbl/zones/dnsbl.test.zone" \
	    --lists "$BATS_TEST_TMPDIR/bad.tsv" dnsbl.test
	assert_equal "$stderr" "deliv-dnscheck: $BATS_TEST_TMPDIR/bad.tsv:1: a header with zone, type, code, meaning and class expected"
}
