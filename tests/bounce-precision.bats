#!/usr/bin/env bats
# deliv-bounce-classify's precision (issue #15, item 1; the round 8 audit):
# a recipient is reported as failed only where the notice names it as
# failed.  tests/fixtures/bounce-classify/precision2.mbox holds notices as
# their writers' templates word them (Exchange, Postfix, Sendmail, qmail,
# Exim, Courier, Domino, MDaemon, Gmail, Office 365, Windows SMTP) and
# sites' own prose notices, with the free text admins and providers put in
# them: custom NDR text, a new address, contacts, a delisting address, an
# example, a signature, quoted and folded headers of the original, a
# second language.  Each test asserts the exact recipients of its
# messages.

setup() {
	load lib/helpers
	cd "$FIXTURES/bounce-classify"
	run_once -1 deliv-bounce-classify --no-header precision2.mbox
	OUT=$(cols -t bounce-classify msgno,recipient)
}

@test "bounce-precision: an address that is a word of another recipient's reason is no recipient" {
	# Exchange's custom NDR text (in English and in German), a
	# blocklist's delisting address, qmail's "forward it to", Postfix's
	# wrapped "report false positives to", Domino's admin line, a reply
	# naming the new address, qmail's "resend your message to",
	# Sendmail's 551 "please try" (its two members expanded from
	# sales@, the address the sender used: that one, once; round 16,
	# was ken@ and lin@)
	assert_equal "$(rk 3 44 4 8 14 16 18 25 29)" "$(printf '%s\n' \
	    $'3\tken.ito@corp.example.com' \
	    $'44\tkai@corp.example.com' \
	    $'4\tken@example.com' \
	    $'8\tken@example.com' \
	    $'14\tamy@example.co.uk' \
	    $'16\ttaro@notes.example.jp' \
	    $'18\thiro@example.jp' \
	    $'25\tana@example.org ben@example.org' \
	    $'29\tsales@example.net')"
	# but the recipient named again in its own reply is still it
	# (Postfix: "<addr> (expanded from <list>): host" then the reply),
	# reported as the list it was expanded from, the address the sender
	# used (round 16; was dan@), once
	assert_equal "$(rk 38)" $'38\tmembers@lists.example.org'
}

@test "bounce-precision: Exchange's diagnostic lines, an address then its code; a malformed address opens its own paragraph" {
	# "ken.ito@corp" is no address; "someone@example.com" is Exchange's
	# example in its paragraph; mika@ is named by the diagnostic section
	assert_equal "$(rk 11)" $'11\tmika@corp.example.com'
}

@test "bounce-precision: a recipient listed as a mailbox, 'Name <addr>', under a notice line" {
	assert_equal "$(rk 23)" $'23\tken.ito@example.com'
}

@test "bounce-precision: without notice lines the recipients stand with the first one named" {
	# a manager and an office in a later paragraph, addresses still
	# active, a gateway's false-positive address and its team's, two
	# recipients in one sentence
	assert_equal "$(rk 2 15 31 32)" "$(printf '%s\n' \
	    $'2\tksato@example.com' \
	    $'15\tkenji@example.com' \
	    $'31\tken@example.com' \
	    $'32\tann@example.com bob@example.com')"
	# and on a later paragraph's line with a failure code, or one that
	# repeats the first recipient's words before it
	assert_equal "$(rk 51 52)" "$(printf '%s\n' \
	    $'51\tann@example.com bob@example.com' \
	    $'52\tann@example.com bob@example.com')"
}

@test "bounce-precision: the returned message's headers, quoted or folded, and a signature name no recipient" {
	# a signature, "> To:" quoted, "\tfor <addr>;" folded under
	# Received:, MDaemon's transcript showing the original's To, a
	# report's text naming the sender and the postmaster
	assert_equal "$(rk 5 6 7 30 19)" "$(printf '%s\n' \
	    $'5\tann@example.com' \
	    $'6\t' \
	    $'7\t' \
	    $'30\tamy@example.co.uk' \
	    $'19\tluc@example.fr')"
}

