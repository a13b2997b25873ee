#!/usr/bin/env bats
# deliv-lint: every check fires on a message that has the problem and stays
# quiet on one that does not; output shape, options, exit status; and the
# separation of ham and spam on the shared corpus.

setup() {
	load lib/helpers
	F=$FIXTURES/lint
	T=$BATS_TEST_TMPDIR
}

# findings FILE [OPTION...]: "id severity points where" of each finding.
findings() {
	set -o pipefail
	local f=$1
	shift
	deliv-lint --no-header "$@" "$f" | cols - -t lint record,id,severity,points,where |
	    awk -F'\t' '$1 == "finding" { print $2 " " $3 " " $4 " " $5 }'
}

# ids FILE [OPTION...]: "id severity" of each finding.
ids() {
	set -o pipefail
	local f=$1
	shift
	deliv-lint --no-header "$@" "$f" | cols - -t lint record,id,severity |
	    awk -F'\t' '$1 == "finding" { print $2 " " $3 }'
}

# variant SED-SCRIPT: clean.eml edited by sed, written to $T/v.eml.
variant() {
	sed "$1" "$F/clean.eml" >"$T/v.eml"
}

# quiet FILE [OPTION...]: no warn or error finding.
quiet() {
	run ids "$@"
	refute_output --regexp ' (warn|error)$'
}

@test "lint: a clean message passes with no findings and score 0" {
	run -0 deliv-lint --no-header "$F/clean.eml"
	assert_equal "${#lines[@]}" 1
	assert_line --regexp $'\t1\tsummary\tpass\t\t\t\t'
	assert_output --regexp $'\t0$'
}

@test "lint: the spammy message's findings (golden) and exit 1" {
	cd "$F"
	run -1 deliv-lint --phrases phrases spam.eml
	golden "$EXPECTED/lint/spam.tsv"
	run -0 same_fields
}

@test "lint: JSON has the ten columns in order, numbers as numbers" {
	run -1 deliv-lint --json "$F/spam.eml"
	run -0 jq -e -s 'all(.[]; keys_unsorted == ["source","msgno","record",
	    "id","severity","points","where","detail","fix","score"]) and
	    (.[-1].score | type == "number") and (.[0].points | type == "number")
	    and (.[0].score == null)' <<<"$output"
}

@test "line-too-long: a 1200-octet line is an error at its line; 998 is not" {
	{ sed -n '1,/^$/p' "$F/list.eml"; printf 'short line\n'
	  printf '%*s\n' 1200 '' | tr ' ' x; } >"$T/long.eml"
	run -1 deliv-lint --no-header "$T/long.eml"
	assert_line --regexp $'\tline-too-long\terror\t0\tpart 1 line 2\tline of 1200 octets in a part sent as 7bit\t'
	# in the header: the line of the message
	{ printf 'X-Note: %s\n' "$(printf '%*s' 1100 '' | tr ' ' y)"
	  cat "$F/clean.eml"; } >"$T/longhdr.eml"
	run -1 findings "$T/longhdr.eml"
	assert_line 'line-too-long error 0 line 1'
	# a base64 part's decoded lines may be long: only what is sent counts
	run -0 ids "$F/encoded.eml"
	refute_line --partial line-too-long
	{ sed -n '1,/^$/p' "$F/list.eml"; printf '%*s\n' 998 '' | tr ' ' x; } \
	    >"$T/ok.eml"
	run -0 ids "$T/ok.eml"
	refute_line --partial line-too-long
	assert_line 'line-over-78 info'
}

@test "line-over-78: info and never scored" {
	run -0 deliv-lint --no-header "$F/encoded.eml"
	assert_line --regexp $'\tline-over-78\tinfo\t0\tline 13\t2 lines over 78'
	run -0 findings "$F/clean.eml"
	refute_output --partial line-over-78
}

@test "base64-line-length, qp-line-length: encoded lines over 76" {
	run -0 findings "$F/encoded.eml"
	assert_line 'base64-line-length warn 0.5 part 1 line 1'
	assert_line 'qp-line-length warn 0.7 part 2 line 1'
	run -1 findings "$F/attach.eml"
	refute_output --partial line-length
}

@test "date-missing, date-invalid" {
	variant '/^Date:/d'
	run -1 ids "$T/v.eml"
	assert_line 'date-missing error'
	variant 's/^Date:.*/Date: yesterday at noon/'
	run -1 findings "$T/v.eml"
	assert_line 'date-invalid error 1 header Date'
	run -0 ids "$F/clean.eml"
	refute_output --partial date-
}

