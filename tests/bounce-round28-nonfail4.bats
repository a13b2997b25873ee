#!/usr/bin/env bats
# deliv-bounce-classify: Round 28 (nonfail4, issue #15), list managers'
# and ticket systems' own mail in a bounce mailbox, each message written
# from its writer's own source or templates (read; each X-Test-Source
# says what was read and what recalled): 14 whole messages, committed
# before their first run: tests/fixtures/bounce-writers/
# round28-nonfail4.mbox and its expected records in
# round28-nonfail4-expected.tsv (msgno, mta, recipient, kind, reason; the
# sources and the decisions in its head).
#   1-3    ezmlm-idx: a bounce warning and a probe to a subscriber, each
#          enclosing a real bounce; a moderator's "Returned post"
#   4-5    mlmmj: "subscribers only" and "denied due to size limit"
#   6      Majordomo 1.94.5 resend: "BOUNCE LIST@HOST: Non-member
#          submission" to the list's approver
#   7-10   Sympa: DSNs for a post forwarded to the moderators (2.3.0), an
#          unknown list (5.1.1), a sender not allowed (5.7.1); the
#          moderator's rejection
#   11-14  Request Tracker's "Resolved", Zammad's "[undeliverable]
#          Message too large", OTRS/Znuny's "is bounced to", osTicket's
#          "Message Added" autoresponse

setup() {
	load lib/helpers
}

@test "round28-nonfail4: every message gives the recipients, kinds, reasons and writer round28-nonfail4-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round28-nonfail4.mbox round28-nonfail4-expected.tsv
}