@test "bounce-precision: words before an address that make it a new address, a contact or an example, its sentence begun on the line before" {
	# "should now go to", "wenden Sie sich an", "can now be reached\nat",
	# "should look like", "forwards to", "asked that mail be sent to",
	# "send all correspondence to", "escriba a", "our new address is"
	assert_equal "$(rk 1 9 10 24 27 35 36 48 50)" "$(printf '%s\n' \
	    $'1\tsato@example.com' \
	    $'9\tken@example.de' \
	    $'10\tken@example.com' \
	    $'24\t' \
	    $'27\tinfo@example.com' \
	    $'35\tivan@example.ru' \
	    $'36\tken@example.com' \
	    $'48\tpedro@example.es' \
	    $'50\tinfo@oldco.example')"
}

@test "bounce-precision: writers' templates keep their recipients" {
	# Sendmail with one accepted in the transcript, Windows SMTP failed
	# and succeeded, Exim, Exim's delay, Courier, Office 365, old Gmail,
	# Exchange 2003, status fields written as text (Original-Recipient),
	# Postfix's delay with a customised help line, Postfix with ?email=
	# and mailto: in the reply, a report whose text names the sender,
	# the postmaster and abuse, a bilingual gateway, Office 365 from the
	# sender's alias, a mailto: link in prose, Yahoo, hMailServer (the
	# reply names the new address), Postfix with an alternate address in
	# one reply, Gmail's delay
	assert_equal "$(rk 12 13 17 20 21 22 26 28 33 34 37 39 40 41 42 45 46 47 49)" "$(printf '%s\n' \
	    $'12\tbob@example.net' \
	    $'13\trosa@win.example.com' \
	    $'17\tlee@example.net' \
	    $'20\trae@example.net' \
	    $'21\tivy@example.com' \
	    $'22\tken@contoso.example' \
	    $'26\tken@example.com' \
	    $'28\tken.ito@corp.example.com' \
	    $'33\thanako@example.jp' \
	    $'34\tjoe@example.com' \
	    $'37\tana@example.net' \
	    $'39\tnoa@example.com' \
	    $'40\tmarc@example.fr' \
	    $'41\trob@contoso.example' \
	    $'42\tjoe@example.com' \
	    $'45\tmio@yahoo.example' \
	    $'46\tsam@example.net' \
	    $'47\tliz@example.com max@example.com' \
	    $'49\tcat@example.com')"
}

@test "bounce-precision: Sendmail's '(expanded from: <addr>)' under a failed program is the address the sender used" {
	# the failed "address" is "|/usr/local/bin/procmail"; the alias it
	# was expanded from is the only address that failed
	assert_equal "$(cols -t bounce-classify msgno,recipient,kind,reason | awk -F'\t' '$1 == 43')" $'43\ttom@example.net\tsoft\tmailererror'
}

@test "bounce-precision: a bounce that names no failed address is one record with kind set, no recipient, and why in matched" {
	assert_equal "$(cols -t bounce-classify msgno,recipient,kind,reason | awk -F'\t' '$1 == 6 || $1 == 7 || $1 == 24')" "$(printf '%s\n' \
	    $'6\t\tsoft\tfiltered' \
	    $'7\t\tsoft\tmesgtoobig' \
	    $'24\t\thard\tuserunknown')"
	assert_equal "$(cols -t bounce-classify msgno,matched | awk -F'\t' '($1 == 6 || $1 == 7 || $1 == 24) && $2 ~ /; no failed address named$/' | wc -l)" 3
	# and every message has its record
	assert_equal "$(cols -t bounce-classify msgno | sort -un | wc -l)" 52
}

@test "bounce-precision: a notice's line listing many recipients gives each, however long the line (its walks back are bounded)" {
	{ printf 'From: MAILER-DAEMON@mail.example.org\nTo: news@example.org\nSubject: Delivery Status Notification (Failure)\n\n'
	  printf 'Delivery to the following recipients failed.\n\n  '
	  for i in $(seq 1 600); do printf 'u%d@example.com, ' "$i"; done
	  printf 'v@example.com\n\nFor help, write to help@example.org.\n'; } >"$BATS_TEST_TMPDIR/long.eml"
	run -1 deliv-bounce-classify --no-header -o recipient "$BATS_TEST_TMPDIR/long.eml"
	assert_equal "${#lines[@]}" 601
	assert_equal "${lines[0]}" u1@example.com
	assert_equal "${lines[600]}" v@example.com
	refute_output --partial help@example.org
}

