#!/usr/bin/env bats
# deliv-bounce-classify: Round 26 (list6, issue #15), exact failed-
# recipient sets and address precision on real bounces that reached
# mailing-list archives not read before (public-inbox mirrors of ksummit
# and nvdimm at lists.linux.dev, intel-gvt-dev at freedesktop.org,
# linux-serial at vger, linux1394-devel and driverdev-devel, 2020-2024),
# most of them notices to a list address that spam runs and abused web
# forms put in From, and three web forms' automatic replies: 13
# messages, committed before their first run (1-10, then 11-13 in a
# second commit):
# tests/fixtures/bounce-writers/round26-list6.mbox, its expected records
# in round26-list6-expected.tsv (msgno, mta, recipient, kind, reason; the
# sources and the readings in its head).
#   1      Exim at SiteGround, "No Such User Here", no code
#   2      Postfix, an error transport's bare domain, Original-Recipient
#   3      xinnet's renamed Postfix, GBK text, "550 no such user here"
#   4      Exchange 2016 in Simplified Chinese, 5.1.10
#   5      Postfix, "554 5.7.1 Relay access denied"
#   6      Postfix, "(expanded from <A>)", 552 5.2.2, English and Polish
#   7      Exim on cPanel, "550 <A> No such user here"
#   8      Exim, "550 SpamAssassin: Message looks like spam"
#   9      a shop's contact-form auto-reply via Amazon SES (none; blind
#          vacation)
#   10     a German form auto-reply, HTML only (none; blind vacation)
# Part 2, committed before its own first run:
#   11     Microsoft 365 behind Barracuda ESS, 550 5.1.10
#   12     Postfix, twenty QQ addresses, "550 SPF check failed"
#   13     a Japanese form auto-reply, "（自動返信）" at the subject's end
#          (none; blind vacation)

setup() {
	load lib/helpers
}

@test "round26-list6: every message gives the recipients, kinds, reasons and writer round26-list6-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round26-list6.mbox round26-list6-expected.tsv
}
