#!/usr/bin/env bats
# lib/core/phrases: phrase files compiled into one PCRE2 alternation.

setup() {
	load lib/helpers
	F=$FIXTURES/phrases
}

@test "phrases: a hit names the file, line, tag and matched text" {
	run -0 phrases-match "$F/list.txt" <<<'Sorry, the Mailbox  IS full.'
	assert_line -n 1 $'1\tlist.txt\t2\tmailboxfull\tmailbox is full\tMailbox  IS full'
}

@test "phrases: word boundaries, caseless, white space runs, regex lines" {
	run -0 phrases-match --no-header "$F/list.txt" <<'IN'
550 user unknownx
452 4.2.2 Over	quota
this is SPAMMY blocked
earn $$$ now
nothing here
IN
	assert_line -n 0 $'1\t\t\t\t\t'
	assert_line -n 1 $'2\tlist.txt\t5\tmailboxfull\tover quota\tOver\\tquota'
	assert_line -n 2 $'3\tlist.txt\t6\tspamdetected\t/spam(?:my)? (?:detected|blocked)/\tSPAMMY blocked'
	assert_line -n 3 $'4\tlist.txt\t7\tmoney\t$$$\t$$$'
	assert_line -n 4 $'5\t\t\t\t\t'
}

@test "phrases: invalid UTF-8 in the subject is matched, not an error" {
	run -0 phrases-match --no-header "$F/list.txt" <<<$'\xff\xfe user unknown \xc0'
	assert_output --partial $'\tuserunknown\t'
}

@test "phrases: a shadowed phrase is found dead" {
	run -1 phrases-match --check "$F/list.txt"
	assert_output 'list.txt:8: "mailbox is full now" is shadowed by line 2'
}

@test "phrases: a bad regex is reported with file and line" {
	run --separate-stderr -2 phrases-match "$F/badregex.txt"
	[[ $stderr == "phrases-match: badregex.txt:2: missing closing parenthesis at offset 9" ]] || fail "$stderr"
}

@test "phrases: a line without a tab is reported with file and line" {
	run --separate-stderr -2 phrases-match "$F/notab.txt"
	assert_equal "$stderr" "phrases-match: notab.txt:2: no tab between tag and phrase"
}

@test "phrases: a catastrophic regex is bounded and reported, not hung" {
	run -0 phrases-match --no-header "$F/catastrophic.txt" <<<"$(printf 'a%.0s' {1..40})!"
	assert_output $'1\tmatch limit exceeded\t\t\t\t'
	run -0 phrases-match --no-header "$F/catastrophic.txt" <<<"aaa"
	assert_output $'1\tcatastrophic.txt\t1\tevil\t/(a+)+$/\taaa'
}

@test "phrase index: every hit from the end of the last, as phr_match finds them" {
	run -0 phrase-index "$F/list.txt" <<<'The mailbox is full now, user unknown; SPAM blocked and $$$ and over  quota'
	assert_output "$(printf '%s\n' \
	    $'1\t2\tmailboxfull\t4\t19\tmailbox is full' \
	    $'1\t3\tuserunknown\t25\t37\tuser unknown' \
	    $'1\t6\tspamdetected\t39\t51\tSPAM blocked' \
	    $'1\t7\tmoney\t56\t59\t$$$' \
	    $'1\t5\tmailboxfull\t64\t75\tover  quota')"
	# a search from inside a word sees the word before it
	run -0 phrase-index "$F/list.txt" <<<'xuser unknown, user unknown'
	assert_output $'1\t3\tuserunknown\t15\t27\tuser unknown'
}

@test "phrase index: over some entries only, with the lines of the whole list" {
	run -0 phrase-index "$F/list.txt" 1 3 <<<'The mailbox is full now, user unknown; SPAM blocked and $$$'
	assert_output "$(printf '%s\n' \
	    $'1\t3\tuserunknown\t25\t37\tuser unknown' \
	    $'1\t6\tspamdetected\t39\t51\tSPAM blocked')"
	run -0 phrase-index "$F/list.txt" 5 <<<'The mailbox is full now'
	assert_output $'1\t8\tmailboxfull\t4\t23\tmailbox is full now'
}

@test "phrase index: the same hits as phr_match over spam.txt and real text" {
	sed -n '/^$/,$p' "$FIXTURES/lint/spam.eml" "$FIXTURES/lint/clean.eml" >"$BATS_TEST_TMPDIR/text"
	run -0 phrase-index "$TOP/phrases/spam.txt" <"$BATS_TEST_TMPDIR/text"
	refute_output ''
}
