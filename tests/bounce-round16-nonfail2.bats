#!/usr/bin/env bats
# deliv-bounce-classify: Round 16 (nonfail2, issue #15), a second blind
# batch of whole messages that reach a bounce mailbox and must not put a
# wrong address on a suppression list, each written from its writer's
# documented format, template or source (its X-Test-Source header) and
# committed before the first run (6fa3360):
# tests/fixtures/bounce-writers/round16-nonfail2.mbox, its expected
# records in round16-nonfail2-expected.tsv (msgno, writer, recipient,
# kind, reason; "#" lines: a blind expectation left or decided, with
# why).  DSNs that mix failed, delayed, delivered, relayed and expanded
# groups (Sendmail, Exim, OpenSMTPD); delay warnings (Sendmail, Postfix
# with soft_bounce and a 450 "Domain not found", Exim, Microsoft 365,
# Gmail, Exchange, OpenSMTPD); auto-replies naming a new address
# (Microsoft 365, Gmail, Zimbra, Pigeonhole, vacation(1), Courier's
# mailbot, procmail, Cyrus, Exim's autoreply); ARF abuse and RFC 6591
# authentication-failure reports; Mailman 2 and 3 and groups.io notices;
# Cisco's and Proofpoint's quarantine digests; six real failures.

setup() {
	load lib/helpers
	F=$FIXTURES/bounce-writers
}

@test "bounce-round16-nonfail2: every message gives the recipient, kind and reason round16-nonfail2-expected.tsv expects" {
	cd "$F"
	records_agree round16-nonfail2.mbox round16-nonfail2-expected.tsv writer
	assert_equal "$(grep -c '^From ' round16-nonfail2.mbox)" 39
}

@test "bounce-round16-nonfail2: only the real failures are hard, only delayed recipients soft, and no address of a body is reported" {
	cd "$F"
	run -1 deliv-bounce-classify --no-header -o msgno,recipient,kind,action round16-nonfail2.mbox
	assert_equal "$(awk -F'\t' '$3 == "hard" { print $1 "\t" $2 }' <<<"$output" | tr '\n' ' ')" \
	    "1	dan@example.net 2	eli@example.org 31	uma@example.net 32	vic@example.org 33	wes@example.net 38	abel@example.org "
	# every soft record with an address is a group its DSN says is delayed
	assert_equal "$(awk -F'\t' '$3 == "soft" && $2 != "" && $4 != "delayed"' <<<"$output")" ""
	assert_equal "$(awk -F'\t' '$3 == "soft" && $2 != ""' <<<"$output" | wc -l)" 10
	# new addresses and colleagues an auto-reply names, a 551's forward
	# path, subscribers and owners of list notices, digests' senders, the
	# address a quoted "550 5.1.1" names
	refute_output --regexp '(pia|info|quinn|rose|sara|ugo\.esempio|vera\.exemplo|wim\.beispiel|yui\.rei|rik\.voorbeeld|cora|dora|pat|quin)@'
	refute_output --regexp 'wes@example\.org|ant-owner|bee-owner|mailer-daemon@example\.biz|postmaster@example\.biz|billing@|support@example\.info'
}

# procmail's auto-answer (procmailex(5): formail -r, "Precedence: junk",
# an X-Loop header) was none (#19); a list's message with the same
# headers and a List-Id is not one, nor "Precedence: junk" alone
@test "bounce-round16-nonfail2: procmail's auto-answer (Precedence junk and X-Loop) is an auto-reply of its From; not with a List-Id or without X-Loop" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' 'From wim@example.de Sun Dec  6 10:19:00 2026' \
	    'To: ana@example.com' 'Subject: Re: Your order' \
	    'Precedence: junk' 'X-Loop: wim@example.de' 'From: wim@example.de' '' \
	    'Mail received.' 'Meine neue Adresse: wim.beispiel@example.org' >p.mbox
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason p.mbox
	assert_output $'wim@example.de\tundetermined\tvacation'
	sed 's/^X-Loop: .*/List-Id: <news.example.de>\n&/' p.mbox >l.mbox
	run -0 deliv-bounce-classify --no-header -o recipient,kind,reason l.mbox
	assert_output $'\tnone\t'
	grep -v '^X-Loop:' p.mbox >j.mbox
	run -0 deliv-bounce-classify --no-header -o recipient,kind,reason j.mbox
	assert_output $'\tnone\t'
}

# An RFC 6591 authentication-failure report (a DMARC ruf report) was
# feedback for its Original-Rcpt-To (#23), as if that recipient had
# complained; it is none.  An abuse report stays feedback.
@test "bounce-round16-nonfail2: an RFC 6591 auth-failure report is none; an abuse report with the same fields is feedback" {
	cd "$F"
	msg round16-nonfail2.mbox 23 >"$BATS_TEST_TMPDIR/r.mbox"
	run -0 deliv-bounce-classify --no-header -o recipient,kind,reason,diagnostic "$BATS_TEST_TMPDIR/r.mbox"
	assert_output $'\tnone\t\tan authentication failure report (RFC 6591): not a bounce'
	sed -i 's/^Feedback-Type: auth-failure/Feedback-Type: abuse/' "$BATS_TEST_TMPDIR/r.mbox"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/r.mbox"
	assert_output $'abe@example.org\tundetermined\tfeedback'
}

