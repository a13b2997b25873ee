#!/usr/bin/env bats
# deliv-bounce-classify: Round 13 (wild11), a blind batch of real
# notices that name several failed recipients, quoted whole in public
# places: Office 365's NDR for two groups with one shared reason quoted
# per recipient, Exchange 2003's NDR naming two recipients by display
# name only, OpenSMTPD 5.7's notice that heads a failed recipient with
# "successfully delivered".  tests/fixtures/bounce-classify/wild11.tsv
# holds the expected records ("#" lines: the blind expectation of a miss
# left, with why); each test asserts, per message, the exact recipients
# and kinds ("recipient/kind", space-joined in the order reported; an
# empty recipient: a notice naming no failed address).

setup() {
	load lib/helpers
	cd "$FIXTURES/bounce-classify"
	run -1 deliv-bounce-classify --no-header wild11.mbox
	ALL=$output
	OUT=$(cols -t bounce-classify msgno,recipient,kind)
}

@test "bounce-wild11: notices 1-4 (Office 365's two groups, Exchange 2003's display names, OpenSMTPD's \"successfully delivered\" heading)" {
	[[ $(batch_msgs wild11.tsv 1 4 | wc -l) -eq 4 ]]
	assert_equal "$(rk $(batch_msgs wild11.tsv 1 4))" "$(batch_expect wild11.tsv 1 4 2)"
}

@test "bounce-wild11: the reasons of the batch, as wild11.tsv expects them" {
	output=$ALL
	assert_equal "$(cols -t bounce-classify msgno,recipient,reason)" \
	    "$(awk -F'\t' '!/^#/ && NF >= 5 { print $1 "\t" $3 "\t" $5 }' wild11.tsv)"
}

@test "bounce-wild11: a record for every notice, and no sender, display name or redacted local part is reported" {
	output=$ALL
	assert_equal "$(cols -t bounce-classify msgno | sort -un | wc -l)" "$(grep -c '^From MAILER-DAEMON ' wild11.mbox)"
	assert_equal "$(cols -t bounce-classify recipient | grep -Eic 'sender@|user@|contoso|\*\*\*|User1|User2')" 0
}
