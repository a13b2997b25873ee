#!/usr/bin/env bats
# deliv-bounce-classify: Round 28 (intl10, issue #15), real localized
# notices and localized look-alikes, committed before their first run:
# tests/fixtures/bounce-writers/round28-intl10.mbox, its expected
# records in round28-intl10-expected.tsv (msgno, mta, recipient, kind,
# reason; what was read, the first run and any misses in its head).
#   1      Alibaba Mail's Chinese notice (a full mailbox), from a list
#          archive
#   2      a German provider's "MAILVERSAND FEHLERBERICHT" (a content
#          refusal, STRATO's B-TEXT), as husvedvf.de quotes it
#   3-8    a German scam and phishes in Czech, Spanish, Chinese, French
#          and Portuguese that use delivery words: no record of a
#          failure

setup() {
	load lib/helpers
}

# The writer is not compared: #2's subject "Returned Mail: ..." is read
# as Sendmail's (data/bounce-mta.tsv's subject row), where the notice
# names no writer (the expected file's head: a miss left)
@test "round28-intl10: every message gives the recipients, kinds and reasons round28-intl10-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round28-intl10.mbox round28-intl10-expected.tsv writer
}

# ali_notice [LINE...]: Alibaba Mail's text notice (its text part alone,
# no HTML part nor attachment) in ali.mbox, its "无法发送到 ADDR" line
# followed by LINEs
ali_notice() {
	printf '%s\n' "From postmaster@aliyun.com Tue Feb 24 10:40:49 2026" \
	    "Date: Tue, 24 Feb 2026 18:40:49 +0800" \
	    "From: <postmaster@aliyun.com>" \
	    "To: <sender@example.org>" \
	    "Subject: =?UTF-8?B?5p2l6IeqcG9zdG1hc3RlckBhbGl5dW4uY29t55qE6YCA5L+h?=" \
	    "MIME-Version: 1.0" \
	    "Content-Type: text/plain; charset=UTF-8" \
	    "Content-Transfer-Encoding: 8bit" \
	    "" \
	    "很抱歉您发送的邮件被退回，以下是该邮件的相关信息：" \
	    "" \
	    "	发件人 : sender@example.org" \
	    "	主题 : Bericht" \
	    "	原文 : 邮件原文包含在附件中。" \
	    "" \
	    "无法发送到 user@mail.example.cn" \
	    "	系统应答:" \
	    "$@" \
	    "" >"$BATS_TEST_TMPDIR/ali.mbox"
}

# the text part's "无法发送到 ADDR" alone names the failed address, and
# its "退信原因" line the reason
@test "round28-intl10: Alibaba Mail's Chinese text alone gives the address and a full mailbox" {
	ali_notice "	退信原因:收件方邮箱可用容量不足，或该邮件大小超过收件方系统对单封邮件的限制，导致邮件被系统退回。"
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/ali.mbox"
	assert_equal "$output" "$(printf 'user@mail.example.cn\tsoft\tmailboxfull')"
}

# Alibaba Mail's notice whose "退信原因" gives no reason this project
# knows (here none at all): its "无法发送到 ADDR" line
# (phrases/bounce-notice.txt) still makes it a notice and names the
# failed address, not the sender under "发件人"
@test "round28-intl10: Alibaba Mail's \"无法发送到 ADDR\" alone names the failed address" {
	ali_notice
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason "$BATS_TEST_TMPDIR/ali.mbox"
	assert_equal "$output" "$(printf 'user@mail.example.cn\tsoft\tundefined')"
}
