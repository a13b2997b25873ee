#!/usr/bin/env bats
# lib/core/phrases: phrase files compiled into PCRE2 alternations (one per
# 200 phrases), matched leftmost first.

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

@test "phrase index: a phrase with no first word is tried where one of its runs is, whichever" {
	# each opens with no word; the runs of the first are its group's
	# branches, of the second the group every match goes through (not
	# the optional one), of the third its own after \x01; the fourth has
	# none and is tried everywhere
	printf '%s\n' $'a\t/\\b(?:contact|write to|mailto:)/' \
	    $'b\t/(?:re-?)?(?:send|forward)s? to\\b/' \
	    $'c\t/^\\x01\\s*instead\\b/' $'d\t/\\b(?:is|was) gone\\b/' \
	    >"$BATS_TEST_TMPDIR/rest.txt"
	run -0 phrase-index "$BATS_TEST_TMPDIR/rest.txt" <<-'EOF'
	Please WRITE TO help; he was gone; resend to x
	nothing here but re-forwards to y
	EOF
	assert_output "$(printf '%s\n' \
	    $'1\t1\ta\t7\t15\tWRITE TO' \
	    $'1\t4\td\t25\t33\twas gone' \
	    $'1\t2\tb\t35\t44\tresend to' \
	    $'2\t2\tb\t17\t31\tre-forwards to')"
	printf '\001 instead of me\n' >"$BATS_TEST_TMPDIR/in.txt"
	run -0 phrase-index "$BATS_TEST_TMPDIR/rest.txt" <"$BATS_TEST_TMPDIR/in.txt"
	assert_output $'1\t3\tc\t0\t9\t\\x01 instead'
}

@test "phrase index: a phrase keyed by its first word is tried only where the next word may be its" {
	# the group "mail": a literal, regexes with \s+, \s and a space, a
	# quantified last byte ("tool?s": "toos" too); "quota": a regex whose
	# next word is no plain run, tried after every "quota".  The driver
	# also checks every hit against phr_match().
	printf '%s\n' $'a\tmail box full' $'b\t/\\bmail\\s+rejected\\b/' \
	    $'c\t/\\bmail\\sloops?\\b/' $'d\t/\\bmail is (?:gone|away)/' \
	    $'e\t/\\bmail\\s+tool?s\\b/' $'f\t/\\bquota\\s+(?:over|hit)\\b/' \
	    >"$BATS_TEST_TMPDIR/next.txt"
	run -0 phrase-index "$BATS_TEST_TMPDIR/next.txt" <<-'EOF'
	mail boxes; MAIL  Box full; mail rejected; mail
	loop and mail loops; mail is gone; mail toos; mail tools; mail island; quota hit
	EOF
	assert_output "$(printf '%s\n' \
	    $'1\t1\ta\t12\t26\tMAIL  Box full' \
	    $'1\t2\tb\t28\t41\tmail rejected' \
	    $'2\t3\tc\t9\t19\tmail loops' \
	    $'2\t4\td\t21\t33\tmail is gone' \
	    $'2\t5\te\t35\t44\tmail toos' \
	    $'2\t5\te\t46\t56\tmail tools' \
	    $'2\t6\tf\t71\t80\tquota hit')"
}

