#!/usr/bin/env bats
# deliv-bounce-classify: Round 21 (carriers, issue #15): mobile carriers'
# email-to-SMS/MMS gateways and mail systems as the remote host or the
# writer, 19 whole messages to an ordinary sender, each carrier wording
# one a public page or thread quotes (named in its X-Test-Source),
# committed before their first run:
# tests/fixtures/bounce-writers/round21-carriers.mbox and its expected
# records in round21-carriers-expected.tsv (msgno, writer, recipient,
# kind, reason; the causes in its head).
#   1-3    Sprint, Rogers, Nextel gateways gone from the DNS (Postfix,
#          Exim, Sendmail)
#   4      AT&T txt.att.net, a ten-digit number address only
#   5      Gmail for Wind Mobile's gateway (relaying denied)
#   6-8    T-Mobile tmomail.net: SendGrid's DSN, "544 rejecting banned
#          content", a delay for "421 4.2.0 sender rejected AUP#SNDR"
#   9      Sprint's hourly limit (Sendmail's 4-hour warning)
#   10-15  AT&T's mail system (BellSouth, Worldnet replies)
#   16-19  no failure: texts from Verizon, Sprint and Optus phones, a
#          success DSN relayed to vtext.com

setup() {
	load lib/helpers
}

# One run: the records (msgno, recipient, kind, reason) are the expected
# file's, and the mta column is its writer column on every line whose
# writer is not a "-reply" (no bounce, a writer named for people).
@test "round21-carriers: every message gives the recipients, kinds, reasons and writer round21-carriers-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	run -1 deliv-bounce-classify --no-header -o msgno,recipient,kind,reason,mta round21-carriers.mbox
	assert_equal "$(cut -f1-4 <<<"$output")" \
	    "$(awk -F'\t' '!/^#/ && NF >= 4 { print $1 "\t" $3 "\t" $4 "\t" $5 }' round21-carriers-expected.tsv)"
	assert_equal "$(paste <(grep -v '^#' round21-carriers-expected.tsv | cut -f2) <(cut -f5 <<<"$output") |
	    awk -F'\t' '$1 !~ /-reply$/ && $1 != $2 { print NR ": " $1 " -> " $2 }')" ""
}
