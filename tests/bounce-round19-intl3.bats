#!/usr/bin/env bats
# deliv-bounce-classify: Round 19 (intl3, issue #15), a blind batch of
# failure texts in Chinese, Korean, Russian, Czech, Polish, Portuguese,
# Turkish, Dutch and Swedish, each written from its provider's or host's
# own code table or help page and committed before the first run
# (2afb916): tests/fixtures/bounce-writers/round19-intl3.tsv, 34
# asserted texts (NetEase's code table, Sina's reply table, a Tencent
# Exmail reseller, Korean lists of the portals' replies, mail.ru,
# Seznam, C4, GRhosting, WP/o2, Netbit, BS2, GoDaddy pt and tr, Strato,
# Oni, a Swedish help) and one documented miss ("#"-commented there with
# why).  Each text gets its reason, and the kind data/reasons.tsv gives
# that reason (bycode: soft for a 4xx reply or a 4.x.x status, else hard).
# round19-intl3.mbox with round19-intl3-expected.tsv (1d9f0b0): three
# whole notices in Chinese as imail's (midoks/imail) templates build them,
# an HTML part only, no DSN, no returned message, the failed address in
# "无法发送到 <rcpt>" and again in "请联系您的收件人（<rcpt>）".

setup() {
	load lib/helpers
}

@test "bounce-round19-intl3: each provider's failure text gets the reason and kind its own page gives it (round19-intl3)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round19-intl3.tsv 34
	kinds_agree round19-intl3.tsv
}

@test "bounce-round19-intl3: every Chinese notice gives the recipient, kind, reason and writer round19-intl3-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round19-intl3.mbox round19-intl3-expected.tsv
	assert_equal "$(grep -c '^From postmaster@' round19-intl3.mbox)" 3
}

# the round's wordings in other spellings, codes and word orders (none
# with a status code that would decide alone), and the same words said
# of the sender (отправителя, odesílatele, 보낸 사람, 发件人, 您的,
# gönderenin, avsändarens, remetente, afzender), which stay no failure
# of the recipient: one deliv run for both
@test "bounce-round19-intl3: the round's wordings in other spellings keep their reasons; said of the sender they do not apply" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'toomanyconn\t421 该IP并发连接数过多' \
	    $'speeding\t450 短时间内发送大量邮件，请稍后再试' \
	    $'speeding\t451 发送频率过快' \
	    $'blocked\t554 您的发信IP在黑名单中' \
	    $'blocked\t421 4.7.0 IP가 차단되었습니다' \
	    $'rejected\t553 发件人不在允许的发信地址列表中' \
	    $'spamdetected\t554 邮件含有垃圾邮件特征' \
	    $'suspend\t550 该账号已被冻结' \
	    $'suspend\t550 수신자의 계정이 사용 중지되었습니다' \
	    $'virusdetected\t554 邮件包含病毒' \
	    $'filtered\t550 收件人已拒收此邮件' \
	    $'mailboxfull\t552 받는 사람의 메일함 용량이 초과되었습니다' \
	    $'mailboxfull\t552 Почтовый ящик получателя переполнен' \
	    $'mailboxfull\t552 Schránka adresáta je plná' \
	    $'mailboxfull\t552 A caixa de entrada do destinatário está lotada' \
	    $'mailboxfull\t452 Posta kutusu dolu' \
	    $'mailboxfull\t550 Inkorgen är full' \
	    $'networkerror\t441 상대 서버로부터 응답이 없습니다' \
	    $'mesgtoobig\t552 De bijlage is te groot' \
	    $'authfailure\t550 Zpráva odmítnuta z důvodu SPF' \
	    $'rejected\t550 Sending from your account is blocked' \
	    $'systemerror\t421 Servidor temporariamente indisponivel' \
	    $'userunknown\t550 수신자의 주소가 존재하지 않습니다' \
	    $'userunknown\t550 Neexistující příjemce' \
	    $'userunknown\t550 Schránka neexistuje' \
	    $'userunknown\t550 Var olmayan eposta adresi' \
	    $'hostunknown\t550 收件人域名无法解析' \
	    $'hostunknown\t550 O servidor de destino não existe' \
	    $'undefined\t550 ящик отправителя переполнен' \
	    $'undefined\t550 Schránka odesílatele neexistuje' \
	    $'undefined\t550 보낸 사람의 주소가 존재하지 않습니다' \
	    $'undefined\t550 发件人域名无法解析' \
	    $'undefined\t550 发件人邮箱已被冻结' \
	    $'undefined\t535 您的帐号被锁定' \
	    $'undefined\t550 Gönderenin posta kutusu dolu' \
	    $'undefined\t550 Avsändarens brevlåda är full' \
	    $'undefined\t550 A caixa postal do remetente está cheia' \
	    $'undefined\t550 보낸 사람의 메일용량이 초과되었습니다' \
	    $'undefined\t550 De mailbox van de afzender is vol' >variants.tsv
	replies_agree variants.tsv 39
	kinds_agree variants.tsv
}
