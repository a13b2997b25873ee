#!/usr/bin/env bats
# deliv-bounce-classify: notices written from their writers' own
# templates (tests/fixtures/bounce-classify/templates2.mbox): Dovecot's
# LDA and Pigeonhole's Sieve "reject", Dovecot 1.0's rejection,
# amavisd-new's notices to the sender, Oracle (Sun, iPlanet) Messaging
# Server's DSN, Cyrus lmtpd's Sieve "reject", Haraka, Apache James (its
# DSNBounce and its plain bounce), maddy, grommunio gromox (a full
# mailbox, an unknown address), amavisd-new's banned contents.  A disposition notification that says
# the message was deleted by an automatic action is a refusal for its
# recipient.

setup() {
	load lib/helpers
	F=$FIXTURES/bounce-classify
	cd "$F"
}

@test "bounce-templates: each writer's notice gives its failed recipient, kind and reason" {
	run -1 deliv-bounce-classify --no-header templates2.mbox
	assert_equal "$(cols -t bounce-classify msgno,recipient,action,kind,reason,status)" "$(printf '%s\n' \
	    $'1\ttia@example.net\tfailed\tsoft\tfiltered\t5.2.0' \
	    $'2\tuma@example.net\tfailed\tsoft\tmailboxfull\t5.2.2' \
	    $'3\tvic@example.net\tfailed\tsoft\tfiltered\t5.2.0' \
	    $'4\twes@example.net\tfailed\tsoft\tvirusdetected\t5.7.0' \
	    $'5\txia@example.net\tfailed\tsoft\tmesgtoobig\t5.3.4' \
	    $'6\tyan@example.net\tfailed\thard\tuserunknown\t5.1.1' \
	    $'7\tamy@example.net\tfailed\tsoft\tspamdetected\t5.7.0' \
	    $'8\tzoe@example.com\tfailed\tsoft\tfiltered\t5.2.0' \
	    $'9\tbob@example.net\tfailed\thard\tuserunknown\t5.1.1' \
	    $'10\tcal@example.net\tfailed\thard\tuserunknown\t5.1.1' \
	    $'11\tdee@example.net\tfailed\thard\tuserunknown\t5.1.1' \
	    $'12\teve@example.net\t\thard\tuserunknown\t5.1.1' \
	    $'13\tgil@example.net\tfailed\tsoft\tmailboxfull\t5.0.0' \
	    $'14\thal@example.net\tfailed\thard\tuserunknown\t5.0.0' \
	    $'15\tida@example.net\tfailed\tsoft\tpolicyviolation\t5.7.0')"
	# Messaging Server: the address the sender used, not the rewritten one
	assert_equal "$(cols -t bounce-classify matched | sed -n 6p)" 'hard.txt:116; original-recipient'
	# a Sieve reject's status is no code of the notice's own: matched says so
	assert_equal "$(cols -t bounce-classify matched | sed -n 1p)" 'status:5.2.0; a disposition notification, status 5.2.0 assumed'
}

@test "bounce-templates: the writer of each notice, from its template's words" {
	run -1 deliv-bounce-classify --no-header -o msgno,mta templates2.mbox
	# #3, Dovecot 1.0, by its text: its From "Mail Delivery Subsystem"
	# (Sendmail's default name too) is the last row of data/bounce-mta.tsv
	assert_equal "$output" "$(printf '%s\n' \
	    $'1\tdovecot' $'2\tdovecot' $'3\tdovecot' $'4\tamavis' $'5\tamavis' \
	    $'6\tmessagingserver' $'7\tamavis' $'8\tcyrus' $'9\tharaka' \
	    $'10\tjames' $'11\tmaddy' $'12\tjames' $'13\tgromox' \
	    $'14\tgromox' $'15\tamavis')"
}

# the Pigeonhole rejection (templates2.mbox #1) with another disposition
mdn() {
	awk '/^From /{p=0} /^From postmaster@mail.example.net /{p=1} p' \
	    templates2.mbox | sed "$@" >"$BATS_TEST_TMPDIR/m.eml"
}

@test "bounce-templates: a Sieve reject names its recipient only in the MDN's Final-Recipient, not the returned message's Cc" {
	mdn -e 's/^Your message to <tia@example.net> was automatically rejected:/Your message was automatically rejected:/'
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/m.eml"
	assert_output $'tia@example.net\tsoft\tfiltered'
}

