#!/usr/bin/env bats
# deliv-bounce-classify: Round 25 (meta2, issue #15), the same notice
# written another legitimate way gives the same records.  The ways are
# bench/bounce-mime-ways.py's (run over the corpus by
# bench/bounce-metamorphic.sh and tests/bounce-classify.bats); here, the
# robustness bugs they found, each on a notice written for the test.

setup() {
	load lib/helpers
}

# A report put inside a multipart/mixed after a banner part (gateways
# and Exchange transport rules add an "external sender" banner so; RFC
# 2046 5.1.3): the banner's text is a paragraph of its own, never the
# first lines of the notice's first paragraph (bench/bounce-mime-ways.py
# "wrapmixed"; was: the banner ran into the notice's paragraph, the
# diagnostic its seven lines and the notice's first only, and on a
# corpus notice the reason went from the notice's words, cut off, to its
# Diagnostic-Code's).
@test "bounce-metamorphic2: a banner part before the report is a paragraph of its own, not the notice's first lines" {
	local banner
	banner=$(printf '%s\n' \
	    'CAUTION: This email originated from outside of the organization.' \
	    'Do not click links or open attachments unless you recognize the' \
	    'sender and know the content is safe.  If you are unsure, forward' \
	    'the message to the service desk of your organization, who will' \
	    'look at it for you and tell you whether it is safe to open.' \
	    'Messages from outside are scanned but no scan catches everything.' \
	    'This notice is added to every message that comes from outside.')
	cat >"$BATS_TEST_TMPDIR/w.eml" <<-EOF2
	From: Postmaster <postmaster@example.com>
	To: <sender@example.org>
	Subject: Email Delivery Failure
	X-Mimecast-Spam-Score: 0
	MIME-Version: 1.0
	Content-Type: multipart/mixed; boundary="outer"

	--outer
	Content-Type: text/plain; charset=us-ascii

	$banner
	--outer
	Content-Type: multipart/report; report-type=delivery-status; boundary="inner"

	--inner
	Content-Type: text/plain; charset=us-ascii

	This is a delivery failure notification message indicating that
	an email you addressed to email address :
	-- ann@example.net

	could not be delivered. The problem appears to be :
	-- Recipient email address is possibly incorrect

	--inner
	Content-Type: message/delivery-status

	Reporting-MTA: dns; mx.example.com

	Final-Recipient: rfc822; ann@example.net
	Action: failed
	Status: 5.0.0

	--inner--
	--outer--
	EOF2
	run deliv-bounce-classify --no-header -o recipient,kind,reason,diagnostic "$BATS_TEST_TMPDIR/w.eml"
	assert_output "$(printf 'ann@example.net\thard\tuserunknown\t%s' \
	    'This is a delivery failure notification message indicating that an email you addressed to email address : -- ann@example.net could not be delivered. The problem appears to be : -- Recipient email address is possibly incorrect')"
}

# An HTML-only notice after a banner part (bench/bounce-mime-ways.py
# "wrapmixed" on a notice whose top is text/html): the HTML is no other
# version of the banner (RFC 2046 5.1.4: only the parts of one
# multipart/alternative are), so it is read (was: skipped as "a second
# HTML", the notice read as the banner alone, no record of a failure).
@test "bounce-metamorphic2: an HTML notice after a banner part is read; an HTML alternative of a text taken is not" {
	cat >"$BATS_TEST_TMPDIR/h.eml" <<-'EOF2'
	From: postmaster@mail.example.com
	To: sender@example.org
	Subject: Undeliverable: hello
	MIME-Version: 1.0
	Content-Type: multipart/mixed; boundary="outer"

	--outer
	Content-Type: text/plain; charset=us-ascii

	CAUTION: This email originated from outside of the organization.

	--outer
	Content-Type: text/html; charset=us-ascii

	<html><body>
	<p><b>Your message to <a href="mailto:bob@mail.example.com">bob@mail.example.com</a> couldn't be delivered.</b></p>
	<p>Remote Server returned '550 5.1.1 User unknown'</p>
	</body></html>

	--outer--
	EOF2
	run deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/h.eml"
	assert_output "$(printf 'bob@mail.example.com\thard\tuserunknown')"
	# the same HTML as the alternative of a text/plain that says only
	# the banner: another version of that text, not read
	sed -e 's/multipart\/mixed; boundary="outer"/multipart\/alternative; boundary="outer"/' \
	    "$BATS_TEST_TMPDIR/h.eml" >"$BATS_TEST_TMPDIR/a.eml"
	run deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/a.eml"
	refute_output --partial bob@mail.example.com
}

