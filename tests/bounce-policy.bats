#!/usr/bin/env bats
# deliv-bounce-classify: replies of the policy daemons, milters and
# filters that receiving sites run, learned from their own source (Round
# 7c): qpsmtpd's plugins, iRedAPD, python-policyd-spf,
# postfix-policyd-spf-perl, Proxmox Mail Gateway, amavisd-new, Rspamd,
# OpenDKIM, ClamSMTP, Postfix postscreen, Exim's default ACLs, Haraka's
# plugins, smf-spf, policyd-weight, spamdyke, MIMEDefang, maddy's checks
# (tests/fixtures/bounce-writers/policy-replies.tsv names the file of
# each group).

setup() {
	load lib/helpers
}

@test "bounce-policy: each program's own reply gets its reason" {
	cd "$FIXTURES/bounce-writers"
	replies_agree policy-replies.tsv 176
}
