#!/usr/bin/env bats
# deliv-bounce-classify: Round 12 (wrap, issue #15), does a reply get the
# same record whichever writer's notice carries it?  bench/bounce-wrap.sh
# writes each blind reply inside each writer's own notice
# (tests/lib/replies-wrap.awk: Postfix, Exim with and without MIME,
# Sendmail, qmail, OpenSMTPD, Exchange 2007, Office 365, Gmail, Amazon
# SES, each learned from its source or published format) and compares
# the records with those of the bare DSN (tests/lib/replies-dsn.awk).

setup() {
	load lib/helpers
}

# wrap T REASON REPLY: REPLY inside writer T's notice, in w.mbox;
# the records as "recipient<TAB>kind<TAB>reason"
wrap() {
	printf '%s\t%s\n' "$2" "$3" |
	    awk -F'\t' -v t="$1" -f "$TOP/tests/lib/replies-wrap.awk" >"$BATS_TEST_TMPDIR/w.mbox"
	run -1 deliv-bounce-classify --no-header "$BATS_TEST_TMPDIR/w.mbox"
	cols -t bounce-classify recipient,kind,reason
}

# The three Round 11 batches (228 replies) in every template: each
# template's counts at least these (rcpt, reason, kind, same as the DSN),
# and no record of an address that is not the message's.  Before Round
# 12: postfix same 226, exim-plain rcpt 225 and 3 other records,
# sendmail reason 194 kind 214 same 216, qmail same 208, opensmtpd same
# 226.  qmail's 9 left: a 4xx it gave up on is "in the queue too long"
# (expired, qmail-send's own words, rightly), and one delay notice
# quoted as a reply.  Round 13: Exchange 2003's plain-text NDR, and the
# same replies two a notice in seven writers' notices of several
# recipients; before its fix postfix2,
# exim2 and sendmail2 same 221, qmail2 213, opensmtpd2 175,
# exchange2007x2 222 (a recipient given the other's reply).  qmail2's and
# opensmtpd2's few left: replies that are themselves a notice's sentence
# ("Your message wasn't delivered to ...", "has not yet been delivered
# to one or more of its recipients"), read as notice lines when a notice
# names several recipients.
@test "bounce-wrap: the Round 11 replies get the same records in eighteen writers' notices as in a bare DSN" {
	# 4,000 notices: the exact records below run the same code under
	# AddressSanitizer, in CI's time
	[[ $BUILD != *asan* ]] || skip "the exact records below cover it under AddressSanitizer"
	cd "$TOP"
	export TEMPLATES="postfix exim exim-plain sendmail qmail opensmtpd exchange2007 office365 gmail amazonses exchange2003 postfix2 exim2 sendmail2 qmail2 opensmtpd2 exchange2007x2 exchange2003x2"
	run -0 bash bench/bounce-wrap.sh "$BUILD" phrases \
	    tests/fixtures/bounce-writers/round11-replies.tsv \
	    tests/fixtures/bounce-writers/round11-wild.tsv \
	    tests/fixtures/bounce-writers/round11-wild2.tsv
	assert_equal "${#lines[@]}" 19
	assert_equal "$(printf '%s\n' "${lines[@]}" | awk '
	    BEGIN {
		# template rcpt reason kind same
		split("dsn 228 200 223 228|postfix 228 201 224 227|exim 228 201 224 227|exim-plain 228 201 224 227|sendmail 228 201 224 227|qmail 228 195 222 219|opensmtpd 228 200 223 228|exchange2007 228 200 223 228|office365 228 200 223 228|gmail 228 200 223 228|amazonses 228 200 223 228|exchange2003 228 200 223 228|postfix2 228 201 224 227|exim2 228 201 224 227|sendmail2 228 201 224 227|qmail2 228 192 219 216|opensmtpd2 228 197 220 225|exchange2007x2 228 200 223 228|exchange2003x2 228 197 220 225", f, "|")
		for (i in f) {
			split(f[i], v, " ")
			want[v[1]] = v[2] " " v[3] " " v[4] " " v[5]
		}
	    }
	    function val(name,    i) {
		for (i = 1; i < NF; i++)
			if ($i == name)
				return $(i + 1) + 0
		return -1
	    }
	    {
		split(want[$1], w, " ")
		if (!($1 in want) || val("replies") != 228 ||
		    val("rcpt") < w[1] || val("reason") < w[2] ||
		    val("kind") < w[3] || val("same") < w[4] ||
		    val("other") != 0)
			print "below the floor: " $0
		seen++
	    }
	    END { if (seen != 19) print seen " templates" }')" ""
}

