#!/usr/bin/env bats
# deliv-bounce-classify's recipient sets on old and provider formats
# (issue #15, the round 9 audit, second part).
# tests/fixtures/bounce-classify/audit4.mbox holds notices written for
# this audit, each blind (written before it was first run): AOL's and
# CompuServe's old notices, Sun Messaging Server, Exchange 5.5 IMS,
# MSN/Hotmail, Yahoo's qmail-style notices, Ipswitch IMail, GroupWise,
# Lotus Notes R5/R6, qmail (vpopmail, netqmail, qmail-ldap), old
# Sendmail, Postfix 1.x/2.0, Exim 3/4, Smail, MMDF, Mercury, Courier,
# Netscape Messaging Server, CommuniGate Pro, plain-text notices,
# warnings, a mailing list's VERP return path, and notices in
# ISO-2022-JP, Big5, GB2312, KOI8-R, Latin-1 and more.  Written in
# batches, each after the fixes for the one before (batch 1: 1-67,
# batch 2: 68-98, batch 3: 99-118, batch 4: 119-134, batch 5:
# 135-150, batch 6: 151-162, batch 7: 163-174).  Each test asserts
# every message's exact recipients and kinds ("recipient/kind",
# space-joined in the order reported; an empty recipient is a bounce
# that names no failed address).

setup() {
	load lib/helpers
	cd "$FIXTURES/bounce-classify"
	run_once -1 deliv-bounce-classify --no-header audit4.mbox
	OUT=$(cols -t bounce-classify msgno,recipient,kind)
}

@test "bounce-audit4: old providers: AOL, CompuServe, MSN/Hotmail, Yahoo" {
	# AOL's screen name only (no address: none invented, the returned To is no evidence),
	# AOL's listing, CompuServe's user id and address (its wording 'Receiver not
	# found' is this audit's guess: soft, left), Windows SMTP's DSN text with no
	# reason (undefined), Yahoo's qmail-style notices ('disabled or discontinued':
	# suspend, a soft reason by the taxonomy)
	assert_equal "$(rk 1 2 3 4 10 64 11 12 63)" "$(printf '%s\n' \
	    $'1\t/soft' \
	    $'2\tmkline77@aol.example.com/hard tjwalker@aol.example.com/hard' \
	    $'3\t/soft' \
	    $'4\tada.byron@csi.example.com/soft' \
	    $'10\tjakob_r@hotmail.example.com/soft' \
	    $'64\tulla77@msn.example.com/soft' \
	    $'11\tkarin_l@yahoo.example.com/soft' \
	    $'12\tlutz@remote.example.net/hard' \
	    $'63\tsven_t@yahoo.example.com/hard tove_k@yahoo.example.com/soft')"
}

@test "bounce-audit4: Sun/iPlanet Messaging Server: the report's failed address, 'Original address:' over a rewritten one, a delay" {
	# the report's To header lists two; only the failed one
	assert_equal "$(rk 5 6 7)" "$(printf '%s\n' \
	    $'5\tbert@ms.example.net/hard' \
	    $'6\tdora@ms2.example.net/hard' \
	    $'7\temil@ms3.example.net/soft')"
}

@test "bounce-audit4: Exchange 5.5 IMS: 'did not reach the following recipient(s)', its 'NAME on DATE' entries" {
	# KB 251152's layout; a display name only (KB 183588: none invented); an
	# X.400 entry before an SMTP one (was: the block ended, gus lost); a display
	# name between two addresses, under an org named Example (was: pia lost)
	assert_equal "$(rk 8 9 53 60)" "$(printf '%s\n' \
	    $'8\thans@ims.example.com/hard' \
	    $'9\t/hard' \
	    $'53\tgus@ims3.example.com/hard' \
	    $'60\tnils@ims4.example.com/hard pia@ims4.example.com/hard')"
}

@test "bounce-audit4: Ipswitch IMail, GroupWise, Lotus Notes R5/R6, CommuniGate" {
	# IMail's 'Unknown user:' lines; GroupWise's 'The following recipients were
	# unable to receive' (was: not a bounce); Notes R5's table and R6's listing
	assert_equal "$(rk 13 14 15 16 17 18 19 50 51)" "$(printf '%s\n' \
	    $'13\tmoritz@imail.example.com/hard' \
	    $'14\tnele@imail2.example.com/soft' \
	    $'15\totto@far.example.net/soft' \
	    $'16\tpaula@gw.example.com/soft' \
	    $'17\tquirin@gw2.example.com/soft rita@gw2.example.com/soft' \
	    $'18\tsven@notes5.example.com/hard' \
	    $'19\ttina@notes6.example.com/soft ulf@notes6.example.com/soft' \
	    $'50\tcat@cgp.example.com/soft' \
	    $'51\tdan@far.example.net/hard')"
}

