#!/usr/bin/env bats
# deliv-bounce-classify: Round 22 (thin2, issue #15), second and third
# notices, for causes their earlier fixtures lack, of commercial and
# closed writers data/bounce-mta.tsv names but fixtures cover thinly:
# 16 whole notices, committed before their first run:
# tests/fixtures/bounce-writers/round22-thin2.mbox, its expected records
# in round22-thin2-expected.tsv (msgno, mta, recipient, kind, reason; the
# sources in its head and each notice's X-Test-Source).
#   1-2    SmarterMail: no MX records; domain size limit and a spam refusal
#   3-4    XMail: exceeded storage allocation; relay access denied
#   5-6    MailEnable: mailbox full; a spam refusal naming no address
#   7-8    MailFoundry: a size refusal; a DNSBL block
#   9      CommuniGate Pro: size and relay, two members
#   10-11  MDaemon: a spam refusal after DATA; a delay, mailbox full
#   12     Kerio Connect: quota exceeded
#   13     IceWarp: a domain with no MX or A record (a documented miss)
#   14     AsyncOS's wording behind X-Barracuda- headers: spam
#   15-16  mail.ru (Exim): retry timeout; Zoho: Exchange Online's quota

setup() {
	load lib/helpers
}

@test "round22-thin2: every notice gives the recipients, kinds, reasons and writer round22-thin2-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round22-thin2.mbox round22-thin2-expected.tsv
}
