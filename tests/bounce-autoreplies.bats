#!/usr/bin/env bats
# deliv-bounce-classify: automatic replies as their writers write them
# (tests/fixtures/bounce-classify/autoreplies.mbox) are "vacation" about
# the replier's own address, never a failure; look-alikes stay what they
# are.  Each message and where its format was learned:
#  1 BSD/Sendmail vacation(1): vacation.c writes Auto-Submitted:
#    auto-replied; the .vacation.msg of its manual page (Subject "I am on
#    vacation", Precedence: bulk)
#  2 Dovecot Pigeonhole Sieve vacation (cmd-vacation.c): X-Sieve,
#    Subject "Auto: " + the original's, Auto-Submitted: auto-replied
#    (vacation), Precedence: bulk, X-Auto-Response-Suppress: All
#  3 Cyrus lmtpd Sieve vacation (lmtp_sieve.c, bc_eval.c): X-Sieve-Action:
#    vacation, "Auto: " + an original subject that holds bounce words
#  4 Pigeonhole/Cyrus/Stalwart: "Automated reply" when the original had
#    no subject
#  5 Exchange/Outlook automatic reply: "Automatic reply: " prefix,
#    X-Auto-Response-Suppress (MS-OXCMAIL 2.1.3.2.20), Auto-Submitted:
#    auto-generated
#  6 older Exchange: "Out of Office AutoReply: " prefix
#  7 hMailServer (SMTPVacationMessageCreator.cpp): an empty vacation
#    subject becomes "Re: " + the original's; Auto-Submitted: auto-replied
#  8 Courier maildrop mailbot (mailbot.C, testsuite.mailbot.txt):
#    Precedence: junk, Auto-Submitted: auto-replied, "Re:", the original
#    quoted (here with bounce words in it)
#  9 grommunio gromox out-of-office (mda/exmdb_local/auto_response.cpp):
#    the user's subject, X-Auto-Response-Suppress: All, an HTML body
# 10 grommunio gromox stock reply template (data/mail_bounce/ascii/
#    BOUNCE_AUTO_RESPONSE): "I have received your mail"
# 11 Request Tracker AutoReply (RT::Action::AutoReply, its template):
#    "[rtname #id] AutoReply: " + subject, Precedence: bulk
# look-alikes: 12 a person's "Re: Out of office", 13 a person's "Fwd:
# Automatic reply: ...", 14 a newsletter whose subject says "away
# until" (List-Unsubscribe); 15 an Exim bounce and 16 a Postfix DSN
# (both write Auto-Submitted: auto-replied on bounces: Exim moan.c,
# Postfix bounce_notify_util.c) whose returned message is an auto-reply.
# 17 Zimbra out-of-office (zm-mailbox Notification.java): "Re: " + the
#    original subject, Auto-Submitted: auto-replied (zimbra; vacation),
#    Precedence: bulk
# 18 gnarwl (its data/header.txt): "Re: " + subject, X-mailer: GNARWL and
#    no auto-reply header: it looks like a person's reply and stays none
#    (not yet recognised; none is never suppressed)
# 19 osTicket new-ticket autoresponse (include/class.mailer.php: Precedence:
#    auto_reply, X-Autoreply: yes, Auto-Submitted: auto-replied;
#    templates/email/ticket.autoresp.yaml: "Support Ticket Opened [#N]")

setup() {
	load lib/helpers
	F=$FIXTURES/bounce-classify
	cd "$F"
}

@test "bounce-autoreplies: each writer's auto-reply is vacation about the replier, look-alikes are not" {
	run -1 deliv-bounce-classify --no-header autoreplies.mbox
	assert_equal "$(cols -t bounce-classify msgno,recipient,kind,reason,status)" "$(printf '%s\n' \
	    $'1\tann@example.com\tundetermined\tvacation\t' \
	    $'2\tbea@example.com\tundetermined\tvacation\t' \
	    $'3\tcat@example.com\tundetermined\tvacation\t' \
	    $'4\tdan@example.com\tundetermined\tvacation\t' \
	    $'5\teve@example.com\tundetermined\tvacation\t' \
	    $'6\tfay@example.com\tundetermined\tvacation\t' \
	    $'7\tgus@example.com\tundetermined\tvacation\t' \
	    $'8\thal@example.com\tundetermined\tvacation\t' \
	    $'9\tivy@example.com\tundetermined\tvacation\t' \
	    $'10\tjon@example.com\tundetermined\tvacation\t' \
	    $'11\tsupport@example.net\tundetermined\tvacation\t' \
	    $'12\t\tnone\t\t' \
	    $'13\t\tnone\t\t' \
	    $'14\t\tnone\t\t' \
	    $'15\tmia@example.net\thard\tuserunknown\t5.1.1' \
	    $'16\tned@example.net\thard\tuserunknown\t5.1.1' \
	    $'17\toli@example.com\tundetermined\tvacation\t' \
	    $'18\t\tnone\t\t' \
	    $'19\thelp@example.net\tundetermined\tvacation\t')"
	# a vacation record's diagnostic is the auto-reply's subject
	assert_equal "$(cols -t bounce-classify diagnostic | sed -n 3p)" 'Auto: Your delivery report for May'
}

@test "bounce-autoreplies: bounce words in an echoed subject do not outweigh an auto-reply's headers, a failure in the body does" {
	printf 'From: zed@example.com\nTo: news@example.org\nSubject: Auto: Mail delivery failed\nAuto-Submitted: auto-replied\n\nI am away.\n' >"$BATS_TEST_TMPDIR/a.eml"
	printf 'From: zed@example.com\nTo: news@example.org\nSubject: Mail delivery failed\nAuto-Submitted: auto-replied\n\n<ann@example.net>: 550 5.1.1 user unknown\n' >"$BATS_TEST_TMPDIR/b.eml"
	run deliv-bounce-classify --no-header "$BATS_TEST_TMPDIR/a.eml" "$BATS_TEST_TMPDIR/b.eml"
	assert_equal "$(cols -t bounce-classify recipient,kind,reason)" $'zed@example.com\tundetermined\tvacation\nann@example.net\thard\tuserunknown'
}
