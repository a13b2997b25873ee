#!/usr/bin/env bats
# deliv-bounce-classify: Round 23 (old7, issue #15), exact failed-
# recipient sets and address precision on notices of a legacy writer the
# coverage table had only recalled: 8 smail 3.2 "mail failed, returning
# to sender" notices learned from smail 3.2's own source (src/notify.c,
# src/log.c, src/transports/smtplib.c, the directors' "unknown user",
# route.c's "unknown host", bindlib.c's MX error), each To the waders
# list's bounce address (#1 its VERP form) and returning a post with the
# list in To and Reply-To, a Cc and the poster, committed before their
# first run: tests/fixtures/bounce-writers/round23-old7.mbox, its
# expected records in round23-old7-expected.tsv (msgno, mta, recipient,
# kind, reason; the sources in its head).
#   1      a remote 550 through the smtp transport; VERP
#   2      two members, "unknown user"; the notice Cc'd to "postmaster"
#   3      three failed: two "unknown host", a remote 550 5.1.1
#   4-5    an alias's children, bare local names: no usable address
#   6      a low-priority return (header only), a remote 552
#   7      "MX record for D points to local host" (networkerror)
#   8      a 552 to the final ".": both accepted members fail
# Part 2 (#9-12), committed before its own first run: Mercury/32 v4.62's
# default FAILURE.MER and DWARN.MER templates (XAMPP's copy, read whole)
# with lines from mercury.exe's own strings.
#   9-10   a local failure naming only a NetWare user name: no address
#   11-12  delay warnings, "[Temporary failure - still trying to
#          deliver]" (expired); two members, then one by VERP

setup() {
	load lib/helpers
}

@test "round23-old7: every smail 3.2 and Mercury/32 notice gives the recipients, kinds, reasons and writer round23-old7-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round23-old7.mbox round23-old7-expected.tsv
}