@test "phrase index: a regex that opens with a whole word is searched by that word, others everywhere" {
	# Keyed by their first word: the third and fourth.  Not keyed: a
	# word that may go on ("mail(?:box)?"), an alternation beside the
	# word, an optional group around it, an optional byte after it.
	printf '%s\n' $'a\t/\\bmail(?:box)? full/' $'b\t/\\bfoo bar|baz qux/' \
	    $'c\t/\\bmail from \\[?[0-9.]+\\]? refused\\b/' \
	    $'d\t/(?:\\bquota\\s+exceeded)/' $'e\t/(?:\\bover ll)?\\bmailbag\\b/' \
	    $'f\t/\\b550:?x\\b/' >"$BATS_TEST_TMPDIR/re.txt"
	run -0 phrase-index "$BATS_TEST_TMPDIR/re.txt" <<-'EOF'
	Your mailbox full; MAIL FROM [192.0.2.1] refused
	baz qux and QUOTA   exceeded, then 550x and a mailbag
	EOF
	assert_output "$(printf '%s\n' \
	    $'1\t1\ta\t5\t17\tmailbox full' \
	    $'1\t3\tc\t19\t48\tMAIL FROM [192.0.2.1] refused' \
	    $'2\t2\tb\t0\t7\tbaz qux' \
	    $'2\t4\td\t12\t28\tQUOTA   exceeded' \
	    $'2\t6\tf\t35\t39\t550x' \
	    $'2\t5\te\t46\t53\tmailbag')"
}

@test "phrase literal: the run of plain text every match of a pattern holds" {
	# quantified bytes leave the run; groups, classes, escapes that are
	# no byte, \xHH and \b break it; a top-level alternation, option
	# settings and escapes with arguments give none; shorter than 3
	# bytes is none
	run -0 phrase-index --literal <<-'EOF'
	\b[245]\.7\.\d{1,3}\b[^\n]{0,160}?\bsender is unauthenticated
	colou?r chart
	a{2}bcd{1,3}efg
	Mailbox\.Full(?:y)?
	[[:alpha:]]]xyz
	abc|defgh
	(?i)abcdef
	x\x41bcdef
	ab\bcd
	(?:not )?found
	容量オーバー?
	ενδέχεται να
	boîte pleine
	spam(?# x(?:y)zzz|other
	[\c]]abc
	ab{ 2 }cdef
	EOF
	# a script without case is its own bytes (less the last character,
	# which a quantifier takes), one with case ends a run; a comment
	# ends at its first ')', so what follows may be an alternation; \c]
	# in a class is one character; braces with spaces may be a quantifier
	assert_output "$(printf '%s\n' 'sender is unauthenticated' 'r chart' \
	    efg mailbox.full ']xyz' - - bcdef - found 容量オーバ - 'te pleine' - - cdef)"
}