@test "bounce-wrap: a reply quoted after a writer's words keeps its first code (OpenSMTPD's \"addr: 550-5.7.26 ...\", Exim's)" {
	for t in opensmtpd exim-plain; do
		assert_equal "$(wrap $t authfailure '550-5.7.26 Your email has been blocked because the sender is unauthenticated.')" \
		    "rcpt1@example.net	soft	authfailure"
	done
	# a later line of the same reply still loses its marker
	assert_equal "$(wrap opensmtpd mailboxfull '452-4.2.2 The recipient mailbox is over quota 452-4.2.2 try later')" \
	    "rcpt1@example.net	soft	mailboxfull"
}

@test "bounce-wrap: an address in Exim's folded reply, indented under its recipient, is no recipient" {
	assert_equal "$(wrap exim-plain userunknown '550 5.1.1 <other@example.com> User does not exist: other@example.com')" \
	    "rcpt1@example.net	hard	userunknown"
	assert_equal "$(wrap exim-plain userunknown '<other@example.com> ...User unknown')" \
	    "rcpt1@example.net	hard	userunknown"
}

@test "bounce-wrap: qmail-remote's \"Giving up on <ip>.\" is no expiry" {
	assert_equal "$(wrap qmail undefined '550 Administrative Prohibition')" \
	    "rcpt1@example.net	soft	undefined"
	assert_equal "$(wrap qmail rejected '553 private list access denied.')" \
	    "rcpt1@example.net	soft	rejected"
}

@test "bounce-wrap: Sendmail's own \"addr... User unknown\" after the quoted reply, and its 5.1.1 for a bare 550, give no reason" {
	assert_equal "$(wrap sendmail blocked '550 5.7.1 [CS] Message blocked')" \
	    "rcpt1@example.net	soft	blocked"
	assert_equal "$(wrap sendmail suspend '550 SL E518 Disabled mailbox')" \
	    "rcpt1@example.net	soft	suspend"
	assert_equal "$(wrap sendmail rejected '553 host denies the sender.')" \
	    "rcpt1@example.net	soft	rejected"
	assert_equal "$(wrap sendmail undefined '550 ip in prison')" \
	    "rcpt1@example.net	soft	undefined"
	# a 5.1.1 the reply gives itself still decides
	assert_equal "$(wrap sendmail userunknown '550 5.1.1 ip in prison')" \
	    "rcpt1@example.net	hard	userunknown"
}

@test "bounce-wrap: a soft phrase's exception is read across Postfix's fold of the text part" {
	assert_equal "$(wrap postfix hostunknown "DNS Error: DNS type 'mx' lookup of nosuch-domain.example responded with code NXDOMAIN Domain name not found: nosuch-domain.example")" \
	    "rcpt1@example.net	hard	hostunknown"
}

@test "bounce-wrap: UTF-8 under OpenSMTPD's us-ascii label is read as UTF-8" {
	assert_equal "$(wrap opensmtpd mailboxfull 'Das Postfach des Empfängers ist voll und kann zurzeit keine Nachrichten annehmen.')" \
	    "rcpt1@example.net	soft	mailboxfull"
}

# wrap2 T R1 REPLY1 R2 REPLY2: both replies in writer T's notice of two
# recipients; the records as "recipient<TAB>kind<TAB>reason"
wrap2() {
	printf '%s\t%s\n%s\t%s\n' "$2" "$3" "$4" "$5" |
	    awk -F'\t' -v t="$1" -f "$TOP/tests/lib/replies-wrap.awk" >"$BATS_TEST_TMPDIR/w.mbox"
	run -1 deliv-bounce-classify --no-header "$BATS_TEST_TMPDIR/w.mbox"
	cols -t bounce-classify recipient,kind,reason
}

@test "bounce-wrap: in OpenSMTPD's report of two recipients, each gets its own line's reply" {
	assert_equal "$(wrap2 opensmtpd2 hasmoved '550 5.1.6 User has moved; please try <new@example.com>' notaccept '556 Domain does not accept mail')" \
	    "rcpt1@example.net	hard	hasmoved
rcpt2@example.net	hard	notaccept"
	# the other order: the first recipient's reason is not the second's
	assert_equal "$(wrap2 opensmtpd2 notaccept '556 Domain does not accept mail' hasmoved '550 5.1.6 User has moved; please try <new@example.com>')" \
	    "rcpt1@example.net	hard	notaccept
rcpt2@example.net	hard	hasmoved"
	assert_equal "$(wrap2 opensmtpd2 mailboxfull '452 4.2.2 Mailbox full' userunknown '550 5.1.1 No such user')" \
	    "rcpt1@example.net	soft	mailboxfull
rcpt2@example.net	hard	userunknown"
}

