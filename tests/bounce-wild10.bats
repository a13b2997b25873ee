#!/usr/bin/env bats
# deliv-bounce-classify: Round 13 (wild10), a sixth blind batch of
# failure replies and notice texts quoted in public pages, aimed at texts
# the servers write in languages other than English and at Chinese,
# Korean, Japanese, Russian, German and Spanish providers' own replies
# (tests/fixtures/bounce-writers/round13-wild10.tsv); what is left wrong
# is kept as "#" lines with why.

setup() {
	load lib/helpers
}

@test "bounce-wild10: each reply quoted from a provider's page gets the reason and kind its meaning gives (round13-wild10)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round13-wild10.tsv 49
	kinds_agree round13-wild10.tsv
}

# the wordings appended for round13-wild10, and their neighbours: the
# Korean notices in other spellings, Domino's Spanish directory line,
# Alibaba Mail's limits
@test "bounce-wild10: the wordings appended for round13-wild10 and their neighbours" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'mesgtoobig\t552 5.3.4 보내신 메일의 크기가 너무 커서 수신을 거부하였습니다.' \
	    $'mesgtoobig\t발송하신 편지의 크기가 커서 받는 서버에서 수신을 차단하였습니다.' \
	    $'userunknown\t550 Usuario bob@example.es no se encuentra en el Directorio de Domino' \
	    $'userunknown\t503 Rcptto account is not a local account' \
	    $'speeding\t504 the number of RCPT attempts is achieved the maximum threshold' \
	    $'mesgtoobig\t510 The length of Attach is achieved the maximum threshold' \
	    $'mailboxfull\t552 Message size exceeds remaining quota' \
	    $'mesgtoobig\t552 Message size exceeds fixed maximum message size' \
	    $'mailboxfull\t552 5.2.2 buzón de correo lleno' \
	    $'expired\ttiempo de entrega vencido' >others.tsv
	replies_agree others.tsv 10
	kinds_agree others.tsv
}

# "message size exceeds" stays mesgtoobig when the quota named is not
# the mailbox's room ("exceeds remaining quota" only)
@test "bounce-wild10: a size refusal is not read as a full mailbox" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'mesgtoobig\t552 Message size exceeds maximum permitted' \
	    $'mesgtoobig\t552 5.3.4 Message size exceeds fixed limit' >size.tsv
	replies_agree size.tsv 2
	kinds_agree size.tsv
}
