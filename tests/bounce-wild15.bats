#!/usr/bin/env bats
# deliv-bounce-classify: Round 14 (wild15), a ninth blind batch of
# receivers' replies and failure texts, quoted by issue threads and help
# pages no earlier fixture cited: temporary failures, TLS, DANE and
# MTA-STS deferrals, rate limits, SPF/DKIM refusals, quota and recipient
# limits, and self-hosted stacks' own wordings
# (tests/fixtures/bounce-writers/round14-wild15.tsv).

setup() {
	load lib/helpers
}

@test "bounce-wild15: each reply a thread or help page quotes gets the reason and kind its meaning gives (round14-wild15)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round14-wild15.tsv 31
	kinds_agree round14-wild15.tsv
}

# the wordings appended for round14-wild15, in other spellings, codes
# and statuses than the batch's
@test "bounce-wild15: the wordings appended for round14-wild15 and their neighbours" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'spamdetected\t550 Mail may contain inappropriate content' \
	    $'toomanyconn\t552 5.5.3 Maximum limit of 50 recipients reached' \
	    $'failedstarttls\t450 4.7.5 non DNSSEC destination' \
	    $'networkerror\tconversation with mx.example.net[192.0.2.1] timed out while sending message body' \
	    $'networkerror\tconnect to mx.example.net[192.0.2.1]:25: Cannot assign requested address' \
	    $'systemerror\t421 mx.example.net Unexpected failure, please try later' \
	    $'systemerror\tcannot update mailbox /var/spool/mail/bob for user bob. unable to create lock file /var/spool/mail/bob.lock: Permission denied' \
	    $'speeding\t450 4.7.1 <alice@example.org>: Sender address rejected: only 100 messages per day' \
	    $'speeding\t452 maximum 30 recipients per minute' \
	    $'speeding\t4.2.2 Sender domain rejected: You sent too many mails from different ip addresses in the last 10 minutes' \
	    $'requireptr\t550 5.6.2 Sender ip address rejected: Your IPv6 address does not have a reverse lookup name' \
	    $'failedstarttls\t550 5.6.3 Sender ip address rejected: Your IPv6 address must be sent with encryption' \
	    $'blocked\t550 Host names have more than one DNS label' \
	    $'systemerror\t421 4.3.2 High load, try again later' \
	    $'systemerror\t451 Promise timed out after 30000 milliseconds' \
	    $'networkerror\tError: Greeting never received' \
	    $'failedstarttls\tError: Client network socket disconnected before secure TLS connection was established' \
	    $'networkerror\tqueryMx ETIMEOUT example.net' >others.tsv
	replies_agree others.tsv 18
	kinds_agree others.tsv
}

# the lines narrowed in place leave their own wordings as they were:
# "sender ip" (blocked), "sender address rejected" (rejected), "sender
# domain" (rejected), and line 435's "timed out" (expired)
@test "bounce-wild15: the phrases narrowed in place still read their own wordings" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'blocked\t550 5.7.1 sender ip 192.0.2.1 blacklisted' \
	    $'rejected\t553 5.7.1 <alice@example.org>: Sender address rejected: not owned by user bob' \
	    $'rejected\t550 5.1.8 <alice@example.org>: Sender address rejected: Domain not found' \
	    $'rejected\t550 Sender domain is blacklisted' \
	    $'expired\tconnection timed out' >kept.tsv
	replies_agree kept.tsv 5
	kinds_agree kept.tsv
}
