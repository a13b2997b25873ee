#!/usr/bin/env bats
# tests/helpers.bash: col picks TSV columns by the header's names.
# `run col` replaces $output, so each test sets $output again (or uses
# $(col ...)) before it picks once more.

setup() {
	load helpers
	T=$'source\tmsgno\tenvelope\terror\tsubject\na.mbox\t1\tx@example.org\t\tHello\na.mbox\t2\t\t\t'
	output=$T
}

# shown CMD...: CMD's stdout with every line ended by "|", so that empty
# fields and empty lines are visible.
shown() {
	"$@" | sed 's/$/|/' | tr '\t\n' '>;'
}

@test "col: one column, by name, every data row" {
	assert_equal "$(shown col subject)" "Hello|;|;"
	output=$'a\tb\n1\t2\n3\t4'
	assert_equal "$(shown col b)" "2|;4|;"
}

@test "col: the order asked, not the header's; commas and words alike" {
	assert_equal "$(shown col subject,msgno source)" "Hello>1>a.mbox|;>2>a.mbox|;"
	assert_equal "$(shown col msgno,msgno)" "1>1|;2>2|;"
	run -0 col msgno source
	assert_output $'1\ta.mbox\n2\ta.mbox'
}

@test "col: empty fields stay empty fields" {
	assert_equal "$(shown col envelope,error,msgno)" "x@example.org>>1|;>>2|;"
	assert_equal "$(shown col error)" "|;|;"
}

@test "col: an unknown name fails and names the columns" {
	run --separate-stderr -1 col msgno,recipent
	assert_equal "$stderr" "col: no column 'recipent' in: source msgno envelope error subject"
	assert_output ""
	output=$T
	run --separate-stderr -1 col Subject
	assert_equal "$stderr" "col: no column 'Subject' in: source msgno envelope error subject"
	output=$T
	run --separate-stderr -1 col msgno,,source
	assert_equal "$stderr" "col: no column '' in: source msgno envelope error subject"
	run --separate-stderr -1 col
	assert_equal "$stderr" "col: no column named"
}

@test "col: no header line is a failure; a header alone gives nothing" {
	output=
	run --separate-stderr -1 col source
	assert_equal "$stderr" "col: no header line in the input"
	output=$'source\tmsgno'
	run -0 col msgno
	assert_output ""
}

@test "col -: stdin instead of \$output" {
	output=$'x\ty\nnot\tthis'
	assert_equal "$(printf 'x\ty\n1\t2\n' | col - y,x)" $'2\t1'
	assert_equal "$(printf 'x\ty\n1\t2\n' | col - x)" 1
}

@test "col -t: the header of a program run with --no-header" {
	run -0 input-dump --no-header "$FIXTURES/input/two.mbox"
	run -0 col -t input-dump msgno,subject
	assert_output $'1\tFirst message\n2\tSecond message'
	run -0 col -t input-dump - msgno </dev/null
	assert_output ""
	run --separate-stderr -1 col -t dnscheck recipient
	assert_equal "$stderr" "col: no column 'recipient' in: domain check subject status detail value"
}
