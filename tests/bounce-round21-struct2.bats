#!/usr/bin/env bats
# deliv-bounce-classify: Round 21 (struct2, issue #15), exact failed-
# recipient sets and address precision on structures RFC 3464, 3461,
# 6522, 6533 and 8098 and real writers allow, none of round19-struct1's:
# 24 whole notices to a shop's bounce address (bounces@mailer.shop.example),
# each returning an invoice from billing@shop.example (Reply-To support@,
# Cc accounts@, help@ in its body), each in its writer's layout (its
# X-Test-Source says what was read and what is assumed), committed
# before the first run (b67db16): tests/fixtures/bounce-writers/
# round21-struct2.mbox, its expected records in
# round21-struct2-expected.tsv (msgno, mta, recipient, kind, reason; a
# line per notice and the first run's score in its head).
#   1  Stalwart, delivered + delayed + failed, Original-Recipient first
#   2  Sendmail, failed + delayed + relayed + expanded in one DSN
#   3  Postfix SMTPUTF8, message/global-delivery-status, "utf-8;" type
#   4  Exim, an xn-- domain; 5 Sendmail, ORCPT in xtext ("+2B")
#   6  Exchange 2003, x400 Final-Recipient over an rfc822 Original
#   7  Exchange 2000, x400 only (a failure with no address)
#   8  Exchange 2010, groups apart by several blank lines, folded fields
#   9  a gateway: angle brackets, comments, an apostrophe
#   10 Sendmail local mailer, "X-Unix;" diagnostic and X-Actual-Recipient
#   11 Postfix, a 550- multi-line reply folded, an "X-Postfix;" group
#   12 Exchange 2013, text and DSN name different addresses
#   13 Exim bounce of a resent Postfix bounce; 14 a gateway's whole-body
#      message/rfc822 wrap of a Postfix DSN
#   15 SmarterMail, quoted-printable soft break inside an address
#   16 Exchange Online, base64 message/global-delivery-status, UTF-8
#   17 Postfix layout, Original-Recipient "utf-8; d\x{F6}rte@..."
#   18 Exim 4.6x plain text, X-Failed-Recipients folded, no DSN
#   19 Postfix, 40 recipients; 20 OpenSMTPD, CRLF line ends
#   21 Haraka, "Intended Recipients: <A>, <B>", a bare CR in its reason
#   22 Thunderbird MDN (displayed), 23 Exchange non-read MDN: none
#   24 Postfix, Action: failed with Status 4.4.1 (queue lifetime)

setup() {
	load lib/helpers
}

@test "round21-struct2: every notice gives the recipients, kinds, reasons and writer round21-struct2-expected.tsv expects; no shop, inner-bounce, text-only or encoded address" {
	cd "$FIXTURES/bounce-writers"
	records_agree round21-struct2.mbox round21-struct2-expected.tsv
	assert_equal "$(grep -c '^From ' round21-struct2.mbox)" 24
	# #20 is CRLF throughout, #21 holds a bare CR
	assert_equal "$(awk '/^From /{n++} n==20' round21-struct2.mbox | grep -vc $'\r$')" 0
	assert_equal "$(grep -c $'\r[^\r]' round21-struct2.mbox)" 1
	run -1 deliv-bounce-classify --no-header -o recipient round21-struct2.mbox
	refute_line --regexp '^(maria@|li\.wei@|amada@|minji|d\.schulz@)|(billing|support|accounts|help)@shop|bounces@mailer|zoe\.walker@|\+2B|x\{'
}

# An Original-Recipient copies the client's ORCPT: Sendmail prints an
# rfc822 one in its xtext (RFC 3461 4.2, "+2B" and "+3D"), decoded only
# when every "+" in it opens one of those two; RFC 6533's utf-8 type
# writes a code point "\x{HEX}" (a surrogate is none, kept as written);
# a Final-Recipient of the utf-8 type is decoded too
@test "round21-struct2: xtext and RFC 6533's \\x{HEX} are undone in DSN addresses, nothing else is" {
	cd "$BATS_TEST_TMPDIR"
	local m5 orig final
	m5=$(awk '/^From /{n++} n==5' "$FIXTURES/bounce-writers/round21-struct2.mbox")
	: >v.mbox
	while IFS='|' read -r orig final; do
		awk -v o="$orig" -v f="$final" '
		    /^Original-Recipient: / { if (o != "") print "Original-Recipient: " o; next }
		    /^Final-Recipient: / { print "Final-Recipient: " f; next }
		    { print }' <<<"$m5" >>v.mbox
		echo >>v.mbox
	done <<'EOF'
rfc822;li+2Bnews+3Dcn@example.cn|RFC822; li.wei@mbox.example.cn
rfc822;li+ABnews@example.cn|RFC822; li.wei@mbox.example.cn
rfc822;li+2Bnews+eu@example.cn|RFC822; li.wei@mbox.example.cn
utf-8; l\x{EC}+news@example.cn|RFC822; li.wei@mbox.example.cn
utf-8; li\x{D800}@example.cn|RFC822; li.wei@mbox.example.cn
|utf-8; l\x{EC}@example.cn
EOF
	run -1 deliv-bounce-classify --no-header -o msgno,recipient v.mbox
	assert_output "1	li+news=cn@example.cn
2	li+ABnews@example.cn
3	li+2Bnews+eu@example.cn
4	lì+news@example.cn
5	li\\\\x{D800}@example.cn
6	lì@example.cn"
}