@test "message-id-missing, -syntax, -domain" {
	variant '/^Message-ID:/d'
	run -0 ids "$T/v.eml"
	assert_line 'message-id-missing warn'
	variant 's/^Message-ID:.*/Message-ID: 1234.shop.example.org/'
	run -1 ids "$T/v.eml"
	assert_line 'message-id-syntax error'
	variant 's/^Message-ID:.*/Message-ID: <1234@mybox.localdomain>/'
	run -0 ids "$T/v.eml"
	assert_line 'message-id-domain info'
	run -0 ids "$F/clean.eml"
	refute_output --partial message-id
}

@test "from-missing, from-syntax, from-multiple" {
	variant '/^From:/d'
	run -1 ids "$T/v.eml"
	assert_line 'from-missing error'
	variant 's/^From:.*/From: Ann Example <ann-at-shop>/'
	run -1 ids "$T/v.eml"
	assert_line 'from-syntax error'
	variant 's/^From:.*/From: ann@shop.example.org, carl@shop.example.org/'
	run -1 findings "$T/v.eml"
	assert_line 'from-multiple error 1 header From'
	run -0 ids "$F/clean.eml"
	refute_output --partial from-
}

@test "domain-reserved: a reserved or special-use From or Reply-To domain is named with its RFC, a warning, not from-syntax" {
	variant 's/^From:.*/From: News <news@acme.test>/'
	run -0 --separate-stderr deliv-lint --no-header "$T/v.eml"
	assert_equal "$(cols -t lint id,severity,points,where,detail | grep -v '^message-id' | sed -n 1p)" \
	    "$(printf 'domain-reserved\twarn\t1\theader From\treserved domain (.test, RFC 6761): mail to it is never delivered')"
	run -0 ids "$T/v.eml"
	refute_line 'from-syntax error'
	assert_equal "$(grep -c domain-reserved <<<"$output")" 1
	local d want
	while IFS='|' read -r d want; do
		variant "s/^From:.*/From: a@$d/"
		run -0 findings "$T/v.eml"
		assert_line "domain-reserved warn 1 header From" || fail "$d"
		run -0 --separate-stderr deliv-lint --no-header "$T/v.eml"
		[[ $output == *"$want"* ]] || fail "$d: $output"
	done <<-'EOF'
		shop.example|reserved domain (.example, RFC 2606): mail to it is never delivered
		x.invalid|reserved domain (.invalid, RFC 6761): it never exists, mail to it is never delivered
		localhost|special-use domain (.localhost, RFC 6761)
		printer.local|special-use domain (.local, RFC 6762)
		abc.onion|special-use domain (.onion, RFC 7686)
		nas.home.arpa|special-use domain (home.arpa, RFC 8375)
		TEST.|reserved domain (.test, RFC 6761)
	EOF
	variant 's/^From:.*/From: Ann <ann@shop.example.org>\nReply-To: replies@acme.test/'
	run -0 findings "$T/v.eml"
	assert_line "domain-reserved warn 1 header Reply-To"
	# a Message-ID at such a domain stays information, naming the cause
	variant 's/^Message-ID:.*/Message-ID: <1@acme.test>/'
	run -0 --separate-stderr deliv-lint --no-header "$T/v.eml"
	assert_equal "$(cols -t lint id,severity,detail | sed -n 1p)" \
	    "$(printf 'message-id-domain\tinfo\t"acme.test" is a reserved domain (.test, RFC 6761), not a public domain name')"
	# names that only look alike are real
	variant 's/^From:.*/From: a@mytest.com/'
	run -0 ids "$T/v.eml"
	refute_output --partial domain-reserved
	variant 's/^From:.*/From: a@local.example.org/'
	run -0 ids "$T/v.eml"
	refute_output --partial domain-reserved
}

@test "mime-version-missing: MIME headers without MIME-Version" {
	variant '/^MIME-Version:/d'
	run -0 ids "$T/v.eml"
	assert_line 'mime-version-missing warn'
	run -0 ids "$F/list.eml"
	refute_output --partial mime-version
}