# Sendmail's "(reason: ...)" note under a member of an alias, wrapped
# at 76 columns by a client or gateway (bench/bounce-mime-ways.py
# "rewrap"): the indented line that goes on with the open note is
# passed, and the "(expanded from: <alias>)" under it still names the
# address the sender used (savemail.c writes both notes under
# q_paddr; was: the member itself reported, the alias with the other
# member's reason, a record the notice never gave).
@test "bounce-metamorphic2: Sendmail's (reason: ...) note folded onto a second line still leaves (expanded from: ...) the address the sender used" {
	cat >"$BATS_TEST_TMPDIR/s.eml" <<-'EOF2'
	From: Mail Delivery Subsystem <MAILER-DAEMON@mail.example.net>
	To: sender@example.org
	Subject: Returned mail: see transcript for details
	Content-Type: text/plain; charset=us-ascii

	   ----- The following addresses had permanent fatal errors -----
	<amy@example.net>
	    (reason: 551 5.1.6 <amy@example.net>... User has moved; please try
	    <amy@elsewhere.example>)
	    (expanded from: <team@example.net>)
	<bo@example.net>
	    (reason: 550 5.1.1 <bo@example.net>... User unknown)
	    (expanded from: <team@example.net>)
	EOF2
	run deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/s.eml"
	refute_output --partial amy@example.net
	assert_line --index 0 "$(printf 'team@example.net\thard\thasmoved')"
}

# Gmail's notice with its sentence naming the address wrapped over
# lines, as a client or gateway wraps prose at 76 columns
# (bench/bounce-mime-ways.py "rewrap"): the sentence is still a short
# paragraph followed by a label over the reply ("The response from the
# remote server was:" over "451 ...", or "The response was:", a blank
# line, the reply), and the reply is the recipient's (was: only a
# one-line paragraph was taken on into the next, so the wrapped one
# lost its reply and status).  A wrapped paragraph followed by anything
# but a label over a reply is still its own.
@test "bounce-metamorphic2: Gmail's sentence naming the address wrapped over lines still takes the reply under its label" {
	local diag='There was a temporary problem delivering your message to dan@example.com. Gmail will retry for 40 more hours. You'"'"'ll be notified if the delivery fails permanently. The response from the remote server was: 451 4.3.0 <dan@example.com>: Temporary lookup failure'
	cat >"$BATS_TEST_TMPDIR/g.eml" <<-'EOF2'
	From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
	To: sender@example.org
	Subject: Delivery Status Notification (Delay)
	Content-Type: text/plain; charset=utf-8

	** Message not delivered yet **

	There was a temporary problem delivering your message to dan@example.com.
	Gmail will retry for 40 more hours. You'll be notified if the delivery fails
	permanently.

	The response from the remote server was:
	451 4.3.0 <dan@example.com>: Temporary lookup failure

	EOF2
	run deliv-bounce-classify --no-header -o recipient,kind,status,diagnostic "$BATS_TEST_TMPDIR/g.eml"
	assert_output "$(printf 'dan@example.com\tsoft\t4.3.0\t%s' "$diag")"
	# the label alone, a blank line, the reply
	sed -e 's/^The response from the remote server was:$/The response was:\n/' \
	    "$BATS_TEST_TMPDIR/g.eml" >"$BATS_TEST_TMPDIR/g2.eml"
	run deliv-bounce-classify --no-header -o recipient,kind,status "$BATS_TEST_TMPDIR/g2.eml"
	assert_output "$(printf 'dan@example.com\tsoft\t4.3.0')"
	# no label over the reply: the wrapped paragraph is its own
	sed -e '/^The response from the remote server was:$/d' \
	    "$BATS_TEST_TMPDIR/g.eml" >"$BATS_TEST_TMPDIR/g3.eml"
	run deliv-bounce-classify --no-header -o recipient,diagnostic "$BATS_TEST_TMPDIR/g3.eml"
	refute_output --partial 'lookup failure'
}

# qmail-send's notice (Yahoo's, as its help page SLN3275 prints it: no
# "<ADDR>:" line) whose remote reply a client or relay wrapped inside a
# /regex/ phrase ("dd ADDR is no longer\nvalid", hard.txt 463;
# bench/bounce-mime-ways.py "rewrap"): the reply the whole text's
# answer reads, from its code on, has its lines joined, so the phrase's
# words one space apart still meet (was: soft undefined, the notice's
# own words only).  The same with the continuation indented.
@test "bounce-metamorphic2: a remote reply wrapped inside a regex phrase still matches it" {
	cat >"$BATS_TEST_TMPDIR/q.eml" <<-'EOF2'
	From: MAILER-DAEMON@mail.example.com
	To: sender@example.org
	Subject: failure notice

	Hi. This is the qmail-send program at mail.example.com.
	I'm afraid I wasn't able to deliver your message to the following addresses.
	This is a permanent error; I've given up. Sorry it didn't work out.

	192.0.2.74 failed after I sent the message.
	Remote host said: 554 delivery error: dd kim@example.com is no longer
	valid. [-20] - mta1.mail.example.com

	--- Below this line is a copy of the message.

	From: sender@example.org
	To: kim@example.com
	Subject: hello

	hello
	EOF2
	run deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/q.eml"
	assert_output "$(printf 'kim@example.com\thard\tuserunknown')"
	sed -e 's/^valid\./    valid./' "$BATS_TEST_TMPDIR/q.eml" >"$BATS_TEST_TMPDIR/q2.eml"
	run deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/q2.eml"
	assert_output "$(printf 'kim@example.com\thard\tuserunknown')"
}

