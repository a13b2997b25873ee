#!/usr/bin/env bats
# deliv-bounce-classify: Round 29 (src14, issue #15), a blind batch of mail
# programs whose source the fixtures had not read, each read in the
# program's own source or manual, written and committed before the first
# run:
#  - tests/fixtures/bounce-writers/round29-src14-src.tsv (named so that
#    bench/bounce-blind.sh's round*-src*.tsv glob counts it): reply lines
#    of OpenBSD spamd (its replies and stock spamd.conf messages),
#    Sendmail's recipient.c checks, Exim's documented ":fail:" texts,
#    Courier maildrop via Postfix pipe(8) and GNU Mailutils maidag's LMTP;
#    each reply gets its reason and the kind data/reasons.tsv gives it;
#    the lines left wrong are "#" lines there.
#  - tests/fixtures/bounce-writers/round29-src14.mbox, its expected
#    records in round29-src14-expected.tsv (msgno, mta, recipient, kind,
#    reason):
#      1    GNU Mailutils Sieve "reject" notice
#      2-4  Exim, a redirect ":fail:" with the spec's texts and bare
#      5    Sendmail, an alias's :include: file that cannot be opened
#      6    Postfix by LMTP to maidag (unknown user; quota as 553 5.1.8)
#      7-8  Postfix meeting OpenBSD spamd (blacklist; greylist delay)

setup() {
	load lib/helpers
}

@test "bounce-round29-src14: each reply read in its writer's source gets its reason and kind (round29-src14-src)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round29-src14-src.tsv 10
	kinds_agree round29-src14-src.tsv
}

@test "bounce-round29-src14: every notice gives the recipients, kinds, reasons and writer round29-src14-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round29-src14.mbox round29-src14-expected.tsv
}

# The rules of this round (phrases/soft.txt lines 312 and 550 changed in
# place, the lines appended to soft.txt and hard.txt): the wordings next
# to them keep their older reasons: a "SPAM." that opens a content
# refusal is still spam, a sender's 5.1.8 is still the sender refused, a
# 551's "forwarding address" still hasmoved, a timeout not after an
# :include: still expired.
@test "bounce-round29-src14: the wordings next to round29-src14's phrases keep their older reasons" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'spamdetected\t550 5.7.1 Message rejected as spam by Content Filtering.' \
	    $'spamdetected\t554 5.7.1 SPAM. Message content rejected' \
	    $'rejected\t553 5.1.8 <bob@example.org>... Domain of sender address bob@example.org does not exist' \
	    $'rejected\t550 5.1.8 Bad sender address' \
	    $'mailboxfull\tbob: mailbox quota exceeded for this recipient' \
	    $'hasmoved\t551 5.1.6 User not local; no forwarding address known, please try <bob@example.org>' \
	    $'userunknown\t550 5.1.1 <bob@example.net>... User unknown' \
	    $'expired\t421 4.4.2 mx.example.net: Connection timed out' \
	    $'rejected\t550 5.7.1 You are not allowed to post to this mailing list' \
	    $'blocked\t554 5.7.1 Service unavailable; Client host [192.0.2.25] blocked using zen.spamhaus.org' >others.tsv
	replies_agree others.tsv 10
	kinds_agree others.tsv
}

# Each rule fails without its line: the reply it was written for, with
# the reason it had at the batch's first run beside it.
@test "bounce-round29-src14: each new rule reads the text it was written from" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'blocked\t450-SPAM. Your address 192.0.2.25 appears to be from Korea 450 See http://www.okean.com/asianspamblocks.html for more details' \
	    $'blocked\t550-Your address 192.0.2.25 is in the nixspam list 550 See http://www.heise.de/ix/nixspam/dnsbl_en/ for details' \
	    $'securityerror\t550 5.7.1 |/usr/local/bin/vacation... UID 1005 is an unknown user: cannot mail to programs' \
	    $'systemerror\t451 4.2.4 :include:/etc/mail/lists/all.list... Cannot open /etc/mail/lists/all.list: Connection timed out' \
	    $'rejected\t550 news@lists.example.net is a closed mailing list' \
	    $'userunknown\t550 Gone away, no forwarding address' \
	    $'userunknown\t550 Invalid SRS recipient address' \
	    $'mailboxfull\t553 5.1.8 bob: message would exceed maximum mailbox size for this recipient' >rules.tsv
	replies_agree rules.tsv 8
	kinds_agree rules.tsv
}
