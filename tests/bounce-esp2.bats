#!/usr/bin/env bats
# deliv-bounce-classify: Round 15 (esp2), an eighth blind batch of
# replies, quoted by email-service providers' and deliverability
# vendors' own documentation no earlier fixture cited: SparkPost's
# support pages and its Momentum MTA manual (Momentum's own replies and
# the receivers' replies its adaptive-delivery rules quote), SMTP2GO's
# and Return Path's help pages
# (tests/fixtures/bounce-writers/round15-esp2.tsv).

setup() {
	load lib/helpers
}

@test "bounce-esp2: each reply an ESP's or vendor's documentation quotes gets the reason and kind its meaning gives (round15-esp2)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round15-esp2.tsv 45
	kinds_agree round15-esp2.tsv
}

# the wordings appended for round15-esp2 (soft.txt lines 2319-2342), in
# other spellings, codes and statuses than the batch's
@test "bounce-esp2: the wordings appended for round15-esp2 and their neighbours" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'networkerror\t451 4.4.1 [internal] No valid hosts' \
	    $'networkerror\t421 4.4.0 no adequate servers' \
	    $'notcompliantrfc\t550 5.6.0 Header not terminated by CR LF (see RFC2822 section 2.2)' \
	    $'notcompliantrfc\t554 5.6.0 Message refused (see RFC 5322 section 3.6.2)' \
	    $'rejected\t550 5.7.1 Unconfigured Sending Domain <mail.example.com>' \
	    $'rejected\t554 Unconfigured sending domain example.org' \
	    $'blocked\t553 IP REJECT' \
	    $'blocked\t550 5.7.1 IP REJECT 192.0.2.1' \
	    $'spamdetected\t554 this mail is rejected by anti-spam system' \
	    $'spamdetected\t550 Mail rejected by the antispam gateway' >others.tsv
	replies_agree others.tsv 10
	kinds_agree others.tsv
}

# what the appended lines leave as it was: another writer's "Sender IP
# rejected: ..." with its reason after it (not Sohu's bare "IP REJECT"),
# and a time-out, Momentum's own included, still read as expired
@test "bounce-esp2: the neighbours of the appended wordings keep their reasons" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'badreputation\t421 4.7.0: Sender IP rejected: sending IP has insufficient reputation.  Please retry later.' \
	    $'expired\t450 4.4.1 Connection timed out' \
	    $'expired\t554 5.4.7 [internal] exceeded max time without delivery' >kept.tsv
	replies_agree kept.tsv 3
	kinds_agree kept.tsv
}