# A gateway's banner part before a plain notice that opens with a
# heading the cut list reads ("=== A copy of your message is being
# returned, because: ===", ITS COMSAT's, the reason, then "=== Failed
# message follows: ==="; bench/bounce-mime-ways.py "wrapmixed"): the
# heading is at the top of the notice, as it is at the top of the text
# without the banner, so it is no cut (was: the text cut to the banner,
# the record without a recipient soft undefined).  A part that opens a
# returned message after a notice that says nothing known of a failure
# stays cut: its words are the original's.
@test "bounce-metamorphic2: a notice's heading at the top of its part after a banner part is no cut; a returned message's part is" {
	cat >"$BATS_TEST_TMPDIR/c.eml" <<-'EOF2'
	From: COMSAT@ITS.EXAMPLE.ORG
	Return-Path: <>
	To: SENDER@ITS.EXAMPLE.ORG
	Subject: Msg of Friday, 4 December 2026 10:06-EST
	MIME-Version: 1.0
	Content-Type: multipart/mixed; boundary="outer"

	--outer
	Content-Type: text/plain; charset=us-ascii

	CAUTION: This email originated from outside of the organization.
	Do not click links or open attachments unless you recognize the
	sender and know the content is safe.

	--outer
	Content-Type: text/plain; charset=us-ascii

	============ A copy of your message is being returned, because: ============
	"NOBODY-HERE" at ITS.EXAMPLE.ORG is an unknown recipient.
	============ Failed message follows: ============
	Date: Fri, 4 Dec 2026 10:06:58 -0500
	From: SENDER@ITS.EXAMPLE.ORG
	Subject: Minutes
	To: NOBODY-HERE@ITS.EXAMPLE.ORG

	The minutes are attached.

	--outer--
	EOF2
	run deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/c.eml"
	assert_output "$(printf '\thard\tuserunknown')"
	cat >"$BATS_TEST_TMPDIR/o.eml" <<-'EOF2'
	From: postmaster@mail.example.com
	To: sender@example.org
	Subject: Undeliverable mail
	MIME-Version: 1.0
	Content-Type: multipart/mixed; boundary="outer"

	--outer
	Content-Type: text/plain; charset=us-ascii

	See the message below.

	--outer
	Content-Type: text/plain; charset=us-ascii

	Received: from client.example.org by mail.example.com; Fri, 4 Dec 2026 10:00:00 +0000
	From: sender@example.org
	To: team@example.com
	Subject: Minutes

	Please forward these to bob@example.net, whose mailbox is full.

	--outer--
	EOF2
	run deliv-bounce-classify --no-header -o recipient "$BATS_TEST_TMPDIR/o.eml"
	refute_output --partial bob@example.net
}

# Exim's notice with spaces and a tab added at the end of every line of
# text (padding some gateways add; bench/bounce-mime-ways.py "trailing";
# RFC 5322 2.2.3, RFC 3676 4.1: trailing white space means nothing
# outside format=flowed): each failed address's block stays its own
# (was: "  frank.m@example.de  \t" no longer the address line alone, the
# two blocks ran together and the first address took the second's
# mailboxfull).  A line of white space alone is left as it is.
@test "bounce-metamorphic2: spaces and tabs at the ends of a notice's lines change nothing" {
	cat >"$BATS_TEST_TMPDIR/e.eml" <<-'EOF2'
	From: Mail Delivery System <Mailer-Daemon@lists.example.org>
	To: team-bounces@lists.example.org
	Subject: Mail delivery failed: returning message to sender
	X-Failed-Recipients: frank.m@example.de, greta.s@example.net
	Auto-Submitted: auto-replied

	This message was created automatically by mail delivery software.

	A message that you sent could not be delivered to one or more of its
	recipients. This is a permanent error. The following address(es) failed:

	  frank.m@example.de
	    host mx00.example.de [192.0.2.9]
	    SMTP error from remote mail server after RCPT TO:<frank.m@example.de>:
	    550-Requested action not taken: mailbox unavailable
	    550 For explanation visit https://postmaster.example.de/case?c=r0701
	  greta.s@example.net
	    host mx01.example.net [192.0.2.8]
	    SMTP error from remote mail server after end of data:
	    552-Requested mail action aborted: exceeded storage allocation
	    552 For explanation visit https://postmaster.example.net/case?c=r0502

	------ This is a copy of the message, including all the headers. ------

	From: Nina Berg <nina@example.com>
	To: team@lists.example.org
	Subject: notes

	notes
	EOF2
	local want
	want=$(printf 'frank.m@example.de\thard\tuserunknown\ngreta.s@example.net\tsoft\tmailboxfull')
	run deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/e.eml"
	assert_output "$want"
	awk 'NR > 6 && NF > 0 { $0 = $0 "  \t" } { print }' \
	    "$BATS_TEST_TMPDIR/e.eml" >"$BATS_TEST_TMPDIR/p.eml"
	run deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/p.eml"
	assert_output "$want"
}
