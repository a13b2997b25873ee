#!/usr/bin/env bats
# Regressions found by the fuzz targets (fuzz/): each input that once
# crashed or leaked in lib/ is kept in fixtures/hostile/ and run through
# the program that reaches the same code.  Under make check-asan a leak
# or an overflow makes the program fail, so these tests fail with it.

setup() {
	load helpers
	H=$FIXTURES/hostile
}

# regress TOOL FILE: exit 0 or 1, at least one record, no forged column,
# and the JSON Lines parse.
regress() {
	local t=$1 f=$2
	run timeout 60 "deliv-$t" "$f"
	[ "$status" -le 1 ] || fail "$t on ${f##*/}: exit $status: $stderr"
	((${#lines[@]} >= 2)) || fail "$t on ${f##*/}: no record"
	same_fields || fail "$t on ${f##*/}: forged column"
	run timeout 60 "deliv-$t" --json "$f"
	[ "$status" -le 1 ] || fail "$t --json on ${f##*/}: exit $status"
	jq -e . >/dev/null <<<"$output" || fail "$t on ${f##*/}: bad JSON"
}

@test "regress: a bounce holding two originals without Message-ID (fuzz_bounce leak)" {
	regress bounce-classify "$H/bounce-two-originals-no-msgid.eml"
	run -0 --separate-stderr deliv-bounce-classify "$H/bounce-two-originals-no-msgid.eml"
	assert_equal "$stderr" ""
	# one record per recipient, each from the bounce's own Message-ID
	run -0 bash -c "deliv-bounce-classify --json '$H/bounce-two-originals-no-msgid.eml' | jq -r .message_id | sort -u"
	assert_output "<neko22222@nyaan.neko.example.com>"
	regress lint "$H/bounce-two-originals-no-msgid.eml"
	regress header-trace "$H/bounce-two-originals-no-msgid.eml"
}
