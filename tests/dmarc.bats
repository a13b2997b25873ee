#!/usr/bin/env bats
# DMARC: lib/auth/dmarc's record lint on every record of corpora/dmarc (validity,
# effective policy, finding codes) through the dmarc-parse driver, and the
# DNS cases (record location, organizational domain, external report
# authorization) through deliv-dnscheck, zone backend and local NSD alike.

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
	REC=$CORPORA/dmarc/records.tsv
	PSL=/usr/share/publicsuffix/public_suffix_list.dat
	[[ -r $PSL ]] || PSL=
}

@test "dmarc: every corpus record: valid, effective policy and finding codes" {
	local want got
	# The codes sorted (insertion sort: mawk has no asort).
	want=$(awk -F'\t' 'NR > 1 {
	    n = split($5, c, ";")
	    for (i = 2; i <= n; i++)
		for (j = i; j > 1 && c[j - 1] > c[j]; j--) {
			t = c[j]; c[j] = c[j - 1]; c[j - 1] = t
		}
	    s = ""
	    for (i = 1; i <= n; i++)
		s = s (i > 1 ? ";" : "") c[i]
	    # Ours, not the corpus: a bad rua= URI is a warn on that tag and
	    # the record stays valid (RFC 7489 6.3: the policy stands).
	    if (s == "rua-bad-uri" || s == "p-none;rua-bad-uri") $3 = "yes"
	    print $3 "\t" $4 "\t" s }' "$REC")
	got=$(awk -F'\t' 'NR > 1 { print $2 }' "$REC" | dmarc-parse example.com $PSL)
	run diff <(paste <(awk -F'\t' 'NR > 1 { print $1 }' "$REC") <(echo "$want")) \
	    <(paste <(awk -F'\t' 'NR > 1 { print $1 }' "$REC") <(echo "$got"))
	assert_success
	assert_equal "$(wc -l <<<"$got")" 49
}

@test "dmarc: the organizational domain comes from the Public Suffix List" {
	[[ -n $PSL ]] || skip "no public_suffix_list.dat"
	run dmarc-parse mail.example.co.uk "$PSL" <<<'v=DMARC1; p=reject; rua=mailto:d@example.co.uk,mailto:d@other.co.uk'
	assert_output $'yes\treject\texternal-rua-needs-authorization'
	run dmarc-parse a.b.example.com "$PSL" <<<'v=DMARC1; p=reject; rua=mailto:d@x.example.com'
	assert_output $'yes\treject\t'
}

@test "dmarc: a suffix list of one section, or of both, is read whole" {
	# Only ICANN rules: the private section's list is empty (no qsort of
	# nothing: UBSan found it).
	printf '// ===BEGIN ICANN DOMAINS===\nuk\nco.uk\n// ===END ICANN DOMAINS===\n' >"$BATS_TEST_TMPDIR/icann.dat"
	run -0 dmarc-parse mail.example.co.uk "$BATS_TEST_TMPDIR/icann.dat" <<<'v=DMARC1; p=reject; rua=mailto:d@example.co.uk'
	assert_output $'yes\treject\t'
	# A private rule counts for DMARC as the list's own rules do.
	printf 'com\n// ===BEGIN PRIVATE DOMAINS===\nhost.example.com\n// ===END PRIVATE DOMAINS===\n' >"$BATS_TEST_TMPDIR/both.dat"
	run -0 dmarc-parse a.b.host.example.com "$BATS_TEST_TMPDIR/both.dat" <<<'v=DMARC1; p=reject; rua=mailto:d@x.host.example.com'
	assert_output $'yes\treject\texternal-rua-needs-authorization'
	run -0 dmarc-parse a.b.host.example.com "$BATS_TEST_TMPDIR/both.dat" <<<'v=DMARC1; p=reject; rua=mailto:d@x.b.host.example.com'
	assert_output $'yes\treject\t'
}

# The DNS cases of corpora/dmarc/dns-cases.tsv.
dns_cases() {
	deliv-dnscheck "$@" --only dmarc --no-header ok.dmarc.test none.dmarc.test \
	    multiple.dmarc.test unrelated.dmarc.test apex-only.dmarc.test \
	    cname.dmarc.test ext-authorized.dmarc.test ext-unauthorized.dmarc.test \
	    ext-wildcard.dmarc.test sub.org.dmarc.test spf-wildcard.dmarc.test \
	    rua-no-mx.dmarc.test
}