@test "bounce-audit4: qmail variants: vpopmail, netqmail, qmail-ldap, a list's VERP return path and footer" {
	# the list's addresses in the returned message and its footer are no recipients
	assert_equal "$(rk 20 21 22 23 54)" "$(printf '%s\n' \
	    $'20\tvera@vp.example.com/hard' \
	    $'21\twalt@remote.example.net/hard xaver@nohost.example.net/hard' \
	    $'22\tyvonne@ldap.example.com/soft' \
	    $'23\tzeno@slow.example.net/soft' \
	    $'54\thugo@q2.example.net/hard')"
}

@test "bounce-audit4: old Sendmail: permanent, transcript only, a .forward program, warnings, 551, host unknown" {
	# '(expanded from: <addr>)' under a program is the address used; the 551
	# 'please try' address is no failure
	assert_equal "$(rk 24 25 26 27 52 58 59)" "$(printf '%s\n' \
	    $'24\tabel@sm.example.com/hard' \
	    $'25\tberta@old.example.com/soft' \
	    $'26\tcarl@sm2.example.com/soft' \
	    $'27\tdoris@slow.example.net/soft' \
	    $'52\teve@slow.example.net/soft' \
	    $'58\tlars@sm5.example.com/hard' \
	    $'59\tmira@nohost.example.net/hard')"
}

@test "bounce-audit4: Postfix 1.x/2.0 and Exim 3/4 older wording, delays and retry timeouts" {
	# Exim 3's 'unknown local-part' is soft here (its source is not public: left)
	assert_equal "$(rk 28 29 30 31 32 33 57)" "$(printf '%s\n' \
	    $'28\tegon@pf1.example.com/hard' \
	    $'29\tfrida@slow.example.net/soft' \
	    $'30\tgert@far.example.net/hard hilde@far.example.net/soft' \
	    $'31\tilse@ex3.example.com/soft' \
	    $'32\tjens@remote.example.net/hard' \
	    $'33\tkarla@slow.example.net/soft' \
	    $'57\tkurt@dead.example.net/soft')"
}

@test "bounce-audit4: Smail, MMDF, Mercury, Courier, Netscape Messaging Server, plain 'address: reason' notices" {
	# contacts, 'Please use ... instead' and example addresses are no recipients
	assert_equal "$(rk 34 35 36 37 38 39 40 41 42 65)" "$(printf '%s\n' \
	    $'34\tlena@smail.example.com/hard' \
	    $'35\tmats@mmdf.example.com/hard' \
	    $'36\tnina@merc.example.com/hard' \
	    $'37\toskar@courier.example.com/hard' \
	    $'38\tpetra@slow.example.net/soft' \
	    $'39\trolf@simple.example.com/hard' \
	    $'40\tsara@slow.example.net/soft' \
	    $'41\ttheo@nms.example.com/soft' \
	    $'42\tute@nms2.example.com/hard vito@nms2.example.com/hard' \
	    $'65\tviktor@merc2.example.com/soft')"
}

@test "bounce-audit4: prose and flattened notices: a DSN as plain text, quoted replies, display names, a spam refusal" {
	assert_equal "$(rk 48 49 55 56)" "$(printf '%s\n' \
	    $'48\tamy@flat.example.com/hard' \
	    $'49\tbob@und.example.com/hard' \
	    $'55\tida@dn.example.com/hard' \
	    $'56\tjana@filter.example.com/soft')"
}

@test "bounce-audit4: charsets: ISO-2022-JP, Big5, GB2312, KOI8-R, Latin-1 quoted-printable" {
	# a label glued to the address ('收件人：addr', a full-width colon) no longer hides it
	# (was: the contact address reported instead)
	assert_equal "$(rk 43 44 45 46 47 61 66 67)" "$(printf '%s\n' \
	    $'43\tnao@jp.example.co.jp/hard' \
	    $'44\tpei@tw.example.com.tw/soft' \
	    $'45\tivan@ru.example.ru/hard' \
	    $'46\trene@fr.example.fr/soft' \
	    $'47\tuwe@de.example.de/hard' \
	    $'61\tqing@cn.example.cn/hard' \
	    $'66\twataru@jp2.example.co.jp/hard' \
	    $'67\tyana@ru2.example.ru/hard zoya@ru2.example.ru/soft')"
}

