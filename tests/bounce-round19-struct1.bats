#!/usr/bin/env bats
# deliv-bounce-classify: Round 19 (struct1, issue #15), exact failed-
# recipient sets and address precision on structural variations of
# real writers' notices: 20 notices To a mailing list's bounce address
# (ops-bounces@lists.example.org or its VERP form; #11 its owner), each
# returning a list post (List-Id, List-Post, the poster's From, Reply-To
# the list, Cc colleagues), each written from its writer's documented
# format (its X-Test-Source) with one structural variation, committed
# before the first run (85ea91c): tests/fixtures/bounce-writers/
# round19-struct1.mbox, its expected records in
# round19-struct1-expected.tsv (msgno, mta, recipient, kind, reason; a
# one-line justification per notice in its head), and
# round19-struct1-crlf.eml (no From_ line, CRLF line ends).
#   1  Postfix, delivery-status with per-message fields only
#   2  Sendmail, the status part as text/plain
#   3  Exchange 2016, DSN fields base64; 4 Gmail, DSN fields QP
#   5  Exchange Online, German text in base64 UTF-8
#   6  Postfix, a French ISO-8859-1 template in QP
#   7  Exim, the last boundary never closed
#   8  Sendmail, a failed and a delayed group in one DSN
#   9  Postfix, Original-Recipient "utf-8;" (RFC 6533) over a rewrite
#   10 Exim, X-Failed-Recipients naming the redirected child
#   11 a person's forward of a bounce to the list owner (no failure)
#   12 qmail, CRLF line ends in the mbox
#   13 Postfix, text/rfc822-headers only; 14 Exim, Action: delayed only
#   15 Sendmail, Action: relayed; 16 Postfix, Action: expanded
#   17 Exchange Online, multipart/alternative first part
#   18 Courier, folded DSN fields; 19 a gateway's "<A> (Name)"
#   20 Domino, multipart/mixed carrying a message/delivery-status

setup() {
	load lib/helpers
}

@test "round19-struct1: every notice gives the recipients, kinds, reasons and writer round19-struct1-expected.tsv expects; the CRLF .eml too; no list, poster, Cc or prose address" {
	cd "$FIXTURES/bounce-writers"
	records_agree round19-struct1.mbox round19-struct1-expected.tsv
	assert_equal "$(grep -c '^From ' round19-struct1.mbox)" 20
	run -1 deliv-bounce-classify --no-header -o msgno,recipient,matched round19-struct1.mbox
	refute_output --regexp '(ops|ops-[a-z]+[^@]*|nadia|rui|omar|karl|jonas\.krause|piet|lena\.roth|lena|ivo\.babic|jan\.devries)@'
	assert_line --regexp '^9	ivo@example\.hr	hard\.txt:[0-9]+; original-recipient$'
	assert_line --regexp '^10	jan@example\.nl	hard\.txt:[0-9]+; original-recipient$'
	# no From_ line, CRLF line ends: one message all the same
	assert_equal "$(head -c 5 round19-struct1-crlf.eml)" "Retur"
	assert_equal "$(grep -c $'\r$' round19-struct1-crlf.eml)" "$(wc -l <round19-struct1-crlf.eml)"
	run -1 deliv-bounce-classify --no-header -o msgno,recipient,kind,reason,mta round19-struct1-crlf.eml
	assert_output $'1\tsven.lund@example.se\thard\tuserunknown\tpostfix'
}

# A person's forward of a bounce (RFC 5321 4.5.5: a notification has a
# null reverse-path; RFC 3834 5: an automatic message says so in
# Auto-Submitted; a "Fwd:" subject) is no notice of this address's
# failure; the same attachment under a null Return-Path or an
# Auto-Submitted header (a gateway wrapping a bounce) is still read
@test "round19-struct1: a bounce a person forwards is no failure; one a gateway wraps still is" {
	cd "$BATS_TEST_TMPDIR"
	awk '/^From /{n++} n==11' "$FIXTURES/bounce-writers/round19-struct1.mbox" >p.mbox
	run -0 deliv-bounce-classify --no-header -o recipient,kind,reason p.mbox
	assert_output $'\tnone\t'
	sed '2s/.*/Return-Path: <>/' p.mbox >w.mbox
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason w.mbox
	assert_output $'lena.roth@example.li\thard\tuserunknown'
	sed '2a Auto-Submitted: auto-generated' p.mbox >a.mbox
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason a.mbox
	assert_output $'lena.roth@example.li\thard\tuserunknown'
	sed 's/^Subject: Fwd: /Subject: /' p.mbox >s.mbox
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason s.mbox
	assert_output $'lena.roth@example.li\thard\tuserunknown'
}
