#!/usr/bin/env bats
# deliv-bounce-classify: Round 28 (gw9, issue #15), thinly covered
# gateways' and mail servers' own notices, of causes their fixtures lack:
# 11 messages, committed before their first run:
# tests/fixtures/bounce-writers/round28-gw9.mbox, its expected records in
# round28-gw9-expected.tsv (msgno, mta, recipient, kind, reason; the
# sources and the readings in its head).
#   1-2    Postal's BounceMessage: a wildcard route, a +tag address
#   3-4    Proxmox Mail Gateway's Notify Sender with Block: a virus, spam
#   5-7    Zimbra's mailbox server: out-of-office, read receipt, Sieve
#          reject
#   8-11   Kerio Connect, IceWarp, GroupWise, Mimecast (layouts recalled)

setup() {
	load lib/helpers
}

@test "round28-gw9: every message gives the recipients, kinds, reasons and writer round28-gw9-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round28-gw9.mbox round28-gw9-expected.tsv
}
