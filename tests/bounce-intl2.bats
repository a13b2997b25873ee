#!/usr/bin/env bats
# deliv-bounce-classify: Round 15 (intl2), a blind batch of replies and
# failure texts of providers outside the English-speaking big three
# (Naver, Daum/Kakao, Tencent QQ, NetEase, Yandex, mail.ru, SoftBank,
# Interia, Aruba, GMX and Chinese, Taiwanese, Czech and Brazilian hosts),
# from their help pages and public issue threads
# (tests/fixtures/bounce-writers/round15-intl2.tsv).

setup() {
	load lib/helpers
}

@test "bounce-intl2: each provider's reply gets the reason and kind its meaning gives (round15-intl2)" {
	cd "$FIXTURES/bounce-writers"
	replies_agree round15-intl2.tsv 24
	kinds_agree round15-intl2.tsv
}

# the wordings appended for round15-intl2, in other spellings, codes and
# statuses than the batch's
@test "bounce-intl2: the wordings appended for round15-intl2 and their neighbours" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'mailboxfull\t452 4.2.2 收件人空间不足' \
	    $'blocked\t554 5.7.1 Blocked by spam statistics - see http://feedback.yandex.ru/?from=mail-rejects&subject=192.0.2.1' \
	    $'rejected\t554 Illegal sender address' \
	    $'rejected\t553 Mail from must equal authorized user' \
	    $'rejected\t550 mail from address must be the same as authorization user' \
	    $'rejected\t550 5.7.1 Sender address is not allowed.' \
	    $'userunknown\t550 该用户不存在' \
	    $'userunknown\t550 5.1.1 该用户未开通qq邮箱' \
	    $'userunknown\t550 bob@example.cn does not have this account' \
	    $'userunknown\tThe recipient doesn’t have this account' >others.tsv
	replies_agree others.tsv 10
	kinds_agree others.tsv
}

# the leftmost hit wins: Yandex's "Blocked by spam statistics" is read
# by its own phrase, not by line 312's later "spam", which still reads
# the other spam wordings, "statistics" or not
@test "bounce-intl2: Yandex's block by spam statistics, and spam wordings around it" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' \
	    $'blocked\t421 Blocked by spam statistics' \
	    $'spamdetected\t550 spam detected' \
	    $'spamdetected\t554 5.7.1 Rejected by spam statistics' \
	    $'spamdetected\t550 This message looks like spam' >kept.tsv
	replies_agree kept.tsv 4
	kinds_agree kept.tsv
}
