#!/usr/bin/env bats
# deliv-bounce-classify: Round 26 (meta6, issue #15), what stores and
# relays do to a notice's text and encoding changes no record.  The ways
# are bench/bounce_store_ways.py's "htmlonly", "trunc", "8bit" and
# "flowed" (run over the corpus by bench/bounce-metamorphic.sh and
# tests/bounce-classify.bats); here, the weaknesses they found, each on a
# notice written for the test.

setup() {
	load lib/helpers
}

# Exchange and Outlook keep a plain text as HTML when they convert it
# (Microsoft's "Content conversion in Exchange Server": plain text, HTML
# and RTF message formats), each line a <div>, an empty one
# <div><br></div>, "line</div>" then a newline in the source.  The
# source's newline after a <div>'s or a <br>'s break is no second break,
# and a <div> at a line's start opens no empty line (was: an empty line
# between every two lines, carol's paragraph apart from her address, her
# record lost).
@test "bounce-metamorphic4: a notice's text converted to HTML as Outlook writes it, a <div> a line, gives the text's records" {
	cat >"$BATS_TEST_TMPDIR/h.eml" <<-'EOF'
	From: Mail Delivery System <Mailer-Daemon@mail.example.net>
	To: sender@example.org
	Subject: Mail delivery failed: returning message to sender
	MIME-Version: 1.0
	Content-Type: text/html; charset=us-ascii

	<html>
	<body>
	<div>This message was created automatically by mail delivery software.</div>
	<div><br></div>
	<div>A message that you sent could not be delivered to one or more of its</div>
	<div>recipients. This is a permanent error. The following address(es) failed:</div>
	<div><br></div>
	<div>  bob@example.net</div>
	<div>    host mx.example.net [192.0.2.25]</div>
	<div>    SMTP error from remote mail server after RCPT TO:&lt;bob@example.net&gt;:</div>
	<div>    550 5.2.2 Mailbox full</div>
	<div>  carol@example.net</div>
	<div>    host mx.example.net [192.0.2.25]</div>
	<div>    SMTP error from remote mail server after RCPT TO:&lt;carol@example.net&gt;:</div>
	<div>    550 5.1.1 User unknown</div>
	</body>
	</html>
	EOF
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason,status "$BATS_TEST_TMPDIR/h.eml"
	assert_output "$(printf '%s\n' $'bob@example.net\tsoft\tmailboxfull\t5.2.2' \
	    $'carol@example.net\thard\tuserunknown\t5.1.1')"
	# "line<br>" then a newline, Exchange's other form: the same
	sed -i -e 's|^<div><br></div>$|<br>|' -e 's|^<div>\(.*\)</div>$|\1<br>|' "$BATS_TEST_TMPDIR/h.eml"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason,status "$BATS_TEST_TMPDIR/h.eml"
	assert_output "$(printf '%s\n' $'bob@example.net\tsoft\tmailboxfull\t5.2.2' \
	    $'carol@example.net\thard\tuserunknown\t5.1.1')"
}

# format=flowed (RFC 3676 4.2): a line ending in a space is joined with
# the next; 4.4: a line's stuffed space removed; DelSp=yes: the space
# itself removed.  (was: the soft break put "code 5.1.1 <bob@...>" on a
# line of its own, bob took carol's mailboxfull and carol no record.)
@test "bounce-metamorphic4: a format=flowed notice is read as its lines before the soft breaks" {
	local delsp
	for delsp in no yes; do
		cat >"$BATS_TEST_TMPDIR/f.eml" <<-EOF
		From: postmaster@mail.example.net
		To: sender@example.org
		Subject: Delivery Status Notification (Failure)
		MIME-Version: 1.0
		Content-Type: text/plain; charset=us-ascii; format=flowed; delsp=$delsp

		Your message could not be delivered to one or more recipients.

		bob@example.net Invalid Address, the remote server answered code 550, 
		code 5.1.1 <bob@example.net>... User unknown
		carol@example.net Invalid Address, the remote server answered code 552, 
		code 5.2.2 <carol@example.net>... Mailbox full
		EOF
		run -1 deliv-bounce-classify --no-header -o recipient,kind,reason,status "$BATS_TEST_TMPDIR/f.eml"
		assert_output "$(printf '%s\n' $'bob@example.net\thard\tuserunknown\t5.1.1' \
		    $'carol@example.net\tsoft\tmailboxfull\t5.2.2')"
	done
}

# The same conversion above a notice whose cut heading opens its text
# (ITS COMSAT's "=== A copy of your message is being returned, because:
# ===", the reason, "=== Failed message follows: ==="; meta3's rule that
# such a heading at the top is noise): the empty lines the <html>,
# <head> and <body> lines leave above the text are still its top (was:
# the heading cut the reason off, soft undefined).
@test "bounce-metamorphic4: a cut heading under an HTML part's empty top lines is still at the notice's top" {
	cat >"$BATS_TEST_TMPDIR/c.eml" <<-'EOF'
	Return-Path: <>
	From: COMSAT@ITS.EXAMPLE.ORG
	To: ann@example.org
	Subject: Msg of Monday, 7 December 2026 10:00-EST
	MIME-Version: 1.0
	Content-Type: text/html; charset=us-ascii

	<html>
	<head>
	<meta http-equiv="Content-Type" content="text/html; charset=us-ascii">
	</head>
	<body>
	<div>============ A copy of your message is being returned, because: ============</div>
	<div>"BOB" at ITS.EXAMPLE.ORG is an unknown recipient.</div>
	<div>============ Failed message follows: ============</div>
	<div>Date: Mon, 7 Dec 2026 10:00:00 -0500</div>
	<div>From: ann@example.org</div>
	<div>To: BOB@ITS.EXAMPLE.ORG</div>
	<div>Subject: Minutes</div>
	<div><br></div>
	<div>See you on Monday.</div>
	</body>
	</html>
	EOF
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/c.eml"
	assert_output $'\thard\tuserunknown'
}
