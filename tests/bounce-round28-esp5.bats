#!/usr/bin/env bats
# deliv-bounce-classify: Round 28 (esp5, issue #15), a blind batch of the
# refusals that sending services write themselves when they, not the
# receiver, refuse a recipient or a message: an address on the service's
# suppression list (Postmark's inactive recipients, Mailgun's
# unsubscribes, SendGrid's drop reasons, JangoMail's and Selectel's
# lists, Amazon SES's blacklist), an unverified sender or domain (Emailit,
# SendGrid, Selectel, Resend), a paused account (SES, Emailit), and the
# sending limits of an account (Emailit, Google Workspace's SMTP relay,
# Outlook.com's and Exchange Online's submission), each from the
# service's own page or a public copy, written and committed before the
# first run: tests/fixtures/bounce-writers/round28-esp5.tsv (named so that
# bench/bounce-blind.sh's round*-esp*.tsv glob counts it; the sources and
# readings in its "#" lines).  Each reply gets its reason, and the kind
# data/reasons.tsv gives that reason; the lines left wrong are "#" lines
# there.

setup() {
	load lib/helpers
}

@test "bounce-round28-esp5: each sending service's own refusal gets the reason and kind its page gives (round28-esp5)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round28-esp5.tsv 30
	kinds_agree round28-esp5.tsv
}

@test "bounce-round28-esp5: the wordings next to round28-esp5's phrases keep their older reasons" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'suppressed\tNot delivering to previously bounced address' \
	    $'blocked\t550 5.7.1 Rejecting mail, 192.0.2.1 is blacklisted' \
	    $'blocked\t554 Refused. Your IP address is blacklisted.' \
	    $'blocked\t554 5.7.1 Client IP address blacklisted' \
	    $'rejected\t554 Refused. Your sender address has been blacklisted.' \
	    $'spamdetected\t554 5.7.1 [P4] Message blocked due to spam content in the message.' \
	    $'rejected\t554 Message rejected: Email address is not verified. The following identities failed the check in region US-WEST-2: sender@example.org' \
	    $'speeding\t454 Throttling failure: Daily message quota exceeded.' \
	    $'speeding\t550 5.4.5 Daily user sending limit exceeded. - gsmtp' >others.tsv
	replies_agree others.tsv 9
	kinds_agree others.tsv
}
