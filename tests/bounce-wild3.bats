#!/usr/bin/env bats
# deliv-bounce-classify: Round 12 (wild3), a third blind batch of
# failure replies quoted from real traffic (public issue threads and help
# pages, none cited by an earlier fixture), weighted like the corpus's
# reasons (tests/fixtures/bounce-writers/round12-wild3.tsv); what is left
# wrong is kept as "#" lines with why.

setup() {
	load lib/helpers
}

@test "bounce-wild3: each reply quoted from real traffic gets the reason and kind its meaning gives (round12-wild3)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round12-wild3.tsv 66
	kinds_agree round12-wild3.tsv
}

# an explicit unknown-mailbox phrase beside X.2.0 (the mailbox's status
# left undefined) is an unknown mailbox (before, X.2.0 read filtered); a
# short phrase content filters also say ("user unknown") with X.2.0, and
# an explicit one with another X.2.x, keep their older reasons
@test "bounce-wild3: \"550 5.2.0 No such mailbox\" is userunknown; X.2.0 with a loose phrase stays filtered" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'userunknown\t550 5.2.0 No such mailbox' \
	    $'userunknown\t550 5.2.0 <bob@example.net>: Recipient address rejected: mailbox does not exist' \
	    $'filtered\t550 5.2.0 user unknown' \
	    $'suspend\t550 5.2.1 <bob@example.net>: Recipient address rejected: User disabled' >x20.tsv
	replies_agree x20.tsv 4
	kinds_agree x20.tsv
}

# Postfix's pipe_command(): a command that exited EX_TEMPFAIL is a
# mailer error ("temporary failure. Command output: ..."); the other
# sys_exits texts keep their own reasons, "temporary failure" alone stays
# systemerror, "Command died with status" stays mailererror
@test "bounce-wild3: Postfix's \"temporary failure. Command output:\" is mailererror, its neighbours keep theirs" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'mailererror\ttemporary failure. Command output: maildrop: Unable to create a dot-lock.' \
	    $'userunknown\tuser unknown. Command output: Invalid user specified.' \
	    $'systemerror\t451 4.3.0 Temporary failure, please try again later' \
	    $'mailererror\tCommand died with status 75: "/usr/bin/procmail". Command output: procmail: Couldn\'t create "/var/mail/bob"' >pipe.tsv
	replies_agree pipe.tsv 4
	kinds_agree pipe.tsv
}

# the new phrases' neighbours: Gmail's "sender is unauthenticated" stays
# authfailure, Rspamd's default text stays spamdetected, 163.com's DT:SPM
# stays spamdetected, hMailServer's route list in a 550 is userunknown too,
# a "been blocked" IP stays blocked
@test "bounce-wild3: the wordings next to round12-wild3's phrases keep their older reasons" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'authfailure\t550-5.7.26 Your email has been blocked because the sender is unauthenticated. 550-5.7.26 Gmail requires all senders to authenticate with either SPF or DKIM.' \
	    $'spamdetected\t554 5.7.1 Spam message rejected' \
	    $'spamdetected\t554 DT:SPM 163 smtp10,DsCowACHXEZV0X5fb2k_Bw--.40597S2 1602146647' \
	    $'userunknown\t550 Recipient not in route list' \
	    $'blocked\t550 5.7.1 Your IP has been blocked' >others.tsv
	replies_agree others.tsv 5
	kinds_agree others.tsv
}
