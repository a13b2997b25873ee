#!/usr/bin/env bats
# deliv-bounce-classify: Round 27 (gw7, issue #15), policy daemons' and
# milters' own SMTP replies, read in their sources: 30 replies
# (tests/fixtures/bounce-writers/round27-gw7-replies.tsv, named so that
# bench/bounce-blind.sh's round*-replies.tsv glob counts it; the sources
# and readings in its head), committed before their first run:
#   milter-greylist, SQLgrey, tumgreyspf, spamass-milter, policyd-weight,
#   OpenDKIM, MIMEDefang, postfwd3, pyspf-milter, and Postfix's smtpd,
#   milter8 and postscreen and Sendmail's milter texts not yet in the
#   fixtures.

setup() {
	load lib/helpers
}

@test "round27-gw7: each policy daemon's or milter's reply gets the reason and kind its source gives (round27-gw7-replies)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round27-gw7-replies.tsv 30
	kinds_agree round27-gw7-replies.tsv
}

@test "round27-gw7: the cue layer alone leaves MIMEDefang's 'Could not connect to other SMTP server' to its 4.3.0 (the receiver's own server, not the network)" {
	cp -r "$TOP/phrases" "$BATS_TEST_TMPDIR/ph"
	: >"$BATS_TEST_TMPDIR/ph/soft.txt"
	: >"$BATS_TEST_TMPDIR/ph/hard.txt"
	printf 'systemerror\t451 4.3.0 Could not connect to other SMTP server mx2.example.net, error=Connection refused\nnetworkerror\t451 4.4.1 Could not connect to SMTP server mx2.example.net\n' |
	    awk -F'\t' -f "$TOP/tests/lib/replies-dsn.awk" >"$BATS_TEST_TMPDIR/c.mbox"
	run -1 deliv-bounce-classify --no-header -o reason --phrases "$BATS_TEST_TMPDIR/ph" "$BATS_TEST_TMPDIR/c.mbox"
	assert_equal "$output" $'systemerror\nnetworkerror'
}
