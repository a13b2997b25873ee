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
