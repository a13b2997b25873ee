#!/usr/bin/env bats
# deliv-bounce-classify: replies of providers and gateways with little
# public documentation of their own (Yahoo/AOL, AT&T, iCloud, Proofpoint,
# Barracuda, Comcast, Email Security.cloud, FireEye, Free, GoDaddy, HEY,
# Hostpoint, ImprovMX, Infomaniak, La Poste, MXroute, Mail.ru, Mimecast,
# Orange, Proton Mail, QQ, Rackspace, Rambler, Titan, United Internet,
# Yandex, Zoho) as the smtp.codes catalogue lists them with their meaning
# (Round 7b; tests/fixtures/bounce-writers/catalog-replies.tsv names the
# page of each group).

setup() {
	load lib/helpers
}

@test "bounce-catalog: each provider's reply gets the reason its catalogue entry gives" {
	cd "$FIXTURES/bounce-writers"
	replies_agree catalog-replies.tsv 146
}

# the phrases of this round that open left of a shorter phrase step
# aside where the provider's whole wording is not there: the shorter
# phrase still decides
@test "bounce-catalog: the shorter phrases the catalogue's replies overrule still decide for other wordings" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'policyviolation\t554-Transaction failed 554-Reject due to policy restrictions. 554 For explanation visit https://postmaster.example.net/en/error-messages' \
	    $'mailboxfull\t452 4.2.2 <rcpt@example.net>: Recipient address rejected: Quota exceeded (mailbox for user is full)' \
	    $'mailboxfull\t550 5.2.2 <rcpt@example.net>: Recipient address rejected: Recipient Quota Exceeded' \
	    $'toomanyconn\t421 Connection frequency limited' \
	    $'rejected\t554 5.7.1 <sender@example.org>: Sender address rejected: Access denied' \
	    $'blocked\t554 5.7.1 Service unavailable; Client host [192.0.2.25] blocked using zen.spamhaus.org' \
	    $'securityerror\t530 5.7.0 Authentication required' >others.tsv
	replies_agree others.tsv 7
}
