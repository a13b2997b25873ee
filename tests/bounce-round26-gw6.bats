#!/usr/bin/env bats
# deliv-bounce-classify: Round 26 (gw6, issue #15), open-source filtering
# gateways' and milters' own SMTP replies, read in their sources: 30
# replies (tests/fixtures/bounce-writers/round26-gw6-replies.tsv, named
# so that bench/bounce-blind.sh's round*-replies.tsv glob counts it; the
# sources and readings in its head), committed before their first run:
#   ASSP's default reply texts (the assp-ng fork's config.pl and assp.pl),
#   the Smart Sendmail Filters smf-clamd, smf-sav, smf-zombie, smf-spamd,
#   and DCC's dccm milter as Hermes SEG ships it.
# 27 agree after the round's phrases (soft.txt's "Round 26, gw6" lines);
# three misses stay as "#reason<TAB>reply" lines with their blind label.
# And a second blind part written after the replies had run, committed
# before its own first run: 14 whole notices of the sender's Postfix or
# Exim quoting Barricade MX smtpf's replies, read in its source
# (round26-gw6b.mbox, the expected records in round26-gw6b-expected.tsv:
# msgno, mta, recipient, kind, reason; the sources and readings in its
# head and in each notice's X-Test-Source).

setup() {
	load lib/helpers
}

@test "round26-gw6: each gateway's or milter's reply gets the reason and kind its source gives (round26-gw6-replies)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round26-gw6-replies.tsv 27
	kinds_agree round26-gw6-replies.tsv
}

@test "round26-gw6b: every notice quoting smtpf gives the recipients, kinds, reasons and writer round26-gw6b-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round26-gw6b.mbox round26-gw6b-expected.tsv
}
