#!/usr/bin/env bats
# deliv-bounce-classify: Round 13 (wild7), a fifth blind batch of
# failure replies quoted from real traffic (public issue threads and
# help, postmaster and FAQ pages, none cited by an earlier fixture),
# weighted like bounce traffic (tests/fixtures/bounce-writers/round13-wild7.tsv);
# what is left wrong is kept as "#" lines with why.

setup() {
	load lib/helpers
}

@test "bounce-wild7: each reply quoted from real traffic gets the reason and kind its meaning gives (round13-wild7)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round13-wild7.tsv 59
	kinds_agree round13-wild7.tsv
}

# au (KDDI)'s bare "550 : User unknown": its domain filter refused
# (filtered, as before), but said in reply to RCPT TO the user name is
# unknown (au.com's own reading); a 5.2.0 status stays filtered
@test "bounce-wild7: au's \"550 : User unknown\" is userunknown in reply to RCPT TO, else filtered" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'userunknown\t550 : User unknown (in reply to RCPT TO command)' \
	    $'filtered\t550 : User unknown (in reply to end of DATA command)' \
	    $'filtered\t550 : User unknown' \
	    $'filtered\t550 5.2.0 : User unknown' >au.tsv
	replies_agree au.tsv 4
	kinds_agree au.tsv
}

# wrap T REASON REPLY: REPLY inside writer T's notice (tests/lib/replies-wrap.awk);
# the records as "recipient<TAB>kind<TAB>reason"
wrap() {
	printf '%s\t%s\n' "$2" "$3" |
	    awk -F'\t' -v t="$1" -f "$TOP/tests/lib/replies-wrap.awk" >"$BATS_TEST_TMPDIR/w.mbox"
	run -1 deliv-bounce-classify --no-header "$BATS_TEST_TMPDIR/w.mbox"
	cols -t bounce-classify recipient,kind,reason
}

# the same two au replies inside other writers' notices
@test "bounce-wild7: au's RCPT TO and DATA replies keep their reasons inside writers' notices" {
	local t
	for t in postfix office365 gmail; do
		assert_equal "$(wrap $t userunknown '550 : User unknown (in reply to RCPT TO command)')" \
		    $'rcpt1@example.net\thard\tuserunknown'
		assert_equal "$(wrap $t filtered '550 : User unknown (in reply to end of DATA command)')" \
		    $'rcpt1@example.net\tsoft\tfiltered'
	done
}

# the other wordings appended for round13-wild7, and their neighbours
@test "bounce-wild7: the wordings appended for round13-wild7 and their neighbours" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'blocked\t554 IP=192.0.2.1 - A problem occurred. (Ask your postmaster for help or to contact tosa@rx.t-online.de to clarify.) (BL)' \
	    $'rejected\t550 Administrative prohibition - envelope blocked - https://community.mimecast.com/docs/DOC-1369#550' \
	    $'contenterror\t550 Header value not allowed' \
	    $'mesgtoobig\t554 Message rejected: Stream is more than 10485760 bytes long.' \
	    $'syntaxerror\t421 4.7.0 Too many bad command.' \
	    $'syntaxerror\t421 Too many bad commands, closing connection' \
	    $'userunknown\t550 RC:LD The email account that you tried to reach does no exists.' \
	    $'userunknown\t550 Local User [bob@example.com] not found.' \
	    $'expired\tezmlm-send: fatal: error fetching DNS record for example.org: temporary failure I\'m not going to try again; this message has been in the queue too long.' \
	    $'systemerror\t451 4.3.0 Temporary failure, please try again later' >others.tsv
	replies_agree others.tsv 10
	kinds_agree others.tsv
}
