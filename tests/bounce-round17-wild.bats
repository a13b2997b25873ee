#!/usr/bin/env bats
# deliv-bounce-classify: Round 17 (wild17), a blind batch of failure
# replies as their writers' help, postmaster and error-code pages, hosts'
# knowledge bases, admins' posts and public issue threads quote them:
# security gateways' and relays' own codes (MailChannels, JetEmail, Vade,
# VIPRE, Sophos, Trend Micro), ASSP, hosting and ESP relays (SMTP2GO,
# Prolateral, all-inkl, STRATO, free.fr), universities' gateways,
# Exchange, providers of several countries
# (tests/fixtures/bounce-writers/round17-wild17.tsv; the replies left
# wrong are "#" lines with why).  Each reply gets its reason, and the
# kind data/reasons.tsv gives that reason (bycode: soft for a 4xx reply
# or a 4.x.x status, else hard).

setup() {
	load lib/helpers
}

@test "bounce-round17-wild: each reply quoted from its writer's pages and real traffic gets the reason and kind its meaning gives (round17-wild17)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round17-wild17.tsv 46
	kinds_agree round17-wild17.tsv
}

# the new phrases' neighbours: Vade's block list code stays blocked (its
# _105 is the reverse-DNS one, its EU platform's _403 the unknown
# recipient), a bare "Connection refused" stays blocked, Exchange Online's
# final 5.4.316 stays expired and its other 4.4.316 a network error,
# Mailgun's suppression, ASSP's relay refusal, SMTP2GO's IP refusal,
# STRATO's attachment refusal, Postfix's unknown user, a quota and a
# relay denial keep their reasons
@test "bounce-round17-wild: the wordings next to round17-wild17's phrases keep their older reasons" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'blocked\t550 5.7.1 Connection refused - OXSUS0001_101' \
	    $'requireptr\t550 5.7.1 Connection refused - OXSUS0001_105' \
	    $'userunknown\t550 5.7.1 Connection refused - OXSEU0001_403' \
	    $'blocked\t554 5.7.1 Connection refused' \
	    $'expired\t550 5.4.316 Message expired, connection refused(Socket error code 10061)' \
	    $'networkerror\t451 4.4.316 Connection timed out [Message=Socket error code 10060]' \
	    $'suppressed\t550 5.1.1 Not delivering to previously bounced address' \
	    $'norelaying\t554 Relay Service denied for IP 192.0.2.1, closing transmission channel' \
	    $'blocked\t550 that IP address is not allowed to send' \
	    $'policyviolation\t550 5.7.1 Refused by local policy. Message contains a dangerous attachment!' \
	    $'userunknown\t550 5.1.1 <rcpt@example.net>: Recipient address rejected: User unknown in local recipient table' \
	    $'mailboxfull\t552 5.2.2 Quota exceeded' \
	    $'norelaying\t554 5.7.1 <rcpt@example.net>: Relay access denied' >others.tsv
	replies_agree others.tsv 13
	kinds_agree others.tsv
}
