#!/usr/bin/env bats
# tests/lib/helpers.bash: cols picks TSV columns by the header's names.
# `run col` replaces $output, so each test sets $output again (or uses
# $(cols ...)) before it picks once more.

setup() {
	load lib/helpers
	T=$'source\tmsgno\tenvelope\terror\tsubject\na.mbox\t1\tx@example.org\t\tHello\na.mbox\t2\t\t\t'
	output=$T
}

# shown CMD...: CMD's stdout with every line ended by "|", so that empty
# fields and empty lines are visible.
shown() {
	"$@" | sed 's/$/|/' | tr '\t\n' '>;'
}

@test "cols: one column, by name, every data row" {
	assert_equal "$(shown cols subject)" "Hello|;|;"
	output=$'a\tb\n1\t2\n3\t4'
	assert_equal "$(shown cols b)" "2|;4|;"
}

@test "cols: the order asked, not the header's; commas and words alike" {
	assert_equal "$(shown cols subject,msgno source)" "Hello>1>a.mbox|;>2>a.mbox|;"
	assert_equal "$(shown cols msgno,msgno)" "1>1|;2>2|;"
	run -0 cols msgno source
	assert_output $'1\ta.mbox\n2\ta.mbox'
}

@test "cols: empty fields stay empty fields" {
	assert_equal "$(shown cols envelope,error,msgno)" "x@example.org>>1|;>>2|;"
	assert_equal "$(shown cols error)" "|;|;"
}

@test "cols: an unknown name fails and names the columns" {
	run --separate-stderr -1 cols msgno,recipent
	assert_equal "$stderr" "cols: no column 'recipent' in: source msgno envelope error subject"
	assert_output ""
	output=$T
	run --separate-stderr -1 cols Subject
	assert_equal "$stderr" "cols: no column 'Subject' in: source msgno envelope error subject"
	output=$T
	run --separate-stderr -1 cols msgno,,source
	assert_equal "$stderr" "cols: no column '' in: source msgno envelope error subject"
	run --separate-stderr -1 cols
	assert_equal "$stderr" "cols: no column named"
}

@test "cols: no header line is a failure; a header alone gives nothing" {
	output=
	run --separate-stderr -1 cols source
	assert_equal "$stderr" "cols: no header line in the input"
	output=$'source\tmsgno'
	run -0 cols msgno
	assert_output ""
}

@test "cols -: stdin instead of \$output" {
	output=$'x\ty\nnot\tthis'
	assert_equal "$(printf 'x\ty\n1\t2\n' | cols - y,x)" $'2\t1'
	assert_equal "$(printf 'x\ty\n1\t2\n' | cols - x)" 1
}

@test "cols -t: the header of a program run with --no-header" {
	run -0 input-dump --no-header "$FIXTURES/input/two.mbox"
	run -0 cols -t input-dump msgno,subject
	assert_output $'1\tFirst message\n2\tSecond message'
	run -0 cols -t input-dump - msgno </dev/null
	assert_output ""
	run --separate-stderr -1 cols -t dnscheck recipient
	assert_equal "$stderr" "cols: no column 'recipient' in: domain check subject status detail value"
}

@test "cols: col(1) is still the program, not a helper" {
	assert_equal "$(type -t col)" file
	assert_equal "$(printf 'a\bab\n' | col -bx)" ab
}
