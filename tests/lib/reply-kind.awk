# tests/lib/reply-kind.awk: the kind a labelled reply wants, for awk
# programs that put this text before their own, run with -v
# reasons=data/reasons.tsv.  reply_kind(reason, reply): the kind
# data/reasons.tsv gives reason; for "bycode", soft for a 4xx reply or
# a 4.x.x status, else hard; "" for a reason the table does not hold.
function reply_kind(reason, reply,    l, a, w) {
	if (!reply_kinds_read) {
		while ((getline l < reasons) > 0)
			if (l !~ /^#/ && split(l, a, "\t") >= 2)
				reply_kinds[a[1]] = a[2]
		reply_kinds_read = 1
	}
	w = reply_kinds[reason]
	if (w == "bycode")
		w = (reply ~ /^4[0-9][0-9]/ || reply ~ /(^|[^0-9.])4\.[0-9]+\.[0-9]+/) ? "soft" : "hard"
	return w
}
