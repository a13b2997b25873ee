#!/usr/bin/env bats
# deliv-bounce-classify: Round 21 (old5, issue #15), exact failed-
# recipient sets and address precision on 1996-2010 notices a mailing
# list's bounce address received: 10 whole notices To the birds list's
# bounce address or its VERP form, each returning a post (or its
# headers) with the list in To and Reply-To, a Cc and the poster, learned
# from public copies of each writer's notice (AOL Help, Yahoo Help
# SLN3275, abanet.org's and ezylink.net.au's pages of sendmail notices,
# coinet.com's and pobox.com's pages, iphouse.net's 2010 post; each
# X-Test-Source says what was read and what recalled), committed before
# their first run: tests/fixtures/bounce-writers/round21-old5.mbox, its
# expected records in round21-old5-expected.tsv (msgno, mta, recipient,
# kind, reason; the sources in its head).
#   1-2    AOL 1998 (sendmail 8.8): a member, then a screen name only
#   3-4    sendmail 8.7 (1996): user and host unknown; a mail loop
#   5      Yahoo 2010 (qmail-send): two members
#   6      qmail with a site's own head ("the mail transport agent at")
#   7      a Postfix 1.x relay: four members at four sites
#   8      sendmail 8.9: "(reason: ...)" naming another address
#   9      Postfix 2.x: maildrop's "maildir over quota"
#   10     a sendmail 8.8 delay warning, headers only

setup() {
	load lib/helpers
}

@test "round21-old5: every notice gives the recipients, kinds, reasons and writer round21-old5-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round21-old5.mbox round21-old5-expected.tsv
}
