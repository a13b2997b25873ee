#!/usr/bin/env bats
# deliv-bounce-classify: notices in other languages, written from their
# writers' own localized texts (tests/fixtures/bounce-classify/i18n.mbox).
# Each message, with the source of its words:
#  1 grommunio gromox, data/local_bounce/gb2312/BOUNCE_NO_USER (simplified
#    Chinese), as gromox sends it: its text and a DSN (status 5.0.0)
#  2 gromox gb2312/BOUNCE_MAILBOX_FULL, with its DSN
#  3 gromox gb2312/BOUNCE_OPERATION_ERROR, with its DSN
#  4 gromox gb2312/BOUNCE_NO_USER, its text part alone
#  5 gromox big5/BOUNCE_NO_USER (traditional Chinese), with its DSN
#  6 gromox big5/BOUNCE_MAILBOX_FULL, its text part alone; the original's
#    two recipients in its information block, one failed
#  7 gromox euc-jp/BOUNCE_NO_USER (Japanese), with its DSN
#  8 gromox euc-jp/BOUNCE_MAILBOX_FULL, with its DSN
#  9 gromox euc-jp/BOUNCE_NO_USER, its text part alone
# 10 gromox euc-jp/BOUNCE_MAILBOX_FULL, its text part alone; two
#    recipients in its information block, one failed
# 11 masqmail tpl/failmsg.tpl.de (German, the English beside each line),
#    src/fail_msg.c (@failed_rcpts as "\t<addr>"), src/deliver.c (the
#    error "while connected with HOST, the server replied\n\tREPLY"); the
#    returned message's Cc is no failed recipient
# 12 masqmail tpl/failmsg.tpl.fr (French)
# 13 masqmail tpl/failmsg.tpl.it (Italian): the template's blank line after
#    its Subject ends the header, so its MIME lines arrive as plain text
# 14 masqmail tpl/warnmsg.tpl.de, a delay (could not open the connection)
# 15 masqmail tpl/warnmsg.tpl.fr, French then English
# 16 masqmail tpl/warnmsg.tpl.it, a delay (connection timed out)
# 17 gromox big5/BOUNCE_OPERATION_ERROR, its text part alone
# 18 gromox euc-jp/BOUNCE_OPERATION_ERROR, with its DSN

setup() {
	load lib/helpers
	F=$FIXTURES/bounce-classify
	cd "$F"
}

@test "bounce-i18n: each localized notice gives its failed recipient, kind and reason" {
	run -1 deliv-bounce-classify --no-header i18n.mbox
	assert_equal "$(cols -t bounce-classify msgno,recipient,action,kind,reason,status)" "$(printf '%s\n' \
	    $'1\tada@example.net\tfailed\thard\tuserunknown\t5.0.0' \
	    $'2\tben@example.net\tfailed\tsoft\tmailboxfull\t5.0.0' \
	    $'3\tcat@example.net\tfailed\tsoft\tsystemerror\t5.0.0' \
	    $'4\tdan@example.net\t\thard\tuserunknown\t' \
	    $'5\teli@example.net\tfailed\thard\tuserunknown\t5.0.0' \
	    $'6\tfay@example.net\t\tsoft\tmailboxfull\t' \
	    $'7\tgus@example.net\tfailed\thard\tuserunknown\t5.0.0' \
	    $'8\thana@example.net\tfailed\tsoft\tmailboxfull\t5.0.0' \
	    $'9\tivo@example.net\t\thard\tuserunknown\t' \
	    $'10\tjan@example.net\t\tsoft\tmailboxfull\t' \
	    $'11\tkai@example.net\t\thard\tuserunknown\t5.1.1' \
	    $'12\tlea@example.net\t\tsoft\tmailboxfull\t5.2.2' \
	    $'13\tmax@example.net\t\thard\tuserunknown\t5.1.1' \
	    $'14\tnia@example.net\t\tsoft\tblocked\t' \
	    $'15\toto@example.net\t\tsoft\tmailboxfull\t4.2.2' \
	    $'16\tpia@example.net\t\tsoft\texpired\t' \
	    $'17\tqin@example.net\t\tsoft\tsystemerror\t' \
	    $'18\trin@example.net\tfailed\tsoft\tsystemerror\t5.0.0')"
	# the reason comes from the writer's own localized words
	assert_equal "$(cols -t bounce-classify matched | sed -n '1p;2p;7p;8p')" "$(printf '%s\n' \
	    "hard.txt:$(grep -n '^userunknown	/\[该該\]收件人' "$TOP/phrases/hard.txt" | cut -d: -f1)" 'soft.txt:1608' \
	    "hard.txt:$(grep -n '^userunknown	/受信者が存在していない/' "$TOP/phrases/hard.txt" | cut -d: -f1)" 'soft.txt:1611')"
}

@test "bounce-i18n: the writer of each localized notice, from its template's words" {
	run -1 deliv-bounce-classify --no-header -o msgno,mta i18n.mbox
	# #11-#16: masqmail's English line beside each translation is Gmail's
	# old wording too; masqmail's own "mailer daemon (masqmail" decides
	assert_equal "$output" "$(printf '%s\n' \
	    $'1\tgromox' $'2\tgromox' $'3\tgromox' $'4\tgromox' $'5\tgromox' \
	    $'6\tgromox' $'7\tgromox' $'8\tgromox' $'9\tgromox' $'10\tgromox' \
	    $'11\tmasqmail' $'12\tmasqmail' $'13\tmasqmail' $'14\tmasqmail' \
	    $'15\tmasqmail' $'16\tmasqmail' $'17\tgromox' $'18\tgromox')"
}

@test "bounce-i18n: a text-only notice names only the recipient its failure line ties, not the others of its information block" {
	run -1 deliv-bounce-classify --no-header -o msgno,recipient i18n.mbox
	refute_output --partial 'gil@example.net'
	refute_output --partial 'kim@example.net'
	refute_output --partial 'lou@example.net'
	refute_output --partial 'ned@example.net'
	refute_output --partial 'news@example.org'
}
