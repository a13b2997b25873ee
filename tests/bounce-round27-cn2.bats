#!/usr/bin/env bats
# deliv-bounce-classify: Round 27 (cn2, issue #15), Chinese providers'
# and servers' whole notices as public copies keep them, committed
# before their first run: tests/fixtures/bounce-writers/round27-cn2.mbox,
# its expected records in round27-cn2-expected.tsv (msgno, mta,
# recipient, kind, reason; the copies read, the first run and any
# misses left documented in its head).
#   1      Coremail's bilingual notice (a list message quotes it whole):
#          cannot connect to the recipient's server
#   2-3    NetEase's HTML notice (an OA system's demo data keeps it
#          whole): rcpt handle timeout; DNS query error

setup() {
	load lib/helpers
}

@test "round27-cn2: every notice gives the recipients, kinds, reasons and writer round27-cn2-expected.tsv expects" {
	cd "$FIXTURES/bounce-writers"
	records_agree round27-cn2.mbox round27-cn2-expected.tsv
}

# Coremail's notice lists the original's fields one a line, "LABEL :
# \tVALUE" (the qemu-devel copy: "主题/Subject : \tSUBJECT" over
# "收件人/To : \tADDR"): the recipient's field is no sentence run on from
# the subject's line above, whose last word ("support", a subject with
# no final period: the copy's ended with one, #1's does not) and the
# label's ':' would read as "support ... :" (a help desk's address,
# bounce-notrcpt.txt) if the lines were joined (bnc_under_field() in
# lib/bounce/lines.c)
@test "round27-cn2: an address that is a field's value under another field is read on its own line" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' "From MAILER-DAEMON Tue Oct 20 09:40:12 2026" \
	    "From: Postmaster <Postmaster@cn.example.com>" \
	    "To: yang@cn.example.com" \
	    "Subject: =?utf-8?B?57O757uf6YCA5L+h?=" \
	    "Date: Tue, 20 Oct 2026 09:40:12 +0800" \
	    "MIME-Version: 1.0" \
	    "Content-Type: text/plain; charset=utf-8" \
	    "Content-Transfer-Encoding: 8bit" \
	    "" \
	    "抱歉，您的邮件被退回来了……/" \
	    "Sorry, your mail is returned..." \
	    "主题/Subject : 	Re: [PATCH 2/9] Add board support" \
	    "收件人/To : 	dev@lists.example.org" \
	    "退信原因/" \
	    "Bounce reason : 	" \
	    "Can not connect to recipient's server because of unstable network or firewall filter." \
	    "" >n.mbox
	run -1 deliv-bounce-classify --no-header -o recipient,kind,reason n.mbox
	assert_equal "$output" "dev@lists.example.org	soft	networkerror"
}
