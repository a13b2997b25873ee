#!/usr/bin/env bats
# deliv-bounce-classify: replies and notices of delivery agents, servers
# and filters learned from their own source or documentation (Round 6d):
# chasquid, vpopmail's vdelivermail, Mox, Stalwart, OpenDMARC,
# spamass-milter, clamav-milter, policyd-weight, Haraka's rspamd plugin,
# Postal, procmail's LMTP, Courier maildrop, Zimbra's LMTP, Apache James,
# GNU Mailutils mda
# (tests/fixtures/bounce-writers/more-replies.tsv names the file of each
# group).

setup() {
	load lib/helpers
}

@test "bounce-more-writers: each writer's own reply gets its reason" {
	cd "$FIXTURES/bounce-writers"
	replies_agree more-replies.tsv 50
}

# templates3.mbox: notices written from their writers' own templates
# (chasquid internal/queue/dsn.go, Mox queue/dsn.go and dsn/dsn.go,
# Stalwart crates/smtp/src/queue/dsn.rs, Postal
# app/models/bounce_message.rb), with example.* names
@test "bounce-more-writers: each writer's notice gives its failed recipient, kind and reason" {
	cd "$FIXTURES/bounce-classify"
	run -1 deliv-bounce-classify --no-header templates3.mbox
	assert_equal "$(cols -t bounce-classify msgno,recipient,action,kind,reason,status)" "$(printf '%s\n' \
	    $'1\tann@example.net\tfailed\thard\tuserunknown\t5.1.1' \
	    $'2\tbea@example.net\tfailed\tsoft\tmailboxfull\t5.2.2' \
	    $'3\tcid@example.net\tdelayed\tsoft\tmailboxfull\t4.2.2' \
	    $'4\tdan@example.net\tfailed\thard\tuserunknown\t5.5.0' \
	    $'5\teli@example.net\tdelayed\tsoft\tmailboxfull\t4.3.0' \
	    $'6\t\t\tsoft\tundefined\t')"
	# Postal's notice names no failed address before its "Orginal Message
	# ID: <...>" and "please contact postmaster@..." lines: one record,
	# no recipient (neither the Message-ID nor the contact)
	assert_equal "$(cols -t bounce-classify matched | sed -n 6p)" 'bounce-notice.txt:71; no failed address named'
}

@test "bounce-more-writers: the writer of each notice, from its template's words" {
	cd "$FIXTURES/bounce-classify"
	run -1 deliv-bounce-classify --no-header -o msgno,mta templates3.mbox
	# #1, chasquid, also writes Exim's X-Failed-Recipients and Subject;
	# #4 and #5, Stalwart, Sendmail's From name "Mail Delivery Subsystem"
	assert_equal "$output" "$(printf '%s\n' \
	    $'1\tchasquid' $'2\tmox' $'3\tmox' $'4\tstalwart' $'5\tstalwart' \
	    $'6\tpostal')"
}
