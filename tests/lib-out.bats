#!/usr/bin/env bats
# lib/core/out: TSV escaping, JSON Lines, tables, through tests/drivers/out-record.

setup() { load lib/helpers; }

@test "out: TSV escapes tab, newline, CR and backslash; unknown is empty" {
	run -0 out-record --no-header $'a\tb' $'c\nd\re\\f' -n x -i 42 -d 0.25
	assert_output $'a\\tb\tc\\nd\\re\\\\f\t\t42\t0.25'
}

@test "out: a field with a tab cannot forge a column" {
	run -0 out-record $'one\ttwo\tthree' $'\n\n' plain
	same_fields
	assert_equal "${#lines[@]}" 2
}

@test "out: JSON escapes every control character and keeps column order" {
	local all c i
	for ((i = 1; i < 32; i++)); do
		printf -v c "\\$(printf %03o "$i")"
		all+=$c
	done
	run -0 out-record --json "$all" -n gone -i -7
	assert_output '{"f1":"\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f","f2":null,"f3":-7}'
	jq -e . <<<"$output"
}

@test "out: invalid and overlong UTF-8 become U+FFFD, valid UTF-8 passes" {
	run -0 out-record --json $'caf\xc3\xa9 \xff \xc0\xaf \xed\xa0\x80 \xe2\x82\xac'
	assert_output '{"f1":"café � �� ��� €"}'
	run -0 out-record --no-header $'caf\xc3\xa9 \xff'
	assert_output 'café �'
}

@test "out: TSV equals JSON through jq @tsv for hostile fields" {
	local f=($'a\tb' $'\\' $'x\r\ny' $'\x01\x7f' $'\xfe\xff' '"quoted"')
	diff <(out-record --no-header "${f[@]}") \
	    <(out-record --json "${f[@]}" | jq -r '[.[]]|@tsv')
}

@test "out: header only when there is no record; --no-header drops it" {
	run -0 out-record
	assert_output ''
	run -0 out-record --table --color=never pass 'a b'
	assert_line -n 0 'f1    f2'
	assert_line -n 1 'pass  a b'
}

@test "out: tables colour only with --color=always, never under NO_COLOR" {
	run -0 out-record --table --color=always fail x
	assert_line -n 1 $'\e[31;1mfail\e[0m  x'
	NO_COLOR=1 run -0 out-record --table fail x
	assert_line -n 1 'fail  x'
}

@test "out: DELIV_FORMAT picks the default; --tsv overrides it" {
	DELIV_FORMAT=json run -0 out-record a
	assert_output '{"f1":"a"}'
	DELIV_FORMAT=json run -0 out-record --tsv a
	assert_output $'f1\na'
	DELIV_FORMAT=xml run --separate-stderr -2 out-record a
	[[ $stderr == *"DELIV_FORMAT: xml: not tsv, json or table"* ]]
}

@test "out: a closed stdout is an error, not silence" {
	run -2 bash -c 'out-record a >/dev/full'
}
