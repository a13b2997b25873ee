#!/usr/bin/env bats
# deliv-bounce-classify: Round 20 (exo, issue #15), bounces nobody here
# had seen: 18 whole non-delivery reports and delay notices written by
# Microsoft Exchange Server (2007-2019) and Exchange Online in German,
# French, Spanish, Italian, Dutch, Portuguese, Polish, Swedish,
# Japanese, Chinese, Russian, Czech and Turkish, to a mailing list's
# bounce address (mylist-bounces@lists.example.org or its VERP form),
# each returning a post with the list's headers, the poster, Reply-To
# the list and Cc colleagues; committed before the first run (dbf3650):
# tests/fixtures/bounce-writers/round20-exo.mbox, its expected records
# in round20-exo-expected.tsv (msgno, mta, recipient, kind, reason; the
# sources and the first-run score in its head).
#   1-2    Exchange 2010/2013 text+HTML (German), HTML only (French)
#   3, 6   Exchange Online's enhanced NDR (Spanish, Portuguese)
#   4, 12  text only, no DSN part (Italian Exchange 2016; Czech
#          Exchange Online, 5.4.1 Directory Based Edge Blocking)
#   5, 7-8 Exchange Online classic NDR (Dutch 5.7.1 AuthRequired,
#          Polish 5.7.708, Swedish 5.7.750)
#   9-11   base64 (Japanese 5.2.1, Chinese 5.4.14, Russian 4.4.7)
#   13     Turkish 5.7.1 transport rule, 14-15 delay notices (German
#          Exchange 2010, French Exchange Online), 16 two recipients
#          (Spanish), 17 Exchange 2007's short NDR (Dutch), 18 Swedish
#          5.7.1 NotAuthorized

setup() {
	load lib/helpers
}

@test "round20-exo: every notice gives the recipients, kinds, reasons and writer round20-exo-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round20-exo.mbox round20-exo-expected.tsv
}

# The list's own addresses (mylist@, mylist-bounces[+VERP]@,
# mylist-request@), the poster, the Cc colleagues (some at the failed
# member's own domain), the editor named in the post's body and the
# "sender address" of Exchange Online's details are never a failed
# recipient; the notices with no DSN part name their member from the
# localized text alone.
@test "round20-exo: no list, poster, Cc or sender-address is reported; text-only notices name the member" {
	cd "$FIXTURES/bounce-writers"
	run -1 deliv-bounce-classify --no-header -o msgno,recipient,mta round20-exo.mbox
	refute_output --regexp '(mylist|mylist-bounces[^@]*|mylist-request|ingrid|pavel|rafael|greta\.lang|jorge\.ruiz|ana\.costa|kenji\.mori|tomas\.kral|elena\.cruz|karin\.ek|postmaster|mailer-daemon)@'
	assert_equal "$(grep -c '^From MAILER-DAEMON ' round20-exo.mbox)" 18
	assert_equal "$(grep -c -P '^\d+\t\t' <<<"$output")" 0
	assert_line $'4\tmarco.rossi@example.it\texchange'
	assert_line $'12\tjana.dvorakova@example.cz\toffice365'
	# an on-premises server that quotes an Exchange Online host in its
	# reply (#10's "[...prod.exchangelabs.com]") is still Exchange
	assert_line $'10\twang.li@example.cn\texchange'
}