@test "subject-missing, subject-encoding; a good encoded-word passes" {
	variant '/^Subject:/d'
	run -0 ids "$T/v.eml"
	assert_line 'subject-missing warn'
	variant 's/^Subject:.*/Subject: =?x-no-such-charset?Q?caf=E9?=/'
	run -1 deliv-lint --no-header "$T/v.eml"
	assert_line --regexp $'\tsubject-encoding\terror\t1\theader Subject\tunknown charset "x-no-such-charset"'
	variant 's/^Subject:.*/Subject: =?utf-8?B?bm90IGJhc2U2NA?=/'
	run -1 ids "$T/v.eml"
	assert_line 'subject-encoding error'
	variant 's/^Subject:.*/Subject: =?utf-8?Q?Caf=C3=A9_au_lait?= is ready/'
	run -0 ids "$T/v.eml"
	refute_output --partial subject-
}

@test "header-duplicate, header-8bit" {
	variant '/^Subject:/p'
	run -1 findings "$T/v.eml"
	assert_line 'header-duplicate error 1 subject'
	variant $'s/^To:.*/To: J\xc3\xb6rg <j@example.net>/'
	run -1 deliv-lint --no-header "$T/v.eml"
	assert_line --regexp $'\theader-8bit\terror\t1\theaders\tunencoded 8-bit bytes in To'
	run -0 ids "$F/clean.eml"
	refute_output --partial header-
}

@test "html-only: HTML without text/plain; not with an alternative" {
	run -1 findings "$F/spam.eml"
	assert_line 'html-only warn 2 body'
	quiet "$F/clean.eml"
	quiet "$F/list.eml"
}

@test "text-html-differ: alternatives that say different things" {
	run -0 findings "$F/differ.eml"
	assert_line 'text-html-differ warn 1 parts 1, 2'
	run -0 ids "$F/clean.eml"
	refute_output --partial text-html-differ
}

@test "image-heavy: images with little text; a text-rich HTML is fine" {
	run -1 findings "$F/spam.eml"
	assert_line 'image-heavy warn 1.5 part 1'
	# html FILE N-IMAGES N-PARAGRAPHS: an HTML message
	html() {
		{ sed -n '1,/^Content-Type/p' "$F/spam.eml" |
		    sed 's/^Subject:.*/Subject: Photos/'
		  echo; echo '<html><body>'
		  for i in $(seq 1 "$2"); do
			echo "<img src=\"https://offers.example.com/p$i.jpg\">"
		  done
		  for i in $(seq 1 "$3"); do
			echo "<p>Photo $i of the garden, taken in the early morning light.</p>"
		  done
		  echo '</body></html>'; } >"$1"
	}
	html "$T/a.eml" 3 10
	run findings "$T/a.eml"
	assert_line 'image-heavy warn 0.8 part 1'
	html "$T/b.eml" 3 30
	run findings "$T/b.eml"
	refute_output --partial image-heavy
	html "$T/c.eml" 0 2
	run findings "$T/c.eml"
	refute_output --partial image-heavy
}

@test "body-empty: headers only; an attachment alone is a body" {
	sed -n '1,/^$/p' "$F/list.eml" >"$T/empty.eml"
	run -0 findings "$T/empty.eml"
	assert_line 'body-empty warn 1 body'
	run -1 ids "$F/attach.eml"
	refute_output --partial body-empty
}

@test "html-clipped: HTML over 102 KB" {
	{ sed -n '1,/^Content-Type/p' "$F/spam.eml" | sed 's/^Subject:.*/Subject: big/'
	  echo; echo '<html><body>'
	  for i in $(seq 1 2500); do echo "<p>Line $i of the long newsletter text here.</p>"; done
	  echo '</body></html>'; } >"$T/big.eml"
	run findings "$T/big.eml"
	assert_line --regexp '^html-clipped warn 0.5 part 1$'
	run -1 ids "$F/spam.eml"
	refute_output --partial html-clipped
}

@test "html-dangerous: script, form, handlers and javascript: URLs" {
	run -1 deliv-lint --no-header "$F/dangerous.eml"
	assert_line --regexp $'\thtml-dangerous\terror\t1\tpart 2 line 3\tscript, form, on\\* handler, javascript: URL\t'
	run -0 ids "$F/differ.eml"
	refute_output --partial html-dangerous
}

@test "attachment-risky: an .exe attachment; a PDF is fine" {
	run -1 deliv-lint --no-header "$F/attach.eml"
	assert_line --regexp $'\tattachment-risky\terror\t3\tpart 3\tattachment "invoice.pdf.exe"'
	assert_equal "$(grep -c attachment-risky <<<"$output")" 1
}

