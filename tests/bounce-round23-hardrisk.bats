#!/usr/bin/env bats
# deliv-bounce-classify: Round 23 (hardrisk, issue #15), a precision
# batch for the suppression list: 21 single-reply notices of Postfix,
# Exim, Sendmail and Exchange Server layouts whose quoted reply looks
# like an unknown user or a permanent refusal but is given, by the
# receiver's own help or postmaster page, for a live mailbox (IP and
# network blocks of Outlook.com S3150, Comcast BL000000/BL000001, Cox
# CXBL/CDRBL, Yahoo [BL21]; Google Workspace's and iCloud's CS01 policy
# refusals; a Mimecast recipient's Blocked Senders; Mail.ru's disabled
# account said "invalid mailbox"; GMX's policy restrictions; Spectrum's
# AUP#1020 sender block, which sendmail reports as "User unknown";
# Exchange Online's 5.7.124/5.7.133 group restrictions and 5.7.520
# forwarding block) and 6 genuine unknown users from the same receivers
# (#2, #4, #8, #14, #18, #21).  Committed before their first run:
# tests/fixtures/bounce-writers/round23-hardrisk.mbox and its expected
# records in round23-hardrisk-expected.tsv (msgno, mta, recipient, kind,
# reason; the sources and any kept misses in its head).  Part 2, a
# second blind batch committed before its own first run:
# round23-hardrisk2.mbox and round23-hardrisk2-expected.tsv, 10 more
# (Hotmail SC-001/SC-004, AOL RLY:B1, Gmail's unsolicited-mail 550,
# QQ Mail's "Mailbox is frozen", "Ip frequency limited" and, as
# contrast, "Mailbox not found" (#7), NetEase's DT:SPM, Exchange
# Online's 5.7.509 DMARC reject and 5.7.606 banned IP); #6 keeps the
# project's toomanyconn reading of QQ's "Ip frequency limited" (its
# blind label, speeding, a # line).  No record may be hard for a live
# address.

setup() {
	load lib/helpers
}

@test "round23-hardrisk: every notice gives the recipient, kind, reason and writer round23-hardrisk-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round23-hardrisk.mbox round23-hardrisk-expected.tsv
}

@test "round23-hardrisk2: every notice gives the recipient, kind, reason and writer round23-hardrisk2-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round23-hardrisk2.mbox round23-hardrisk2-expected.tsv
}