# Mailman's held-post notice (2: postheld.txt, 3: list:user:notice:hold.txt)
# was soft rejected (#25), the held post's reason ("Post by non-member to a
# members-only list", soft.txt:536) read as a refusal; "Is being held
# until the list moderator can review it" comes first: onhold, no address
@test "bounce-round16-nonfail2: Mailman's held-post notice is onhold with no address; the refusal's words alone still read rejected" {
	cd "$F"
	msg round16-nonfail2.mbox 25 >"$BATS_TEST_TMPDIR/h.mbox"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason,matched "$BATS_TEST_TMPDIR/h.mbox"
	assert_output $'\tsoft\tonhold\tsoft.txt:2377; no failed address named'
	sed -i '/^Is being held until/d' "$BATS_TEST_TMPDIR/h.mbox"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason,matched "$BATS_TEST_TMPDIR/h.mbox"
	assert_output $'\tsoft\trejected\tsoft.txt:536; no failed address named'
}

# The blind addendum (round16-nonfail2b.mbox, committed before its run,
# 3918d83): a postmaster mailbox's auto-reply, Mailman's notices about the
# member's own bounces, an uncompressed TLS-RPT report, a vacation reply
# in a bounce's words
@test "bounce-round16-nonfail2: the blind addendum gives the records round16-nonfail2b-expected.tsv expects" {
	cd "$F"
	records_agree round16-nonfail2b.mbox round16-nonfail2b-expected.tsv writer
	assert_equal "$(grep -c '^From ' round16-nonfail2b.mbox)" 5
	refute_output --regexp 'noc@|ana@|ant-owner@|zoe@example\.org'
}

# Microsoft 365's automatic reply of a shared mailbox named postmaster
# (#1 of the addendum) was soft undefined: the sender's name was the only
# sign of a bounce, and its text's "550 or 5.x.x" bore it out.  With a
# subject that opens with an auto-reply's tag and an Auto-Submitted
# header it is an auto-reply; without the header, or with bounce words
# before the tag (an NDR of an auto-reply), it reads as before.
@test "bounce-round16-nonfail2: a postmaster mailbox's tagged auto-reply is vacation; without Auto-Submitted or under an NDR's subject it is not" {
	cd "$F"
	msg round16-nonfail2b.mbox 1 >"$BATS_TEST_TMPDIR/pm.mbox"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/pm.mbox"
	assert_output $'postmaster@example.net\tundetermined\tvacation'
	cd "$BATS_TEST_TMPDIR"
	grep -v '^Auto-Submitted:' pm.mbox >na.mbox
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason na.mbox
	assert_output $'\tsoft\tundefined'
	sed 's/^Subject: .*/Subject: Undeliverable: Automatic reply: Hello/' pm.mbox >ndr.mbox
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason ndr.mbox
	assert_output $'\tsoft\tundefined'
	sed 's/^Auto-Submitted: .*/Auto-Submitted: no/' pm.mbox >no.mbox
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason no.mbox
	assert_output $'\tsoft\tundefined'
}

# A Gmail vacation reply whose user-written subject opens with a bounce's
# words and whose text says the address is no longer in use (#5 of the
# addendum) was soft suspend: the subject was its only sign and a phrase
# bore it out.  Under an auto-reply's header (Auto-Submitted:
# auto-replied) a phrase alone does not (no copy of the original, no
# code, no notice line) when its sender is no daemon or postmaster and
# its Return-Path is not null: it is an auto-reply, and the new address
# it names in a language notrcpt has no words for is never reported.  A
# code in its text, no such header, a null Return-Path or a sender named
# postmaster reads as before.
@test "bounce-round16-nonfail2: under an auto-reply's header a failure phrase alone does not make a bounce; a code does, and so does the phrase without the header" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' 'From li@example.cn Sun Dec  6 10:00:00 2026' \
	    'From: Li <li@example.cn>' 'To: ana@example.com' \
	    'Subject: Undeliverable soon: my old address' 'Auto-Submitted: auto-replied' \
	    'Content-Type: text/plain; charset=utf-8' '' \
	    '您好，本邮箱已停用，请发送至 wang@example.cn 。' \
	    'This mailbox is no longer in use.' >v.mbox
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason v.mbox
	assert_output $'li@example.cn\tundetermined\tvacation'
	# without the header it is read as a bounce, as before (left: the
	# Chinese "请发送至" before the new address is no notrcpt word, so
	# that address is its recipient; see RESULTS, Round 16 nonfail2)
	grep -v '^Auto-Submitted:' v.mbox >n.mbox
	run -1 deliv-bounce-classify --no-header -o kind,reason n.mbox
	assert_output $'soft\tsuspend'
	sed 's/^This mailbox is no longer in use\./550 5.2.1 This mailbox is no longer in use./' v.mbox >c.mbox
	run -1 deliv-bounce-classify --no-header -o kind,reason c.mbox
	assert_output $'soft\tsuspend'
	# a null Return-Path, or a sender named postmaster, with the same
	# header is a notice as Microsoft's NDRs are (wild14 #20: "Microsoft
	# Outlook <postmaster@...>", Auto-Submitted: auto-replied, prose only)
	sed 's/^To: .*/&\nReturn-Path: <>/' v.mbox >r.mbox
	run -1 deliv-bounce-classify --no-header -o kind,reason r.mbox
	assert_output $'soft\tsuspend'
	sed 's/^From: .*/From: Microsoft Outlook <postmaster@example.cn>/' v.mbox >p.mbox
	run -1 deliv-bounce-classify --no-header -o kind,reason p.mbox
	assert_output $'soft\tsuspend'
}