@test "caps-subject: capitals counted without list tags" {
	run -1 findings "$F/spam.eml"
	assert_line 'caps-subject warn 1.5 header Subject'
	variant 's/^Subject:.*/Subject: [ILUG] Re: IBM and HP drivers for SuSE/'
	run -0 ids "$T/v.eml"
	refute_output --partial caps-subject
}

@test "caps-body: a shouted body; a normal one is quiet" {
	{ sed -n '1,/^$/p' "$F/list.eml"
	  echo "THIS IS THE BEST OFFER YOU WILL EVER SEE IN YOUR LIFE SO READ IT"
	  echo "NOW AND THEN CALL US TODAY BECAUSE THE OFFER ENDS VERY SOON now"; } \
	    >"$T/caps.eml"
	run -0 findings "$T/caps.eml"
	assert_line 'caps-body warn 2 body'
	run -0 ids "$F/differ.eml"
	refute_output --partial caps-body
}

@test "exclamation-subject and -body count the marks" {
	variant 's/^Subject:.*/Subject: Your order has shipped!/'
	run -0 findings "$T/v.eml"
	assert_line 'exclamation-subject info 0.5 header Subject'
	variant 's/^Subject:.*/Subject: Your order has shipped!!/'
	run -0 findings "$T/v.eml"
	assert_line 'exclamation-subject warn 1 header Subject'
	run -1 findings "$F/spam.eml"
	assert_line 'exclamation-body warn 1 body'
	run -0 ids "$F/clean.eml"
	refute_output --partial exclamation
}

@test "money: sums of money and \$\$\$" {
	run -1 deliv-lint --no-header "$F/spam.eml"
	assert_line --regexp $'\tmoney\tinfo\t0.5\tbody\tsums of money or [$][$][$] \\(1\\)'
	{ sed -n '1,/^$/p' "$F/list.eml"
	  echo 'Make $$$ fast: $5,000 a week, $250,000 a year, 2 million dollars.'; } >"$T/money.eml"
	run -0 findings "$T/money.eml"
	assert_line 'money warn 1 body'
	run -0 ids "$F/clean.eml"
	refute_output --partial money
}

@test "money and links: found wherever they start (signs, words in capitals, www., ://)" {
	printf 'From: Ann <ann@shop.example.org>\nSubject: x\n\nftp://ftp.example.info/a is the file; visit WWW.Example.COM/x or\nsee HTTPS://shop.example.net/y.\nOnly \xe2\x82\xac5k today, \xc2\xa31,250,000 later and $$$ too.\n' >"$T/m.eml"
	run -1 deliv-lint --no-header "$T/m.eml"
	assert_line --regexp $'\tmoney\twarn\t1\tbody\tsums of money or [$][$][$] \\(3\\)\t'
	assert_line --regexp $'\tlink-http\tinfo\t0\tpart 1 text line 1\thttp: links \\(1\\): www.example.com\t'
	assert_line --regexp $'\tlink-domain-unrelated\tinfo\t0\tpart 1 text line 1\tlink domains unrelated to shop.example.org \\(3\\): example.info, example.com, example.net\t'
	printf 'From: Ann <ann@shop.example.org>\nSubject: x\n\nWe pay 10 THOUSAND DOLLARS.\n' >"$T/m.eml"
	run -1 deliv-lint --no-header "$T/m.eml"
	assert_line --regexp $'\tmoney\tinfo\t0.5\tbody\tsums of money or [$][$][$] \\(1\\)\t'
}

@test "spam-phrase: phrase, part, line and weight; each phrase once" {
	run -1 deliv-lint --no-header --phrases "$F/phrases" "$F/spam.eml"
	assert_line --regexp $'\tspam-phrase\twarn\t2\tpart 1 html line 2\t"Dear Friend" matches "dear friend" \\(spam.txt:2, weight 2\\)\treword the phrase\t$'
	assert_line --regexp $'\tspam-phrase\twarn\t1\tpart 1 html line 3\t"claim your" matches "/'
	assert_equal "$(grep -c 'matches "dear friend"' <<<"$output")" 1
	# in the subject, and in a text part
	variant 's/^Subject:.*/Subject: Order today/; s/^Thanks,$/Money back guarantee./'
	run -0 findings "$T/v.eml" --phrases "$F/phrases"
	assert_line 'spam-phrase info 0.5 header Subject'
	assert_line 'spam-phrase info 1.5 part 1 text line 6'
	quiet "$F/clean.eml" --phrases "$F/phrases"
}