@test "phrase literal: runs of which every match holds one, through the groups every match goes through" {
	# a top-level alternation: one run a branch; a branch with no run of
	# its own: its group's branches, the group whose shortest run is the
	# longest; an optional group ((...)?, *, {}), a negative lookaround
	# and a branch of under 3 bytes give none; a positive lookaround's
	# text is in the subject; \xHH is one byte, no letter
	run -0 phrase-index --any <<-'EOF'
	abcd|efgh
	\b(?:contact|write to|mailto:)
	a(?!bcd)efg
	(?<!xyz)(?:abc|def)
	(?:abc)?def
	(?:abc|de)fg
	(?:abc|(?:xyz|qrs))
	(?<=abc)d
	x(?:abc)*
	x(?:abc)+
	(?<name>abc|def)
	^\x01[>"]*\s+(?:is|are)\s+(?:now\s+)?(?:available|active)\b
	x(?:ab|(?:cde|fgh)){2}
	(?i:abc)
	abc|
	\b(?:is|was)\s+(?:full|over)
	EOF
	assert_output "$(printf '%s\n' 'abcd|efgh' 'contact|write to|mailto:' \
	    efg 'abc|def' def - 'abc|xyz|qrs' abc - abc 'abc|def' \
	    'available|active' - - - 'full|over')"
}

@test "phrase literal: runs found at even and odd places, at both ends, caseless" {
	run -0 phrase-index --find abc xyz12 'q.r' <<-'EOF'
	abc
	xabc
	xxABC
	xxxaBc
	-xyZ12-
	--xyz12
	q.rXYZ12aBc
	ab c xyz1 q-r
	ab
	EOF
	assert_output "$(printf '%s\n' abc abc abc abc xyz12 xyz12 'abc xyz12 q.r' - -)"
}

@test "phrase literal: runs of more than 8 bytes, near the text's end, or alike only in their first 8" {
	# the first 8 bytes of a run are compared as one word, caseless,
	# where the text has 8 bytes left; the rest byte by byte
	run -0 phrase-index --find mailbox.full 'over quota' mailbox.fulness <<-'EOF'
	MAILBOX.FULL
	xMailbox.Full
	mailbox.fulx Mailbox.Fulness
	Over Quota
	over quot
	mailbox.FUL
	x over quota
	EOF
	assert_output "$(printf '%s\n' mailbox.full mailbox.full mailbox.fulness 'over quota' - - 'over quota')"
}

@test "phrase index: a phrase that opens with no word is tried only where its literal is" {
	# each line: the same hits as phr_match (the driver exits 1 if not);
	# the literal "quota" in the text lets the first be tried, its case
	# aside; "5.2.2" the second
	printf '%s\n' $'a\t/[0-9]+ (?:kb )?over QUOTA/' $'b\t/\\b[45][0-9][0-9][ -][45]\\.2\\.2\\b/' \
	    $'c\tuser unknown' >"$BATS_TEST_TMPDIR/re.txt"
	run -0 phrase-index "$BATS_TEST_TMPDIR/re.txt" <<-'EOF'
	552 5.2.2 mailbox 12 KB Over Quota, user unknown
	12 over quot; 552 5.2.3; no user unknown
	nothing here
	EOF
	assert_output "$(printf '%s\n' \
	    $'1\t2\tb\t0\t9\t552 5.2.2' \
	    $'1\t1\ta\t18\t34\t12 KB Over Quota' \
	    $'1\t3\tc\t36\t48\tuser unknown' \
	    $'2\t3\tc\t28\t40\tuser unknown')"
}

@test "phrase index: searched again from the end of a hit, in text that is not UTF-8, as phr_match" {
	# PCRE2 begins no match at an invalid byte unless the search starts
	# there: a phrase's leftmost match from an earlier start is no
	# answer from there (found by fuzz_phrases).  The long s makes the
	# index search phrase by phrase.
	printf '%s\n' $'sd\t/\\b|/s/' $'d\t/\\btoosaP&&&&&&&nepm+|||am(tected|d)/' >"$BATS_TEST_TMPDIR/l.txt"
	run -0 phrase-index "$BATS_TEST_TMPDIR/l.txt" < <(printf '\xc5\xbf\x83\n')
	assert_output "$(printf '%s\n' $'1\t1\tsd\t0\t0\t' $'1\t2\td\t1\t1\t' $'1\t1\tsd\t2\t2\t')"
}

@test "phrase index: past the literals a set holds, a phrase is tried in every text" {
	# 300 phrases that open with no word, each with its own literal: the
	# set holds 256, the rest are always tried; the last still matches
	for i in $(seq 1 300); do printf 't%d\t/[0-9]-lit%03dx/\n' "$i" "$i"; done >"$BATS_TEST_TMPDIR/l.txt"
	run -0 phrase-index "$BATS_TEST_TMPDIR/l.txt" <<<'a 7-lit300x, 8-lit001x'
	assert_output "$(printf '%s\n' $'1\t300\tt300\t2\t11\t7-lit300x' $'1\t1\tt1\t13\t22\t8-lit001x')"
}

@test "phrases: \\C, verbs and a group name used twice are refused, naming the line: in one list they change how the other phrases match, or cannot be one alternation" {
	printf '%s\n' $'a\tfoo' $'b\t/ab\\Ccd/' >"$BATS_TEST_TMPDIR/c.txt"
	run -2 phrase-index "$BATS_TEST_TMPDIR/c.txt" </dev/null
	assert_output 'phrase-index: c.txt:2: using \C is disabled by the application at offset 4'
	printf '%s\n' $'a\tfoo' $'b\tbar' $'c\t/x[(*]y|ab(*COMMIT)cd/' >"$BATS_TEST_TMPDIR/v.txt"
	run -2 phrase-index "$BATS_TEST_TMPDIR/v.txt" </dev/null
	assert_output "phrase-index: v.txt:3: a verb such as (*COMMIT) would change how the list's other phrases match"
	# each compiles alone; as one alternation (compiled when first
	# used) the two n's would fail: refused at load, naming both lines
	printf '%s\n' $'a\t/(?<n>foo)/' $'b\tbar' $'c\t/x(?<m>y)|(?<n>z)/' >"$BATS_TEST_TMPDIR/n.txt"
	run -2 phrase-index "$BATS_TEST_TMPDIR/n.txt" </dev/null
	assert_output "phrase-index: n.txt:3: the group name \"n\" is line 1's too: a list is one alternation, whose names must differ"
	# a ( or * in a class or escaped is no verb
	printf '%s\n' $'a\t/x[(*]y|\\(*z/' >"$BATS_TEST_TMPDIR/ok.txt"
	run -0 phrase-index "$BATS_TEST_TMPDIR/ok.txt" <<<'x*y (z'
	assert_output "$(printf '%s\n' $'1\t1\ta\t0\t3\tx*y' $'1\t1\ta\t4\t6\t(z')"
}

@test "phrase index: a regex whose quote or comment hides a bar is not searched by its first word" {
	# a comment ends at its first ')', \Q...\E quotes '(': both bars
	# are at the top, so "bar" and "zap" match alone (found by
	# fuzz_phrases)
	printf '%s\n' $'a\t/\\bfoo (?# ( )|bar/' $'b\t/\\bqux \\Q(\\E|zap/' >"$BATS_TEST_TMPDIR/l.txt"
	run -0 phrase-index "$BATS_TEST_TMPDIR/l.txt" <<<$'xx bar\nxx zap'
	assert_output "$(printf '%s\n' $'1\t1\ta\t3\t6\tbar' $'2\t2\tb\t3\t6\tzap')"
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

# A spammy message with harmless text appended: HEAD, then N times "of the
# your this" wrapped at 70 columns, then TAIL (issue #19).
padded_spam() {
	local head=$1 n=$2 tail=${3-}
	printf 'From: a@example.com\nTo: b@example.org\nSubject: hello\n'
	printf 'Date: Mon, 1 Jan 2024 00:00:00 +0000\nMessage-ID: <x@example.com>\n'
	printf 'MIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n\n'
	printf 'Dear winner, claim your cash prize and money now! Transfer the\n'
	printf 'funds today.  You have won!  Act now, 100%% free, no obligation.\n\n'
	{ printf '%s ' "$head"; for ((i = 0; i < n; i++)); do printf 'of the your this '; done; printf '%s' "$tail"; } | fold -s -w 70
	printf '\n'
}

@test "phrases: a head word then thousands of function words: no match error, the verdict stays fail (#19)" {
	for head in claim transfer process; do
		padded_spam "$head" 4000 money >"$BATS_TEST_TMPDIR/m.eml"
		for engine in vectorscan pcre2; do
			DELIV_PHRASES_ENGINE=$engine run --separate-stderr -1 deliv-lint --no-header "$BATS_TEST_TMPDIR/m.eml"
			assert_equal "$stderr" ""
			assert_line --regexp $'\tsummary\tfail\twarn\t\t\tfail: 0 errors, 6 warnings, 0 info; score 9\\.2, threshold 5\t\t9\\.2$'
			refute_output --partial 'not checked'
		done
	done
}

@test "phrases: the #19 text is linear: no phrase of spam.txt errs at 1,000 or 8,000 repeats" {
	for n in 1000 8000; do
		{ printf 'claim '; for ((i = 0; i < n; i++)); do printf 'of the your this '; done; echo money; } >"$BATS_TEST_TMPDIR/t"
		run -0 phrases-match --no-header "$TOP/phrases/spam.txt" <"$BATS_TEST_TMPDIR/t"
		refute_output --partial 'limit'
		run -0 phrase-index "$TOP/phrases/spam.txt" <"$BATS_TEST_TMPDIR/t"
		refute_output --partial 'limit'
	done
}

@test "phrases: a user regex that hits the match limit leaves a record with a note, the other phrases still count" {
	mkdir "$BATS_TEST_TMPDIR/ph"
	cp "$TOP/phrases/shorteners.txt" "$BATS_TEST_TMPDIR/ph/"
	printf '2\tfree money\n3\t/(a+)+$/\n4\tact now\n' >"$BATS_TEST_TMPDIR/ph/spam.txt"
	padded_spam claim 1 "free money $(printf 'a%.0s' {1..40})! a" >"$BATS_TEST_TMPDIR/m.eml"
	for engine in vectorscan pcre2; do
		DELIV_PHRASES_ENGINE=$engine run --separate-stderr -1 deliv-lint --no-header --phrases "$BATS_TEST_TMPDIR/ph" "$BATS_TEST_TMPDIR/m.eml"
		assert_line --partial $'\tspam-phrase\twarn\t0\tpart 1 text\t1 phrase not checked, the others were: spam.txt:2: match limit exceeded\t'
		assert_line --partial '"free money" matches "free money" (spam.txt:1, weight 2)'
		assert_line --partial '"Act now" matches "act now" (spam.txt:3, weight 4)'
		assert_line --partial $'\tsummary\tfail\t'
	done
}

@test "phrase index: the engine: PCRE2 alone when asked or until 2 MB of text, Vectorscan when asked" {
	DELIV_PHRASES_ENGINE=pcre2 run -0 phrase-index --engine "$TOP/phrases/spam.txt"
	assert_output pcre2
	run -0 phrase-index --engine "$TOP/phrases/spam.txt"
	assert_output pcre2
	DELIV_PHRASES_ENGINE=vectorscan run -0 phrase-index --engine "$TOP/phrases/spam.txt"
	[[ $output == vectorscan ]] || skip "built without Vectorscan"
}

@test "phrases: Vectorscan and PCRE2 alone give the same records on the corpora" {
	need_corpora
	[[ $(DELIV_PHRASES_ENGINE=vectorscan phrase-index --engine "$TOP/phrases/spam.txt" </dev/null) == vectorscan ]] || skip "built without Vectorscan"
	for d in lint/messages/spam lint/messages/hard_ham bounces/messages/maildir/bsd bounces/messages/mailbox; do
		DELIV_PHRASES_ENGINE=vectorscan deliv-lint --json "$CORPORA/$d" >"$BATS_TEST_TMPDIR/vs" 2>&1 || true
		DELIV_PHRASES_ENGINE=pcre2 deliv-lint --json "$CORPORA/$d" >"$BATS_TEST_TMPDIR/pc" 2>&1 || true
		[[ -s $BATS_TEST_TMPDIR/vs ]] || fail "no lint output for $d"
		cmp "$BATS_TEST_TMPDIR/vs" "$BATS_TEST_TMPDIR/pc" || fail "lint differs on $d"
		DELIV_PHRASES_ENGINE=vectorscan deliv-bounce-classify --json "$CORPORA/$d" >"$BATS_TEST_TMPDIR/vs" 2>&1 || true
		DELIV_PHRASES_ENGINE=pcre2 deliv-bounce-classify --json "$CORPORA/$d" >"$BATS_TEST_TMPDIR/pc" 2>&1 || true
		[[ -s $BATS_TEST_TMPDIR/vs ]] || fail "no bounce-classify output for $d"
		cmp "$BATS_TEST_TMPDIR/vs" "$BATS_TEST_TMPDIR/pc" || fail "bounce-classify differs on $d"
	done
}

@test "phrase index: both engines agree on Unicode case, white space and invalid UTF-8" {
	printf 'x\tkelvin\nx\tstress test\nx\tfree money\nx\t/caf\\x{e9}\\s+au\\s+lait/\n' >"$BATS_TEST_TMPDIR/l.txt"
	input=$(printf 'the \xe2\x84\xaaelvin scale\n\xc5\xbftre\xc5\xbfs test\nfree\xc2\xa0money\nCAF\xc3\x89\xe3\x80\x80AU LAIT\n\xff free \xc0money\nfree \xffmoney\n')
	DELIV_PHRASES_ENGINE=vectorscan run -0 phrase-index "$BATS_TEST_TMPDIR/l.txt" <<<"$input"
	vs=$output
	DELIV_PHRASES_ENGINE=pcre2 run -0 phrase-index "$BATS_TEST_TMPDIR/l.txt" <<<"$input"
	assert_equal "$vs" "$output"
	assert_output "$(printf '%s\n' $'1\t1\tx\t4\t12\t\xe2\x84\xaaelvin' $'2\t2\tx\t0\t13\t\xc5\xbftre\xc5\xbfs test' $'3\t3\tx\t0\t11\tfree\xc2\xa0money' $'4\t4\tx\t0\t15\tCAF\xc3\x89\xe3\x80\x80AU LAIT')"
}

@test "phrases: bounce-classify with a user regex at the match limit still writes the message's record (#19)" {
	mkdir "$BATS_TEST_TMPDIR/ph"
	cp "$TOP"/phrases/*.txt "$BATS_TEST_TMPDIR/ph/"
	printf 'mailboxfull\t/(a+)+$/\n' >>"$BATS_TEST_TMPDIR/ph/soft.txt"
	{
		printf 'From: MAILER-DAEMON@example.com\nTo: a@example.com\n'
		printf 'Subject: Undelivered Mail Returned to Sender\n'
		printf 'Date: Mon, 1 Jan 2024 00:00:00 +0000\nMessage-ID: <b@example.com>\n\n'
		printf 'This is the mail system at host example.com.\n\n'
		printf '<user@example.org>: host mx.example.org said: 550 5.1.1 user unknown %s! a\n' "$(printf 'a%.0s' {1..40})"
	} >"$BATS_TEST_TMPDIR/b.eml"
	for engine in vectorscan pcre2; do
		DELIV_PHRASES_ENGINE=$engine run --separate-stderr deliv-bounce-classify --no-header --phrases "$BATS_TEST_TMPDIR/ph" "$BATS_TEST_TMPDIR/b.eml"
		assert_equal "$stderr" ""
		assert_output --partial $'\tuser@example.org\t\thard\tuserunknown\t5.1.1\t550\t'
	done
}

@test "phrases: a list past PCRE2's 64 KB pattern limit loads, and the leftmost hit wins across its parts, the earlier line at the same place" {
	local i
	for ((i = 0; i < 3000; i++)); do
		printf 'tag%d\tlongish phrase number %d of a long list\n' "$i" "$i"
	done >"$BATS_TEST_TMPDIR/big.txt"
	# a phrase of a late part that starts at the same place as line 5's
	printf 'late\tlongish phrase number 4\n' >>"$BATS_TEST_TMPDIR/big.txt"
	[[ $(stat -c %s "$BATS_TEST_TMPDIR/big.txt") -gt 65536 ]]
	run -0 phrases-match --no-header "$BATS_TEST_TMPDIR/big.txt" <<'IN'
text longish phrase number 2999 of a long list, then longish phrase number 7 of a long list
longish phrase number 4 of a long list
longish phrase number 4 of a short list
IN
	# the leftmost: line 3000's phrase, in the last part, before line 8's
	assert_line -n 0 $'1\tbig.txt\t3000\ttag2999\tlongish phrase number 2999 of a long list\tlongish phrase number 2999 of a long list'
	assert_line -n 1 $'2\tbig.txt\t5\ttag4\tlongish phrase number 4 of a long list\tlongish phrase number 4 of a long list'
	assert_line -n 2 $'3\tbig.txt\t3001\tlate\tlongish phrase number 4\tlongish phrase number 4'
}
