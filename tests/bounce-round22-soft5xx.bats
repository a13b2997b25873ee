#!/usr/bin/env bats
# deliv-bounce-classify: Round 22 (soft5xx, issue #15), a precision
# batch: 27 single-reply notices of ordinary writers (Postfix, Exim,
# Sendmail, Exchange Server and Exchange Online, Gmail) whose quoted
# reply's code and meaning disagree: temporary conditions said with 5xx
# (a recipient rate limit, full mailboxes with 550/552/554 and a delivery
# command's EX_UNAVAILABLE, disabled mailboxes, DNSBL and reputation
# blocks worded "Service unavailable" or "permanently deferred", a sender
# rate limit, "too busy", greylisting, Exchange's "550 4.4.7") and
# permanent ones said with 4xx (450 4.1.1 "User unknown" from sites with
# soft_bounce or a 450 reject code, Postfix's unverified-recipient 450).
# Learned from Google's SMTP error table, Microsoft Learn's NDR pages,
# postconf(5), postscreen(8), ADDRESS_VERIFICATION_README, the Exim
# specification's ACL examples, Dovecot's quota settings, GNU Mailutils'
# manual, Yahoo's error codes and public pastes of real notices (each
# X-Test-Source says what was read and what recalled), committed before
# their first run: tests/fixtures/bounce-writers/round22-soft5xx.mbox,
# its expected records in round22-soft5xx-expected.tsv (msgno, mta,
# recipient, kind, reason; the sources and the kept misses in its head).
# No record may be hard for an address that is not gone (#1-5, #8-13,
# #15-18, #20-23, #25-27); the 450 4.1.1 "user unknown" outside a
# timeout (#6, #7) and EOP's 550 5.4.1 beside Exchange's "try resending
# later" (#24) stay hard.  #5 needs soft.txt line 619's Command output
# look-ahead (Postfix pipe_command(): a command whose output says the
# mailbox is over quota is a full mailbox, not a mailer error).

setup() {
	load lib/helpers
}

@test "round22-soft5xx: every notice gives the recipient, kind, reason and writer round22-soft5xx-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round22-soft5xx.mbox round22-soft5xx-expected.tsv
}
