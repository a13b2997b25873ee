#!/usr/bin/env bats
# deliv-bounce-classify: Round 29 (intl11, issue #15), a blind batch of
# Latin American and Spanish-speaking providers' replies that the
# fixtures lacked: Locaweb's submission refusal, Telefonica's blacklist
# and Recurrent Pattern Detection refusals, HostGator's "Botnet
# Detention", suantispam's spamrl.com refusal, a Brazilian Exim's
# Portuguese "no such person", MagicSpam at a Chilean host, and the
# Brazilian anti-spam service SPFBL's replies from its own Exim and
# Postfix clients and a Brazilian ISP's log, written and committed before
# the first run: tests/fixtures/bounce-writers/round29-intl11-prov.tsv
# (named so that bench/bounce-blind.sh's round*-prov*.tsv glob counts
# it); the replies left wrong are "#" lines there with why.  Each reply
# gets its reason, and the kind data/reasons.tsv gives that reason
# (bycode: soft for a 4xx reply or a 4.x.x status, else hard).  The six
# real whole notices found (Postfix's for BOL, UOL and Terra mailboxes,
# IONOS's for two Telefonica refusals, a Chilean Exchange NDR in Spanish)
# are round29-intl11.mbox with round29-intl11-expected.tsv.

setup() {
	load lib/helpers
}

@test "bounce-round29-intl11: each Latin American provider's or SPFBL's reply gets the reason and kind its source gives (round29-intl11-prov)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round29-intl11-prov.tsv 20
	kinds_agree round29-intl11-prov.tsv
}

@test "bounce-round29-intl11: the BOL, UOL, Terra, Telefonica and Chilean notices give the recipients, kinds, reasons and writers round29-intl11-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round29-intl11.mbox round29-intl11-expected.tsv
}
