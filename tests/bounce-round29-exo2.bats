#!/usr/bin/env bats
# deliv-bounce-classify: Round 29 (exo2, issue #15), a blind batch of
# Exchange Online's and Exchange Server's own replies whose codes or
# texts the fixtures lacked (MTA-STS 4.4.8/5.4.8 and 4.7.5/5.7.5,
# 4.4.317 UntrustedRoot, 5.2.122, TERRL 5.7.232/233/236, 5.7.703's
# newer wording, 5.1.20, 5.7.367, the 4.4.7 recipient-lookup failure,
# STOREDRV and APPROVAL exceptions, "Blocked by Customer Allow list",
# Exchange Server's 5.1.6/5.3.0/5.3.2, the SMTP AUTH continuous-error
# throttles 5.2.251-255, mail flow intelligence's 4.4.315/4.4.318/
# 4.7.320), each from Microsoft's own page or a real copy on Microsoft
# Q&A, written and committed before the first run:
# tests/fixtures/bounce-writers/round29-exo2-prov.tsv (named so that
# bench/bounce-blind.sh's round*-prov*.tsv glob counts it; the sources
# and readings in its head); replies left wrong are "#" lines there,
# with why.  Each reply gets its reason, and the kind data/reasons.tsv
# gives that reason (bycode: soft for a 4xx reply or a 4.x.x status,
# else hard).
# And whole Exchange Online NDRs in the form Microsoft's pages quote
# (round29-exo2.mbox, the expected records in round29-exo2-expected.tsv:
# msgno, mta, recipient, kind, reason; the sources in its head and in
# each notice's X-Test-Source):
#   1  550 5.7.193, a Microsoft 365 group refusing external senders
#   2  550 5.2.0 RESOLVER.ADR.BadPrimary, an external contact
#   3  the aggregate group mailbox full, address and text on one line
#   4  554 5.2.2, a mail-enabled public folder over quota
#   5  550 5.7.233, the tenant's external recipient limit, two recipients

setup() {
	load lib/helpers
}

@test "round29-exo2: each Exchange reply gets the reason and kind Microsoft's page gives (round29-exo2-prov)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round29-exo2-prov.tsv 25
	kinds_agree round29-exo2-prov.tsv
}

@test "round29-exo2: every Exchange Online NDR gives the recipients, kinds, reasons and writer round29-exo2-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round29-exo2.mbox round29-exo2-expected.tsv
}

@test "round29-exo2: the wordings next to round29-exo2's phrases keep their older reasons" {
	# soft.txt's lines 448 ("cannot connect") and 499 ("unable to
	# relay") now leave Exchange's "[Message=UntrustedRoot]" and EOP's
	# "Blocked by Customer Allow list"; their other wordings, and the
	# older 5.7.703 and block list wordings, are read as before
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'networkerror\t450 4.4.317 Cannot connect to remote server(421 4.2.1 Unable to connect)' \
	    $'networkerror\t451 4.4.0 Cannot connect to mx.example.net: Connection refused' \
	    $'norelaying\t550 5.7.1 Unable to relay' \
	    $'norelaying\t554 5.7.1 <bob@example.net>: Unable to relay for bob@example.net' \
	    $'policyviolation\t550 5.7.703 Your message can\'t be delivered because one or more recipients are blocked by your organization\'s tenant recipient block policy' \
	    $'blocked\t554 5.7.1 Service unavailable; Client host [192.0.2.7] blocked using Spamhaus block list' >others.tsv
	replies_agree others.tsv 6
	kinds_agree others.tsv
}
