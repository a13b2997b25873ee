#!/usr/bin/env bats
# deliv-bounce-classify: Round 19 (src3, issue #15), a blind batch of
# SMTP and LMTP replies read in the writers' own source code (Haraka
# connection.js and plugins, mox smtpserver/server.go, OpenSMTPD
# smtp_session.c, Postfix smtpd_check.c, Exim smtp_in.c and receive.c,
# Cyrus lmtpengine.c with lmtp_err.et and imap_err.et), written and
# committed before the first run (e162d79):
# tests/fixtures/bounce-writers/round19-src3.tsv; the replies left wrong
# are "#" lines there with why.  Each reply gets its reason, and the kind
# data/reasons.tsv gives that reason (bycode: soft for a 4xx reply or a
# 4.x.x status, else hard).

setup() {
	load lib/helpers
}

@test "bounce-round19-src3: each reply read in its writer's source gets the reason and kind the source gives (round19-src3)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round19-src3.tsv 25
	kinds_agree round19-src3.tsv
}
