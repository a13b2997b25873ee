#!/usr/bin/env bats
# deliv-bounce-classify: Round 11 (wild2), a second blind batch quoted
# from real traffic (public issue threads and help pages), aimed at the
# reasons the first wild batch was thin on: failure replies
# (tests/fixtures/bounce-writers/round11-wild2.tsv) and whole plain-text
# notices (tests/fixtures/bounce-classify/wild2.mbox, its expected records
# in wild2.tsv); what is left wrong is kept as "#" lines with why.

setup() {
	load lib/helpers
}

@test "bounce-wild2: each reply quoted from real traffic gets the reason and kind its meaning gives (round11-wild2)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round11-wild2.tsv 58
	kinds_agree round11-wild2.tsv
}

@test "bounce-wild2: each whole notice quoted from real traffic gets its recipient, kind and reason (wild2.mbox)" {
	cd "$FIXTURES/bounce-classify"
	run -1 deliv-bounce-classify --no-header wild2.mbox
	assert_equal "$(cols -t bounce-classify msgno,recipient,kind,reason | grep -v '^[19]	')" \
	    "$(awk -F'\t' -v OFS='\t' '!/^#/ { print $1, $3, $4, $5 }' wild2.tsv)"
	# the two left: a delay warning reads expired, Gmail's older DNS
	# error networkerror
	assert_equal "$(cols -t bounce-classify msgno,recipient,kind,reason | grep '^[19]	')" \
	    "$(printf '1\tDaniel.Rohde@bsh.de\tsoft\texpired\n9\tsjon@example.net\tsoft\tnetworkerror')"
}

# Postfix's "<addr> (expanded from <alias>): reason" in a plain-text
# notice names a failure (before, a reason with no reply code left the
# notice with no failed address); the alias folded onto the next line
# too.  The address reported is the alias, the address the sender used,
# as Postfix's DSN gives it in Original-Recipient (round 16; was addr)
@test "bounce-wild2: Postfix's \"(expanded from <alias>)\" entry in a plain-text notice names the alias the sender used" {
	cd "$BATS_TEST_TMPDIR"
	cat >n.mbox <<-'M'
	From MAILER-DAEMON Sat Dec  5 22:00:00 2026
	From: MAILER-DAEMON@mx.example.org (Mail Delivery System)
	To: ana@example.org
	Subject: Undelivered Mail Returned to Sender
	Date: Sat, 5 Dec 2026 22:00:00 +0000

	This is the mail system at host mx.example.org.

	I'm sorry to have to inform you that your message could not
	be delivered to one or more recipients. It's attached below.

	                   The mail system

	<bob@example.net> (expanded from <team@example.org>): connect to
	    mx.example.net[192.0.2.1]:25: Connection timed out

	From MAILER-DAEMON Sat Dec  5 22:00:01 2026
	From: MAILER-DAEMON@mx.example.org (Mail Delivery System)
	To: ana@example.org
	Subject: Undelivered Mail Returned to Sender
	Date: Sat, 5 Dec 2026 22:00:01 +0000

	This is the mail system at host mx.example.org.

	I'm sorry to have to inform you that your message could not
	be delivered to one or more recipients. It's attached below.

	                   The mail system

	<dave.with.a.rather.long.local.part@example.com> (expanded from
	    <everyone@example.org>): Host or domain name not found. Name service
	    error for name=example.com type=MX: Host not found, try again
	M
	run -1 deliv-bounce-classify --no-header n.mbox
	assert_equal "$(cols -t bounce-classify msgno,recipient,kind,reason)" \
	    "$(printf '1\tteam@example.org\tsoft\texpired\n2\teveryone@example.org\tsoft\tnetworkerror')"
}

# the new phrases' neighbours keep their older reasons: Gmail's "address
# couldn't be found" stays userunknown, a SERVFAIL DNS error stays
# networkerror, a DNSBL refusal stays blocked, TLS handshake failures are
# failedstarttls, a policy refusal policyviolation;
# Gmail's older "DNS Error: Address resolution ... Domain name not found"
# stays networkerror (the corpus's label)
@test "bounce-wild2: the wordings next to round11-wild2's phrases keep their older reasons" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'userunknown\tAddress not found Your message wasn\'t delivered to a@example.net because the address couldn\'t be found, or is unable to receive mail.' \
	    $'networkerror\tDNS Error: Address resolution of example.net. failed: SERVFAIL' \
	    $'blocked\t554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org' \
	    $'failedstarttls\t421 4.7.0 TLS handshake failed, try again later' \
	    $'policyviolation\t550 5.7.1 Message rejected for policy reasons' \
	    $'networkerror\tDNS Error: Address resolution of example.net. failed: Domain name not found' >others.tsv
	replies_agree others.tsv 6
	kinds_agree others.tsv
}
