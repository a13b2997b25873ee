# replies-dsn.awk: each "reason<TAB>reply" line of its input (lines that
# open with # and lines of one field are left out) as the
# Diagnostic-Code of an RFC 3464 DSN, one a message, in one mbox: its
# status the reply's enhanced code (its own, not the digits of an IP
# address), else 5.0.0; its recipient rcptN@example.net for the Nth.
# Used by tests/lib/helpers.bash (replies_agree) and bench/bounce-cues.sh.
# Run with awk -F'\t'.
!/^#/ && NF >= 2 {
	n++
	st = "5.0.0"
	# not the section number of an RFC the reply cites ("See RFC2821
	# 4.1.3"), as the classifier's own code finder
	t = " " $2 " "
	gsub(/[Rr][Ff][Cc] ?[0-9]+ ([Ss]ection )?[0-9.]+|[Ss]ection [0-9.]+/, "RFC", t)
	if (match(t, /[^0-9.][245]\.[0-9][0-9]?[0-9]?\.[0-9][0-9]?[0-9]?[^0-9.]/))
		st = substr(t, RSTART + 1, RLENGTH - 2)
	printf "From MAILER-DAEMON Tue Nov 17 08:00:00 2026\n"
	printf "From: MAILER-DAEMON@mx.example.org (Mail Delivery System)\n"
	printf "To: sender@example.org\nSubject: Undelivered Mail Returned to Sender\n"
	printf "Message-Id: <r-%d@mx.example.org>\nMIME-Version: 1.0\n", n
	printf "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b%d\"\n\n", n
	printf "--b%d\nContent-Type: text/plain\n\nYour message could not be delivered.\n\n", n
	printf "--b%d\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\n", n
	printf "Final-Recipient: rfc822; rcpt%d@example.net\nAction: failed\nStatus: %s\n", n, st
	printf "Diagnostic-Code: smtp; %s\n\n--b%d--\n\n", $2, n
}
