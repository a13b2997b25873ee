# replies-wrap.awk: each "reason<TAB>reply" line of its input (lines that
# open with # and lines of one field are left out) as the remote server's
# reply inside one writer's own non-delivery notice, one a message, in
# one mbox; its recipient rcptN@example.net for the Nth, as
# replies-dsn.awk writes the same reply as a bare RFC 3464 DSN.  Run with
# awk -F'\t' -v t=TEMPLATE, TEMPLATE one of (where each was learned):
#   postfix      bounce(8): bounce_notify_util.c (the "<rcpt>: text" line
#                and the Diagnostic-Code wrapped by line_wrap at 79
#                columns, indent 4), smtp(8)'s "host %s said: %s (in reply
#                to %s command)"
#   exim         deliver.c (default bounce text, X-Failed-Recipients,
#                print_address_error: a break after ": " past column 45,
#                "[truncated]" past 254; the message/delivery-status with
#                Status 5.0.0 and the reply after the first ": "),
#                transports/smtp.c ("SMTP error from remote mail server
#                after RCPT TO:<%s>: %s")
#   exim-plain   the same text with no MIME and no X-Failed-Recipients
#                (an older Exim, or a relay that drops the header)
#   sendmail     savemail.c (the permanent fatal errors list, "(reason:
#                %s)", the transcript, the DSN), usersmtp.c ("... while
#                talking to %s:", ">>> ", "<<< "; 550/551/553 are
#                EX_NOUSER, other 5xx EX_UNAVAILABLE), libsm/strexit.c
#                ("550 5.1.1 User unknown", "554 5.0.0 Service
#                unavailable"), deliver.c (usrerr "<rcpt>... %s"; a
#                temporary failure "Deferred: %s")
#   qmail        qmail-send.c (the failure notice), qmail-remote.c ("%s
#                does not like recipient.", "Remote host said: ", "Giving
#                up on %s."); no MIME, no DSN
#   opensmtpd    smtpd/bounce.c (NOTICE_INTRO and notice_error, indented
#                4; the report "user@domain: %s"; a DSN with no
#                Diagnostic-Code)
#   exchange2007 Microsoft's NDR as published ("Delivery has failed to
#                these recipients or distribution lists:", "Diagnostic
#                information for administrators:", "Generating server:",
#                "#<host #5.0.0 smtp; reply> #SMTP#"), with its DSN
#   office365    the same with "Remote Server returned '%s'"
#   exchange2003 Exchange 2000/2003's plain-text NDR as such notices are
#                quoted ("Your message did not reach some or all of the
#                intended recipients.", "The following recipient(s) could
#                not be reached:", "rcpt on date", "There was a SMTP
#                communication problem with the recipient's email server.",
#                "<host #5.0.0 smtp;reply>"); no DSN
#   gmail        "The response from the remote server was:" and a DSN
#   amazonses    SES's DSN ("An error occurred while trying to deliver the
#                mail to the following recipients:")
# the delay warnings (bench/bounce-wrap.sh gives them the temporary
# replies alone):
#   postfix-delay  bounce(8)'s delay template ("Delayed Mail (still being
#                retried)", the "THIS IS A WARNING ONLY" box, "could not
#                be delivered for more than %d hour(s)"), its DSN with
#                Action: delayed and Will-Retry-Until
#   exim-delay   deliver.c's default warning ("Warning: message %s delayed
#                %s", "has not yet been delivered to one or more of its
#                recipients after more than %s on the queue", "Delay
#                reason: "), its DSN with Action: delayed
#   sendmail-delay savemail.c's warning ("Warning: could not send message
#                for past %s", the "THIS IS A WARNING MESSAGE ONLY" box,
#                "<rcpt>... Deferred: reply", "Will keep trying until
#                message is %s old"), its DSN with Action: delayed
# and, two replies a notice (the (2k-1)th and the 2kth recipient, each with
# its own reply; the last alone when the count is odd), as the same
# sources write a notice of several failed recipients:
#   postfix2     one "<rcpt>: text" paragraph a recipient, one DSN
#                per-recipient group each (bounce_notify_util.c)
#   exim2        one "  rcpt" entry a recipient with its indented error,
#                X-Failed-Recipients folded ",\n  " (deliver.c)
#   sendmail2    one "<rcpt>" "(reason: %s)" pair a recipient in the fatal
#                errors list, one transcript of the host's session with a
#                ">>> RCPT To:" "<<< reply" exchange a recipient
#   qmail2       one "<rcpt>:" paragraph a recipient (qmail-send.c)
#   opensmtpd2   one "user@domain: %s" report line a recipient
#   exchange2007x2 one entry a recipient in both the user's list and the
#                diagnostic information
#   exchange2003x2 one "rcpt on date" entry a recipient, as exchange2003
# Used by bench/bounce-wrap.sh.
function status(r,    x) {
	x = " " r " "
	gsub(/[Rr][Ff][Cc] ?[0-9]+ ([Ss]ection )?[0-9.]+|[Ss]ection [0-9.]+/, "RFC", x)
	if (match(x, /[^0-9.][245]\.[0-9][0-9]?[0-9]?\.[0-9][0-9]?[0-9]?[^0-9.]/))
		return substr(x, RSTART + 1, RLENGTH - 2)
	return ""
}
function code(r) { return r ~ /^[245][0-9][0-9]([ -]|$)/ ? substr(r, 1, 3) : "" }
function head(from, subj, extra) {
	printf "From MAILER-DAEMON Tue Nov 17 08:00:00 2026\n"
	printf "From: %s\nTo: sender@example.org\nSubject: %s\n", from, subj
	printf "Date: Tue, 17 Nov 2026 08:00:00 +0000\n"
	printf "Message-Id: <w-%s-%d@mx.example.org>\n%s", t, n, extra
}
function mime(b) {
	return "MIME-Version: 1.0\nContent-Type: multipart/report; " \
	    "report-type=delivery-status;\n\tboundary=\"" b "\"\n"
}
function part(b, type) { printf "\n--%s\nContent-Type: %s\n\n", b, type }
function orig(b) {
	if (b != "")
		printf "\n--%s\nContent-Type: text/rfc822-headers\n\n", b
	else
		printf "\n"
	printf "From: sender@example.org\nTo: rcpt%d@example.net\n", n
	printf "Subject: hello\nMessage-Id: <o-%d@example.org>\n", n
	if (b != "")
		printf "\n--%s--\n", b
	printf "\n"
}
# Postfix's line_wrap(): at the last space before column 79, each later
# line indented 4; a word longer than the line is not cut.
function wrap(s,    out, w, i, k, line, len) {
	k = split(s, w, " ")
	line = w[1]; len = 79
	out = ""
	for (i = 2; i <= k; i++) {
		if (length(line) + 1 + length(w[i]) > len) {
			out = out line "\n"
			line = "    " w[i]
		} else
			line = line " " w[i]
	}
	return out line
}
# Exim's print_address_error(): a break after ": " once past column 45,
# "[truncated]" past 254.
function eximtext(s,    out, i, c, count) {
	out = "    "; count = 0
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		out = out c; count++
		if (c == ":" && substr(s, i + 1, 1) == " " && count > 45) {
			out = out "\n   "; count = 0
		} else if (count > 254) {
			out = out "[truncated]"
			break
		}
	}
	return out
}
# The reply of the kth recipient of a notice of several into R[k], its
# address RC[k], code C[k], status ST[k] (4.0.0 or 5.0.0 when the reply
# has none) and SOFT[k].
function keep(k, reply, num,    st) {
	R[k] = reply; RC[k] = "rcpt" num "@example.net"; C[k] = code(reply)
	st = status(reply)
	SOFT[k] = C[k] ~ /^4/ || (C[k] == "" && st ~ /^4/)
	ST[k] = st != "" ? st : SOFT[k] ? "4.0.0" : "5.0.0"
}
# Sendmail's own verdict line for recipient k (usersmtp.c, strexit.c).
function smverdict(k) {
	if (SOFT[k])
		return "<" RC[k] ">... Deferred: " R[k]
	if (C[k] == "550" || C[k] == "551" || C[k] == "553")
		return "550 5.1.1 <" RC[k] ">... User unknown"
	return "554 5.0.0 <" RC[k] ">... Service unavailable"
}
function smstatus(k) {
	if (ST[k] == "5.0.0" && C[k] == "550") return "5.1.1"
	if (ST[k] == "5.0.0" && C[k] == "551") return "5.1.6"
	if (ST[k] == "5.0.0" && C[k] == "553") return "5.1.3"
	return ST[k]
}
# The returned message's headers, addressed to every recipient of m.
function origm(b, m,    k, to) {
	to = RC[1]
	for (k = 2; k <= m; k++)
		to = to ", " RC[k]
	if (b != "")
		printf "\n--%s\nContent-Type: text/rfc822-headers\n\n", b
	else
		printf "\n"
	printf "From: sender@example.org\nTo: %s\n", to
	printf "Subject: hello\nMessage-Id: <o-%d@example.org>\n", n
	if (b != "")
		printf "\n--%s--\n", b
	printf "\n"
}
# Exchange 2000/2003's plain-text NDR of the m recipients kept (keep()),
# as such notices read: the recipient "on" the date, the sentence for a
# remote server's refusal, the reply inside "<host #status smtp;...>".
function ex2003(m,    k) {
	head("System Administrator <postmaster@mx.example.org>",
	    "Undeliverable: hello", "MIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n")
	printf "\nYour message did not reach some or all of the intended recipients.\n\n"
	printf "      Subject:\thello\n      Sent:\t11/17/2026 8:00 AM\n\n"
	printf "The following recipient(s) could not be reached:\n"
	for (k = 1; k <= m; k++) {
		printf "\n      %s on 11/17/2026 8:00 AM\n", RC[k]
		printf "            There was a SMTP communication problem with the recipient's email server.  Please contact your system administrator.\n"
		printf "            <mx.example.org #%s smtp;%s>\n", ST[k], R[k]
	}
	printf "\n"
}
# One notice of the m recipients kept (keep()) in writer t's form.
function several(m,    k, b, x, w) {
	b = "b" n
	# the writer: postfix2 -> postfix, exchange2007x2 -> exchange2007
	w = t
	if (sub(/2$/, "", w) && w ~ /^exchange200[37]x$/)
		sub(/x$/, "", w)
	if (w == "postfix") {
		head("MAILER-DAEMON@mx.example.org (Mail Delivery System)",
		    "Undelivered Mail Returned to Sender",
		    "Auto-Submitted: auto-replied\n" mime(b))
		printf "\nThis is a MIME-encapsulated message.\n"
		printf "\n--%s\nContent-Description: Notification\nContent-Type: text/plain; charset=us-ascii\n\n", b
		printf "This is the mail system at host mx.example.org.\n\n"
		printf "I'm sorry to have to inform you that your message could not\n"
		printf "be delivered to one or more recipients. It's attached below.\n\n"
		printf "For further assistance, please send mail to postmaster.\n\n"
		printf "If you do so, please include this problem report. You can\n"
		printf "delete your own text from the attached returned message.\n\n"
		printf "                   The mail system\n"
		for (k = 1; k <= m; k++)
			printf "\n%s\n", wrap("<" RC[k] ">: host mx.example.net[192.0.2.1] said: " R[k] " (in reply to RCPT TO command)")
		printf "\n--%s\nContent-Description: Delivery report\nContent-Type: message/delivery-status\n\n", b
		printf "Reporting-MTA: dns; mx.example.org\nX-Postfix-Queue-ID: 4Q%dA\n", n
		printf "X-Postfix-Sender: rfc822; sender@example.org\n"
		printf "Arrival-Date: Tue, 17 Nov 2026 07:59:58 +0000 (UTC)\n"
		for (k = 1; k <= m; k++) {
			printf "\nFinal-Recipient: rfc822; %s\nOriginal-Recipient: rfc822;%s\n", RC[k], RC[k]
			printf "Action: failed\nStatus: %s\nRemote-MTA: dns; mx.example.net\n", ST[k]
			printf "%s\n", wrap("Diagnostic-Code: smtp; " R[k])
		}
		origm(b, m)
	} else if (w == "exim") {
		x = RC[1]
		for (k = 2; k <= m; k++)
			x = x ",\n  " RC[k]
		head("Mail Delivery System <Mailer-Daemon@mx.example.org>",
		    "Mail delivery failed: returning message to sender",
		    "X-Failed-Recipients: " x "\nAuto-Submitted: auto-replied\n" \
		    "Content-Type: multipart/report; report-type=delivery-status; boundary=" b \
		    "\nMIME-Version: 1.0\n")
		printf "\n--%s\nContent-type: text/plain; charset=us-ascii\n", b
		printf "\nThis message was created automatically by mail delivery software.\n\n"
		printf "A message that you sent could not be delivered to one or more of its\n"
		printf "recipients. This is a permanent error. The following address(es) failed:\n"
		for (k = 1; k <= m; k++) {
			printf "\n  %s\n    host mx.example.net [192.0.2.1]\n", RC[k]
			printf "%s\n", eximtext("SMTP error from remote mail server after RCPT TO:<" RC[k] ">: " R[k])
		}
		printf "\n--%s\nContent-type: message/delivery-status\n\n", b
		printf "Reporting-MTA: dns; mx.example.org\n"
		for (k = 1; k <= m; k++) {
			printf "\nAction: failed\nFinal-Recipient: rfc822;%s\nStatus: 5.0.0\n", RC[k]
			printf "Remote-MTA: dns; mx.example.net\nDiagnostic-Code: smtp; %s\n", R[k]
		}
		printf "\n--%s\nContent-type: message/rfc822\n\n", b
		printf "From: sender@example.org\nTo: %s\n", RC[1]
		printf "Subject: hello\nMessage-Id: <o-%d@example.org>\n\nhi\n\n--%s--\n\n", n, b
	} else if (w == "sendmail") {
		head("Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>",
		    "Returned mail: see transcript for details",
		    "Auto-Submitted: auto-generated (failure)\n" mime(b))
		printf "\nThis is a MIME-encapsulated message\n"
		part(b, "text/plain")
		printf "The original message was received at Tue, 17 Nov 2026 07:59:58 GMT\n"
		printf "from localhost [127.0.0.1]\n\n"
		printf "   ----- The following addresses had permanent fatal errors -----\n"
		for (k = 1; k <= m; k++)
			printf "<%s>\n    (reason: %s)\n", RC[k], R[k]
		printf "\n   ----- Transcript of session follows -----\n"
		printf "... while talking to mx.example.net.:\n"
		for (k = 1; k <= m; k++)
			printf ">>> RCPT To:<%s>\n<<< %s\n%s\n", RC[k], R[k], smverdict(k)
		part(b, "message/delivery-status")
		printf "Reporting-MTA: dns; mx.example.org\nReceived-From-MTA: DNS; localhost\n"
		printf "Arrival-Date: Tue, 17 Nov 2026 07:59:58 GMT\n"
		for (k = 1; k <= m; k++) {
			printf "\nFinal-Recipient: RFC822; %s\nAction: failed\nStatus: %s\n", RC[k], smstatus(k)
			printf "Remote-MTA: DNS; mx.example.net\nDiagnostic-Code: SMTP; %s\n", R[k]
			printf "Last-Attempt-Date: Tue, 17 Nov 2026 08:00:00 GMT\n"
		}
		origm(b, m)
	} else if (w == "qmail") {
		head("MAILER-DAEMON@mx.example.org", "failure notice", "")
		printf "\nHi. This is the qmail-send program at mx.example.org.\n"
		printf "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
		printf "This is a permanent error; I've given up. Sorry it didn't work out.\n"
		for (k = 1; k <= m; k++) {
			printf "\n<%s>:\n192.0.2.1 does not like recipient.\nRemote host said: %s\n", RC[k], R[k]
			if (SOFT[k])
				printf "I'm not going to try again; this message has been in the queue too long.\n"
			else
				printf "Giving up on 192.0.2.1.\n"
		}
		printf "\n--- Below this line is a copy of the message.\n\n"
		printf "Return-Path: <sender@example.org>\n"
		origm("", m)
	} else if (w == "opensmtpd") {
		b = "b" n "/mx.example.org"
		head("Mailer Daemon <MAILER-DAEMON@mx.example.org>",
		    "Delivery status notification: error",
		    "MIME-Version: 1.0\nContent-Type: multipart/mixed;boundary=\"" b "\"\n")
		printf "\nThis is a MIME-encapsulated message.\n\n"
		printf "--%s\nContent-Description: Notification\nContent-Type: text/plain; charset=us-ascii\n\n", b
		printf "    Hi!\n\n    This is the MAILER-DAEMON, please DO NOT REPLY to this email.\n\n"
		printf "    An error has occurred while attempting to deliver a message for\n"
		printf "    the following list of recipients:\n\n"
		for (k = 1; k <= m; k++)
			printf "%s: %s\n", RC[k], R[k]
		printf "\n    Below is a copy of the original message:\n\n"
		printf "--%s\nContent-Description: Delivery Report\nContent-Type: message/delivery-status\n\n", b
		printf "Reporting-MTA: dns; mx.example.org\n"
		for (k = 1; k <= m; k++)
			printf "\nFinal-Recipient: rfc822; %s\nAction: failed\nStatus: %s\n", RC[k], ST[k]
		origm(b, m)
	} else if (w == "exchange2003") {
		ex2003(m)
	} else if (w == "exchange2007" || w == "office365") {
		head("postmaster@mx.example.org",
		    "Undeliverable: hello", "Content-Language: en-US\n" mime(b))
		part(b, "text/plain; charset=\"us-ascii\"")
		printf "Delivery has failed to these recipients or distribution lists:\n"
		for (k = 1; k <= m; k++) {
			printf "\n%s\n", RC[k]
			printf "The e-mail system had a problem processing this message. Microsoft Exchange will not try to redeliver this message for you.\n"
		}
		printf "\nDiagnostic information for administrators:\n\n"
		printf "Generating server: mx.example.org\n"
		if (w == "office365")
			printf "Receiving server: mx.example.net (192.0.2.1)\n"
		for (k = 1; k <= m; k++) {
			printf "\n%s\n", RC[k]
			if (w == "office365")
				printf "Remote Server returned '%s'\n", R[k]
			else
				printf "mx.example.net #<mx.example.net #%s smtp;%s> #SMTP#\n", ST[k], R[k]
		}
		printf "\nOriginal message headers:\n\n"
		printf "From: sender@example.org\nTo: %s\nSubject: hello\n", RC[1]
		part(b, "message/delivery-status")
		printf "Reporting-MTA: dns;mx.example.org\nReceived-From-MTA: dns;mail.example.org\n"
		printf "Arrival-Date: Tue, 17 Nov 2026 07:59:58 +0000\n"
		for (k = 1; k <= m; k++) {
			printf "\nFinal-Recipient: rfc822;%s\nAction: failed\nStatus: %s\n", RC[k], ST[k]
			printf "Diagnostic-Code: smtp;%s\nRemote-MTA: dns;mx.example.net\n", R[k]
			printf "X-Display-Name: %s\n", RC[k]
		}
		origm(b, m)
	} else {
		print "replies-wrap.awk: no template " t > "/dev/stderr"
		exit 2
	}
}
t ~ /2$/ && !/^#/ && NF >= 2 {
	n++
	if (n % 2 == 1) {
		pending = $2
		next
	}
	keep(1, pending, n - 1)
	keep(2, $2, n)
	pending = ""
	several(2)
	next
}
!/^#/ && NF >= 2 {
	n++
	r = $2; rc = "rcpt" n "@example.net"
	c = code(r); st = status(r)
	soft = c ~ /^4/ || (c == "" && st ~ /^4/)
	if (st == "")
		st = soft ? "4.0.0" : "5.0.0"
	b = "b" n
	if (t == "postfix" || t == "exim" || t == "sendmail" || t == "qmail" ||
	    t == "opensmtpd" || t == "exchange2007" || t == "office365" ||
	    t == "exchange2003") {
		keep(1, r, n)
		several(1)
	} else if (t == "exim-plain") {
		head("Mail Delivery System <Mailer-Daemon@mx.example.org>",
		    "Mail delivery failed: returning message to sender", "")
		printf "\nThis message was created automatically by mail delivery software.\n\n"
		printf "A message that you sent could not be delivered to one or more of its\n"
		printf "recipients. This is a permanent error. The following address(es) failed:\n\n"
		printf "  %s\n    host mx.example.net [192.0.2.1]\n", rc
		printf "%s\n", eximtext("SMTP error from remote mail server after RCPT TO:<" rc ">: " r)
		printf "\n------ This is a copy of the message, including all the headers. ------\n"
		orig("")
	} else if (t == "postfix-delay") {
		head("MAILER-DAEMON@mx.example.org (Mail Delivery System)",
		    "Delayed Mail (still being retried)",
		    "Auto-Submitted: auto-replied\n" mime(b))
		printf "\nThis is a MIME-encapsulated message.\n"
		printf "\n--%s\nContent-Description: Notification\nContent-Type: text/plain; charset=us-ascii\n\n", b
		printf "This is the mail system at host mx.example.org.\n\n"
		printf "####################################################################\n"
		printf "# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\n"
		printf "####################################################################\n\n"
		printf "Your message could not be delivered for more than 4 hour(s).\n"
		printf "It will be retried until it is 5 day(s) old.\n\n"
		printf "For further assistance, please send mail to postmaster.\n\n"
		printf "If you do so, please include this problem report. You can\n"
		printf "delete your own text from the attached returned message.\n\n"
		printf "                   The mail system\n\n"
		printf "%s\n", wrap("<" rc ">: host mx.example.net[192.0.2.1] said: " r " (in reply to RCPT TO command)")
		printf "\n--%s\nContent-Description: Delivery report\nContent-Type: message/delivery-status\n\n", b
		printf "Reporting-MTA: dns; mx.example.org\nX-Postfix-Queue-ID: 4Q%dA\n", n
		printf "X-Postfix-Sender: rfc822; sender@example.org\n"
		printf "Arrival-Date: Tue, 17 Nov 2026 03:59:58 +0000 (UTC)\n\n"
		printf "Final-Recipient: rfc822; %s\nOriginal-Recipient: rfc822;%s\n", rc, rc
		printf "Action: delayed\nStatus: %s\nRemote-MTA: dns; mx.example.net\n", st
		printf "%s\n", wrap("Diagnostic-Code: smtp; " r)
		printf "Will-Retry-Until: Sun, 22 Nov 2026 03:59:58 +0000 (UTC)\n"
		orig(b)
	} else if (t == "exim-delay") {
		head("Mail Delivery System <Mailer-Daemon@mx.example.org>",
		    "Warning: message 1wAbCd-000" n "-Xy delayed 24 hours",
		    "Auto-Submitted: auto-replied\n" \
		    "Content-Type: multipart/report; report-type=delivery-status; boundary=" b \
		    "\nMIME-Version: 1.0\n")
		printf "\n--%s\nContent-type: text/plain; charset=us-ascii\n", b
		printf "\nThis message was created automatically by mail delivery software.\n"
		printf "A message that you sent has not yet been delivered to one or more of its\n"
		printf "recipients after more than 24 hours on the queue on mx.example.org.\n\n"
		printf "The message identifier is:     1wAbCd-000%d-Xy\n", n
		printf "The subject of the message is: hello\n"
		printf "The date of the message is:    Mon, 16 Nov 2026 08:00:00 +0000\n\n"
		printf "The address to which the message has not yet been delivered is:\n\n"
		printf "  %s\n    host mx.example.net [192.0.2.1]\n", rc
		printf "%s\n", eximtext("Delay reason: SMTP error from remote mail server after RCPT TO:<" rc ">: " r)
		printf "\nNo action is required on your part. Delivery attempts will continue for\n"
		printf "some time, and this warning may be repeated at intervals if the message\n"
		printf "remains undelivered. Eventually the mail delivery software will give up,\n"
		printf "and when that happens, the message will be returned to you.\n"
		printf "\n--%s\nContent-type: message/delivery-status\n\n", b
		printf "Reporting-MTA: dns; mx.example.org\n\n"
		printf "Action: delayed\nFinal-Recipient: rfc822;%s\nStatus: 4.0.0\n", rc
		printf "Remote-MTA: dns; mx.example.net\nDiagnostic-Code: smtp; %s\n", r
		printf "Will-Retry-Until: Sat, 21 Nov 2026 08:00:00 +0000\n"
		printf "\n--%s\nContent-type: text/rfc822-headers\n\n", b
		printf "From: sender@example.org\nTo: rcpt%d@example.net\n", n
		printf "Subject: hello\nMessage-Id: <o-%d@example.org>\n\n--%s--\n\n", n, b
	} else if (t == "sendmail-delay") {
		head("Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>",
		    "Warning: could not send message for past 4 hours",
		    "Auto-Submitted: auto-generated (warning-timeout)\n" mime(b))
		printf "\nThis is a MIME-encapsulated message\n"
		part(b, "text/plain")
		printf "    **********************************************\n"
		printf "    **      THIS IS A WARNING MESSAGE ONLY      **\n"
		printf "    **  YOU DO NOT NEED TO RESEND YOUR MESSAGE  **\n"
		printf "    **********************************************\n\n"
		printf "The original message was received at Tue, 17 Nov 2026 03:59:58 GMT\n"
		printf "from localhost [127.0.0.1]\n\n"
		printf "   ----- Transcript of session follows -----\n"
		printf "... while talking to mx.example.net.:\n>>> RCPT To:<%s>\n<<< %s\n", rc, r
		printf "<%s>... Deferred: %s\n", rc, r
		printf "Warning: message still undelivered after 4 hours\n"
		printf "Will keep trying until message is 5 days old\n"
		part(b, "message/delivery-status")
		printf "Reporting-MTA: dns; mx.example.org\nReceived-From-MTA: DNS; localhost\n"
		printf "Arrival-Date: Tue, 17 Nov 2026 03:59:58 GMT\n\n"
		printf "Final-Recipient: RFC822; %s\nAction: delayed\nStatus: %s\n", rc, st
		printf "Remote-MTA: DNS; mx.example.net\nDiagnostic-Code: SMTP; %s\n", r
		printf "Last-Attempt-Date: Tue, 17 Nov 2026 08:00:00 GMT\n"
		printf "Will-Retry-Until: Sun, 22 Nov 2026 03:59:58 GMT\n"
		orig(b)
	} else if (t == "gmail") {
		head("Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
		    "Delivery Status Notification (Failure)", mime(b))
		part(b, "text/plain; charset=\"UTF-8\"")
		printf "\n** Message not delivered **\n\n"
		printf "There was a problem delivering your message to %s. See the technical details below.\n\n", rc
		printf "The response from the remote server was:\n%s\n", r
		part(b, "message/delivery-status")
		printf "Reporting-MTA: dns; googlemail.com\n"
		printf "Arrival-Date: Tue, 17 Nov 2026 00:00:00 -0800 (PST)\n\n"
		printf "Final-Recipient: rfc822; %s\nAction: failed\nStatus: %s\n", rc, st
		printf "Remote-MTA: dns; mx.example.net. (192.0.2.1, the server for the domain example.net.)\n"
		printf "Diagnostic-Code: smtp; %s\n", r
		printf "Last-Attempt-Date: Tue, 17 Nov 2026 00:00:01 -0800 (PST)\n"
		orig(b)
	} else if (t == "amazonses") {
		head("MAILER-DAEMON@amazonses.com",
		    "Delivery Status Notification (Failure)", mime(b))
		part(b, "text/plain; charset=UTF-8")
		printf "An error occurred while trying to deliver the mail to the following recipients:\n%s\n", rc
		part(b, "message/delivery-status")
		printf "Reporting-MTA: dns; a1-2.smtp-out.amazonses.com\n\n"
		printf "Action: failed\nFinal-Recipient: rfc822; %s\n", rc
		printf "Diagnostic-Code: smtp; %s\nStatus: %s\n", r, st
		printf "Remote-MTA: dns; mx.example.net\n"
		orig(b)
	} else {
		print "replies-wrap.awk: no template " t > "/dev/stderr"
		exit 2
	}
}
END {
	if (t ~ /2$/ && n % 2 == 1) {
		keep(1, pending, n)
		several(1)
	}
}
