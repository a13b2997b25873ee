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
	[[ $stderr == *"deliv: no such tool: no-such-tool"* ]]
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
	local t opt page common
	# The common options (CLI_HELP) are documented once, in deliv(7).
	common=$(mandoc -T utf8 "$TOP/man/deliv.7" | col -bx)
	for t in $(tools); do
		[ -f "$TOP/man/deliv-$t.1" ] || fail "no man/deliv-$t.1"
		page=$(mandoc -T utf8 "$TOP/man/deliv-$t.1" | col -bx)
		for opt in $(deliv-$t --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u); do
			grep -q -- "$opt" <<<"$page" || grep -q -- "$opt" <<<"$common" ||
			    fail "$t: $opt not in man page nor deliv(7)"
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

@test "every format: control characters in a value cannot reach the terminal (ESC, BEL, BS, DEL, U+009B, U+202E)" {
	local in=$FIXTURES/contract/control-chars.eml
	run deliv-bounce-classify --no-header -o diagnostic "$in"
	assert_output '550 5.1.1 user unknown \x1b]0;pwned\x07\x08\x7f \u009b2J '$'\u202e''txt.exe'
	run deliv-bounce-classify --json -o diagnostic "$in"
	assert_output '{"diagnostic":"550 5.1.1 user unknown \u001b]0;pwned\u0007\b\u007f \u009b2J '$'\u202e''txt.exe"}'
	run deliv-bounce-classify --table=long -o diagnostic "$in"
	assert_output 'diagnostic: 550 5.1.1 user unknown \x1b]0;pwned\x07\x08\x7f \u009b2J \u202etxt.exe'
	# A TXT record through dnscheck: ESC, BEL and CSI escaped.
	sed 's|^@\tIN TXT "v=spf1 ip4:192.0.2.0/24 -all"|@\tIN TXT "v=spf1 ip4:192.0.2.0/24 \\027]0;x\\007 \\194\\155 -all"|' \
	    "$ZONE" >"$BATS_TEST_TMPDIR/ctl.zone"
	run deliv-dnscheck --zone "$BATS_TEST_TMPDIR/ctl.zone" --no-header -o value example.test
	assert_line 'v=spf1 ip4:192.0.2.0/24 \x1b]0;x\x07 \u009b -all'
	# Whole records, every tool: no C0 but tab and newline, no DEL, no C1.
	for t in bounce-classify header-trace lint; do
		for f in "" --json --table --table=long; do
			run deliv-$t $f "$in"
			[ "$status" -le 1 ] || fail "$t $f: exit $status"
			! LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]\|\xc2[\x80-\x9f]' <<<"$output" ||
			    fail "$t $f: a control character written"
		done
	done
}

@test "every tool: -o/--columns chooses the columns in TSV and JSON; a bad name exits 2 naming the columns" {
	local t
	for t in $(tools); do
		input "$t" >/dev/null
		col=$(deliv-$t $(args "$t") </dev/null | head -n 1 | cut -f1)
		run deliv-$t $(args "$t") -o "$col" <"$BATS_TEST_TMPDIR/in"
		[ "$status" -le 1 ] || fail "$t: exit $status"
		assert_line -n 0 "$col"
		run deliv-$t $(args "$t") --json --columns "$col" <"$BATS_TEST_TMPDIR/in"
		[[ ${lines[0]} == "{\"$col\":"*'}' ]] || fail "$t: ${lines[0]}"
		run --separate-stderr -2 deliv-$t $(args "$t") -o no_such <"$BATS_TEST_TMPDIR/in"
		assert_output ''
		[[ $stderr == "deliv-$t: -o: no such column: no_such (columns: $col, "* ]] ||
		    fail "$t: $stderr"
	done
}

@test "every tool: --table fits 80 columns with its own column set; --table=long gives key: value blocks" {
	local t l
	for t in $(tools); do
		input "$t" >/dev/null
		COLUMNS=80 run deliv-$t $(args "$t") --table --color=never <"$BATS_TEST_TMPDIR/in"
		[ "$status" -le 1 ] || fail "$t: exit $status"
		for l in "${lines[@]}"; do
			(($(wc -L <<<"$l") <= 80)) || fail "$t: wider than 80: $l"
		done
		run deliv-$t $(args "$t") --table=long --color=never <"$BATS_TEST_TMPDIR/in"
		[ "$status" -le 1 ] || fail "$t: exit $status"
		[[ ${lines[0]} =~ ^\ *[a-z_]+:\  ]] || fail "$t: ${lines[0]}"
	done
}

@test "every tool: --summary writes the tally as records (tally, group, value, count)" {
	local t
	for t in $(tools); do
		input "$t" >/dev/null
		run deliv-$t $(args "$t") --summary <"$BATS_TEST_TMPDIR/in"
		[ "$status" -le 1 ] || fail "$t: exit $status"
		assert_line -n 0 $'tally\tgroup\tvalue\tcount'
		assert_line -n 1 --regexp $'^records\t\t\t[0-9]+$'
	done
	run deliv-bounce-classify --summary "$MBOX"
	assert_line $'kind\t\thard\t1'
	run -1 deliv-lint --summary --json "$MBOX"
	assert_line '{"tally":"verdict","group":null,"value":"pass","count":2}'
	assert_line '{"tally":"verdict","group":null,"value":"fail","count":1}'
	run deliv-dnscheck --zone "$ZONE" --summary example.test
	assert_line --regexp $'^status\texample.test\tpass\t[0-9]+$'
}

