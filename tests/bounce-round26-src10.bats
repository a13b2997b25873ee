#!/usr/bin/env bats
# deliv-bounce-classify: Round 26 (src10, issue #15), hMailServer's and
# Citadel's causes the fixtures lacked, each notice written as the
# writer's own source composes it: 10 messages, committed before their
# first run: tests/fixtures/bounce-writers/round26-src10.mbox, its
# expected records in round26-src10-expected.tsv (msgno, mta, recipient,
# kind, reason; the sources and the readings in its head).
#   1-5    hMailServer (ExternalDelivery.cpp, SMTPClientConnection.cpp):
#          the relay host not found, "Server does not support EHLO
#          command.", the remote closing the connection, a reply too
#          long, excessive data
#   6-10   Citadel's event-client bounce (serv_smtpqueue.c,
#          smtp_clienthandlers.c): two give-ups on a broken connection,
#          RCPT and MAIL FROM refusals quoted past their codes, a
#          give-up on a 4xx greeting

setup() {
	load lib/helpers
}

@test "round26-src10: every message gives the recipients, kinds, reasons and writer round26-src10-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round26-src10.mbox round26-src10-expected.tsv
}
