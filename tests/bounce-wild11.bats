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
	run_once -1 deliv-bounce-classify --no-header wild11.mbox
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

# A notice that lists its recipients and gives each one's reply further
# on (Exchange 2007 and later: the list, then "Diagnostic information
# for administrators:" with "Remote Server returned '...'" per
# recipient) gives each recipient the reply of its later place too: the
# words the recipients share leave every entry's lines out, so the
# reply was read nowhere (was: soft undefined for both; wild11.mbox #1)
@test "bounce-wild11: a recipient's reply in a later entry of the notice is its own" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' 'From MAILER-DAEMON Sun Dec  6 05:00:00 2026' \
	    'From: Microsoft Outlook <postmaster@example.org>' \
	    'To: ana@example.org' 'Subject: Undeliverable: Hello' '' \
	    'Delivery has failed to these recipients or groups:' '' \
	    'bob@example.net' "Your message couldn't be delivered." '' \
	    'carl@example.net' "Your message couldn't be delivered." '' '' \
	    'Diagnostic information for administrators:' '' \
	    'Generating server: mx.example.org' '' \
	    'bob@example.net' "Remote Server returned '552 5.2.2 mailbox full; quota exceeded'" '' \
	    'carl@example.net' "Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'" '' \
	    'Original message headers:' '' \
	    'To: bob@example.net, carl@example.net' >n.mbox
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason n.mbox
	assert_equal "$output" "$(printf 'bob@example.net\tsoft\tmailboxfull\ncarl@example.net\thard\tuserunknown')"
}
