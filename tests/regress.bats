#!/usr/bin/env bats
# Regressions found by the fuzz targets (fuzz/): each input that once
# crashed or leaked in lib/ is kept in fixtures/hostile/ and run through
# the program that reaches the same code.  Under make check-asan a leak
# or an overflow makes the program fail, so these tests fail with it.

setup() {
	load lib/helpers
	H=$FIXTURES/hostile
}

# regress TOOL FILE: exit 0 or 1, at least one record, no forged column,
# and the JSON Lines parse.
regress() {
	local t=$1 f=$2
	run --separate-stderr timeout 60 "deliv-$t" "$f"
	[ "$status" -le 1 ] || fail "$t on ${f##*/}: exit $status: $stderr"
	((${#lines[@]} >= 2)) || fail "$t on ${f##*/}: no record"
	same_fields || fail "$t on ${f##*/}: forged column"
	run timeout 60 "deliv-$t" --json "$f"
	[ "$status" -le 1 ] || fail "$t --json on ${f##*/}: exit $status"
	jq -e . >/dev/null <<<"$output" || fail "$t on ${f##*/}: bad JSON"
}

@test "regress: a bounce holding two originals without Message-ID (fuzz_bounce leak)" {
	regress bounce-classify "$H/bounce-two-originals-no-msgid.eml"
	run -1 --separate-stderr deliv-bounce-classify "$H/bounce-two-originals-no-msgid.eml"
	assert_equal "$stderr" ""
	# one record per recipient, each from the bounce's own Message-ID
	run -0 bash -c "deliv-bounce-classify --json '$H/bounce-two-originals-no-msgid.eml' | jq -r .message_id | sort -u"
	assert_output "<neko22222@nyaan.neko.example.com>"
	regress lint "$H/bounce-two-originals-no-msgid.eml"
	regress header-trace "$H/bounce-two-originals-no-msgid.eml"
}

@test "regress: a CR-only mbox of one From_ line and nothing else (fuzz_input null offset)" {
	local t
	run -0 input-dump --no-header "$H/cr-only-envelope-only.mbox"
	assert_output "$H/cr-only-envelope-only.mbox	1	MAILER-DAEMON	cannot parse message			"
	for t in bounce-classify lint header-trace; do
		regress "$t" "$H/cr-only-envelope-only.mbox"
	done
}

# plan ARGS...: deliv-warmup-plan with a fixed start; exit 0 or 1, at
# least one record, no forged column.
plan() {
	run --separate-stderr timeout 60 deliv-warmup-plan --monthly 100000 --start 2026-12-01 "$@"
	[ "$status" -le 1 ] || fail "warmup-plan $*: exit $status: $stderr"
	((${#lines[@]} >= 2)) || fail "warmup-plan $*: no record"
	same_fields || fail "warmup-plan $*: forged column"
}

@test "regress: a --mix-from list whose header has over 40 columns (fuzz_warmres overflow)" {
	plan --mix-from "$H/warmres-wide-header.tsv"
	plan --results "$H/warmres-wide-header.tsv"
	# the first 40 columns are read: recipient first, all gmail
	plan --mix-from "$H/recipients-45-columns.tsv"
	run -0 deliv-warmup-plan --monthly 100000 --start 2026-12-01 --mix-from "$H/recipients-45-columns.tsv"
	assert_equal "$(cols provider | grep -vx all | sort -u)" gmail
}
