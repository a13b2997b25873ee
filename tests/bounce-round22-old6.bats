#!/usr/bin/env bats
# deliv-bounce-classify: Round 22 (old6, issue #15), exact failed-
# recipient sets and address precision on 1997-2008 notices a mailing
# list's bounce address received, from writers the coverage table held
# weakly: 15 whole notices To the moths list's bounce address or its VERP
# form, each returning a post (or its headers) with the list in To and
# Reply-To, a Cc, the poster and a recorder's address in its body,
# learned from Microsoft's Exchange 4.0-5.5 articles (KB 251152, 246881,
# 258678, 168557, 197976, 201058), chilipepperweb.net's, Tufts UIT's,
# comp-u-talk.com's and evenlink.com's pages and a 2008 Q&A quoting
# Hotmail's and Postfix's notices (each X-Test-Source says what was read
# and what recalled), committed before their first run (4af638c):
# tests/fixtures/bounce-writers/round22-old6.mbox, its expected records
# in round22-old6-expected.tsv (msgno, mta, recipient, kind, reason).
#   1-5    Exchange 5.5 IMS/IMC/MTA: ambiguous recipient; a list's display
#          name only, an X.400 O/R address only (no address: an empty
#          recipient); Host Unknown and Recipient Not Found in one NDR;
#          a cc:Mail display name beside an Internet address
#   6-7    Domino R5 (an address) and Notes R4 (a Notes name only)
#   8-10   sendmail relays to Juno (two) and Hotmail, AOL's own notice:
#          full mailboxes
#   11-12  Hotmail's own notice (no reason), Postfix to two Hotmail members
#   13     iPlanet Messaging Server 5: ims-ms-daemon rewritten, and an
#          illegal domain
#   14-15  qmail-send; InterMail, a local and a remote failure

setup() {
	load lib/helpers
}

@test "round22-old6: every notice gives the recipients, kinds, reasons and writer round22-old6-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round22-old6.mbox round22-old6-expected.tsv
}
