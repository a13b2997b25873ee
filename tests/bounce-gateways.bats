#!/usr/bin/env bats
# deliv-bounce-classify: replies and notices of mail servers and gateways
# learned from their own documentation or source (Round 6e): IceWarp,
# Kerio Connect, Cisco Secure Email (AsyncOS), Broadcom Email
# Security.cloud (MessageLabs), MDaemon, MailEnable, and the X.2.2
# replies of Mox and Zimbra that are not a full mailbox
# (tests/fixtures/bounce-writers/gateway-replies.tsv names the page or
# file of each group).

setup() {
	load lib/helpers
}

@test "bounce-gateways: each writer's own reply gets its reason" {
	cd "$FIXTURES/bounce-writers"
	replies_agree gateway-replies.tsv 16
}

# phrases/soft.txt line 72 reads "4xx/5xx X.2.2" as a full mailbox; it
# steps aside for the writers whose X.2.2 means something else, and a
# real full mailbox still reads mailboxfull by it
@test "bounce-gateways: the X.2.2 code phrase steps aside for a rate limit and a TLS demand, not for a full mailbox" {
	cd "$FIXTURES/bounce-writers"
	run -1 deliv-bounce-classify --no-header -o reason,matched <(awk -F'\t' '
	    { printf "From MAILER-DAEMON Sat Dec  5 08:00:00 2026\nFrom: MAILER-DAEMON@mx.example.org\nTo: sender@example.org\nSubject: Undelivered Mail\nMessage-Id: <x%d@mx.example.org>\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\nFinal-Recipient: rfc822; rcpt%d@example.net\nAction: delayed\nStatus: 4.2.2\nDiagnostic-Code: smtp; %s\n\n--b--\n\n", NR, NR, $0 }' <<'R'
452 4.2.2 more than 200 messages in past 1m0s from your ip/network (Zq9tFzr4GqQ)
451 4.2.2 Server accepts messages only on TLS connection
452 4.2.2 account storage full (Zq9tFzr4GqQ)
R
)
	assert_equal "$(cut -f1 <<<"$output")" "$(printf '%s\n' speeding failedstarttls mailboxfull)"
	assert_equal "$(cut -f2 <<<"$output" | sed -n 3p)" 'soft.txt:72'
}

# templates4.mbox: notices written from their writers' own knowledge-base
# articles (Broadcom KB 162445 for Email Security.cloud's "This is the
# mail delivery agent at messagelabs.com." notice; MailEnable KB
# ME020517 for its "MailEnable: Message Delivery Failure." notice;
# SmarterMail's "Could not deliver message to the following
# recipient(s):" as hosts' knowledge-base articles quote it), with
# example.* names
@test "bounce-gateways: each gateway's notice gives its failed recipient, kind, reason and writer" {
	cd "$FIXTURES/bounce-classify"
	run -1 deliv-bounce-classify --no-header templates4.mbox
	assert_equal "$(cols -t bounce-classify msgno,recipient,kind,reason,mta)" "$(printf '%s\n' \
	    $'1\tfay@example.net\tsoft\tmesgtoobig\tmessagelabs' \
	    $'2\t\tsoft\tbadreputation\tmailenable' \
	    $'3\tivy@example.com\tsoft\tmailboxfull\tsmartermail')"
	# MailEnable's notice names only the target domain: one record, no
	# recipient (not the To: of the returned message)
	assert_equal "$(cols -t bounce-classify matched | sed -n 2p)" 'soft.txt:228; no failed address named'
}
