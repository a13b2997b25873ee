#!/usr/bin/env bats
# deliv-bounce-classify: Round 13 (prov), a blind batch of failure
# replies carrying providers' and gateways' own error codes, as their
# published error-code, postmaster and help pages give them
# (tests/fixtures/bounce-writers/round13-prov.tsv); what is left wrong is
# kept as "#" lines with why.

setup() {
	load lib/helpers
}

# prov_block FILE: the line of FILE's "# Round 13 (prov)" comment and the
# line of the next round's comment after it (the line past the end if
# none): the round13-prov phrases lie between
prov_block() {
	awk '/^# Round 13 \(prov\)/ && !s { s = NR; next }
	    s && /^# Round [0-9]/ { print s, NR; f = 1; exit }
	    END { if (!f) print s, NR + 1 }' "$1"
}

@test "bounce-prov: each provider's coded reply gets the reason and kind its published table gives (round13-prov)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round13-prov.tsv 58
	kinds_agree round13-prov.tsv
}

# the exact fields of a few: the matched phrase is the provider's code or
# wording (appended for round13-prov), not a generic word after it
@test "bounce-prov: Alibaba Mail's, Comcast's, NetEase's and Zoho's codes decide, not the words or status after them" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\t%s\n' \
	    blocked '554 Reject by behaviour spam' \
	    rejected '450 "MAIL FROM" mailbox unavailable' \
	    blocked '550 5.7.1 BL006 http://www.comcast.net/help/faq/index.jsp?faq=SecurityMail_Policy18850' \
	    toomanyconn '451 MI:DMC 163 mx14,QMCowAB2Ac9bY0xkzA--.55213S2 1700000000, please see http://mail.163.com/help/help_spam_16.htm?ip=192.0.2.1&hostid=mx14&time=1700000000' \
	    filtered '552 5.1.1 <user@example.org> Mailbox delivery failure policy error' \
	    userunknown "554 RCPT (user@example.org) dosn't exist" >p.tsv
	awk -F'\t' -f "$TOP/tests/lib/replies-dsn.awk" p.tsv >p.mbox
	run -1 deliv-bounce-classify --no-header p.mbox
	assert_equal "$(cols -t bounce-classify recipient,kind,reason)" \
	    "$(printf '%s\n' \
	    $'rcpt1@example.net\tsoft\tblocked' \
	    $'rcpt2@example.net\tsoft\trejected' \
	    $'rcpt3@example.net\tsoft\tblocked' \
	    $'rcpt4@example.net\tsoft\ttoomanyconn' \
	    $'rcpt5@example.net\tsoft\tfiltered' \
	    $'rcpt6@example.net\thard\tuserunknown')"
	# each from the lines round13-prov appended to the phrase files: after
	# their "# Round 13 (prov)" comment, before the next round's
	run -1 deliv-bounce-classify --no-header -o matched p.mbox
	local soft0 soft1 hard0 hard1
	read -r soft0 soft1 < <(prov_block "$TOP/phrases/soft.txt")
	read -r hard0 hard1 < <(prov_block "$TOP/phrases/hard.txt")
	while IFS=: read -r f l; do
		case $f in
		soft.txt) ((l > soft0 && l < soft1)) || fail "soft.txt:$l is not a round13-prov phrase" ;;
		hard.txt) ((l > hard0 && l < hard1)) || fail "hard.txt:$l is not a round13-prov phrase" ;;
		*) fail "matched $f:$l" ;;
		esac
	done <<<"$output"
}

# the neighbours the new wordings must not take: the generic words they
# were placed before keep their reasons in other replies
@test "bounce-prov: the words the provider codes precede keep their reasons elsewhere" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'spamdetected\t554 Reject by content spam' \
	    $'userunknown\t550 Requested action not taken: mailbox unavailable' \
	    $'blocked\t554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org; blacklisted' \
	    $'policyviolation\t550 5.7.1 Message rejected by policy' \
	    $'badreputation\t421 4.7.0 [192.0.2.1] Our system has detected that this message is suspicious due to the very low reputation of the sending IP address.' \
	    $'toomanyconn\t450 RP:DRC 163 mx14,QMCowAB2Ac9bY0xkzA--.55213S2 1700000000, please see http://mail.163.com/help/help_spam_16.htm?ip=192.0.2.1&hostid=mx14&time=1700000000' >n.tsv
	replies_agree n.tsv 6
	kinds_agree n.tsv
}

# wrap T REASON REPLY: REPLY inside writer T's notice (tests/lib/replies-wrap.awk);
# the records as "recipient<TAB>kind<TAB>reason"
wrap() {
	printf '%s\t%s\n' "$2" "$3" |
	    awk -F'\t' -v t="$1" -f "$TOP/tests/lib/replies-wrap.awk" >"$BATS_TEST_TMPDIR/w.mbox"
	run -1 deliv-bounce-classify --no-header "$BATS_TEST_TMPDIR/w.mbox"
	cols -t bounce-classify recipient,kind,reason
}

# AT&T's unknown addressee with its 5.2.1 status: userunknown where the
# notice says it answered RCPT TO (left filtered in the bare DSN and in
# notices that name no SMTP command, such as Office 365's)
@test "bounce-prov: AT&T's 5.2.1 \"Addressee unknown\" is userunknown in reply to RCPT TO" {
	local t
	for t in postfix sendmail; do
		assert_equal "$(wrap $t userunknown '550 5.2.1 <user@prodigy.net>... Addressee unknown, relay=[192.0.2.1]')" \
		    $'rcpt1@example.net\thard\tuserunknown'
	done
	assert_equal "$(wrap office365 userunknown '550 5.2.1 <user@prodigy.net>... Addressee unknown, relay=[192.0.2.1]')" \
	    $'rcpt1@example.net\tsoft\tfiltered'
}
