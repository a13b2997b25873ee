#!/usr/bin/env bats
# deliv-bounce-classify: Round 12 (wild5), a fourth blind batch of
# failure replies quoted from real traffic (public issue threads and help
# pages, none cited by an earlier fixture), aimed at the reasons the
# earlier batches were thin on (tests/fixtures/bounce-writers/round12-wild5.tsv);
# what is left wrong is kept as "#" lines with why.

setup() {
	load lib/helpers
}

@test "bounce-wild5: each reply quoted from real traffic gets the reason and kind its meaning gives (round12-wild5)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round12-wild5.tsv 59
	kinds_agree round12-wild5.tsv
}

# procmail's own "Quota exceeded while writing" is a full mailbox (before,
# the word "procmail" read mailererror); procmail's other failures, and a
# pipe to procmail that died, stay mailererror
@test "bounce-wild5: procmail's \"Quota exceeded while writing\" is mailboxfull, its other failures stay mailererror" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'mailboxfull\tprocmail: Quota exceeded while writing "/var/mail/bob"' \
	    $'mailererror\tprocmail: Error while writing to "/var/mail/bob"' \
	    $'mailererror\tCommand died with status 75: "/usr/bin/procmail". Command output: procmail: Couldn\'t create "/var/mail/bob"' >procmail.tsv
	replies_agree procmail.tsv 3
	kinds_agree procmail.tsv
}

# Postfix's "connect to host[addr]:port: Connection refused" is a network
# error (before, "connection refused" read blocked); the refusals that
# name a block list or a session limit keep theirs
@test "bounce-wild5: Postfix's \"connect to ...: Connection refused\" is networkerror, listed and session refusals keep theirs" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'networkerror\tconnect to mx.example.net[192.0.2.25]:25: Connection refused' \
	    $'blocked\t554 IB104. Connection refused. 192.0.2.25 is listed on the Spamhaus Block List (SBL). Please visit http://www.spamhaus.org/sbl for more information.' \
	    $'toomanyconn\t421 Connection refused, too many sessions from 192.0.2.25. Please lower the number of concurrent sessions.' >refused.tsv
	replies_agree refused.tsv 3
	kinds_agree refused.tsv
}

# the other wordings appended for round12-wild5 and their neighbours:
# Strato's tagged spam refusal against a bare "refused by local policy",
# sendmail's "domain must resolve", the access refusals, Contactlab's
# concurrency limit, the qmail err_nogateway variant and qmail's own text
@test "bounce-wild5: the wordings appended for round12-wild5 and their neighbours" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'spamdetected\t550 Refused by local policy. No SPAM please! (B-TEXT)' \
	    $'policyviolation\t550 5.7.1 Refused by local policy' \
	    $'rejected\t451 Sender domain must resolve' \
	    $'blocked\t550 Sorry, no access for this ip' \
	    $'rejected\t550 Sorry, no access for this user' \
	    $'toomanyconn\t421 4.4.5 Service unavailable, concurrency limit reached' \
	    $'norelaying\t553 Sorry, this domain is not in my list of allowed hosts (#5.7.1)' \
	    $'norelaying\t553 sorry, that domain isn\'t in my list of allowed rcpthosts (#5.7.1)' >others.tsv
	replies_agree others.tsv 8
	kinds_agree others.tsv
}
