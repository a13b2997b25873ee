#!/usr/bin/env bats
# deliv-bounce-classify: the failure texts of delivery agents and SMTP
# clients (what an MTA writes into a bounce when the next hop or the
# local delivery failed), and mail servers not read before, learned from
# their own source (Round 8): ZoneMTA and mx-connect, WildDuck's MX and
# LMTP, Kopano's dagent, Postfix's smtp(8), local(8) and virtual(8),
# Sendmail's deliver.c and err.c, Exim's smtp transport, OpenSMTPD's mda,
# Dovecot's LMTP, Apache James's RemoteDelivery and LMTP
# (tests/fixtures/bounce-writers/agents-replies.tsv names the file of
# each group).

setup() {
	load lib/helpers
}

@test "bounce-agents: each writer's own failure text gets its reason" {
	cd "$FIXTURES/bounce-writers"
	replies_agree agents-replies.tsv 138
}

# tests/fixtures/bounce-writers/zonemta.mbox: six bounces as ZoneMTA's
# plugins/core/email-bounce.js writes them (github.com/zone-eu/zone-mta):
# one failed recipient a notice, its DSN with X-ZoneMTA-Queue-ID, the
# remote reply or its own mx-connect text as Diagnostic-Code, and an
# X-Failed-Recipients header that lists every recipient of the original
# envelope, not only the failed one.  #5 is its delay notice.
@test "bounce-agents: ZoneMTA's notices give the failed recipient, kind, reason and writer" {
	cd "$FIXTURES/bounce-writers"
	run -1 deliv-bounce-classify --no-header -o msgno,recipient,action,kind,reason,status,mta zonemta.mbox
	assert_output "$(printf '%s\n' \
	    $'1\tann@example.net\tfailed\thard\tuserunknown\t5.1.1\tzonemta' \
	    $'2\tbea@example.net\tfailed\tsoft\tmailboxfull\t5.2.2\tzonemta' \
	    $'3\tcy@nowhere.example\tfailed\thard\thostunknown\t5.0.0\tzonemta' \
	    $'4\tdan@nullmx.example\tfailed\thard\tnotaccept\t5.0.0\tzonemta' \
	    $'5\teli@example.net\tdelayed\tsoft\tnetworkerror\t4.0.0\tzonemta' \
	    $'6\tgus@example.net\tfailed\tsoft\tfailedstarttls\t5.0.0\tzonemta')"
}

@test "bounce-agents: the other envelope recipients ZoneMTA lists in X-Failed-Recipients are not reported" {
	cd "$FIXTURES/bounce-writers"
	grep -q '^X-Failed-Recipients: ann@example.net, ron@example.net$' zonemta.mbox
	run -1 deliv-bounce-classify --no-header -o recipient zonemta.mbox
	refute_output --partial ron@example.net
	refute_output --partial dot@example.net
	refute_output --partial fay@example.net
}

@test "bounce-agents: mx-connect's temporary DNS errors stay networkerror, its not-found ones are hostunknown" {
	cd "$FIXTURES/bounce-writers"
	sed -n '/^From mailer-daemon@mta.example.org Sat Dec  5 09:03:00/,/^From /p' zonemta.mbox | sed '$d' >"$BATS_TEST_TMPDIR/dns.eml"
	run -1 deliv-bounce-classify --no-header -o kind,reason "$BATS_TEST_TMPDIR/dns.eml"
	assert_output $'hard\thostunknown'
	sed -i 's/Domain name not found/DNS server returned general failure/' "$BATS_TEST_TMPDIR/dns.eml"
	run -1 deliv-bounce-classify --no-header -o kind,reason "$BATS_TEST_TMPDIR/dns.eml"
	assert_output $'soft\tnetworkerror'
}

