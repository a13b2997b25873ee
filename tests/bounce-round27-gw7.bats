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