@test "bounce-templates: an MDN deleted by hand, or one that says displayed, is no refusal" {
	mdn -e 's/^Disposition: .*/Disposition: manual-action\/MDN-sent-manually; deleted/'
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason,status "$BATS_TEST_TMPDIR/m.eml"
	# the text still ties the address to a rejection, but no status is made up
	assert_output $'tia@example.net\tsoft\tundefined\t'
	# a read receipt: "displayed", by hand or not, is no failure
	for mode in manual-action/MDN-sent-manually automatic-action/MDN-sent-automatically; do
		mdn -e "s|^Disposition: .*|Disposition: $mode; displayed|" \
		    -e 's/^Subject: .*/Subject: Read: November news/' \
		    -e 's/^From: .*/From: Tia <tia@example.net>/' -e '/^Return-Path: <>/d' \
		    -e '/^Auto-Submitted: /d' -e '/^Precedence: /d' \
		    -e 's/^Your message to .*/Your message was displayed./' -e '/not taking mail/d'
		run -0 deliv-bounce-classify --no-header -o recipient,kind,reason,diagnostic "$BATS_TEST_TMPDIR/m.eml"
		assert_output $'\tnone\t\tnot a bounce'
	done
}

@test "bounce-templates: a non-read notification (deleted unread, automatic-action) is no refusal" {
	# MS-OXOMSG PidTagReportDisposition "deleted": erased without being
	# read; the notice does not say it rejected anything
	mdn -e 's/^Subject: .*/Subject: Not read: November news/' \
	    -e 's/^From: .*/From: Tia <tia@example.net>/' -e '/^Return-Path: <>/d' \
	    -e '/^Auto-Submitted: /d' -e '/^Precedence: /d' -e '/^X-Sieve: /d' \
	    -e 's/^Your message to .*/Your message was deleted without being read./' \
	    -e '/not taking mail/d'
	grep -q '^Disposition: automatic-action/MDN-sent-automatically; deleted' "$BATS_TEST_TMPDIR/m.eml"
	run -0 deliv-bounce-classify --no-header -o recipient,kind,reason,diagnostic "$BATS_TEST_TMPDIR/m.eml"
	assert_output $'\tnone\t\tnot a bounce'
	# the same with Dovecot's "Auto-Submitted: auto-replied (rejected)" is one
	sed -i 's/^MIME-Version: 1.0/Auto-Submitted: auto-replied (rejected)\nMIME-Version: 1.0/' "$BATS_TEST_TMPDIR/m.eml"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/m.eml"
	assert_output $'tia@example.net\tsoft\tfiltered'
}

@test "bounce-templates: a Sieve reject whose Final-Recipient is no address (Cyrus's sieve_mdn_private) names nobody" {
	awk '/^From /{p=0} /^From postmaster@imap.example.com /{p=1} p' templates2.mbox |
	    sed -e '/^Original-Recipient: /d' -e 's/^Final-Recipient: .*/Final-Recipient: rfc822; lmtpd-4242-1764335400-1/' \
	    >"$BATS_TEST_TMPDIR/c.eml"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason,matched "$BATS_TEST_TMPDIR/c.eml"
	# its reason from the generic cue "sieve" (bounce-cues.txt, Round 10
	# cue): a Sieve reject is the recipient's filter, as in its own MDNs
	n=$(grep -nxF $'filtered\t/\\bsieve\\b/' "$TOP/phrases/bounce-cues.txt" | cut -d: -f1)
	assert_output "	soft	filtered	bounce-cues.txt:$n; no failed address named"
}

# Messaging Server's notice (templates2.mbox #6) without its DSN part: the
# text alone says which address the sender used
@test "bounce-templates: a notice's \"Original address:\" line wins over the rewritten recipient it follows, as Original-Recipient does" {
	awk '/^From /{p=0} /^From MAILER-DAEMON Sat Nov 28 12:50:00 2026$/{p=1} p' templates2.mbox |
	    awk '/^--Boundary/{b=$0; next} /^Content-type: message\/delivery-status/{skip=1; next}
		b != "" { if (!skip) print b; b="" } /^Diagnostic-code:/ && skip {skip=0; next} !skip' \
	    >"$BATS_TEST_TMPDIR/t.eml"
	run grep -c -i 'delivery-status$\|^Final-recipient' "$BATS_TEST_TMPDIR/t.eml"
	assert_output 0
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason,status,matched "$BATS_TEST_TMPDIR/t.eml"
	assert_output $'yan@example.net\thard\tuserunknown\t5.1.1\thard.txt:116; original-recipient'
	# a second recipient with no original line is its own, reported as named
	sed -i 's/^  Remote system: .*/&\n\n  Recipient address: zed@example.net\n  Reason: Remote SMTP server has rejected address\n  Diagnostic code: smtp;552 5.2.2 mailbox full/' "$BATS_TEST_TMPDIR/t.eml"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason,matched "$BATS_TEST_TMPDIR/t.eml"
	assert_output "$(printf '%s\n' $'yan@example.net\thard\tuserunknown\thard.txt:116; original-recipient' \
	    $'zed@example.net\tsoft\tmailboxfull\tsoft.txt:72')"
}
