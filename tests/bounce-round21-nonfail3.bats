#!/usr/bin/env bats
# deliv-bounce-classify: Round 21 (nonfail3, issue #15), a third blind
# batch of whole messages that reach a bounce mailbox and are no delivery
# failure, chosen to look most like failures, each written from its
# writer's documented format, template or source (its X-Test-Source
# header) and committed before the first run (eae3c8f):
# tests/fixtures/bounce-writers/round21-nonfail3.mbox, its expected
# records in round21-nonfail3-expected.tsv (msgno, writer, recipient,
# kind, reason; "#" lines: a blind expectation left, with why).
# Auto-replies in German, Italian, Polish, Chinese, Japanese (ISO-2022-JP),
# French, Spanish and an unmonitored mailbox's; Exchange's and Postfix's
# delay DSNs and Postfix's later success report; an Outlook recall
# request; RFC 3798 "failed" and "denied" MDNs; Barracuda's and Proofpoint
# Essentials' quarantine digests; Mailman 3's moderator request, mlmmj's
# "Post waiting for approval", LISTSERV's command confirmation; OTRS's
# auto reject and RT's "Permission Denied"; an ARF report with the
# recipient redacted; a DMARC aggregate report; two real failures.

setup() {
	load lib/helpers
	F=$FIXTURES/bounce-writers
}

@test "bounce-round21-nonfail3: every message gives the recipient, kind and reason round21-nonfail3-expected.tsv expects" {
	cd "$F"
	records_agree round21-nonfail3.mbox round21-nonfail3-expected.tsv writer
	assert_equal "$(grep -c '^From ' round21-nonfail3.mbox)" 25
}

@test "bounce-round21-nonfail3: only the real failures are hard, only delayed recipients soft, and no address of a body is reported" {
	cd "$F"
	run -1 deliv-bounce-classify --no-header -o msgno,recipient,kind,action round21-nonfail3.mbox
	assert_equal "$(awk -F'\t' '$3 == "hard" { print $1 "\t" $2 }' <<<"$output" | tr '\n' ' ')" \
	    "24	ned@example.co.uk 25	oda@example.org "
	# every soft record is a group its DSN says is delayed
	assert_equal "$(awk -F'\t' '$3 == "soft" && $4 != "delayed"' <<<"$output")" ""
	assert_equal "$(awk -F'\t' '$3 == "soft"' <<<"$output" | wc -l)" 3
	# colleagues and help addresses auto-replies name, digests' senders,
	# a held post's sender, the list, the queue a request was sent to
	refute_output --regexp '(mara\.muster|ufficio\.acquisti|biuro|wang|sato|accueil|help|soporte|promo|info|mailer|offers|zed|team-owner|chess|it-helpdesk|bounces)@'
	refute_output --regexp 'postmaster@relay|ana@example\.com|news@'
}

# Barracuda's "Quarantine Summary for bounces@news.example.com" (#15) was
# a bounce by its subject's "bounce" inside the address it names, and
# the digest's senders soft failures.  An address is no word of the
# subject; the subject's own words still count.
@test "bounce-round21-nonfail3: a subject's bounce word inside an address it names is no sign of a bounce; its own words are" {
	cd "$F"
	msg round21-nonfail3.mbox 15 >"$BATS_TEST_TMPDIR/q.mbox"
	cd "$BATS_TEST_TMPDIR"
	run -0 deliv-bounce-classify --no-header -o recipient,kind,reason q.mbox
	assert_output $'\tnone\t'
	sed 's/^Subject: .*/Subject: Quarantine Summary for <postmaster@news.example.com>/' q.mbox >p.mbox
	run -0 deliv-bounce-classify --no-header -o recipient,kind,reason p.mbox
	assert_output $'\tnone\t'
	sed 's/^Subject: .*/Subject: Undelivered: Quarantine Summary for bounces@news.example.com/' q.mbox >u.mbox
	run -1 deliv-bounce-classify --no-header -o kind u.mbox
	assert_line 'soft'
	sed 's/^Subject: .*/Subject: bounces: Quarantine Summary/' q.mbox >b.mbox
	run -1 deliv-bounce-classify --no-header -o kind b.mbox
	assert_line 'soft'
}

# A delay notice (#10: pia delayed, ray delayed) and the later success
# report for pia (#11, Action relayed): with --soft-limit 1 pia was
# suppressed, "soft" with the success's reason "delivered".  A soft
# bounce that a later success report answers does not count; one after
# the success does, and the reason shown is the soft bounce's.
@test "bounce-round21-nonfail3: a soft bounce that a later success report answers does not count toward suppression" {
	cd "$F"
	msg round21-nonfail3.mbox 10 >"$BATS_TEST_TMPDIR/d.mbox"
	msg round21-nonfail3.mbox 11 >"$BATS_TEST_TMPDIR/s.mbox"
	cd "$BATS_TEST_TMPDIR"
	run -1 deliv-bounce-classify --now 2026-12-08 --db a.db d.mbox s.mbox
	run -0 deliv-bounce-classify --now 2026-12-08 --soft-limit 1 --db a.db --suppressed --no-header -o recipient,why,reason
	assert_output $'ray@example.org\tsoft\texpired'
	run -0 deliv-bounce-classify --now 2026-12-08 --soft-limit 1 --db a.db --filter --no-header -o recipient <<<$'pia@example.org\nray@example.org'
	assert_output 'pia@example.org'
	# the success before the delay answers nothing
	sed 's/^Date: .*/Date: Mon, 7 Dec 2026 08:00:00 +0000 (UTC)/' s.mbox >e.mbox
	run -1 deliv-bounce-classify --now 2026-12-08 --db b.db e.mbox d.mbox
	run -0 deliv-bounce-classify --now 2026-12-08 --soft-limit 1 --db b.db --suppressed --no-header -o recipient,why,reason
	assert_output $'pia@example.org\tsoft\texpired\nray@example.org\tsoft\texpired'
}