# tests/fixtures/bounce-writers/indimail.mbox: qmail-send's bounce
# (qmail-send.c) quoting what IndiMail's vdelivermail printed
# (indimail-x/vdelivermail.c): a full mailbox and an inactive account,
# each sent with an address code (#5.1.4, #5.1.3) that is no unknown user.
@test "bounce-agents: IndiMail's full and inactive mailboxes are soft, whatever their X.1.x code" {
	cd "$FIXTURES/bounce-writers"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason,status,mta indimail.mbox
	assert_output "$(printf '%s\n' \
	    $'bob@example.net\tsoft\tmailboxfull\t5.1.4\tqmail' \
	    $'amy@example.net\tsoft\tsuspend\t5.1.3\tqmail')"
}

# tests/fixtures/bounce-writers/nullmailer.mbox: nullmailer-dsn's notices
# (src/dsn.cc; the status and Diagnostic-Code from src/send.cc
# parse_output()): a smarthost's refusal, a connection that failed until
# the queue lifetime (every recipient of the message, no code), and the
# "has not been delivered" form it writes when the last status was a 4.x.x.
@test "bounce-agents: nullmailer's notices give their recipients, kind, reason and writer" {
	cd "$FIXTURES/bounce-writers"
	run -1 deliv-bounce-classify --no-header -o msgno,recipient,action,kind,reason,status,mta nullmailer.mbox
	assert_output "$(printf '%s\n' \
	    $'1\tann@example.net\tfailed\thard\tuserunknown\t5.1.1\tnullmailer' \
	    $'2\tbob@example.net\tfailed\tsoft\tnetworkerror\t5.0.0\tnullmailer' \
	    $'2\tcal@example.net\tfailed\tsoft\tnetworkerror\t5.0.0\tnullmailer' \
	    $'3\tdee@example.net\tdelayed\tsoft\tmailboxfull\t4.2.2\tnullmailer')"
}

# tests/fixtures/bounce-writers/xmail.mbox: XMail's notices as
# QueueUtils.cpp QueUtBuildErrorResponse() writes them (github.com/
# GerHobbelt/xmail, XMail 1.27): "[<00>] XMail bounce: Rcpt=[...];
# Error=[...]", its [<01>] block ("ID: <S...@host>", "Mail From: <...>"),
# the reason in [<02>], the original's head after "[<05>] Here is listed
# the initial part of the message:".  The reasons: a remote refusal,
# SMAILSvr.cpp's unknown domain and unknown local user, the retries
# running out (QueUtResendMessage()).
@test "bounce-agents: XMail's notices give the failed recipient, not its message ID, with kind, reason and writer" {
	cd "$FIXTURES/bounce-writers"
	run -1 deliv-bounce-classify --no-header -o msgno,recipient,kind,reason,mta xmail.mbox
	assert_output "$(printf '%s\n' \
	    $'1\tann@example.net\thard\tuserunknown\txmail' \
	    $'2\tbob@nowhere.example\thard\thostunknown\txmail' \
	    $'3\tcal@example.org\thard\tuserunknown\txmail' \
	    $'4\tdee@example.net\tsoft\texpired\txmail')"
	# "Here is listed the ..." is XMail's heading, not a listing on a
	# block list: nothing is read as blocked
	run -1 deliv-bounce-classify --no-header -o reason xmail.mbox
	refute_output --partial blocked
}

# tests/fixtures/bounce-writers/citadel.mbox: Citadel's bounces as
# citadel/modules/smtp/smtp_queue.c smtpq_do_bounce() writes their body
# ("A message you sent could not be delivered ...", one "ADDR: REASON"
# line a failed recipient, the original attached; X-Mailer "Citadel
# Server N"); the From line is assumed.  Reasons: a remote refusal, "No
# MX hosts found for <D>" (status 5 in serv_smtpclient.c), and the
# giving-up form with a connection failure.
@test "bounce-agents: Citadel's bounces give the failed recipient, kind, reason and writer" {
	cd "$FIXTURES/bounce-writers"
	run -1 deliv-bounce-classify --no-header -o msgno,recipient,kind,reason,mta citadel.mbox
	assert_output "$(printf '%s\n' \
	    $'1\tann@example.net\thard\tuserunknown\tcitadel' \
	    $'2\tbob@nowhere.example\thard\thostunknown\tcitadel' \
	    $'3\tcal@example.net\tsoft\tnetworkerror\tcitadel')"
}

