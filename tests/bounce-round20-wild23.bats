#!/usr/bin/env bats
# deliv-bounce-classify: Round 20 (wild23, issue #15), exact failed-
# recipient sets and address precision on 14 real notices that public
# pages quote (an ISP's help page, Microsoft KB articles and a Microsoft
# team blog, IT blogs, a university help page, a list's FAQ, the
# mdaemon-l and Mailman-Users archives, a GitHub issue), none used by an
# earlier fixture, written with their expected records and committed
# before the first run (a3583c7):
# tests/fixtures/bounce-writers/round20-wild23.mbox, its expected
# records in round20-wild23-expected.tsv (msgno, mta, recipient, kind,
# reason; the sources in its head).
#   1     Sendmail 8.8 (1997), the text and DSN fields run together
#   2-3   Exchange 5.5 MTA and Exchange 2000 X.400 NDRs naming display
#         names only
#   4-6   Exchange 2003 NDRs (a display name with #5.2.2; #5.1.x; #5.5.0)
#   7-8   the Windows SMTP delay notice, then Exchange 2003's #4.4.7 NDR
#   9     Exchange 2007 NDR with no recipient line
#   10-13 Postfix: maildrop over quota; an archive-scrubbed bounce; a
#         delay line (Yahoo TS01); DSN fields only (sender verify failed)
#   14    qmail-send bounce of ezmlm-reject (MIME type refused, #5.2.3)

setup() {
	load lib/helpers
}

@test "round20-wild23: every notice gives the recipients, kinds, reasons and writer round20-wild23-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round20-wild23.mbox round20-wild23-expected.tsv
}

@test "round20-wild23: no sender, display name, placeholder or postmaster address is reported" {
	cd "$FIXTURES/bounce-writers"
	assert_equal "$(grep -c '^From MAILER-DAEMON ' round20-wild23.mbox)" 14
	run -1 deliv-bounce-classify --no-header -o msgno,recipient,matched round20-wild23.mbox
	refute_output --regexp $'\t(support|sbsuser|sender|partner|member|list-bounces|you|postmaster)@'
	# display names (2, 3, 4), no recipient line (9), scrubbed (11), no
	# qmail address line (14): one record each, no recipient
	assert_equal "$(grep -P '^\d+\t\t' <<<"$output" | cut -f1 | tr '\n' ' ')" "2 3 4 9 11 14 "
	assert_equal "$(grep -c 'no failed address named' <<<"$output")" 6
}
