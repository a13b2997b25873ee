#!/usr/bin/env bats
# deliv-bounce-classify: Round 24 (fam10, issue #15), the development
# corpus's local-MTA writer families (Postfix, Exim, OpenSMTPD, dma,
# Courier, fml) on causes their fixtures lacked, every text read in the
# writer's own source, committed before their first run:
# tests/fixtures/bounce-writers/round24-fam10.mbox, its expected records
# in round24-fam10-expected.tsv (msgno, mta, recipient, kind, reason; the
# sources in its head).
#   1-5    Postfix: local(8) "File too large" (mailbox_size_limit),
#          smtp(8) SIZE limit, qmgr "mail transport unavailable" (delay),
#          pipe(8) EX_UNAVAILABLE, a greeting timeout (delay)
#   6-7    Exim: null MX, all hosts failing past the retry cutoff
#   8-10   OpenSMTPD: "Domain does not exist", "Domain does not accept
#          mail", "Temporary failure in MX lookup" (delay)
#   11-12  dma: a STARTTLS-only server's 530 to MAIL FROM, relay denied
#   13-15  Courier: "No such domain.", "Domain does not receive mail.",
#          the local "Mail loop - already have my Delivered-To: header."
#   16-18  fml 4.0 and fml8: a non-member's post, a post too big; no
#          failed address in the notice (empty-recipient records)

setup() {
	load lib/helpers
}

@test "round24-fam10: every local-MTA notice gives the recipients, kinds, reasons and writer round24-fam10-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round24-fam10.mbox round24-fam10-expected.tsv
}
