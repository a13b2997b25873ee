#!/usr/bin/env bats
# deliv-bounce-classify: Round 18 (wild19, issue #15), a blind batch of
# replies and failure texts of European and Latin-American providers and
# hosts as their own help, postmaster and FAQ pages or their users' posts
# quote them (Infomaniak, Gandi, Proximus, Ghent University, weboke,
# one.com, kei.pl, eomatica, claveweb, universonet, coviserver), written
# and committed before the first run (1a40543):
# tests/fixtures/bounce-writers/round18-wild19.tsv; the replies left wrong
# are "#" lines there with why.  Each reply gets its reason, and the kind
# data/reasons.tsv gives that reason (bycode: soft for a 4xx reply or a
# 4.x.x status, else hard).

setup() {
	load lib/helpers
}

@test "bounce-round18-wild19: each provider's or host's reply gets the reason and kind its writer's page gives (round18-wild19)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round18-wild19.tsv 12
	kinds_agree round18-wild19.tsv
}

# the new phrases' neighbours: Gandi's RULE3_2 and other policy refusals
# stay policyviolation, qmail-ldap's disabled address stays suspend, a
# Postfix unknown user, a bare "spam detected", a throttled sender, too
# many connections and a DNSBL block keep their reasons
@test "bounce-round18-wild19: the wordings next to round18-wild19's phrases keep their older reasons" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'policyviolation\t550 5.7.1  Reject for policy reason RULE3_2. See http://postmaster.gandi.net' \
	    $'policyviolation\t550 5.7.1 Message rejected for policy reasons' \
	    $'suspend\tMailaddress is administratively disabled. (#5.2.1)' \
	    $'userunknown\t550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown in virtual mailbox table' \
	    $'spamdetected\t550 spam detected' \
	    $'speeding\t452 Sender is throttled' \
	    $'toomanyconn\t421 4.7.0 mx.example.net Error: too many connections from 198.51.100.10' \
	    $'blocked\t554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org' >others.tsv
	replies_agree others.tsv 8
	kinds_agree others.tsv
}
