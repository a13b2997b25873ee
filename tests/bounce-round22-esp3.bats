#!/usr/bin/env bats
# deliv-bounce-classify: Round 22 (esp3, issue #15), exact failed-
# recipient sets and address precision on notices that sending
# platforms and SaaS senders mail back to a sender's, agent's or
# account holder's mailbox (not webhooks): 14 whole notices learned from
# the platforms' own help pages (Freshdesk 226163, ezyVet's bounce
# guide, Amazon SES's suppression list and SendBounce reference,
# SendGrid's notice, sweap.io's Mailjet page, paysubsonline's "Bounced
# emails", SocketLabs' NDR and bounce-domain pages, Mandrill's "About
# Bounces" and a Zapier template, Elastic Email's bounce categories;
# each X-Test-Source says what was read and what recalled), committed
# before their first run: tests/fixtures/bounce-writers/round22-esp3.mbox,
# its expected records in round22-esp3-expected.tsv (msgno, mta,
# recipient, kind, reason; the sources and documented misses in it).
# Contact, help, support, admin, postmaster and unsubscribe addresses
# in the prose (#1, #3, #4, #8-#10, #13, #14) and a CC named as
# delivered (#2) are no failed recipients; #1-#4, #8, #9, #12-#14 name
# the failed address only in their text.

setup() {
	load lib/helpers
}

@test "round22-esp3: every notice gives the recipients, kinds, reasons and writer round22-esp3-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round22-esp3.mbox round22-esp3-expected.tsv
}
