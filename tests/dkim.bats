#!/usr/bin/env bats
# DKIM key records: lib/auth/dkim through the dkim-key driver on every record
# text of corpora/dkim, and deliv-dnscheck --only dkim on its zones through
# the zone backend and a local NSD: the audit verdict of every case.

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
	dc_zones
	REC=$CORPORA/dkim/records.tsv
}

# verdict VERDICT: our status for the corpus's verdict.
verdicts() {
	awk -F'\t' 'NR > 1 { v = $8; if (v == "ok") v = "pass"; print $1 "\t" v }' "$REC"
}

@test "dkim: every single-record case of the corpus gets the corpus verdict" {
	local got
	got=$(awk -F'\t' 'NR > 1 && $3 !~ / \| / && $3 != "(CNAME)" && $4 != "none" { print $3 }' "$REC" |
	    dkim-key | cut -f1)
	run diff <(awk -F'\t' 'NR > 1 && $3 !~ / \| / && $3 != "(CNAME)" && $4 != "none" {
	    v = $8; if (v == "ok") v = "pass"; print $1 "\t" v }' "$REC") \
	    <(paste <(awk -F'\t' 'NR > 1 && $3 !~ / \| / && $3 != "(CNAME)" && $4 != "none" { print $1 }' "$REC") <(echo "$got"))
	assert_success
	assert_equal "$(wc -l <<<"$got")" 35
}

@test "dkim: key type and size from OpenSSL match the corpus" {
	run bash -c "awk -F'\t' 'NR > 1 && \$4 == \"yes\" && \$3 !~ / \\| / && \$3 != \"(CNAME)\" && \$6 != \"\" && \$8 != \"fail\" { print \$3 }' '$REC' | dkim-key | cut -f2,3"
	assert_success
	diff <(echo "$output") <(awk -F'\t' 'NR > 1 && $4 == "yes" && $3 !~ / \| / && $3 != "(CNAME)" && $6 != "" && $8 != "fail" { print $5 "\t" $6 }' "$REC")
}

@test "dkim: flags: testing, revoked, PKCS#1, strict" {
	run dkim-key <<<$'v=DKIM1; k=rsa; p=\nv=DKIM1; k=rsa; t=y:s; p=MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAJj32+guvf2R4OS5KhfwnDC2GX9BgkPONDalxBypJaYPpU+Q6F38xPWALIDvZA7WCAVwNtLEzIjXyngJcN6sxksCAwEAAQ=='
	assert_line $'fail\trsa\t0\trevoked,\tkey revoked (empty p=)'
	assert_line --partial $'fail\trsa\t512\tt=y,t=s,\tRSA 512-bit key: under 1024 bits'
}

# dkim_run ARGS...: the per-selector worst status of dnscheck --only dkim
# for every corpus owner, as "id<TAB>status".
dkim_run() {
	local id owner sel dom st
	while IFS=$'\t' read -r id owner _; do
		[[ $id == id ]] && continue
		sel=${owner%%._domainkey.*}
		dom=${owner#*._domainkey.}
		dom=${dom%.}
		st=$(deliv-dnscheck "$@" --only dkim --selector "$sel" "$dom" |
		    cols - status | sort -u | awk '{ s[$1] = 1 } END {
		    if (s["fail"]) print "fail"; else if (s["temperror"]) print "temperror";
		    else if (s["warn"]) print "warn"; else print "pass" }')
		printf '%s\t%s\n' "$id" "$st"
	done <"$REC"
}

@test "dkim: dnscheck on the corpus zones gives every verdict (zone backend)" {
	run dkim_run "${ZARGS[@]}"
	diff <(echo "$output") <(verdicts)
}

@test "dkim: the same verdicts from a local NSD" {
	need_nsd
	run dkim_run --server "$DC_SERVER"
	diff <(echo "$output") <(verdicts)
}

@test "dkim: two key records warn, a CNAME'd selector is followed, a missing one fails" {
	run -1 deliv-dnscheck "${ZARGS[@]}" --only dkim --selector two --selector esp \
	    --selector missing --no-header dkim.test
	assert_equal "$(grep -c $'\ttwo\twarn\t' <<<"$output")" 2
	assert_line --partial 'several TXT records at the selector'
	assert_line --partial $'dkim.test\tdkim\tesp\tpass\tRSA 2048-bit key; via CNAME to '
	assert_line $'dkim.test\tdkim\tmissing\tfail\tno key record at missing._domainkey.dkim.test\t'
}

@test "dkim: without --selector the common selectors are tried" {
	run -0 deliv-dnscheck "${ZARGS[@]}" --only dkim --no-header example.com
	assert_output $'example.com\tdkim\t\twarn\tno DKIM key at the 25 common selectors (default, google, selector1, ...): give --selector\t'
}
