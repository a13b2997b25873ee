#!/usr/bin/env bats
# deliv-bounce-classify: Round 14 (wild12), a seventh blind batch of
# receivers' replies, quoted by email-service providers' and
# deliverability vendors' documentation (SendGrid, Mailgun, Mandrill,
# Black Pearl Mail, suped, MxToolbox), hosts' help pages, forums and
# issue threads no earlier fixture cited
# (tests/fixtures/bounce-writers/round14-wild12.tsv).

setup() {
	load lib/helpers
}

@test "bounce-wild12: each reply an ESP's or vendor's page quotes gets the reason and kind its meaning gives (round14-wild12)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round14-wild12.tsv 50
	kinds_agree round14-wild12.tsv
}

# the wordings appended for round14-wild12, in other spellings, codes
# and statuses than the batch's
@test "bounce-wild12: the wordings appended for round14-wild12 and their neighbours" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'blocked\t550 5.7.1 192.0.2.1 Defined SPAM source: bl.spamcop.net' \
	    $'speeding\t554 Spam limit exceeded' \
	    $'speeding\t452 4.5.3 Too many recipients received this hour' \
	    $'speeding\t451 4.7.500 Server busy. Please try again later from [198.51.100.7]. (S77714)' \
	    $'toomanyconn\t450 4.7.1 too frequent connects from 198.51.100.7, please try again later.' \
	    $'blocked\t554 5.7.1 Service unavailable; Client host [mx.example.org] blocked by zen.spamhaus.org; 198.51.100.7' \
	    $'rejected\t553 The domain of the sender address does not exist' \
	    $'rejected\t550 Your domain has no DNS records' \
	    $'contenterror\t550 Header contains invalid characters' \
	    $'networkerror\t421 connect ECONNREFUSED 192.0.2.1:25' \
	    $'networkerror\t450 connect ETIMEDOUT 192.0.2.1:25' \
	    $'userunknown\t550 Invalid/inactive user' \
	    $'userunknown\t550 5.1.1 recipient email address unknown' \
	    $'userunknown\t501 5.1.3 Invalid RCPT TO address provided' \
	    $'notcompliantrfc\t554 5.6.0 Message contains bare CR' \
	    $'policyviolation\t550 rejecting banned content' \
	    $'blocked\tConnected to 203.0.113.1 but sender was rejected. Remote host said: 553 192.0.2.1 blocked using zen.spamhaus.org' >others.tsv
	replies_agree others.tsv 17
	kinds_agree others.tsv
}

# the lines changed in place leave their own wordings as they were:
# "inactive user" (suspend), "too many recipients" (toomanyconn), "spam"
# (spamdetected), "server busy" (systemerror), "banned" (blocked), and
# qmail's "sender was rejected" when the remote reply names no block list
@test "bounce-wild12: the phrases narrowed in place still read their own wordings" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'suspend\t550 5.2.1 inactive user' \
	    $'toomanyconn\t452 4.5.3 Too many recipients' \
	    $'spamdetected\t550 spam detected' \
	    $'spamdetected\t554 5.7.1 Spam message rejected' \
	    $'systemerror\t421 4.4.5 Server busy, try again later.' \
	    $'blocked\t554 5.7.1 banned sending host' \
	    $'rejected\tConnected to 203.0.113.1 but sender was rejected. Remote host said: 550 5.7.1 <root@example.jp>... Access denied' >kept.tsv
	replies_agree kept.tsv 7
	kinds_agree kept.tsv
}
