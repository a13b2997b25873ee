#!/usr/bin/env bats
# deliv-bounce-classify: Round 20 (wild24, issue #15), a blind batch of
# receivers' and relays' replies as users of mail-sending applications
# and libraries (Odoo, Frappe, femanager, Strapi, Gitea, Authelia,
# gophish, Magento SMTP Pro, ESP-Mail-Client, gomail, Rails apps, mailcow
# and Mailu users) pasted them into public issue threads, written and
# committed before the first run (8b20005; part B, two lines, c32c296):
# tests/fixtures/bounce-writers/round20-wild24.tsv; the replies left
# wrong are "#" lines there with why.  Each reply gets its reason, and
# the kind data/reasons.tsv gives that reason (bycode: soft for a 4xx
# reply or a 4.x.x status, else hard).

setup() {
	load lib/helpers
}

@test "bounce-round20-wild24: each reply from a sending application's thread gets the reason and kind its writer means (round20-wild24)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round20-wild24.tsv 8
	kinds_agree round20-wild24.tsv
}
