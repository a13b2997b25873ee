#!/usr/bin/env bats
# deliv-bounce-classify: Round 14 (wild13), whole notices of writers the
# fixtures covered thinly, each written from the writer's own source and
# committed before the first run (6d5cc86):
# tests/fixtures/bounce-writers/round14-wild13.mbox, its expected records
# in wild13-expected.tsv (msgno, mta, recipient, kind, reason; the
# sources, file and function, in its head; "#" lines: a blind
# expectation left wrong, with why, and what is read now under it).
#   1-6   Archiveopteryx (message/dsn.cpp, recipient.cpp)
#   7-12  Apache James (DSNBounce.java, remote/delivery/Bouncer.java)
#   13-16 chasquid (internal/queue/dsn.go, internal/courier/smtp.go)
#   17-20 maddy (internal/dsn/dsn.go, target/remote, smtpconn)
#   21-25 Pigeonhole's and Dovecot's rejections, Dovecot LMTP's quota
#         reply in Postfix's notice, Cyrus lmtpd's Sieve reject
#   26-29 Exim (deliver.c, retry.c, transports)

setup() {
	load lib/helpers
}

@test "bounce-wild13: every notice gives the recipients, kinds, reasons and writer wild13-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round14-wild13.mbox wild13-expected.tsv
}

@test "bounce-wild13: no address of the prose, the returned headers or an alias's member is reported" {
	cd "$FIXTURES/bounce-writers"
	run -1 deliv-bounce-classify --no-header -o recipient round14-wild13.mbox
	refute_output --regexp '(news|ron|ant|desk|office|support|dora\.new|vic)@'
	refute_output --partial 'examplemax'
	assert_equal "$(grep -c '^From MAILER-DAEMON ' round14-wild13.mbox)" 29
}

# A DSN of type utf-8 (RFC 6533, message/global-delivery-status: chasquid
# writes every group so) names the address the sender used in its
# Original-Recipient as an rfc822 one does; the alias's member that
# failed is not reported (was: the member, vic@example.net; #14)
@test "bounce-wild13: a utf-8 Original-Recipient is the address reported, as an rfc822 one is" {
	cd "$BATS_TEST_TMPDIR"
	for type in utf-8 rfc822 x-local; do
		printf '%s\n' 'From MAILER-DAEMON Sun Dec  6 08:00:00 2026' \
		    'From: Mail Delivery System <postmaster@mx.example.org>' \
		    'To: ana@example.org' 'Subject: Mail delivery failed' \
		    'MIME-Version: 1.0' \
		    'Content-Type: multipart/report; report-type=delivery-status; boundary="b"' \
		    '' '--b' 'Content-Type: text/plain' '' 'Delivery failed.' '' \
		    '--b' 'Content-Type: message/global-delivery-status' '' \
		    'Reporting-MTA: dns; mx.example.org' '' \
		    "Original-Recipient: $type; team@example.org" \
		    'Final-Recipient: utf-8; member@example.net' \
		    'Action: failed' 'Status: 5.0.0' \
		    'Diagnostic-Code: smtp; 550 5.1.1 no such user' '' '--b--' >n.mbox
		run -1 deliv-bounce-classify --no-header -o recipient,reason n.mbox
		case $type in
		x-local) assert_equal "$output" $'member@example.net\tuserunknown' ;;
		*) assert_equal "$output" $'team@example.org\tuserunknown' ;;
		esac
	done
}

# A list of bare addresses, one a line, then one error (Apache James's
# Bouncer.java: the recipients, then "Remote mail server told me: ..."):
# the error is every listed recipient's (was: the first undefined, #10).
# A list whose entries each carry their own reply keeps each one's.
@test "bounce-wild13: the error after a list of bare addresses is all of theirs; an entry's own reply stays its own" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' 'From MAILER-DAEMON Sun Dec  6 08:00:00 2026' \
	    'From: postmaster@mail.example.org' 'To: ana@example.org' \
	    'Subject: Re: Hello' '' \
	    "I'm afraid I wasn't able to deliver your message to the following addresses." '' \
	    'bob@example.net' 'cal@example.net' \
	    'Remote mail server told me: 552 5.2.2 mailbox full' >list.mbox
	run -1 deliv-bounce-classify --no-header -o recipient,reason list.mbox
	assert_equal "$output" "$(printf 'bob@example.net\tmailboxfull\ncal@example.net\tmailboxfull')"
	printf '%s\n' 'From MAILER-DAEMON Sun Dec  6 08:00:00 2026' \
	    'From: postmaster@mail.example.org' 'To: ana@example.org' \
	    'Subject: Undeliverable: Hello' '' \
	    'Delivery has failed to these recipients or groups:' '' \
	    'bob@example.net' '552 5.2.2 mailbox full' \
	    'cal@example.net' '550 5.1.1 no such user' >entries.mbox
	run -1 deliv-bounce-classify --no-header -o recipient,reason entries.mbox
	assert_equal "$output" "$(printf 'bob@example.net\tmailboxfull\ncal@example.net\tuserunknown')"
}

# James's own texts for a host that does not resolve and a refused
# connection (soft.txt, Round 14); a bare "Connection refused" stays
# line 337's blocked
@test "bounce-wild13: James's \"Unknown host:\" and Java's \"Connection refused (Connection refused)\"" {
	cd "$BATS_TEST_TMPDIR"
	for body in 'Unknown host: mx.example.com|This could be a DNS server error, a typo, or a problem with the recipient'"'"'s mail server.' \
	    'Connection refused (Connection refused)' 'Connection refused: connect' \
	    '554 Connection refused'; do
		{
			printf '%s\n' 'From MAILER-DAEMON Sun Dec  6 08:00:00 2026' \
			    'From: postmaster@james.example.org' \
			    'To: ana@example.org' 'Subject: Re: Hello' '' \
			    'Hi. This is the James mail server at james.example.org.' \
			    "I'm afraid I wasn't able to deliver your message to the following addresses." \
			    'This is a permanent error; I'"'"'ve given up. Sorry it didn'"'"'t work out. Below' \
			    'I include the list of recipients and the reason why I was unable to deliver' \
			    'your message.' '' 'bob@example.net'
			tr '|' '\n' <<<"$body"
		} >j.mbox
		run -1 deliv-bounce-classify --no-header -o recipient,kind,reason,matched,mta j.mbox
		case $body in
		Unknown*) assert_output --regexp $'^bob@example\\.net\thard\thostunknown\tsoft\\.txt:[0-9]+\tjames$' ;;
		554*) assert_equal "$output" $'bob@example.net\tsoft\tblocked\tsoft.txt:337\tjames' ;;
		*) assert_output --regexp $'^bob@example\\.net\tsoft\tnetworkerror\tsoft\\.txt:[0-9]+\tjames$' ;;
		esac
	done
}