@test "bounce-wrap: a vague reply does not take the other recipient's reason from the words they share" {
	for t in postfix2 exim2 sendmail2 exchange2007x2; do
		assert_equal "$(wrap2 $t undefined '550 Administrative Prohibition' mailboxfull '552 5.2.2 Mailbox full')" \
		    "rcpt1@example.net	soft	undefined
rcpt2@example.net	soft	mailboxfull"
	done
	# a reply after DATA in its own lines still tells its recipient's
	# command (qmail's "does not like recipient." is RCPT)
	assert_equal "$(wrap2 qmail2 userunknown '550 5.1.1 <a@example.net>... User Unknown' userunknown '550 5.2.1 <b@example.net>... User Unknown')" \
	    "rcpt1@example.net	hard	userunknown
rcpt2@example.net	hard	userunknown"
}

@test "bounce-wrap: a multi-line reply quoted after \"smtp;\" in Exchange 2003's NDR loses its later markers" {
	assert_equal "$(wrap exchange2003 speeding '450-4.2.1 The Gmail user you are trying to contact is receiving 450-4.2.1 mail at a rate that prevents additional messages from 450-4.2.1 being delivered.')" \
	    "rcpt1@example.net	soft	speeding"
	assert_equal "$(wrap exchange2003 blocked "550-5.7.1 [192.0.2.123] The IP you're using to send mail is not authorized to 550-5.7.1 send email directly to our servers.")" \
	    "rcpt1@example.net	soft	blocked"
}

@test "bounce-wrap: a reason after a list, or a sentence naming two recipients, is both recipients'" {
	printf '%s\n' 'From MAILER-DAEMON Sat Dec  5 10:00:00 2026' \
	    'From: MAILER-DAEMON@mx.example.org' 'To: news@example.org' \
	    'Subject: Undeliverable' '' \
	    'Delivery to these addresses failed:' '  ann@example.net' \
	    '  bob@example.net' '' 'Reason: 550 5.1.1 User unknown' '' \
	    'From MAILER-DAEMON Sat Dec  5 10:01:00 2026' \
	    'From: MAILER-DAEMON@mx.example.org' 'To: news@example.org' \
	    'Subject: Undeliverable' '' \
	    'Your message could not be delivered to cid@example.net or to' \
	    'dee@example.net: no such user.' '' >"$BATS_TEST_TMPDIR/l.mbox"
	run -1 deliv-bounce-classify --no-header "$BATS_TEST_TMPDIR/l.mbox"
	assert_equal "$(cols -t bounce-classify recipient,kind,reason)" \
	    "ann@example.net	hard	userunknown
bob@example.net	hard	userunknown
cid@example.net	hard	userunknown
dee@example.net	hard	userunknown"
}

# Round 13: every temporary reply of the Round 11 batches (28) inside
# Postfix's, Exim's and Sendmail's delay warnings: its recipient, no
# other address, nothing hard, and the bare DSN's reason or expired.
@test "bounce-wrap: the Round 11 temporary replies in three writers' delay warnings: nothing hard" {
	[[ $BUILD != *asan* ]] || skip "the exact records below cover it under AddressSanitizer"
	cd "$TOP"
	export TEMPLATES="postfix-delay exim-delay sendmail-delay"
	run -0 bash bench/bounce-wrap.sh "$BUILD" phrases \
	    tests/fixtures/bounce-writers/round11-replies.tsv \
	    tests/fixtures/bounce-writers/round11-wild.tsv \
	    tests/fixtures/bounce-writers/round11-wild2.tsv
	assert_equal "${#lines[@]}" 4
	for t in postfix-delay exim-delay sendmail-delay; do
		assert_equal "$(printf '%s\n' "${lines[@]}" | awk -v t="$t" '$1 == t {
		    print $3, $5, $9, $13, $15 }')" "28 28 28 0 0"
	done
}

@test "bounce-wrap: a delay warning's reply keeps its own reason, else expired, and is soft" {
	assert_equal "$(wrap exim-delay mailboxfull '452 4.2.2 The email account that you tried to reach is over quota.')" \
	    "rcpt1@example.net	soft	mailboxfull"
	assert_equal "$(wrap postfix-delay expired '451 4.3.0 Error: queue file write error')" \
	    "rcpt1@example.net	soft	expired"
	assert_equal "$(wrap sendmail-delay expired '421 4.4.2 Error: timeout exceeded')" \
	    "rcpt1@example.net	soft	expired"
}