@test "bounce-precision: thousands of recipients whose own words give no reason all take the notice's (its whole text classified once)" {
	# 5,000 on one line, the reason in a paragraph of its own: each
	# recipient's paragraph says nothing, so each falls back to the
	# whole text (with every listed address blanked out at once)
	{ printf 'From: MAILER-DAEMON@mail.example.org\nTo: news@example.org\nSubject: Delivery Status Notification (Failure)\n\n'
	  printf 'The remote server answered that the mailbox is full.\n\n'
	  printf 'Delivery to the following recipients failed.\n\n  '
	  awk 'BEGIN { for (i = 1; i < 5000; i++) printf "user%05d@example.com, ", i; print "user05000@example.com" }'
	  printf '\nFor help, write to help@example.org.\n'; } >"$BATS_TEST_TMPDIR/many.eml"
	# the phrase's line in soft.txt
	local m
	m=soft.txt:$(grep -n $'^mailboxfull\tmailbox is full$' "$DELIV_PHRASES/soft.txt" | cut -d: -f1)
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason,status,smtp_code,matched "$BATS_TEST_TMPDIR/many.eml"
	assert_equal "${#lines[@]}" 5000
	assert_equal "${lines[0]}" "user00001@example.com"$'\tsoft\tmailboxfull\t\t\t'"$m"
	assert_equal "${lines[4999]}" "user05000@example.com"$'\tsoft\tmailboxfull\t\t\t'"$m"
	# every one the same fields, each address once
	assert_equal "$(printf '%s\n' "${lines[@]}" | cut -f2- | sort | uniq -c | sed 's/^ *//')" "5000 soft"$'\tmailboxfull\t\t\t'"$m"
	assert_equal "$(printf '%s\n' "${lines[@]}" | cut -f1 | sort -u | wc -l)" 5000
	refute_output --partial help@example.org
}

@test "bounce-precision: a DSN's thousands of recipients whose groups give no reason all take its text's (classified once for them all)" {
	# 3,000 groups with Status 5.0.0 and no Diagnostic-Code; the text
	# part gives the reason in a paragraph of its own and lists them
	{ printf 'From: MAILER-DAEMON@mx.example.org\nTo: news@example.org\nSubject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n'
	  printf 'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\n\n--b\nContent-Type: text/plain\n\n'
	  printf 'The remote server answered that the mailbox is full.\n\nDelivery to the following recipients failed:\n\n'
	  awk 'BEGIN { for (i = 1; i <= 3000; i++) printf "  u%04d@example.net\n", i }'
	  printf '\n--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\n'
	  awk 'BEGIN { for (i = 1; i <= 3000; i++) printf "Final-Recipient: rfc822; u%04d@example.net\nAction: failed\nStatus: 5.0.0\n\n", i }'
	  printf -- '--b--\n'; } >"$BATS_TEST_TMPDIR/dsn.eml"
	local m
	m=soft.txt:$(grep -n $'^mailboxfull\tmailbox is full$' "$DELIV_PHRASES/soft.txt" | cut -d: -f1)
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason,status,smtp_code,matched "$BATS_TEST_TMPDIR/dsn.eml"
	assert_equal "${#lines[@]}" 3000
	assert_equal "${lines[0]}" "u0001@example.net"$'\tsoft\tmailboxfull\t5.0.0\t\t'"$m"
	assert_equal "${lines[2999]}" "u3000@example.net"$'\tsoft\tmailboxfull\t5.0.0\t\t'"$m"
	assert_equal "$(printf '%s\n' "${lines[@]}" | cut -f2- | sort | uniq -c | sed 's/^ *//')" "3000 soft"$'\tmailboxfull\t5.0.0\t\t'"$m"
	assert_equal "$(printf '%s\n' "${lines[@]}" | cut -f1 | sort -u | wc -l)" 3000
}

