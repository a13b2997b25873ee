#!/usr/bin/env bats
# deliv-bounce-classify: Round 27 (rhost6, issue #15), a blind batch of
# regional receivers' documented replies the fixtures lacked: NetEase's
# (163/126/yeah.net) reply codes beyond those already held (MI:NHD,
# MI:IMF, MI:SPF, MI:DMA, MI:STC, RP:FRL, RP:RCL, RP:TRC, RP:QRC, DT:SUM,
# MI:SPB and its coded-less texts), from its own code table; Alibaba
# Mail's behaviour-spam replies with their tails; BT's policy replies;
# one Tencent Exmail reply (recalled text, the page's meaning), written
# and committed before the first run:
# tests/fixtures/bounce-writers/round27-rhost6-prov.tsv (named so that
# bench/bounce-blind.sh's round*-prov*.tsv glob counts it); the replies
# left wrong are "#" lines there with why.  Each reply gets its reason,
# and the kind data/reasons.tsv gives that reason (bycode: soft for a 4xx
# reply or a 4.x.x status, else hard).

setup() {
	load lib/helpers
}

@test "bounce-round27-rhost6: each regional receiver's reply gets the reason and kind its own page gives (round27-rhost6-prov)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round27-rhost6-prov.tsv 22
	kinds_agree round27-rhost6-prov.tsv
}
