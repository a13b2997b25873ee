#!/usr/bin/env bats
# deliv-bounce-classify: Round 17 (wild18), a blind batch of failure
# replies as users pasted them into the issue threads of mail-sending and
# mail-server projects: ESP and hosting relays refusing their own senders
# (Amazon SES, SendGrid, SMTP2GO, Plunk, Brevo), Exchange submission,
# Gmail's and NetEase's limits, cPanel hosts' Exim sender callouts,
# Postfix policy and amavis replies, and mail servers' own replies (maddy,
# Postal, Forward Email)
# (tests/fixtures/bounce-writers/round17-wild18.tsv; the replies left
# wrong are "#" lines with why).  Each reply gets its reason, and the
# kind data/reasons.tsv gives that reason (bycode: soft for a 4xx reply
# or a 4.x.x status, else hard).

setup() {
	load lib/helpers
}

@test "bounce-round17-wild18: each reply quoted in mail-sending and mail-server projects' issue threads gets the reason and kind its meaning gives (round17-wild18)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round17-wild18.tsv 19
	kinds_agree round17-wild18.tsv
}

# the new phrases' neighbours: Exim's other sender-verify replies and a
# bare "Sender verify failed" stay rejected, a DKIM verification failure
# stays authfailure, Postfix's unknown user, a DNSBL block, SES's
# unverified identity, a From domain not verified, Postfix's sender login
# mismatch and a relay denial keep their reasons
@test "bounce-round17-wild18: the wordings next to round17-wild18's phrases keep their older reasons" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'rejected\t550-Verification failed for <alice@example.org> 550-Unrouteable address 550 Sender verify failed' \
	    $'rejected\t550-Verification failed for <alice@example.org> 550-No Such User Here 550 Sender verify failed' \
	    $'rejected\t550 Sender verify failed' \
	    $'authfailure\t550 5.7.1 DKIM verification failed' \
	    $'userunknown\t550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown in virtual mailbox table' \
	    $'blocked\t550 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org' \
	    $'rejected\t554 Message rejected: Email address is not verified. The following identities failed the check in region US-EAST-1: sender@example.org' \
	    $'rejected\t550 From header sender domain not verified' \
	    $'rejected\t553 5.7.1 <alice@example.org>: Sender address rejected: not owned by user carol@example.org' \
	    $'norelaying\t554 5.7.1 <bob@example.net>: Relay access denied' >others.tsv
	replies_agree others.tsv 10
	kinds_agree others.tsv
}