@test "bounce-audit4: an out-of-office reply is no failure" {
	assert_equal "$(rk 62)" "$(printf '%s\n' \
	    $'62\trolf.meier@ooo.example.com/undetermined')"
}

@test "bounce-audit4: batch 2: CompuServe (KB Q136413, Q153060): its example addresses and the returned To are no recipients" {
	assert_equal "$(rk 68 69)" "$(printf '%s\n' \
	    $'68\t74906.1610@csi.example.com/hard' \
	    $'69\t/soft')"
}

@test "bounce-audit4: batch 2: Exchange 5.5 and IMC listings (KB 246881, Q197976): display names, a domain without a dot, paragraphs" {
	# none invented for a list's display name or 'user@company'; a display
	# name's paragraph between two addresses
	assert_equal "$(rk 70 71 72)" "$(printf '%s\n' \
	    $'70\t/hard' \
	    $'71\t/hard' \
	    $'72\tmona@ims6.example.com/hard oleg@ims6.example.com/soft')"
}

@test "bounce-audit4: batch 2: Sendmail 8.12, qmail, Yahoo, IMail, GroupWise, Notes R5, Exim 4, Postfix, Courier, Smail" {
	assert_equal "$(rk 73 74 75 76 77 78 79 80 81 82 83)" "$(printf '%s\n' \
	    $'73\tanna@sm7.example.com/hard ben@sm7.example.com/soft' \
	    $'74\tcleo@down.example.net/soft' \
	    $'75\tdirk@q3.example.net/hard edda@mx.q3.example.net/soft finn@far.example.net/soft' \
	    $'76\tdina@slow.example.net/soft' \
	    $'77\teli@imail4.example.com/hard fay@imail4.example.com/hard' \
	    $'78\tgil@nohost.example.org/hard' \
	    $'79\thal@notes7.example.com/hard iris@notes7.example.com/soft' \
	    $'80\tjack@nohost.example.net/hard kim@ex6.example.com/soft' \
	    $'81\tkai@slow.example.net/soft' \
	    $'82\tlia@courier3.example.com/hard max@courier3.example.com/soft' \
	    $'83\tnell@smail2.example.com/hard omar@nohost.example.org/hard')"
}

@test "bounce-audit4: batch 2: warnings, a list's VERP return path, the list's own address, its owner in prose" {
	# the list address the original was sent to (its List-Id) is never a
	# failed recipient (was: news@lists reported)
	assert_equal "$(rk 84 85 86 87 98)" "$(printf '%s\n' \
	    $'84\tned@slow.example.net/soft' \
	    $'85\tolga@ol.example.net/hard' \
	    $'86\t/soft' \
	    $'87\tpavel@relay.example.net/hard' \
	    $'98\talma@pf5.example.com/hard')"
}

@test "bounce-audit4: batch 2: charsets: Latin-1 Spanish, ISO-2022-JP, Big5, KOI8-R, UTF-8 Korean labels" {
	# a local part with 'ú' is reported whole (was: 'l@es.example.es')
	assert_equal "$(rk 88 89 90 91 92)" "$(printf '%s\n' \
	    $'88\traúl@es.example.es/hard rosa@es.example.es/hard' \
	    $'89\tpaul@jp3.example.co.jp/hard' \
	    $'90\tquin@tw2.example.com.tw/soft' \
	    $'91\truslan@ru3.example.ru/hard' \
	    $'92\tsumi@kr.example.kr/hard')"
}

@test "bounce-audit4: batch 2: Netscape Messaging Server, MMDF (its rtn module), AOL, Mireka's 'had delivery problems', Mercury" {
	# MMDF's warning (was: not a bounce); 'had delivery problems' (was: not a
	# bounce)
	assert_equal "$(rk 93 94 95 96 97)" "$(printf '%s\n' \
	    $'93\ttom@far.example.net/soft' \
	    $'94\tuli@slow.example.net/soft' \
	    $'95\tvic@aol.example.com/soft' \
	    $'96\txena@msn2.example.com/soft' \
	    $'97\tyara@merc3.example.com/hard zack@merc3.example.com/soft')"
}

@test "bounce-audit4: every message of the fixture is asserted" {
	# 174 notices, each in one test above
	assert_equal "$(grep -c '^From ' audit4.mbox)" 174
	assert_equal "$(cut -f1 <<<"$OUT" | sort -un | wc -l)" 174
}

