#!/usr/bin/env bats
# deliv-bounce-classify: Round 26 (meta5, issue #15), what relays, gateways
# and list managers do to a notice on its way changes no record.  The
# ways are bench/bounce-mime-ways.py's "banner", "footer", "subjtag",
# "relayhdrs" and "urldefense" (run over the corpus by
# bench/bounce-metamorphic.sh and tests/bounce-classify.bats); here, the
# weaknesses they found, each on a notice written for the test.

setup() {
	load lib/helpers
}

# A tag in front of the Subject: an Exchange mail flow rule's
# PrependSubject ("[External] ") or a list's subject_prefix ("[news] ",
# Mailman's default "[%(real_name)s] ").  The subject lists' patterns that
# read the writer's own opening words ("^automatic reply", "^returned
# mail: " for the mta column, SpamCop's "[SpamCop (" report subject) read
# them past the tags (was: an Exchange automatic reply tagged so was no
# auto-reply, a SpamCop report no report, a Sendmail notice no Sendmail's).
@test "bounce-metamorphic3: a relay's or a list's tag in front of the Subject leaves the writer's own subject read" {
	local tag out=""
	for tag in "" "[External] " "[news] " "[External] [news] "; do
		cat >"$BATS_TEST_TMPDIR/a.eml" <<-EOF2
		From: Ann Lee <ann@example.com>
		To: news-bounces@lists.example.org
		Subject: ${tag}Automatic reply: Minutes
		Auto-Submitted: auto-generated
		X-Auto-Response-Suppress: All
		Content-Type: text/plain; charset=us-ascii

		I am out of the office until Monday.
		EOF2
		cat >"$BATS_TEST_TMPDIR/s.eml" <<-EOF2
		From: SpamCop user <1234567890@reports.spamcop.net>
		To: abuse@example.net
		Subject: ${tag}[SpamCop (192.0.2.25) id:1234567890]Holiday sale
		Content-Type: text/plain; charset=us-ascii

		- SpamCop V5.4.0 -
		This message is brief for your comfort.  Please follow links for details.

		[ Offending message ]
		From: Shop <news@example.net>
		To: <x>
		Subject: Holiday sale

		Sale!
		EOF2
		cat >"$BATS_TEST_TMPDIR/m.eml" <<-EOF2
		From: <MAILER-DAEMON@mail.example.net>
		To: <sender@example.org>
		Subject: ${tag}Returned mail: see transcript for details
		Content-Type: text/plain; charset=us-ascii

		The original message was received at Mon, 7 Dec 2026 10:00:00 +0000
		from client.example.org [192.0.2.7]

		   ----- The following addresses had permanent fatal errors -----
		<bob@example.net>
		    (reason: 550 5.1.1 <bob@example.net>... User unknown)
		EOF2
		run deliv-bounce-classify --no-header -o reason "$BATS_TEST_TMPDIR/a.eml"
		out+="$output "
		run deliv-bounce-classify --no-header -o reason "$BATS_TEST_TMPDIR/s.eml"
		out+="$output "
		sed -i '/following addresses/d' "$BATS_TEST_TMPDIR/m.eml"
		run deliv-bounce-classify --no-header -o reason,mta "$BATS_TEST_TMPDIR/m.eml"
		out+="${output//$'\t'/:}"$'\n'
	done
	assert_equal "${out%$'\n'}" "$(printf '%s\n' \
	    'vacation feedback userunknown:sendmail' \
	    'vacation feedback userunknown:sendmail' \
	    'vacation feedback userunknown:sendmail' \
	    'vacation feedback userunknown:sendmail')"
}