@test "link-ip-literal: dotted quads and the legacy decimal and hex forms, not hex-looking names" {
	local h	# no Date or Message-ID: each run exits 1
	for h in 3627734385 0xd8.0x3a.0xc8.0x2e 192.0.2.1 1.2.3; do
		printf 'From: Ann <ann@shop.example.org>\nSubject: x\n\nhttps://%s/a\n' "$h" >"$BATS_TEST_TMPDIR/m.eml"
		run -1 deliv-lint --no-header "$BATS_TEST_TMPDIR/m.eml"
		assert_line --regexp $'\tlink-ip-literal\twarn\t1.5\tpart 1 text line 1\tlinks to IP addresses \\(1\\): '"$h"$'\t'
	done
	for h in deadbeef.example 123.example; do
		printf 'From: Ann <ann@shop.example.org>\nSubject: x\n\nhttps://%s/a\n' "$h" >"$BATS_TEST_TMPDIR/m.eml"
		run -1 deliv-lint --no-header "$BATS_TEST_TMPDIR/m.eml"
		refute_output --partial link-ip-literal
		assert_output --partial "link domains unrelated to shop.example.org (1): $h"
	done
}

@test "spam-phrase: the shipped list loads and finds the classics" {
	run -1 ids "$F/spam.eml"
	assert_line 'spam-phrase warn'
	run -0 deliv-lint --no-header "$F/clean.eml"
	refute_output --partial spam-phrase
}

@test "link checks: shortener, http, IP literal, malformed, unrelated domain" {
	run -0 findings "$F/links.eml"
	assert_line 'link-shortener warn 1 part 1 text line 1'
	assert_line 'link-http info 0 part 1 text line 2'
	assert_line 'link-ip-literal warn 1.5 part 1 text line 3'
	assert_line 'link-malformed warn 1 part 1 text line 4'
	assert_line 'link-domain-unrelated info 0 part 1 text line 1'
	run -0 deliv-lint --no-header "$F/links.eml"
	assert_output --partial 'link domains unrelated to shop.example.org (2): bit.ly, example.net'
	run -0 findings "$F/clean.eml"
	refute_output --partial link-
}

@test "link-text-host and tracking-pixel in HTML" {
	run -1 deliv-lint --no-header "$F/spam.eml"
	assert_line --regexp $'\tlink-text-host\twarn\t1\tpart 1 html line 6\tlinks whose text shows another host \\(1\\): www.yourbank.com -> bit.ly\t'
	assert_line --regexp $'\ttracking-pixel\tinfo\t0\tpart 1 html line 8\t'
	# text showing the same domain as the href is fine
	run -0 ids "$F/clean.eml"
	refute_output --partial link-text-host
}

@test "--bulk: a compliant message passes; a plain one lacks List-Unsubscribe" {
	run -0 ids "$F/bulk-good.eml" --bulk
	assert_output ''
	run -1 findings "$F/clean.eml" --bulk
	assert_line 'unsubscribe-missing error 2 header List-Unsubscribe'
}

@test "--bulk: brackets, https, One-Click, encoding and folding" {
	sed 's|^List-Unsubscribe: <https://shop.example.org/unsub/42>,|List-Unsubscribe: https://shop.example.org/unsub/42,|' \
	    "$F/bulk-good.eml" >"$T/b1.eml"
	run -1 ids "$T/b1.eml" --bulk
	assert_line 'unsubscribe-syntax error'
	sed '/^List-Unsubscribe: </,/^ <mailto/c\
List-Unsubscribe: <mailto:unsub-42@shop.example.org>' "$F/bulk-good.eml" >"$T/b2.eml"
	run -0 ids "$T/b2.eml" --bulk
	assert_line 'unsubscribe-no-https warn'
	sed 's/^List-Unsubscribe-Post:.*/List-Unsubscribe-Post: List-Unsubscribe=one-click/' \
	    "$F/bulk-good.eml" >"$T/b3.eml"
	run -1 ids "$T/b3.eml" --bulk
	assert_line 'unsubscribe-post-invalid error'
	sed '/^List-Unsubscribe-Post:/d' "$F/bulk-good.eml" >"$T/b4.eml"
	run -0 ids "$T/b4.eml" --bulk
	assert_line 'unsubscribe-post-missing warn'
	sed 's|^List-Unsubscribe: <https://shop.example.org/unsub/42>,|List-Unsubscribe: =?utf-8?Q?=3Chttps://shop.example.org/u=3E?=,|' \
	    "$F/bulk-good.eml" >"$T/b5.eml"
	run -1 ids "$T/b5.eml" --bulk
	assert_line 'unsubscribe-encoded error'
	sed 's|^List-Unsubscribe: <https://shop.example.org/unsub/42>,|List-Unsubscribe: <https://shop.example.org/\n unsub/42>,|' \
	    "$F/bulk-good.eml" >"$T/b6.eml"
	run -1 ids "$T/b6.eml" --bulk
	assert_line 'unsubscribe-folded error'
}

