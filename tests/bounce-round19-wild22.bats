#!/usr/bin/env bats
# deliv-bounce-classify: Round 19 (wild22, issue #15), exact failed-
# recipient sets and address precision on 10 real notices that public
# mailing-list archives, forum threads and a knowledge-base article
# quote, none used by an earlier fixture, written with their expected
# records and committed before the first run (66d5fd7):
# tests/fixtures/bounce-writers/round19-wild22.mbox, its expected
# records in round19-wild22-expected.tsv (msgno, mta, recipient, kind,
# reason; the sources in its head; "#" lines: a blind expectation
# relabelled or kept as a miss, with why).
#   1-3   ZMailer at vger.kernel.org (a blackhole list's refusal, amavisd's
#         BAD_HEADER, 8-bit data refused under a 5.1.1 status)
#   4     Sendmail DSN, two recipients, one of them only in the DSN part
#   5     a hosting provider's "MESSAGE NOT DELIVERED" as Gmail forwarded
#         it, 24 Cc addresses in the returned headers
#   6-8   InterMail ("Mail System Error - Returned Mail"): host not found,
#         over quota with X-Actual-Recipient, a relayed rejection
#   9     Gmail's delay notice for an address at a bare IP literal
#   10    Exchange 4.0 / Microsoft Mail for AppleTalk NDR naming a display
#         name only

setup() {
	load lib/helpers
}

@test "round19-wild22: every notice gives the recipients, kinds, reasons and writer round19-wild22-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round19-wild22.mbox round19-wild22-expected.tsv
}

@test "round19-wild22: no sender, Cc, list, postmaster or internal mailbox address is reported" {
	cd "$FIXTURES/bounce-writers"
	assert_equal "$(grep -c '^From MAILER-DAEMON ' round19-wild22.mbox)" 10
	run -1 deliv-bounce-classify --no-header -o msgno,recipient,matched round19-wild22.mbox
	refute_output --regexp '(oleg|masaru|chris|reiserfs-list|cl|akpm|davem|ed|ms|ij|gkh|stable|stable-commits|jhs|gene|anton|usr3189|nigel|someone|solidus|linux-kernel-owner|majordomo|postmaster|mailer-daemon)@'
	# Exchange's display name (10) gives one record, no recipient
	assert_equal "$(grep -P '^\d+\t\t' <<<"$output" | cut -f1 | tr '\n' ' ')" "10 "
	assert_equal "$(grep -c 'no failed address named' <<<"$output")" 1
}
