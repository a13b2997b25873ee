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