@test "every tool: a misspelt long option suggests the nearest one" {
	local t
	for t in $(tools); do
		run --separate-stderr -2 deliv-$t --jsno
		[[ $stderr == *"deliv-$t: did you mean --json?"* ]] || fail "$t: $stderr"
		run --separate-stderr -2 deliv-$t --tabel
		[[ $stderr == *"deliv-$t: did you mean --table?"* ]] || fail "$t: $stderr"
		run --separate-stderr -2 deliv-$t --zzzzzzzz
		[[ $stderr != *"did you mean"* ]] || fail "$t: $stderr"
	done
}

@test "deliv: help TOOL opens the manual (--help without man); a misspelt tool suggests the nearest" {
	run --separate-stderr -2 deliv lnt
	assert_equal "$stderr" "deliv: no such tool: lnt (did you mean lint?)"
	run --separate-stderr -2 deliv bounce-clasify
	[[ $stderr == *"(did you mean bounce-classify?)"* ]]
	run --separate-stderr -2 deliv zzzzzz
	assert_equal "${stderr%%$'\n'*}" "deliv: no such tool: zzzzzz"
	# Without man(1) on PATH: the tool's --help.
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	ln -s "$(command -v deliv-lint)" "$BATS_TEST_TMPDIR/bin/"
	ln -s "$(command -v deliv)" "$BATS_TEST_TMPDIR/bin/"
	PATH=$BATS_TEST_TMPDIR/bin run -0 "$BATS_TEST_TMPDIR/bin/deliv" help lint
	assert_line -n 0 --partial "usage: deliv-lint"
	# With a man(1): the source tree's page, as deliv runs from build/.
	printf '#!/bin/sh\necho "man $*"\n' >"$BATS_TEST_TMPDIR/bin/man"
	chmod +x "$BATS_TEST_TMPDIR/bin/man"
	PATH=$BATS_TEST_TMPDIR/bin run -0 "$BATS_TEST_TMPDIR/bin/deliv" help lint
	assert_output "man -l $BUILD/../man/deliv-lint.1"
	# Installed (no man/ beside it): man deliv-TOOL when man -w finds it.
	cp "$(command -v deliv)" "$BATS_TEST_TMPDIR/bin/deliv-copy"
	PATH=$BATS_TEST_TMPDIR/bin run -0 "$BATS_TEST_TMPDIR/bin/deliv-copy" help lint
	assert_output "man deliv-lint"
	run --separate-stderr -2 deliv help lnt
	assert_equal "$stderr" "deliv: no such tool: lnt (did you mean lint?)"
	run -0 deliv help
	assert_output --partial "usage: deliv TOOL"
}

# The exit status, one meaning in every program (DESIGN.md, deliv(7)):
# 0 nothing found, 1 something found, 2 usage, I/O, could not check.
# bounce-classify (1 on bounces) and header-trace (1 on an origin, 0 on
# none) keep it once their branches are merged.
@test "exit status: bounce-classify 1 on a mailbox of bounces, 0 on no bounce, 2 unreadable" {
	run -1 deliv-bounce-classify "$MBOX"
	run -0 deliv-bounce-classify "$FIXTURES/contract/hostile.eml"
	run -2 deliv-bounce-classify "$BATS_TEST_TMPDIR/missing"
}

@test "exit status: header-trace 1 when an origin is found, 0 when none" {
	run -1 deliv-header-trace "$MBOX"
	printf 'From: a@example.org\nSubject: hi\n\nhi\n' >"$BATS_TEST_TMPDIR/none.eml"
	run -0 deliv-header-trace "$BATS_TEST_TMPDIR/none.eml"
	run -2 deliv-header-trace "$BATS_TEST_TMPDIR/missing"
}

@test "exit status: lint 1 on a failing message, 0 on a clean one; dnscheck 1 on a failed check" {
	run -1 deliv-lint "$MBOX"
	printf 'From: a@example.org\nTo: b@example.net\nSubject: hello\nDate: Mon, 16 Nov 2026 09:12:30 +0000\nMessage-ID: <x@example.org>\n\nhi\n' >"$BATS_TEST_TMPDIR/ok.eml"
	run -0 deliv-lint "$BATS_TEST_TMPDIR/ok.eml"
	run -2 deliv-lint --threshold x "$BATS_TEST_TMPDIR/ok.eml"
	# an IP the domain's SPF does not authorize: spf-result fail
	run -1 deliv-dnscheck --zone "$FIXTURES/contract/example.test.zone" \
	    --ip 198.51.100.99 example.test
	run -2 deliv-dnscheck --zone "$BATS_TEST_TMPDIR/missing" example.test
}