@test "--bulk: DKIM h= must cover both fields and d= align with From" {
	sed 's/list-unsubscribe:$/date:/; s/^ list-unsubscribe-post; bh/ x; bh/' \
	    "$F/bulk-good.eml" >"$T/d1.eml"
	run -0 findings "$T/d1.eml" --bulk
	assert_line 'unsubscribe-unsigned warn 1 header DKIM-Signature'
	sed 's/d=example.org;/d=mailer.example.net;/' "$F/bulk-good.eml" >"$T/d2.eml"
	run -0 deliv-lint --no-header --bulk "$T/d2.eml"
	assert_line --regexp $'\tdkim-misaligned\twarn\t1\theader DKIM-Signature\td=mailer.example.net does not align with From domain shop.example.org\t'
}

@test "list mail is detected: unsubscribe checks at info, scoring nothing" {
	run -0 deliv-lint --no-header "$F/list.eml"
	assert_line --regexp $'\tunsubscribe-no-https\tinfo\t0\t'
	assert_line --regexp $'\tsummary\tpass\tinfo\t.*\t0$'
	run -0 ids "$F/list.eml" --bulk
	assert_line 'unsubscribe-no-https warn'
}

@test "--min-severity hides findings but not the score; bad level exits 2" {
	run -1 deliv-lint --no-header "$F/spam.eml"
	local all=${lines[-1]}
	run -1 deliv-lint --no-header --min-severity warn "$F/spam.eml"
	assert_equal "${lines[-1]}" "$all"
	refute_line --regexp $'\tfinding\t[^\t]*\tinfo\t'
	run -1 deliv-lint --no-header --min-severity error "$F/spam.eml"
	assert_equal "${#lines[@]}" 1
	run --separate-stderr -2 deliv-lint --min-severity loud "$F/spam.eml"
	assert_equal "$stderr" 'deliv-lint: --min-severity: loud: not info, warn or error'
}

@test "--threshold decides pass and fail; bad values exit 2" {
	run -0 deliv-lint --no-header --threshold 3.6 "$F/links.eml"
	assert_line --regexp $'\tsummary\tpass\twarn\t.*score 3.5, threshold 3.6\t'
	run -1 deliv-lint --no-header --threshold 3.5 "$F/links.eml"
	assert_line --regexp $'\tsummary\tfail\twarn\t.*score 3.5, threshold 3.5\t'
	run -0 deliv-lint --no-header --threshold 100 "$F/differ.eml"
	run --separate-stderr -2 deliv-lint --threshold lots "$F/clean.eml"
	assert_equal "$stderr" 'deliv-lint: --threshold: not a number between 0 and 1000000: lots'
	run --separate-stderr -2 deliv-lint --threshold -1 "$F/clean.eml"
	assert_equal "$stderr" 'deliv-lint: --threshold: not a number between 0 and 1000000: -1'
	run --separate-stderr -2 deliv-lint --threshold 1000001 "$F/clean.eml"
	assert_equal "$stderr" 'deliv-lint: --threshold: not a number between 0 and 1000000: 1000001'
	run --separate-stderr -2 deliv-lint --threshold 0x10 "$F/clean.eml"
	assert_equal "$stderr" 'deliv-lint: --threshold: not a number between 0 and 1000000: 0x10'
	assert_equal "$output" ""
	run -0 deliv-lint --no-header --threshold 1000000 "$F/clean.eml"
	run -1 deliv-lint --no-header --threshold 0 "$F/clean.eml"
	assert_line --regexp $'\tsummary\tfail\t.*score 0, threshold 0\t'
}

@test "--progress: the input loop ticks it, with the share of the bytes read" {
	DELIV_PROGRESS_DELAY=0 run --separate-stderr -0 deliv-lint --no-header --progress "$F/clean.eml" "$F/clean.eml"
	[[ $stderr == *"deliv-lint: 1 messages, "*"/s, 50%, ETA "* ]] || fail "$stderr"
	[[ $stderr == *"deliv-lint: 2 messages, "*"/s, 100%, ETA "* ]] || fail "$stderr"
	run --separate-stderr -0 deliv-lint --no-header --no-progress "$F/clean.eml"
	assert_equal "$stderr" ""
}

