#!/usr/bin/env bats
# The contract every program keeps (DESIGN.md), checked over every tool in
# tools/: help, usage errors, version, JSON and TSV agreeing, empty input,
# nothing lost, unreadable input, and options documented and completed.

setup() {
	load lib/helpers
	MBOX=$FIXTURES/contract/three.mbox
	ZONE=$FIXTURES/contract/example.test.zone
}

# args TOOL: the arguments that make TOOL read its normal input.
args() {
	case $1 in
	dnscheck) echo "--zone $ZONE" ;;
	warmup-plan) echo "--daily 1000 --start 2026-12-01" ;;
	*) echo "" ;;
	esac
}

# input TOOL: a file of normal input holding N items; echo N.
input() {
	case $1 in
	dnscheck) printf 'example.test\nexample.test\nexample.test\n' >"$BATS_TEST_TMPDIR/in"
		echo 3 ;;
	warmup-plan) : >"$BATS_TEST_TMPDIR/in"; echo 1 ;;
	*) cp "$MBOX" "$BATS_TEST_TMPDIR/in"; echo 3 ;;
	esac
}

@test "every tool: --help exits 0 with the synopsis on stdout" {
	local t
	for t in $(tools); do
		run --separate-stderr -0 "deliv-$t" --help
		assert_output --partial "usage: deliv-$t"
		[ -z "$stderr" ]
	done
	run -0 deliv --help
	assert_output --partial "usage: deliv TOOL"
}

@test "every tool: a bad option exits 2 with usage: on stderr, nothing on stdout" {
	local t
	for t in $(tools); do
		run --separate-stderr -2 "deliv-$t" --no-such-option
		assert_equal "$output" ""
		[[ $stderr == *"usage: deliv-$t"* ]] || fail "$t: stderr: $stderr"
	done
	run --separate-stderr -2 deliv --no-such-option
	[[ $stderr == *"usage: deliv TOOL"* ]]
}

@test "every tool: --version prints its name and VERSION" {
	local t v
	v=$(cat "$TOP/VERSION")
	for t in $(tools); do
		run -0 "deliv-$t" --version
		assert_output "deliv-$t $v"
	done
	run -0 deliv --version
	assert_output "deliv $v"
}

@test "deliv TOOL runs deliv-TOOL; deliv alone lists every tool" {
	local t v
	v=$(cat "$TOP/VERSION")
	run -0 deliv
	for t in $(tools); do
		assert_output --partial "  $t "
		run -0 deliv "$t" --version
		assert_output "deliv-$t $v"
		run -0 deliv
	done
	run --separate-stderr -2 deliv no-such-tool
	[[ $stderr == *"deliv: no-such-tool: no such tool"* ]]
}

@test "every tool: each --json line parses and has the TSV header's keys" {
	local t n
	for t in $(tools); do
		input "$t" >/dev/null
		run deliv-$t $(args "$t") --json <"$BATS_TEST_TMPDIR/in"
		[ "$status" -le 1 ] || fail "$t --json: exit $status"
		[ -n "$output" ] || fail "$t --json: no output"
		jq -e . >/dev/null <<<"$output" || fail "$t: bad JSON: $output"
		keys=$(head -n 1 <<<"$output" | jq -r 'keys_unsorted | join("\t")')
		header=$(deliv-$t $(args "$t") </dev/null | head -n 1)
		assert_equal "$keys" "$header"
	done
}

@test "every tool: the TSV equals the JSON through jq @tsv" {
	local t
	for t in $(tools); do
		input "$t" >/dev/null
		diff <(deliv-$t $(args "$t") --no-header <"$BATS_TEST_TMPDIR/in") \
		    <(deliv-$t $(args "$t") --json <"$BATS_TEST_TMPDIR/in" |
		    jq -r '[.[]]|@tsv') || fail "$t: TSV and JSON differ"
	done
}

@test "every tool: empty input gives the header alone and exit 0" {
	local t
	for t in $(tools); do
		[[ $t == warmup-plan ]] && continue
		run --separate-stderr -0 "deliv-$t" $(args "$t") </dev/null
		assert_equal "${#lines[@]}" 1
		[[ ${lines[0]} == *$'\t'* ]] || fail "$t: no header: $output"
		run -0 "deliv-$t" $(args "$t") --no-header </dev/null
		assert_equal "$output" ""
	done
}

@test "every tool: N inputs give at least N records (nothing lost)" {
	local t n recs
	for t in $(tools); do
		n=$(input "$t")
		run deliv-$t $(args "$t") --no-header <"$BATS_TEST_TMPDIR/in"
		[ "$status" -le 1 ] || fail "$t: exit $status"
		recs=${#lines[@]}
		((recs >= n)) || fail "$t: $n inputs, $recs records"
		# Every message number of the mbox appears.
		if [[ -z $(args "$t") ]]; then
			run deliv-$t --json <"$BATS_TEST_TMPDIR/in"
			assert_equal "$(jq -r .msgno <<<"$output" | sort -u | tr '\n' ' ')" "1 2 3 "
		fi
	done
}

@test "every tool: an unreadable file exits 2 with deliv-TOOL: path: why" {
	local t missing=$BATS_TEST_TMPDIR/no-such-file
	for t in $(tools); do
		case $t in
		dnscheck) run --separate-stderr -2 deliv-$t --zone "$missing" example.test ;;
		warmup-plan) run --separate-stderr -2 deliv-$t --daily 1000 --results "$missing" ;;
		*) run --separate-stderr -2 deliv-$t "$missing" ;;
		esac
		[[ $stderr == *"deliv-$t: $missing: "* ]] || fail "$t: stderr: $stderr"
	done
}

@test "every tool: each --help option is in the man page and every completion" {
	local t opt page
	for t in $(tools); do
		[ -f "$TOP/man/deliv-$t.1" ] || fail "no man/deliv-$t.1"
		page=$(mandoc -T utf8 "$TOP/man/deliv-$t.1" | col -bx)
		for opt in $(deliv-$t --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u); do
			grep -q -- "$opt" <<<"$page" || fail "$t: $opt not in man page"
			grep -q -- "$opt\b" "$TOP/completions/deliv.bash" ||
			    fail "$t: $opt not in completions/deliv.bash"
			grep -q -- "$opt\b" "$TOP/completions/_deliv" ||
			    fail "$t: $opt not in completions/_deliv"
			grep -q -- "-l ${opt#--}\b" "$TOP/completions/deliv.fish" ||
			    fail "$t: $opt not in completions/deliv.fish"
		done
	done
}

@test "every tool: a tab or newline in the input cannot forge a column" {
	local t
	for t in $(tools); do
		[[ -z $(args "$t") ]] || continue
		run deliv-$t "$FIXTURES/contract/hostile.eml"
		[ "$status" -le 1 ] || fail "$t: exit $status"
		same_fields || fail "$t: forged column"
	done
}
