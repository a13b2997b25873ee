#!/usr/bin/env bats
# deliv-bounce-classify: Round 29 (rhost9, issue #15), a blind batch of
# hosting companies' control panels' and small mail providers' replies
# the fixtures lacked: Plesk's outgoing-mail limit and greylisting
# refusal, a cPanel host's daily limit, DirectAdmin's exim.pl message
# limit, Fastmail's locked account, Purelymail's unverified sending
# domain, MXroute's Exim ACLs (read in its own repository), Infomaniak's
# RBL refusal, HostGator's relay refusal and small providers' sending
# limits (StartMail, Polaris Mail, Cloud4Y, aditsystems, Junara), written
# and committed before the first run:
# tests/fixtures/bounce-writers/round29-rhost9-prov.tsv (named so that
# bench/bounce-blind.sh's round*-prov*.tsv glob counts it), and two whole
# notices, round29-rhost9.mbox with round29-rhost9-expected.tsv (1 Exim
# on a DirectAdmin host, 2 Fastmail's Postfix).  The replies left wrong
# are "#" lines there with why.  Each reply gets its reason, and the kind
# data/reasons.tsv gives that reason (bycode: soft for a 4xx reply or a
# 4.x.x status, else hard).

setup() {
	load lib/helpers
}

@test "bounce-round29-rhost9: each hoster's or small provider's reply gets the reason and kind its own page or source gives (round29-rhost9-prov)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round29-rhost9-prov.tsv 18
	kinds_agree round29-rhost9-prov.tsv
}

@test "bounce-round29-rhost9: every notice gives the recipients, kinds, reasons and writer round29-rhost9-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round29-rhost9.mbox round29-rhost9-expected.tsv
}

@test "bounce-round29-rhost9: a sender's own count or sending limit is speeding, a mailbox's quota stays mailboxfull, a blocked IP stays blocked" {
	printf '%s\t%s\n' \
	    speeding '451 4.7.1 message count quota exceeded' \
	    mailboxfull '552 5.2.2 Mailbox quota exceeded' \
	    speeding 'You (shopuser) have reached your message limit.' \
	    rejected '550 Your sending address has been blocked by admins see mxroutedocs.com for explanation' \
	    blocked '550 Your IP address has been blocked' \
	    speeding '5.7.0 Your message could not be sent. The limit on the number of allowed outgoing messages was exceeded. Try again later.' \
	    >"$BATS_TEST_TMPDIR/limits.tsv"
	replies_agree "$BATS_TEST_TMPDIR/limits.tsv" 6
}
