#!/usr/bin/env bats
# lib/core/tsv through tests/drivers/tsv-dump: comments and blank lines,
# CRLF, field counts, the caps on lines and rows, the header and its
# look-up by name, and every error as "FILE:LINE: what".

setup() {
	load lib/helpers
	T=$BATS_TEST_TMPDIR/t.tsv
}

@test "tsv: comments and blank lines are skipped; rows keep their line numbers" {
	printf '# a comment\n\na\tb\n \t \n  # indented\nc\t\td\n#\n' >"$T"
	run -0 tsv-dump "$T"
	assert_output $'3\t2\t[a][b]\n5\t1\t[  # indented]\n6\t3\t[c][][d]'
	# Trimmed, an indented "#" is a comment too, and fields lose their blanks.
	run -0 tsv-dump -t "$T"
	assert_output $'3\t2\t[a][b]\n6\t3\t[c][][d]'
	printf ' x \t y\t\n' >"$T"
	run -0 tsv-dump -t "$T"
	assert_output $'1\t2\t[x][y]'
	# Kept when asked.
	printf '# c\n\na\n' >"$T"
	run -0 tsv-dump -k -b "$T"
	assert_output $'1\t1\t[# c]\n2\t1\t[]\n3\t1\t[a]'
}

@test "tsv: CRLF lines read as LF lines; a last line without a newline counts" {
	printf '# c\r\na\tb\r\n\r\nc\td\r\n' >"$T"
	run -0 tsv-dump "$T"
	assert_output $'2\t2\t[a][b]\n4\t2\t[c][d]'
	printf 'a\tb\nc\td' >"$T"
	run -0 tsv-dump "$T"
	assert_output $'1\t2\t[a][b]\n2\t2\t[c][d]'
	run -0 tsv-dump - <"$T"
	assert_output $'1\t2\t[a][b]\n2\t2\t[c][d]'
}

@test "tsv: a wrong number of fields is an error naming file and line" {
	printf '# c\na\tb\tc\na\tb\n' >"$T"
	run --separate-stderr -2 tsv-dump -m 3 -M 3 "$T"
	assert_output $'2\t3\t[a][b][c]'
	assert_equal "$stderr" "tsv-dump: $T:3: 2 fields, not 3 (tab-separated)"
	run --separate-stderr -2 tsv-dump -m 3 "$T"
	assert_equal "$stderr" "tsv-dump: $T:3: 2 fields, fewer than 3 (tab-separated)"
	run --separate-stderr -2 tsv-dump -M 2 "$T"
	assert_equal "$stderr" "tsv-dump: $T:2: 3 fields, more than 2 (tab-separated)"
	# With -R the last field takes the rest of the line.
	run -0 tsv-dump -R -M 2 "$T"
	assert_output $'2\t2\t[a][b\tc]\n3\t2\t[a][b]'
	# More than TSV_FIELDS_MAX (64) by default.
	printf 'f%.0s\t' {1..64} >"$T"
	echo f >>"$T"
	run --separate-stderr -2 tsv-dump "$T"
	assert_equal "$stderr" "tsv-dump: $T:1: 65 fields, more than 64 (tab-separated)"
}

@test "tsv: an over-long line is refused; the cap counts neither newline nor CR" {
	printf 'ok\n0123456789\n0123456789\r\n01234567890\nnot reached\n' >"$T"
	run --separate-stderr -2 tsv-dump -l 10 "$T"
	assert_output $'1\t1\t[ok]\n2\t1\t[0123456789]\n3\t1\t[0123456789]'
	assert_equal "$stderr" "tsv-dump: $T:4: line longer than 10 bytes"
	# The default cap, 65536 bytes, on a line of 100 MB that is never
	# held in memory (50 MB of address space; AddressSanitizer needs more).
	local lim='ulimit -v 50000;'
	[[ $BUILD != *asan* ]] || lim=
	run --separate-stderr -2 bash -c "$lim head -c 100000000 /dev/zero | tr '\\0' x | tsv-dump -"
	assert_equal "$stderr" "tsv-dump: -:1: line longer than 65536 bytes"
}

@test "tsv: a NUL byte and too many rows are errors naming the line" {
	printf 'a\nb\0c\n' >"$T"
	run --separate-stderr -2 tsv-dump "$T"
	assert_output $'1\t1\t[a]'
	assert_equal "$stderr" "tsv-dump: $T:2: a NUL byte"
	# Or, for other programs' records, the end of the line's text.
	printf 'a\nb\0c\td\n\0\0x\ne\n\0' >"$T"
	run -0 tsv-dump -z -b "$T"
	assert_output $'1\t1\t[a]\n2\t1\t[b]\n3\t1\t[]\n4\t1\t[e]\n5\t1\t[]'
	printf 'a\n# c\nb\n\nc\n' >"$T"
	run --separate-stderr -2 tsv-dump -r 2 "$T"
	assert_output $'1\t1\t[a]\n3\t1\t[b]'
	assert_equal "$stderr" "tsv-dump: $T:5: more than 2 rows"
	run --separate-stderr -2 tsv-dump "$BATS_TEST_TMPDIR/none"
	assert_equal "$stderr" "tsv-dump: $BATS_TEST_TMPDIR/none: No such file or directory"
}

@test "tsv: a header names the columns; fields are looked up by name" {
	printf '# c\nzone\ttype\tcode\nx.test\tip\t127.0.0.2\ny.test\tdomain\n' >"$T"
	run -0 tsv-dump -H -c code "$T"
	assert_output $'columns\t3\ncolumn\tcode\t2\n3\t127.0.0.2\n4\t(none)'
	run -0 tsv-dump -H -c zone "$T"
	assert_output $'columns\t3\ncolumn\tzone\t0\n3\tx.test\n4\ty.test'
	run -0 tsv-dump -H -c class "$T"
	assert_output $'columns\t3\ncolumn\tclass\t-1\n3\t(none)\n4\t(none)'
	printf '# only a comment\n\n' >"$T"
	run --separate-stderr -2 tsv-dump -H "$T"
	assert_equal "$stderr" "tsv-dump: $T: no header line"
}

@test "tsv: lib/out's escapes are decoded when asked" {
	printf 'a\\tb\tc\\\\d\\ne\tf\\\n' >"$T"
	run -0 tsv-dump "$T"
	assert_output $'1\t3\t[a\\tb][c\\\\d\\ne][f\\]'
	run -0 tsv-dump -u "$T"
	assert_output $'1\t3\t[a\tb][c\\d\ne][f\\]'
}

@test "tsv: TSV_UNESCAPE reads lib/out's escapes back: \\t \\n \\r \\\\ \\xHH \\uHHHH" {
	printf '%s\n' 'a\tb\nc\rd\\e\x1b\x7f\u009b\u202e\xZZ\u12\q\x00' >"$BATS_TEST_TMPDIR/e"
	run -0 tsv-dump -u "$BATS_TEST_TMPDIR/e"
	assert_output "1	1	[a	b
c"$'\r'"d\\e"$'\e\x7f\xc2\x9b\xe2\x80\xae'"xZZu12q\\x00]"
}