# tests/fixtures/bounce-writers/simta.mbox: simta's bounces as bounce.c
# bounce_text() and bounce_dfile_out() write them (github.com/simta/simta):
# no MIME, "address ADDR" then the recipient's error lines ("Bad SMTP RCPT
# TO reply" and the reply), the host's ("Host does not exist", queue.c),
# the message's (a refusal after DATA: every listed address), "This
# message is old and undeliverable.", then "Bounced message headers:"
# (the returned headers' Cc and Reply-To are no recipients).
@test "bounce-agents: simta's bounces give each address it lists, kind, reason and writer" {
	cd "$FIXTURES/bounce-writers"
	run -1 deliv-bounce-classify --no-header -o msgno,recipient,kind,reason,mta simta.mbox
	assert_output "$(printf '%s\n' \
	    $'1\tann@example.net\thard\tuserunknown\tsimta' \
	    $'2\tbob@nowhere.example\thard\thostunknown\tsimta' \
	    $'3\tcal@example.net\tsoft\texpired\tsimta' \
	    $'4\tdee@example.net\tsoft\tspamdetected\tsimta' \
	    $'4\teve@example.net\tsoft\tspamdetected\tsimta')"
}

# tests/fixtures/bounce-writers/kumomta.mbox: KumoMTA's two sample
# reports from its manual (docs/reference/kumo/generate_rfc3464_message.md:
# a permanent failure and an expiry, whose Status fields carry text after
# the code), with example.* names and a remote refusal in the first.
@test "bounce-agents: KumoMTA's reports give the recipient, kind, reason and writer" {
	cd "$FIXTURES/bounce-writers"
	run -1 deliv-bounce-classify --no-header -o msgno,recipient,action,kind,reason,status,mta kumomta.mbox
	assert_output "$(printf '%s\n' \
	    $'1\tann@example.net\tfailed\thard\tuserunknown\t5.1.1\tkumomta' \
	    $'2\tbob@example.net\tfailed\tsoft\texpired\t5.4.7\tkumomta')"
}

# tests/fixtures/bounce-writers/dma.mbox: the DragonFly Mail Agent's
# bounce (mail.c bounce(): "There was an error delivering your mail to
# <ADDR>." then the reason) with each reason its source writes: dma.c
# deliver() ("Could not deliver for the last N seconds. Giving up.",
# "unknown bounce reason"), net.c ("HOST [IP] did not like our CMD:" and
# the reply, "DNS lookup failure: host H not found", "SMTP login to H
# failed", "Internal error: badly formed address A"), local.c ("corrupted
# queue file").  #7, "unknown bounce reason", is no unknown user:
# hard.txt had a bare "unknown" until round 9.
@test "bounce-agents: dma's bounces give the recipient, kind, reason and writer for each reason it writes" {
	cd "$FIXTURES/bounce-writers"
	run -1 deliv-bounce-classify --no-header -o msgno,recipient,kind,reason,status,smtp_code,mta dma.mbox
	assert_output "$(printf '%s\n' \
	    $'1\tbob@nowhere.example\thard\thostunknown\t\t\tdma' \
	    $'2\tcarol@example.net\tsoft\texpired\t\t\tdma' \
	    $'3\tdave@example.net\thard\tuserunknown\t5.1.1\t550\tdma' \
	    $'4\terin@example.net\tsoft\tmailboxfull\t5.2.2\t552\tdma' \
	    $'5\tfrank@example.net\tsoft\tsecurityerror\t\t\tdma' \
	    $'6\t\tsoft\tsystemerror\t\t\tdma' \
	    $'7\theidi@example.net\tsoft\tundefined\t\t\tdma' \
	    $'8\tivan@example.net\tsoft\trejected\t5.7.1\t553\tdma' \
	    $'9\tjudy@example.net\tsoft\tblocked\t5.7.1\t554\tdma' \
	    $'10\tmallory@example.net\tsoft\tsystemerror\t\t\tdma')"
}

