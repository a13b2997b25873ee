#!/usr/bin/env bats
# deliv-bounce-classify: Round 18 (wild20, issue #15), exact failed-
# recipient sets and address precision on 14 real notices quoted on
# public pages (issue threads of mail and other software, a provider's
# help page, Microsoft's knowledge base), none used by an earlier
# fixture, written with their expected records and committed before the
# first run (c94621c): tests/fixtures/bounce-writers/round18-wild20.mbox,
# its expected records in round18-wild20-expected.tsv (msgno, mta,
# recipient, kind, reason; the sources in its head; "#" lines: a blind
# expectation relabelled or kept as a miss, with why).
#   1, 10-11  Exim (a list's subscribe address, Unrouteable address,
#             retry timeout exceeded with its DSN)
#   2         qmail (the address line not in the quote: no recipient)
#   3-4       Gmail's old text (NXDOMAIN; a "%20" local part)
#   5         Postfix DSN; 6 Sendmail expiry
#   7-8       Windows SMTP / Exchange 2003 and Exchange 2010+ delays
#   9         Hotmail's 2008 DSN
#   12-14     Exchange 5.x (IMC Host Unknown, Recipient Not Found; the
#             MTA naming the recipient by display name only)

setup() {
	load lib/helpers
}

# notice FILE FROM SUBJECT BODY [HEADER...]: a text/plain notice.
notice() {
	local file=$1 from=$2 subj=$3 body=$4
	shift 4
	printf '%s\n' 'From MAILER-DAEMON Sun Dec  6 10:00:00 2026' \
	    "From: $from" 'To: staff@example.co.uk' "Subject: $subj" "$@" \
	    'MIME-Version: 1.0' 'Content-Type: text/plain; charset=utf-8' \
	    '' "$body" >"$file"
}

@test "round18-wild20: every notice gives the recipients, kinds, reasons and writer round18-wild20-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round18-wild20.mbox round18-wild20-expected.tsv
}

@test "round18-wild20: no sender, Cc, returned To or Exchange system address is reported" {
	cd "$FIXTURES/bounce-writers"
	assert_equal "$(grep -c '^From MAILER-DAEMON ' round18-wild20.mbox)" 14
	run -1 deliv-bounce-classify --no-header -o recipient round18-wild20.mbox
	refute_output --regexp '(karsten|wolf|thufir|guderian|peter|marc|client|staff|sender|user|pat|lee|noer|maintainers|sodium-subscribe|recipient\.name|microsoftexchange[0-9a-f]+|postmaster)@'
	# no recipient where the notice names none: qmail's address line is
	# not in the quote (2), the "%20" address (4, a miss kept), Exchange
	# 5.5's display name (14)
	run -1 deliv-bounce-classify --no-header -o msgno,recipient,matched round18-wild20.mbox
	assert_equal "$(grep -P '^\d+\t\t' <<<"$output" | cut -f1 | tr '\n' ' ')" "2 4 14 "
	assert_equal "$(grep -c 'no failed address named' <<<"$output")" 3
}

# Exchange 2007 and later: the delay DSN's subject "Delivery delayed:"
# is a sign of a bounce, so that one from the Microsoft Exchange
# recipient (no postmaster by name) under Auto-Submitted: auto-replied
# is no auto-reply; the subject alone shows nothing
@test "round18-wild20: Exchange's \"Delivery delayed:\" subject makes a delay notice a bounce, never by itself" {
	cd "$BATS_TEST_TMPDIR"
	local from='Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@example.co.uk>'
	notice d.mbox "$from" 'Delivery delayed:Quarterly figures' "$(printf '%s\n' \
	    'Delivery is delayed to these recipients or groups:' '' 'partner@example.org' '' \
	    "The message hasn't been delivered yet.  Delivery will continue to be attempted.")" \
	    'Auto-Submitted: auto-replied' 'Return-Path: <>'
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason,mta d.mbox
	assert_output $'partner@example.org\tsoft\texpired\texchange'
	# a shop's notice with the same subject words and no failure
	notice s.mbox 'Shop <orders@shop.example>' 'Delivery delayed: your parcel' \
	    'Your parcel will arrive on Monday.'
	run -0 deliv-bounce-classify --no-header -o kind s.mbox
	assert_output none
}

# Exchange 5.x's Internet Mail Connector: its MSEXCH:IMC diagnostic under
# "The recipient name is not recognized" decides (KB Q168557)
@test "round18-wild20: Exchange 5.x IMC's \"Host Unknown\" diagnostic is hostunknown, other diagnostics stay userunknown" {
	cd "$BATS_TEST_TMPDIR"
	local d
	for d in 'MSEXCH:IMC:EXAMPLE:SITE:SRV1 3902 Host Unknown/hostunknown' \
	    'MSEXCH:IMC:EXAMPLE:SITE:SRV1 0 (000C05A6) Unknown Recipient/userunknown'; do
		notice x.mbox 'System Administrator <postmaster@example.com>' 'Undeliverable: hello there' \
		    "$(printf '%s\n' 'Your message did not reach some or all of the intended recipients.' '' \
		    'The following recipient(s) could not be reached:' '' \
		    "      'bob@junk.example.ca' on 3/27/97 11:18 AM" \
		    '            The recipient name is not recognized' "            ${d%/*}")"
		run -1 deliv-bounce-classify --no-header -o recipient,kind,reason x.mbox
		assert_output "bob@junk.example.ca	hard	${d#*/}"
	done
}