@test "bounce-audit4: batch 3: a list's context: a personalized list's subscriber in the returned To, list headers, VERP" {
	# the subscriber the returned To names is the failed one; the list's
	# own addresses never are
	assert_equal "$(rk 99 101 102 108 115 116)" "$(printf '%s\n' \
	    $'99\tamos@pers.example.net/hard' \
	    $'101\tdov@ex2k.example.com/hard' \
	    $'102\teda@slow.example.net/soft' \
	    $'108\tkay@q4.example.net/hard' \
	    $'115\tvera_b@yahoo.example.com/soft' \
	    $'116\twim@slow.example.net/soft')"
}

@test "bounce-audit4: batch 3: Sendmail's accepted recipient, PP/X.400 O/R names, cc:Mail's display name, a subject-only notice" {
	assert_equal "$(rk 100 103 104 105 106 118)" "$(printf '%s\n' \
	    $'100\tbea@sm9.example.com/hard' \
	    $'103\t/hard' \
	    $'104\tgwen@pp2.example.ac.uk/hard' \
	    $'105\t/soft' \
	    $'106\t/soft' \
	    $'118\tyuki@sm10.example.com/hard zeta@nohost.example.org/hard')"
}

@test "bounce-audit4: batch 3: single quotes, a contact glued after a label, curly quotes, Japanese, Russian, GroupWise, Notes' delay, Exim" {
	# 'mailbox has been disabled' (was: not a bounce); an Italian
	# 'Assistenza:addr' contact (was: reported)
	assert_equal "$(rk 107 109 110 111 112 113 114 117)" "$(printf '%s\n' \
	    $'107\tjorg@sq.example.com/soft' \
	    $'109\tmara@ex8.example.com/soft' \
	    $'110\tnicolò@it.example.it/hard' \
	    $'111\toona@cp.example.com/hard' \
	    $'112\tpiet@jp4.example.co.jp/hard' \
	    $'113\trada@ru4.example.ru/hard' \
	    $'114\ttara@gw4.example.com/hard ugo@nohost.example.org/hard' \
	    $'117\txia@notes8.example.com/soft')"
}

@test "bounce-audit4: batch 4: the original's Reply-To in prose, a list named by a gateway, a list footer, Hotmail, Courier, qmail" {
	# the list's Reply-To named in prose is no recipient (was: reported)
	assert_equal "$(rk 119 120 121 129 131 133 134)" "$(printf '%s\n' \
	    $'119\tpam@prose.example.com/hard' \
	    $'120\tquentin@hotmail2.example.com/soft rhea@hotmail2.example.com/soft' \
	    $'121\ttess@pf7.example.com/soft' \
	    $'129\teli.k@q5.example.net/soft' \
	    $'131\t/soft' \
	    $'133\tida.m@courier4.example.com/hard' \
	    $'134\tjan.v@simple2.example.com/hard')"
}

@test "bounce-audit4: batch 4: Domino's 'was not delivered to:' with any reason, Exchange 5.5 'Last, First', Exim's delay, Sendmail's mailbox file" {
	# a Domino report whose reason no phrase knew (was: not a bounce); its
	# "No route found to domain" is Domino's domain failure, hard since
	# round 10 (fam: phrases/hard.txt, Domino's admin help on failure reports)
	assert_equal "$(rk 122 128 130 132)" "$(printf '%s\n' \
	    $'122\tugo.b@notes9.example.com/hard' \
	    $'128\tdag@ims7.example.com/hard' \
	    $'130\tfritz@slow.example.net/soft gina@slow.example.net/soft' \
	    $'132\thugo@sm11.example.com/soft')"
}

@test "bounce-audit4: batch 4: charsets: ISO-8859-2, windows-1251, EUC-KR, Shift_JIS, an HTML-only notice" {
	# a Japanese contact label glued by a full-width colon (was: reported)
	assert_equal "$(rk 123 124 125 126 127)" "$(printf '%s\n' \
	    $'123\tłukasz@pl.example.pl/hard wanda@pl.example.pl/hard' \
	    $'124\txenia.p-v@ru5.example.ru/soft' \
	    $'125\tyuna@kr2.example.kr/hard' \
	    $'126\tzen@jp5.example.co.jp/hard' \
	    $'127\tabe@html.example.com/hard')"
}

@test "bounce-audit4: batch 5: Exchange 2010+ in German, French and Italian; 5.5's display name holding ' on '" {
	assert_equal "$(rk 135 136 137 142 148)" "$(printf '%s\n' \
	    $'135\tanke@de2.example.de/hard' \
	    $'136\tbruno@fr2.example.fr/hard' \
	    $'137\tcarla@it2.example.it/soft' \
	    $'142\tjules@ims8.example.com/hard' \
	    $'148\tpia.l@ex07b.example.com/hard')"
}

