#!/usr/bin/env bats
# deliv-bounce-classify on the other failure notices of the development
# corpus's thin writer families (issue #15, round 10 "fam"): Courier,
# amavisd-new, Lotus Domino, Exchange 2003, MailMarshal, McAfee,
# SurfControl, MXLogic, GMX, SendGrid, Amazon SES, Zoho and more, each
# notice written blind from the writer's own source, templates or
# documentation for a reason the corpus's file of that family does not
# show.  tests/fixtures/bounce-classify/families.tsv holds the expected
# record of each notice of families.mbox ("#" lines: misses left, with
# their reason); each test asserts, per message of its batch, the exact
# recipients, kind and reason ("recipient/kind/reason", space-joined in
# the order reported).

setup() {
	load lib/helpers
	cd "$FIXTURES/bounce-classify"
	run_once -1 deliv-bounce-classify --no-header families.mbox
	OUT=$(cols -t bounce-classify msgno,recipient,kind,reason |
	    awk -F'\t' -v OFS='\t' '{ print $1, $2, $3 "/" $4 }')
}

# expect FIRST LAST: families.tsv's lines for messages FIRST..LAST, as rk
# prints them; msgs FIRST LAST: the message numbers it expects there.
expect() {
	batch_expect families.tsv "$1" "$2" 3
}

msgs() {
	batch_msgs families.tsv "$1" "$2"
}

@test "bounce-families: batch 1 (Courier, amavisd-new, Domino, Exchange 2003, MailMarshal, McAfee, SurfControl, MXLogic, GMX, SendGrid, SES, Zoho)" {
	[[ $(msgs 1 32 | wc -l) -ge 28 ]]
	assert_equal "$(rk $(msgs 1 32))" "$(expect 1 32)"
}

@test "bounce-families: batch 2 (Courier, amavisd-new, Domino, Exchange 2003, 1&1, GMX, SurfControl, McAfee, MailMarshal, SendGrid, SES, Zoho, PowerMTA, InterScan)" {
	[[ $(msgs 33 56 | wc -l) -ge 20 ]]
	assert_equal "$(rk $(msgs 33 56))" "$(expect 33 56)"
}

@test "bounce-families: batch 3 (Exchange 2003's own texts, old Sendmail V5, MailFoundry, m-FILTER, Notes R5, Courier, GMX, PowerMTA, 1&1)" {
	[[ $(msgs 57 69 | wc -l) -ge 10 ]]
	assert_equal "$(rk $(msgs 57 69))" "$(expect 57 69)"
}

@test "bounce-families: batch 4 (the \"Mail System Error - Returned Mail\" template of ezweb and others)" {
	[[ $(msgs 70 72 | wc -l) -ge 3 ]]
	assert_equal "$(rk $(msgs 70 72))" "$(expect 70 72)"
}

@test "bounce-families: a record for every notice, no other" {
	assert_equal "$(cut -f1 <<<"$OUT" | sort -un | wc -l)" "$(grep -c '^From MAILER-DAEMON ' families.mbox)"
}

@test "bounce-families: the mta column names the writers whose fingerprints this round added" {
	# data/bounce-mta.tsv: SendGrid's DSN fields, MailMarshal's .mml
	# MessageName, Domino's "DELIVERY FAILURE:" subject before Exchange
	# 5.5-2003's "did not reach the following recipient(s)", PowerMTA's,
	# MailFoundry's and m-FILTER's words, Zoho's "[Status: Error, Address:"
	run -1 deliv-bounce-classify -o msgno,mta families.mbox
	assert_equal "$(cols msgno,mta |
	    awk -F'\t' '$1 == 9 || $1 == 13 || $1 == 16 || $1 == 27 || $1 == 31 || $1 == 54 || $1 == 62 || $1 == 64 || $1 == 65' |
	    tr '\t\n' ': ')" "9:domino 13:exchange 16:mailmarshal 27:sendgrid 31:zoho 54:powermta 62:mailfoundry 64:mfilter 65:domino "
}
