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
	# jq writes the other control characters raw: see the next test.
	local f=($'a\tb' $'\\' $'x\r\ny' $'\xfe\xff' '"quoted"' '\x1b')
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

# The terminal-driving characters of the hardening issue: ESC, BEL, BS,
# DEL, C1's CSI (U+009B) and the right-to-left override (U+202E).
HOSTILE=$'a\e]0;t\a\bb\x7f \xc2\x9b2J \xe2\x80\xaeexe.txt \\ "q"'

@test "out: a byte to escape is found at every place of a run of plain text" {
	# The escaper skips plain ASCII eight bytes at a time: each kind
	# of byte at each of 16 places after 8 plain ones, in TSV.
	local -a raw=($'\t' $'\x01' $'\x1f' $'\x7f' '\' '"' $'\xc3\xa9' $'\xff')
	local -a esc=('\t' '\x01' '\x1f' '\x7f' '\\' '"' $'\xc3\xa9' $'\xef\xbf\xbd')
	local kk ii pre
	for ((kk = 0; kk < ${#raw[@]}; kk++)); do
		for ((ii = 0; ii < 16; ii++)); do
			printf -v pre "%*s" $((8 + ii)) ""
			pre=${pre// /p}
			run -0 out-record --no-header "$pre${raw[kk]}tail"
			assert_equal "$output" "$pre${esc[kk]}tail"
		done
	done
}

@test "out: TSV writes C0 and DEL as \xHH, C1 as \u00HH; core/tsv reads it back byte for byte" {
	run -0 out-record --no-header "$HOSTILE" $'\x01\x1f'
	assert_output 'a\x1b]0;t\x07\x08b\x7f \u009b2J '$'\xe2\x80\xae''exe.txt \\ "q"	\x01\x1f'
	# No byte of the record is a control character but the tab.
	run -1 bash -c "out-record --no-header '$HOSTILE' | tr -d '\t\n' | LC_ALL=C grep -c \$'[\x01-\x1f\x7f]\|\xc2[\x80-\x9f]'"
	# Reversible: tsv-dump -u (TSV_UNESCAPE) gives the bytes written.
	out-record --no-header "$HOSTILE" >"$BATS_TEST_TMPDIR/t"
	run -0 tsv-dump -u "$BATS_TEST_TMPDIR/t"
	assert_output "1	1	[$HOSTILE]"
	# A NUL cannot be in a field read back: \x00 stays as written.
	printf 'a\\x00b\\x41\\u00e9\\q\n' >"$BATS_TEST_TMPDIR/n"
	run -0 tsv-dump -u "$BATS_TEST_TMPDIR/n"
	assert_output $'1\t1\t[a\\x00bAéq]'
}

@test "out: JSON escapes DEL and C1 too, and stays lossless" {
	run -0 out-record --json "$HOSTILE"
	assert_output '{"f1":"a\u001b]0;t\u0007\bb\u007f \u009b2J '$'\xe2\x80\xae''exe.txt \\ \"q\""}'
	assert_equal "$(jq -j .f1 <<<"$output")" "$HOSTILE"
}

@test "out: a table shows controls and bidi controls escaped, nothing else" {
	run -0 out-record --table --color=never "$HOSTILE" $'l\xe2\x80\xa8p\xe2\x81\xa6'
	assert_line -n 1 'a\x1b]0;t\x07\x08b\x7f \u009b2J \u202eexe.txt \ "q"  l\u2028p\u2066'
	run -0 out-record --table=long "$HOSTILE"
	assert_output 'f1: a\x1b]0;t\x07\x08b\x7f \u009b2J \u202eexe.txt \ "q"'
}

@test "out: -o and --columns choose the columns, in order, in every format" {
	run -0 out-record -o f3,f1 a b c
	assert_output $'f3\tf1\nc\ta'
	run -0 out-record --json --columns f2 a b c
	assert_output '{"f2":"b"}'
	run -0 out-record --table --color=never -o f3,f2 a b c
	assert_output $'f3  f2\nc   b'
	run -0 out-record -o -f2 a b c
	assert_output $'f1\tf3\na\tc'
	run --separate-stderr -2 out-record -o f1,nope a b
	assert_output ''
	assert_equal "$stderr" 'out-record: -o: no such column: nope (columns: f1, f2)'
}

@test "out: a table fits \$COLUMNS, long values cut with …; the tool's columns by default" {
	local long
	long=$(printf 'x%.0s' {1..100})
	COLUMNS=40 run -0 out-record --table --color=never "$long" short "$long"
	assert_line -n 0 'f1               f2     f3'
	assert_line -n 1 "xxxxxxxxxxxxxx…  short  xxxxxxxxxxxxxxx…"
	for l in "${lines[@]}"; do
		(($(wc -L <<<"$l") <= 40)) || fail "wider than 40: $l"
	done
	# Unknown to the schema: skipped; -o wins; TSV keeps every column.
	OUT_TABLE_COLS=f3,nope,f1 run -0 out-record --table a b c
	assert_output $'f3  f1\nc   a'
	OUT_TABLE_COLS=f3 run -0 out-record --table -o f2 a b c
	assert_output $'f2\nb'
	OUT_TABLE_COLS=f3 run -0 out-record --no-header a b c
	assert_output $'a\tb\tc'
}

@test "out: --table=long writes key: value blocks, unknown values left out" {
	run -0 out-record --table=long --color=never a -n b -i 3 + c d -i 4
	assert_output $'f1: a\nf3: 3\n\nf1: c\nf2: d\nf3: 4'
	DELIV_FORMAT=table=long run -0 out-record x
	assert_output 'f1: x'
	run --separate-stderr -2 out-record --table=wide x
	assert_equal "$stderr" 'out-record: --table: wide: not long'
}

@test "out: --summary writes the tally as records in the chosen format" {
	OUT_TALLY='f1,n:f2@f1=a,f2/f1,rows:@f1=b' run -0 out-record --summary \
	    a x + a y + b x + b x + c -n z
	assert_output "$(printf '%s\n' $'tally\tgroup\tvalue\tcount' \
	    $'records\t\t\t5' $'f1\t\ta\t2' $'f1\t\tb\t2' $'f1\t\tc\t1' \
	    $'n\t\tx\t1' $'n\t\ty\t1' $'f2\ta\tx\t1' $'f2\ta\ty\t1' \
	    $'f2\tb\tx\t2' $'rows\t\t\t2')"
	run -0 out-record --summary --json a
	assert_output '{"tally":"records","group":null,"value":null,"count":1}'
}
