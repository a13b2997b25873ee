#!/usr/bin/env bats
# deliv-bounce-classify: Round 22 (nonfail4, issue #15), precision on
# messages in a bounce mailbox that report no failed recipient: 31 whole
# messages, each written from its writer's documented format (Postfix
# bounce(5), Exim's DSN chapter, Sendmail savemail.c, Exchange delivery
# reports, RFC 8098 MDNs, RFC 8460 TLS-RPT, RFC 7489 and RFC 6591
# reports, Mailman 3, Sympa, LISTSERV, Google Groups, Jira, Help Scout,
# Proofpoint, Mimecast and Microsoft 365 quarantine digests, RFC 3834 /
# RFC 5230 auto-replies in Greek, Hebrew, Arabic, Vietnamese, Thai and
# Indonesian, two challenge-response requests; each X-Test-Source says
# what was read and what recalled), committed before their first run:
# tests/fixtures/bounce-writers/round22-nonfail4.mbox and its expected
# records in round22-nonfail4-expected.tsv (msgno, writer, recipient,
# kind, reason; the decisions and misses in its comments).
#   1      Postfix "Postmaster Copy: Undelivered Mail": the failed
#          recipient, as in the sender's copy
#   2-5    success DSNs: Postfix, Exim (relayed), Sendmail (expanded),
#          Exchange's German delivery report
#   6-11   MDNs (displayed, deleted, dispatched), TLS-RPT, DMARC
#          aggregate and auth-failure reports: none
#   12-17  list managers' and ticket systems' notices; 12 (a Mailman 3
#          hold notice) must not report the list its own List-Id names
#          (lib/bounce/parts.c; without it birds@lists.example.org)
#   18     "my address has changed" auto-reply: vacation, not hasmoved
#   19-21  quarantine digests
#   22-27  out-of-office replies; 28-29 challenge-response requests
#   30-31  real failures: Postfix 551 5.1.6 (hasmoved), Exim's two

setup() {
	load lib/helpers
}

@test "round22-nonfail4: every message gives the recipients, kinds and reasons round22-nonfail4-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round22-nonfail4.mbox round22-nonfail4-expected.tsv writer
}
