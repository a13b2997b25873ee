#!/usr/bin/env bats
# deliv-bounce-classify: reasons learned from the programs and providers
# that write the replies (phrases/soft.txt, "Round 4" groups).  One
# fixture per source family under tests/fixtures/bounce-reasons/, each
# written from the reply text the source publishes; addresses and hosts
# are made up (example.*).

setup() {
	load lib/helpers
	F=$FIXTURES/bounce-reasons
	cd "$F"
}

# reasons FILE: "recipient kind reason status smtp_code" of each record
reasons() {
	run -1 deliv-bounce-classify --no-header "$1"
	cols -t bounce-classify recipient,kind,reason,status,smtp_code
}

@test "bounce-reasons: qmail-remote, HELO refused: blocked" {
	assert_equal "$(reasons qmail-helo.eml)" $'alice@example.net\tsoft\tblocked\t\t501'
}

@test "bounce-reasons: Sendmail, Cannot send message for 5 days: expired" {
	assert_equal "$(reasons sendmail-timeout.eml)" $'bob@example.net\tsoft\texpired\t4.4.1\t'
}

@test "bounce-reasons: Postfix smtpd_check, Helo command rejected: blocked" {
	assert_equal "$(reasons postfix-helo.eml)" $'carol@example.net\tsoft\tblocked\t5.5.2\t504'
}

@test "bounce-reasons: Gmail, IP not authorized to send directly: blocked" {
	assert_equal "$(reasons gmail-ip.eml)" $'dave@example.com\tsoft\tblocked\t5.7.1\t550'
}

@test "bounce-reasons: Gmail, a policy that prohibits the mail: policyviolation" {
	assert_equal "$(reasons gmail-policy.eml)" $'erin@example.com\tsoft\tpolicyviolation\t5.7.1\t550'
}

@test "bounce-reasons: Exchange Online 5.7.133, sender not authenticated for group: rejected" {
	assert_equal "$(reasons exchange-group.eml)" $'team@example.com\tsoft\trejected\t5.7.133\t550'
}

@test "bounce-reasons: Exchange Online 5.7.506, Bad HELO: blocked" {
	assert_equal "$(reasons exchange-helo.eml)" $'frank@example.com\tsoft\tblocked\t5.7.506\t550'
}

@test "bounce-reasons: GMX, IP address is black listed: blocked, not notaccept" {
	assert_equal "$(reasons gmx-listed.eml)" $'grace@example.de\tsoft\tblocked\t5.0.0\t554'
}

@test "bounce-reasons: Mail.Ru, Mail from IP refused: blocked" {
	assert_equal "$(reasons mailru-ip.eml)" $'heidi@example.ru\tsoft\tblocked\t5.7.1\t550'
}

@test "bounce-reasons: AOL, DYN:T1: blocked" {
	assert_equal "$(reasons aol-dyn.eml)" $'ivan@example.com\tsoft\tblocked\t4.7.1\t421'
}

@test "bounce-reasons: Cox, AUP#CXBL decides over the words sender rejected: blocked" {
	assert_equal "$(reasons cox-cxbl.eml)" $'judy@example.net\tsoft\tblocked\t5.1.0\t550'
}

@test "bounce-reasons: Spectrum, AUP#In-1340: toomanyconn" {
	assert_equal "$(reasons spectrum-conn.eml)" $'mallory@example.net\tsoft\ttoomanyconn\t5.1.0\t550'
}

@test "bounce-reasons: Office 365 NDR, LOCAL wasn't found at DOMAIN: userunknown" {
	assert_equal "$(reasons office365-notfound.eml)" $'nobody@example.com\thard\tuserunknown\t5.0.0\t'
}

@test "bounce-reasons: Exchange Online 5.2.122, per-hour receive limit: speeding" {
	assert_equal "$(reasons exchange-perhour.eml)" $'victor@example.com\tsoft\tspeeding\t5.2.122\t550'
}

@test "bounce-reasons: Postfix RBL reply for a Sender address: rejected, not blocked" {
	assert_equal "$(reasons postfix-rhsbl.eml)" $'oscar@example.net\tsoft\trejected\t5.7.1\t554'
}

@test "bounce-reasons: Yahoo, Headers are not RFC compliant: notcompliantrfc" {
	assert_equal "$(reasons yahoo-rfc.eml)" $'peggy@example.com\tsoft\tnotcompliantrfc\t5.0.0\t554'
}

@test "bounce-reasons: iCloud, deferred due to excessive volume: speeding" {
	assert_equal "$(reasons icloud-volume.eml)" $'trent@example.com\tsoft\tspeeding\t4.7.1\t421'
}

@test "bounce-reasons: OpenSMTPD delay notice, No MX found for domain: notaccept" {
	assert_equal "$(reasons opensmtpd-nomx.eml)" $'walter@example.net\thard\tnotaccept\t\t'
}

@test "bounce-reasons: Exchange 2007 NDR, e-mail address was not found: userunknown" {
	assert_equal "$(reasons exchange2007-notfound.eml)" $'yvonne@example.com\thard\tuserunknown\t5.0.0\t'
}

@test "bounce-reasons: each fixture's reason comes from a phrase, named in matched" {
	run -1 deliv-bounce-classify --no-header *.eml
	assert_equal "$(cols -t bounce-classify matched | grep -Evc '^(soft|hard)\.txt:[0-9]+$')" 0
}