@test "exit 1 on an error finding even under the threshold" {
	run -1 deliv-lint --no-header --threshold 100 "$F/dangerous.eml"
	assert_line --regexp $'\tsummary\tfail\terror\t'
}

@test "an mbox gives one summary per message, numbered" {
	run deliv-lint --no-header "$FIXTURES/contract/three.mbox"
	[[ $status -le 1 ]]
	assert_equal "$(grep -c $'\tsummary\t' <<<"$output")" 3
	assert_line --regexp $'\t3\tsummary\t'
}

@test "deterministic: the same input gives the same bytes" {
	run -1 deliv-lint --json "$F/spam.eml" "$F/links.eml" "$F/differ.eml"
	local first=$output
	run -1 deliv-lint --json "$F/spam.eml" "$F/links.eml" "$F/differ.eml"
	assert_equal "$output" "$first"
}

@test "a missing phrase list is an error, exit 2" {
	mkdir "$T/nophr"
	run --separate-stderr -2 deliv-lint --phrases "$T/nophr" "$F/clean.eml"
	assert_equal "$stderr" "deliv-lint: $T/nophr/spam.txt: No such file or directory"
	printf '1\t/(unclosed/\n' >"$T/nophr/spam.txt"
	cp "$F/phrases/shorteners.txt" "$T/nophr/"
	run --separate-stderr -2 deliv-lint --phrases "$T/nophr" "$F/clean.eml"
	[[ $stderr == "deliv-lint: spam.txt:1: "* ]]
}

@test "the man page lists every check id with its fix" {
	local id fix n=0
	while IFS=$'\t' read -r id fix; do
		grep -q "^\.It Sy $id\$" "$TOP/man/deliv-lint.1" || fail "no $id in man page"
		n=$((n + 1))
	done < <(lint-checks "$TOP/data/lint-weights.tsv" | cols - id,fix)
	((n > 0)) || fail "no check read"
}

@test "the man page gives each check the severity and points of the weights file" {
	local id sev pts want n=0
	while IFS=$'\t' read -r id sev pts; do
		n=$((n + 1))
		case $sev in
		error) want=Error ;;
		warn) want=Warning ;;
		*) want=Info ;;
		esac
		[[ $pts == 1 ]] && want+=", 1 point by default." ||
		    want+=", $pts points by default."
		run grep -A1 "^\.It Sy $id\$" "$TOP/man/deliv-lint.1"
		assert_line --index 1 "$want"
	done < <(lint-checks "$TOP/data/lint-weights.tsv" | cols - id,severity,points)
	((n > 0)) || fail "no check read"
}

# weights SED-SCRIPT: the shipped weights file edited by sed, into $T/w.tsv.
weights() {
	sed "$1" "$TOP/data/lint-weights.tsv" >"$T/w.tsv"
	! cmp -s "$TOP/data/lint-weights.tsv" "$T/w.tsv" || fail "sed $1: no change"
}

# summary FILE [OPTION...]: "verdict score" of each message.
summary() {
	set -o pipefail
	local f=$1
	shift
	deliv-lint --no-header "$@" "$f" | cols - -t lint record,id,score |
	    awk -F'\t' '$1 == "summary" { print $2 " " $3 }'
}

@test "--weights: one check's severity and points change the finding and the score exactly" {
	run -0 summary "$F/links.eml"
	assert_output 'pass 3.5'
	weights 's/^link-shortener\twarn\t1\t/link-shortener\terror\t2.25\t/'
	run -1 summary "$F/links.eml" --weights "$T/w.tsv"
	assert_output 'fail 4.75'
	run -1 findings "$F/links.eml" --weights "$T/w.tsv"
	assert_line --index 0 'link-shortener error 2.25 part 1 text line 1'
	assert_line --index 2 'link-ip-literal warn 1.5 part 1 text line 3'
	# points only: the verdict follows the threshold
	weights 's/^link-ip-literal\twarn\t1.5\t/link-ip-literal\twarn\t0\t/'
	run -0 summary "$F/links.eml" --weights "$T/w.tsv"
	assert_output 'pass 2'
	# DELIV_DATA finds the file by its name; --weights wins over it
	mkdir "$T/data"
	cp "$T/w.tsv" "$T/data/lint-weights.tsv"
	DELIV_DATA=$T/data run -0 summary "$F/links.eml"
	assert_output 'pass 2'
	DELIV_DATA=$T/data run -0 summary "$F/links.eml" \
	    --weights "$TOP/data/lint-weights.tsv"
	assert_output 'pass 3.5'
}