@test "bounce-audit4: batch 5: recipient labels in French and German, a Dutch warning, prose notices" {
	# 'Empfänger:' opens a recipient's paragraph as 'Recipient:' does (was:
	# gerd lost)
	assert_equal "$(rk 140 143 146 147)" "$(printf '%s\n' \
	    $'140\tflore@fr3.example.fr/hard gerd@de3.example.de/hard' \
	    $'143\tkira@quota.example.com/soft' \
	    $'146\tnico@slow.example.net/soft' \
	    $'147\totis@plain.example.com/hard')"
}

@test "bounce-audit4: batch 5: a challenge-response notice, a moved user, a list post quoting a bounce, a blocklist reply, case" {
	# the challenge names the protected address: no failure; the new address
	# and the abuse desk are no recipients
	assert_equal "$(rk 138 139 141 144 145)" "$(printf '%s\n' \
	    $'138\tguard@cr.example.com/undetermined' \
	    $'139\tegon.b@old.example.net/hard' \
	    $'141\thana@ex10.example.com/hard' \
	    $'144\tLena.Ross@SM12.example.com/hard' \
	    $'145\tmia.s@far.example.net/soft')"
}

@test "bounce-audit4: batch 5: IMail's second reason line (left: recall), AOL's screen name" {
	# rosa.m, named on a later 'Delivery failed N attempts:' line with no
	# code, is not reported (IMail's wording is not public: no rule)
	assert_equal "$(rk 149 150)" "$(printf '%s\n' \
	    $'149\tquinn@imail5.example.com/soft' \
	    $'150\t/soft')"
}

@test "bounce-audit4: batch 6: the list named as the sender in prose, transcripts with MAIL FROM, a local name, auto-replies" {
	# the list's own address in prose when the bounce went to LIST-bounces
	# (was: reported); a refused RCPT after MAIL FROM is userunknown, not
	# the sender's rejection (was: soft rejected); a local name ('jdoe...')
	# is no address, and Sendmail's usrerr() about it is userunknown (hard;
	# was soft before round 22)
	assert_equal "$(rk 151 152 153 161 155)" "$(printf '%s\n' \
	    $'151\t/hard' \
	    $'152\tlea.w@far.example.net/hard' \
	    $'153\thelpdesk@desk.example.com/undetermined' \
	    $'161\tyves@prose2.example.com/soft' \
	    $'155\tnils.o@q7.example.net/soft')"
}

@test "bounce-audit4: batch 6: Exchange 2007, HTML alternatives, Postfix with a support address, Domino with its memo, Korean labels, Sendmail DSN, a gateway" {
	assert_equal "$(rk 154 156 157 158 159 160 162)" "$(printf '%s\n' \
	    $'154\tmax.r@ex07c.example.com/hard' \
	    $'156\tolive@alt.example.com/hard' \
	    $'157\tpaul.q@pf9.example.com/soft rita.q@pf9.example.com/hard' \
	    $'158\tsam@notes10.example.com/hard' \
	    $'159\tvin@kr3.example.kr/hard wes@kr3.example.kr/soft' \
	    $'160\txavi@sm15.example.com/hard' \
	    $'162\tzora@dead.example.net/soft')"
}

@test "bounce-audit4: batch 7: a list's context: the poster in Reply-To, a personalized list, the list in the text, a successful group" {
	# written after batch 6's fixes: no set wrong before any change
	assert_equal "$(rk 163 164 169 173)" "$(printf '%s\n' \
	    $'163\tada@q8.example.net/hard' \
	    $'164\tcleo.p@pers2.example.net/soft' \
	    $'169\tjun@cn2.example.cn/hard' \
	    $'173\tolaf.x@relay2.example.com/soft')"
}

@test "bounce-audit4: batch 7: Exim, Sendmail warnings, Exchange 5.5's To also failed, Postfix's Original-Recipient, CommuniGate, a carrier, labels" {
	assert_equal "$(rk 165 166 167 168 170 171 172 174)" "$(printf '%s\n' \
	    $'165\tdirk.r@rc.example.com/soft' \
	    $'166\temma@ex11.example.com/hard fynn@ex11.example.com/soft' \
	    $'167\tgus.t@slow.example.net/soft hedy@slow.example.net/soft' \
	    $'168\tivo@ims9.example.com/hard' \
	    $'170\tkai@pf10.example.com/soft' \
	    $'171\tluna123@mobile.example.jp/soft' \
	    $'172\tmona@cgp3.example.com/soft' \
	    $'174\tjoão@pt.example.pt/hard')"
}