check_dns_cases() {
	assert_line $'ok.dmarc.test\tdmarc\t_dmarc.ok.dmarc.test\tpass\tdomain policy p=reject sp=reject pct=100\tv=DMARC1; p=reject; rua=mailto:dmarc@ok.dmarc.test'
	assert_line --partial $'none.dmarc.test\tdmarc\tnone.dmarc.test\tfail\tno DMARC record at _dmarc.none.dmarc.test or _dmarc.dmarc.test'
	assert_line --partial $'multiple.dmarc.test\tdmarc\t_dmarc.multiple.dmarc.test\tfail\t2 DMARC records: receivers apply no DMARC policy'
	assert_line --partial $'unrelated.dmarc.test\tdmarc\t_dmarc.unrelated.dmarc.test\twarn\tdomain policy p=reject'
	assert_line --partial $'unrelated.dmarc.test\tdmarc\t_dmarc.unrelated.dmarc.test\twarn\t1 other TXT record'
	assert_line --partial $'apex-only.dmarc.test\tdmarc\tapex-only.dmarc.test\tfail\tno DMARC record'
	assert_line --partial $'apex-only.dmarc.test\tdmarc\tapex-only.dmarc.test\tinfo\ta DMARC record is published at apex-only.dmarc.test: it belongs at _dmarc.apex-only.dmarc.test'
	assert_line --partial $'cname.dmarc.test\tdmarc\t_dmarc.cname.dmarc.test\tpass\tdomain policy p=quarantine'
	assert_line --partial $'ext-authorized.dmarc.test\tdmarc\treports.test\tpass\trua: external destination reports.test authorizes reports'
	assert_line --partial $'ext-unauthorized.dmarc.test\tdmarc\treports.test\twarn\trua: external destination reports.test has no ext-unauthorized.dmarc.test._report._dmarc.reports.test record'
	assert_line --partial $'ext-wildcard.dmarc.test\tdmarc\twild.test\tpass\trua: external destination wild.test authorizes'
	assert_line --partial $'sub.org.dmarc.test\tdmarc\tsub.org.dmarc.test\tfail\tno DMARC record at _dmarc.sub.org.dmarc.test or _dmarc.dmarc.test'
	assert_line --partial $'sub.org.dmarc.test\tdmarc\torg.dmarc.test\tinfo\tthe DMARCbis tree walk finds _dmarc.org.dmarc.test: sp=quarantine'
	assert_line --partial $'spf-wildcard.dmarc.test\tdmarc\t_dmarc.spf-wildcard.dmarc.test\tfail\tan SPF record where the DMARC record should be\tspf-record-at-dmarc'
	refute_line --partial $'spf-wildcard.dmarc.test\tdmarc\t_dmarc.spf-wildcard.dmarc.test\twarn\t1 other TXT'
	assert_line --partial $'rua-no-mx.dmarc.test\tdmarc\tnomx.rua-no-mx.dmarc.test\twarn\trua: nomx.rua-no-mx.dmarc.test has no MX and no address'
}

@test "dmarc: the DNS cases through the zone backend" {
	run -1 dns_cases "${ZARGS[@]}"
	check_dns_cases
	golden "$EXPECTED/dnscheck/dmarc-dns-cases.tsv"
}

@test "dmarc: the DNS cases from a local NSD: the same records" {
	need_nsd
	run -1 dns_cases --server "$DC_SERVER"
	golden "$EXPECTED/dnscheck/dmarc-dns-cases.tsv"
}

@test "dmarc: p=none warns, an invalid record fails (exit 1)" {
	run -1 deliv-dnscheck "${ZARGS[@]}" --only dmarc --no-header rfc7489-b21.rec.dmarc.test p-invalid.rec.dmarc.test
	assert_line --partial $'rfc7489-b21.rec.dmarc.test\tdmarc\t_dmarc.rfc7489-b21.rec.dmarc.test\twarn\tdomain policy p=none sp=none pct=100: monitoring only, failing mail is delivered\t'
	refute_line --partial $'\tp-none'
	assert_line --partial $'p-invalid.rec.dmarc.test\tdmarc\t_dmarc.p-invalid.rec.dmarc.test\tfail\tinvalid DMARC record: no policy applies'
	assert_line --partial $'\tfail\tp=bob: none, quarantine or reject expected\tbad-p'
}

@test "dmarc: a bad rua= URI is a warn on that tag, the policy stands; each problem once" {
	local z=$BATS_TEST_TMPDIR/bad.test.zone
	printf '$ORIGIN bad.test.\n@ IN SOA ns h 1 2 3 4 5\n@ IN MX 10 mx\nmx IN A 192.0.2.1\n_dmarc IN TXT "v=DMARC1; p=reject; rua=dmarc@bad.test,mailto:d@bad.test"\n' >"$z"
	run -0 deliv-dnscheck --zone "$z" --only dmarc --no-header bad.test
	assert_output $'bad.test\tdmarc\t_dmarc.bad.test\twarn\tdomain policy p=reject sp=reject pct=100\tv=DMARC1; p=reject; rua=dmarc@bad.test,mailto:d@bad.test\nbad.test\tdmarc\t_dmarc.bad.test\twarn\trua: "dmarc@bad.test" is not a URI (mailto:address expected)\trua-bad-uri'
	run -0 deliv-dnscheck "${ZARGS[@]}" --only dmarc --no-header ext-unauthorized.dmarc.test
	assert_output $'ext-unauthorized.dmarc.test\tdmarc\t_dmarc.ext-unauthorized.dmarc.test\twarn\tdomain policy p=reject sp=reject pct=100\tv=DMARC1; p=reject; rua=mailto:agg@reports.test\next-unauthorized.dmarc.test\tdmarc\treports.test\twarn\trua: external destination reports.test has no ext-unauthorized.dmarc.test._report._dmarc.reports.test record: reports will not be sent (RFC 7489 7.1)\t'
}