# precision3.mbox: notices as their writers' templates word them (Postfix
# bounce(8) with relocated(5)'s "user has moved to", Sendmail's 551 "User
# not local; please try <forward-path>", Exim, qmail-send, Exchange,
# Courier, Domino, Gmail) and sites' prose notices that name a new
# address after the verb, or a help desk's or a sender's address first
# and the failed one later.  Every record's message, recipient and kind.
@test "bounce-precision: new addresses named after the verb and help addresses named first are no recipients (precision3.mbox)" {
	run -1 deliv-bounce-classify --no-header -o msgno,recipient,kind precision3.mbox
	assert_output - <<'OUT'
1	ann@example.com	hard
2	bob@example.com	hard
3	carl@example.com	hard
4	dan@example.com	hard
5	eve@example.com	hard
6	fay@example.com	hard
7	gus@example.com	hard
8	hal@example.com	hard
9	ivy@example.com	hard
10	jon@example.com	hard
11	kim@example.com	hard
12	lou@uni.example	hard
13	max@example.com	hard
14	ned@example.com	soft
15	oli@example.com	hard
16	pat@example.com	hard
16	quin@example.com	hard
17	rae@example.com	hard
18	sam@example.com	hard
19	tom@example.com	hard
20	vic@corp.example.com	hard
21	wes@example.com	hard
21	xia@example.com	soft
22	yan@example.com	hard
23	zed@example.com	soft
24	abe@example.com	soft
25	bea@example.com	hard
26	cal@example.com	hard
27	dee@example.com	hard
28	fox@example.com	hard
29	gil@example.com	hard
30	hub@example.com	hard
31	ken@example.com	soft
32	billing@example.com	hard
33	lee@example.com	hard
34	mia@notes.example.com	hard
35	nia@example.com	hard
36	oz@example.com	hard
37	pia@example.com	hard
38	qi@example.com	soft
39	rob@example.com	soft
40	sue@example.de	hard
41	tia@example.com	soft
42	uli@example.org	soft
43	val@example.com	soft
44	xena@example.com	hard
45	yul@example.com	hard
46	zoe@example.com	hard
47	adam@example.com	hard
48	bo@example.com	hard
49	cy@example.com	hard
50	di@example.com	soft
51	ken2@example.com	hard
52	kai@example.com	hard
53	amy2@example.com	hard
53	ben2@example.com	hard
54	cho@example.com	hard
OUT
	# every notice has its records
	assert_equal "$(cut -f1 <<<"$output" | sort -un | wc -l)" 54
}

@test "bounce-precision: a prose notice's one sentence that names its reason and then 5,000 recipients gives each (they share the first one's sentence)" {
	{ printf 'From: postmaster@example.org\nTo: news@example.org\nSubject: Undeliverable\n\n'
	  printf 'Your message could not be delivered to these addresses (550 5.1.1 user unknown): '
	  awk 'BEGIN { for (i = 1; i < 5000; i++) printf "user%05d@example.com, ", i; print "user05000@example.com" }'
	  printf '\nFor help, write to help@example.org.\n'; } >"$BATS_TEST_TMPDIR/prose.eml"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason,status,smtp_code "$BATS_TEST_TMPDIR/prose.eml"
	assert_equal "${#lines[@]}" 5000
	assert_equal "${lines[0]}" $'user00001@example.com\thard\tuserunknown\t5.1.1\t550'
	assert_equal "${lines[4999]}" $'user05000@example.com\thard\tuserunknown\t5.1.1\t550'
	assert_equal "$(printf '%s\n' "${lines[@]}" | cut -f2- | sort | uniq -c | sed 's/^ *//')" $'5000 hard\tuserunknown\t5.1.1\t550'
	refute_output --partial help@example.org
}

@test "bounce-precision: a reply line after a notice's list of recipients names the address the receiver rewrote, not one more recipient" {
	printf '%s\n' 'From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>' \
	    'To: crafts-bounces@lists.example.org' \
	    'Subject: Delivery Status Notification (Failure)' '' \
	    'Delivery to the following recipients failed permanently:' '' \
	    '     ann@example.cz' '     bob@example.cz' '' \
	    'Technical details of permanent failure:' \
	    'Google tried to deliver your message, but it was rejected by the server for the recipient domain example.cz by mx.example.cz. [192.0.2.7].' '' \
	    'The error that the other server returned was:' \
	    '550 5.1.1 <ann.novak@mx.example.cz>... User unknown' >"$BATS_TEST_TMPDIR/g.eml"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason,status,mta "$BATS_TEST_TMPDIR/g.eml"
	assert_equal "${#lines[@]}" 2
	assert_equal "${lines[0]}" $'ann@example.cz\thard\tuserunknown\t5.1.1\tgmail'
	assert_equal "${lines[1]}" $'bob@example.cz\thard\tuserunknown\t5.1.1\tgmail'
}