# A mailing list's footer under a notice the list passed on (Mailman 3's
# default footer, "NAME mailing list -- LIST", then the -leave address;
# bench/bounce-mime-ways.py "footer", which puts it where Mailman's
# Decorate handler does): the list's address is no failed recipient (was:
# a notice naming no address of its own reported the list's address).
@test "bounce-metamorphic3: a list's footer names the list, no failed recipient" {
	cat >"$BATS_TEST_TMPDIR/f.eml" <<-'EOF2'
	From: MMSC NDR Administrator <sysadmin@mms.example.net>
	To: sender@example.org
	Subject: Undeliverable Message
	MIME-Version: 1.0
	Content-Type: multipart/mixed; boundary="b"

	--b
	Content-Type: text/plain; charset=US-ASCII

	Message could not be delivered to mobile.
	Error: No valid recipients for this MM

	--b
	Content-Type: text/plain; charset="us-ascii"
	Content-Disposition: inline

	_______________________________________________
	News mailing list -- news@lists.example.org
	To unsubscribe send an email to news-leave@lists.example.org

	--b--
	EOF2
	run deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/f.eml"
	assert_output "$(printf '\thard\tuserunknown')"
}

# A link in a notice's text wrapped by Microsoft Defender Safe Links
# ("https://REGION.safelinks.protection.outlook.com/?url=" and the URL
# percent-encoded; bench/bounce-mime-ways.py "urldefense"): the rows that
# name the URL of a writer's help page read it there too (was: Google
# Groups' refusal, which every language links to groups.google.com/support,
# lost its reason; Qmail's smtplf page and Sina's denyip page likewise).
@test "bounce-metamorphic3: a writer's help URL wrapped by Safe Links still gives its reason" {
	local u
	u='https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fgroups.google.com%2Fsupport%2F&data=05%7C02%7C%7Cabc%7C0&sdata=c2Fm%3D&reserved=0'
	cat >"$BATS_TEST_TMPDIR/g.eml" <<-EOF2
	From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
	To: ann@example.jp
	Subject: Delivery Status Notification (Failure)
	X-Failed-Recipients: team@googlegroups.com
	Content-Type: text/plain; charset=UTF-8

	Hello ann@example.jp,

	We're writing to let you know that the group you tried to contact (team)
	may not exist, or you may not have permission to post messages to the group.

	If you have questions related to this or any other Google Group, visit the
	Help Center at ${u}.

	Thanks,

	Google Groups
	EOF2
	run deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/g.eml"
	assert_output "$(printf 'team@googlegroups.com\tsoft\trejected')"
	sed -i -e 's/may not exist, or you may not have permission to post messages to the group/was not reached/' \
	    -e 's/We.re writing to let you know that the group you tried to contact (team)/The group (team)/' \
	    "$BATS_TEST_TMPDIR/g.eml"
	run deliv-bounce-classify --no-header -o reason "$BATS_TEST_TMPDIR/g.eml"
	assert_output rejected
	u='https://eur01.safelinks.protection.outlook.com/?url=http%3A%2F%2Fantispam.sina.com.cn%2Fdenyip.php%3FIP%3D192.0.2.7&data=05%7C02&sdata=c2Fm%3D&reserved=0'
	cat >"$BATS_TEST_TMPDIR/s.eml" <<-EOF2
	From: Mail Delivery System <MAILER-DAEMON@mail.example.org>
	To: ann@example.org
	Subject: Undelivered Mail Returned to Sender
	Content-Type: text/plain; charset=us-ascii

	This is the mail system at host mail.example.org.

	I'm sorry to have to inform you that your message could not
	be delivered to one or more recipients.

	<li@sina.com>: host mx.sina.com[192.0.2.80] said: 554 Please visit
	    ${u} (in reply to RCPT TO command)
	EOF2
	run deliv-bounce-classify --no-header -o recipient,reason "$BATS_TEST_TMPDIR/s.eml"
	assert_output "$(printf 'li@sina.com\tblocked')"
	u='https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fcr.yp.to%2Fdocs%2Fsmtplf.html&data=05%7C02&sdata=c2Fm%3D&reserved=0'
	sed -e 's/li@sina.com/dan@example.net/' -e 's/554 Please visit/451 See/' \
	    -e "s|http[^ ]*reserved=0|$u|" -e 's/RCPT TO/end of DATA/' \
	    "$BATS_TEST_TMPDIR/s.eml" >"$BATS_TEST_TMPDIR/q.eml"
	run deliv-bounce-classify --no-header -o recipient,reason "$BATS_TEST_TMPDIR/q.eml"
	assert_output "$(printf 'dan@example.net\tnotcompliantrfc')"
}

