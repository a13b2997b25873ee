#!/usr/bin/env bats
# deliv-bounce-classify: Round 23 (nonfail5, issue #15), precision on
# messages in a bounce mailbox that report no failed recipient: 33 whole
# messages, each written from its writer's documented format or a help
# desk's published copy (IT pages' quoted phishing, Exchange and Google
# storage warnings, cPanel notices, Dovecot's quota-warning script,
# Windows SMTP and Exchange relay/delivery reports in French, Spanish and
# German, Postfix bounce(5), Outlook recall, RFC 8098 MDNs, RFC 5546
# declines, Mailman 2, Sympa, LISTSERV, SES via SNS, SendGrid's webhook
# JSON, RFC 3834 auto-replies in Japanese, Chinese, Korean, Russian and
# German; each X-Test-Source says what was read and what recalled),
# committed before their first run:
# tests/fixtures/bounce-writers/round23-nonfail5.mbox and its expected
# records in round23-nonfail5-expected.tsv (msgno, writer, recipient,
# kind, reason; the decisions and the one miss in its comments).
#   1-3    phishing posing as quota warnings or a bounce (3: a documented
#          miss, soft mailboxfull with no address)
#   4-8    quota warnings to a provider's own user, a throttling notice
#   9-14   success reports: relayed / delivered, fr es de, Postfix x2
#   15-20  recall failure, MDNs fr ja es, calendar auto-declines
#   21-25  Mailman 2 digest, Sympa and LISTSERV removals, SES delivery,
#          pasted SendGrid JSON
#   26-30  auto-replies ja zh ko ru de: vacation about the replier
#   31-33  real failures: Dovecot LMTP quota via Postfix, Exchange Online
#          5.1.10 in Spanish, cPanel Exim "No Such User Here"

setup() {
	load lib/helpers
}

@test "round23-nonfail5: every message gives the recipients, kinds and reasons round23-nonfail5-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round23-nonfail5.mbox round23-nonfail5-expected.tsv writer
}