@test "--weights: a bad line is an error naming the file and line, exit 2" {
	local n
	n=$(grep -n '^date-missing	' "$TOP/data/lint-weights.tsv" | cut -d: -f1)
	weights 's/^date-missing\terror\t1\t/date-missing\terror\tmany\t/'
	run --separate-stderr -2 deliv-lint --weights "$T/w.tsv" "$F/clean.eml"
	assert_output ''
	assert_equal "$stderr" "deliv-lint: $T/w.tsv:$n: points \"many\" not a number from 0 to 100"
	weights 's/^date-missing\terror\t1\t/date-missing\tsevere\t1\t/'
	run --separate-stderr -2 deliv-lint --weights "$T/w.tsv" "$F/clean.eml"
	assert_equal "$stderr" "deliv-lint: $T/w.tsv:$n: severity \"severe\" is not info, warn or error"
	weights 's/^date-missing\terror\t1\t.*/date-missing\terror\t1/'
	run --separate-stderr -2 deliv-lint --weights "$T/w.tsv" "$F/clean.eml"
	assert_equal "$stderr" "deliv-lint: $T/w.tsv:$n: want 4 tab-separated fields: id, severity, points, meaning"
	weights 's/^date-missing\terror\t1\t/date-missing\terror\t-1\t/'
	run --separate-stderr -2 deliv-lint --weights "$T/w.tsv" "$F/clean.eml"
	assert_equal "$stderr" "deliv-lint: $T/w.tsv:$n: points \"-1\" not a number from 0 to 100"
}

@test "--weights: an unknown, missing or repeated check id is an error, exit 2" {
	local n
	n=$(grep -n '^money	' "$TOP/data/lint-weights.tsv" | cut -d: -f1)
	weights 's/^money\t/monney\t/'
	run --separate-stderr -2 deliv-lint --weights "$T/w.tsv" "$F/clean.eml"
	assert_output ''
	assert_equal "$stderr" "deliv-lint: $T/w.tsv:$n: unknown check id \"monney\""
	weights '/^money\t/d'
	run --separate-stderr -2 deliv-lint --weights "$T/w.tsv" "$F/clean.eml"
	assert_equal "$stderr" "deliv-lint: $T/w.tsv: no line for check money"
	weights '/^money\t/p'
	run --separate-stderr -2 deliv-lint --weights "$T/w.tsv" "$F/clean.eml"
	assert_equal "$stderr" "deliv-lint: $T/w.tsv:$((n + 1)): check money given twice"
	run --separate-stderr -2 deliv-lint --weights "$T/none.tsv" "$F/clean.eml"
	assert_equal "$stderr" "deliv-lint: $T/none.tsv: No such file or directory"
}

@test "corpus: ROC AUC >= 0.93 as sent; no check warns on > 5% of ham" {
	need_corpora
	local c=$CORPORA/lint
	tail -n +2 "$c/labels.tsv" | cut -f1 >"$T/files"
	perl "$TOP/bench/lint-assent.pl" "$c" "$T/msg" <"$T/files"
	(cd "$T/msg" && xargs deliv-lint --json <"$T/files" >"$T/out.json" \
	    2>"$T/err") || true
	run cat "$T/err"
	assert_output ''
	jq -r 'select(.record == "summary") | [.source, .score] | @tsv' \
	    "$T/out.json" >"$T/scores"
	run -0 perl "$c/tools/lint-eval.pl" "$c/labels.tsv" "$T/scores"
	local auc
	auc=$(awk -F'\t' '$1 == "all" { print $4 }' <<<"$output")
	echo "AUC $auc"
	awk -v a="$auc" 'BEGIN { exit !(a >= 0.93) }'
	jq -r 'select(.record == "finding" and .severity != "info") |
	    [.source, .id] | @tsv' "$T/out.json" | sort -u |
	    awk -F'\t' 'NR == FNR { if ($2 == "ham") { ham[$1] = 1; n++ }; next }
	    ($1 in ham) { c[$2]++ }
	    END { for (k in c) if (c[k] > n * 0.05) { print k, c[k] / n; bad = 1 }
	    exit bad }' "$c/labels.tsv" -
}
