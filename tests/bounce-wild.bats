#!/usr/bin/env bats
# deliv-bounce-classify: Round 11 (wild), a blind batch of failure replies
# as users quoted them in public issue threads and help pages: real
# traffic, truncated, wrapped, quoted by relays and client wrappers
# (tests/fixtures/bounce-writers/round11-wild.tsv; the replies left wrong
# are "#" lines with why).  Each reply gets its reason, and the kind
# data/reasons.tsv gives that reason (bycode: soft for a 4xx reply or a
# 4.x.x status, else hard).

setup() {
	load lib/helpers
}

@test "bounce-wild: each reply quoted from real traffic gets the reason and kind its meaning gives (round11-wild)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round11-wild.tsv 88
	kinds_agree round11-wild.tsv
}

# the new phrases' neighbours: Gmail's rate limit of the same words stays
# speeding, a DNS failure other than NXDOMAIN stays networkerror, the
# full unsolicited-message and disabled-user replies keep their reasons,
# Postfix's size and Exim's connection wordings stay as they were
@test "bounce-wild: the wordings next to round11-wild's phrases keep their older reasons" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'speeding\t421-4.7.28 [192.0.2.1       15] Our system has detected an unusual rate of 421-4.7.28 unsolicited mail originating from your IP address. To protect our 421-4.7.28 users from spam, mail sent from your IP address has been temporarily 421-4.7.28 rate limited. Please visit 421-4.7.28  https://support.google.com/mail/?p=UnsolicitedRateLimitError to 421 4.7.28 review our Bulk Email Senders Guidelines. a1si1 - gsmtp' \
	    $'networkerror\tDNS Error: DNS type \'mx\' lookup of example.net responded with code SERVFAIL Learn more at https://support.google.com/mail/?p=BadRcptDomain' \
	    $'spamdetected\t550-5.7.1 [192.0.2.1      12] Our system has detected that this message is 550-5.7.1 likely unsolicited mail. To reduce the amount of spam sent to Gmail, 550-5.7.1 this message has been blocked. Please visit 550-5.7.1 https://support.google.com/mail/?p=UnsolicitedMessageError 550 5.7.1  for more information. a1si1 - gsmtp' \
	    $'suspend\t550 5.2.1 The email account that you tried to reach is disabled. Learn more at https://support.google.com/mail/?p=DisabledUser a1si1 - gsmtp' \
	    $'mesgtoobig\t552 5.3.4 Message size exceeds fixed limit' \
	    $'toomanyconn\t421 4.7.0 Too many concurrent SMTP connections from this IP address; please try again later.' \
	    $'blocked\t554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org' >others.tsv
	replies_agree others.tsv 7
	kinds_agree others.tsv
}
