#!/usr/bin/env bats
# deliv-bounce-classify: Round 22 (intl5, issue #15), whole notices in
# Chinese (gb2312, gbk, big5, utf-8 base64), Korean (euc-kr), Russian
# (windows-1251, koi8-r), Turkish (iso-8859-9 quoted-printable, utf-8
# base64) and Latin-American Spanish and Portuguese, written by Postfix
# (a site's bounce_template_file, bounce(5)) and Exim (a site's
# bounce_message_file / warn_message_file, Exim spec ch. 46), carrying
# the replies of NetEase, QQ Mail, Sina, Mail.ru, Daum and stock
# Postfix, Dovecot and Sendmail texts; committed before their first run:
# tests/fixtures/bounce-writers/round22-intl5.mbox, its expected records
# in round22-intl5-expected.tsv (msgno, mta, recipient, kind, reason; the
# sources in its head and each notice's X-Test-Source).  No poster, Cc,
# Reply-To or contact address is a failed recipient.
#   1, 11, 13  Postfix, simplified Chinese (gb2312 and utf-8 base64, two
#              recipients each; gbk)
#   2, 12      traditional Chinese (big5): a Postfix delay, an Exim bounce
#   3, 4       Exim in Russian: two recipients (windows-1251), a delay
#              (koi8-r)
#   5, 6       Turkish: Exim (iso-8859-9 QP), Postfix (utf-8 base64, two
#              recipients)
#   7, 8, 9    a Mexican Spanish Postfix delay (Sendmail's "Temporary
#              system failure"), an Argentinian Exim bounce, a Brazilian
#              Postfix bounce with two recipients
#   10         a Korean Postfix delay (euc-kr), Daum's CCRT refusal

setup() {
	load lib/helpers
}

@test "round22-intl5: every notice gives the recipients, kinds, reasons and writer round22-intl5-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round22-intl5.mbox round22-intl5-expected.tsv
}
