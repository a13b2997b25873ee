#!/usr/bin/env bats
# deliv-bounce-classify: the reply and failure texts that open-source
# MTAs and delivery agents write in their own source code (Postfix, Exim,
# Sendmail, qmail, OpenSMTPD, Courier, Dovecot, Cyrus), each with the
# reason its context in the source gives it
# (tests/fixtures/bounce-writers/mta-replies.tsv names the file of each
# group).

setup() {
	load lib/helpers
}

@test "bounce-mta-replies: open-source MTAs' own replies and failure texts get their reason" {
	cd "$FIXTURES/bounce-writers"
	replies_agree mta-replies.tsv 100
}