# A caution a gateway puts at the top of the body, a paragraph of its own
# before the notice's words (an Exchange mail flow rule's disclaimer,
# -ApplyHtmlDisclaimerLocation Prepend; bench/bounce-mime-ways.py
# "banner"): the notice's heading under it is no cut (was: ITS COMSAT's
# "=== A copy of your message is being returned, because: ===" was taken
# for the returned message's start, and the notice was the banner alone).
# A returned message under a notice that says nothing known stays cut.
@test "bounce-metamorphic3: a notice's heading under a banner paragraph at the top of the text is no cut" {
	cat >"$BATS_TEST_TMPDIR/c.eml" <<-'EOF2'
	From: COMSAT@ITS.EXAMPLE.ORG
	Return-Path: <>
	To: SENDER@ITS.EXAMPLE.ORG
	Subject: Msg of Friday, 4 December 2026 10:06-EST
	Content-Type: text/plain; charset=us-ascii

	[EXTERNAL] This message came from outside your organization. Be careful with links and attachments.

	============ A copy of your message is being returned, because: ============
	"NOBODY-HERE" at ITS.EXAMPLE.ORG is an unknown recipient.
	============ Failed message follows: ============
	Date: Fri, 4 Dec 2026 10:06:58 -0500
	From: SENDER@ITS.EXAMPLE.ORG
	Subject: Minutes
	To: NOBODY-HERE@ITS.EXAMPLE.ORG

	The minutes are attached.
	EOF2
	run deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/c.eml"
	assert_output "$(printf '\thard\tuserunknown')"
	cat >"$BATS_TEST_TMPDIR/o.eml" <<-'EOF2'
	From: postmaster@mail.example.com
	To: sender@example.org
	Subject: Undeliverable mail
	Content-Type: text/plain; charset=us-ascii

	See the message below.

	----- Original message -----
	From: sender@example.org
	To: team@example.com
	Subject: Minutes

	Please forward these to bob@example.net, whose mailbox is full.
	----- End of original message -----
	EOF2
	run deliv-bounce-classify --no-header -o recipient "$BATS_TEST_TMPDIR/o.eml"
	refute_output --partial bob@example.net
}

# The fields Exchange Online stamps on every message it takes in
# (X-MS-Exchange-Organization-*; bench/bounce-mime-ways.py "relayhdrs"
# adds them with a Received field and an ARC set): the writer is still
# the one its own words name (was: any X-MS-Exchange-* field named
# Exchange before every other writer's text rows; now the last row).
@test "bounce-metamorphic3: Exchange's stamps from the organisation that received a notice leave the writer its own" {
	cat >"$BATS_TEST_TMPDIR/p.eml" <<-'EOF2'
	X-MS-Exchange-Organization-SCL: 1
	X-MS-Exchange-Organization-AuthAs: Anonymous
	From: MAILER-DAEMON@mail.example.net (Mail Delivery System)
	To: sender@example.org
	Subject: Undelivered Mail Returned to Sender
	Content-Type: text/plain; charset=us-ascii

	This is the mail system at host mail.example.net.

	I'm sorry to have to inform you that your message could not
	be delivered to one or more recipients.

	<bob@example.net>: host mx.example.net[192.0.2.9] said: 550 5.1.1
	    <bob@example.net>: Recipient address rejected: User unknown (in reply
	    to RCPT TO command)
	EOF2
	run deliv-bounce-classify --no-header -o recipient,reason,mta "$BATS_TEST_TMPDIR/p.eml"
	assert_output "$(printf 'bob@example.net\tuserunknown\tpostfix')"
	# an Exchange notice whose only sign is its header names Exchange still
	printf '%s\n' 'X-MS-Exchange-Organization-SCL: -1' 'From: ann@example.com' \
	    'To: sender@example.org' 'Subject: Not read: Minutes' \
	    'Content-Type: text/plain; charset=us-ascii' '' \
	    'Your message was deleted without being read.' >"$BATS_TEST_TMPDIR/x.eml"
	run deliv-bounce-classify --no-header -o mta "$BATS_TEST_TMPDIR/x.eml"
	assert_output --partial exchange
}
