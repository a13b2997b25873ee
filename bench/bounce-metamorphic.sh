#!/usr/bin/env bash
# bench/bounce-metamorphic.sh [BUILDDIR] [-v]: does bounce-classify (built
# in BUILDDIR, default build) give the same records when a bounce is
# written another way that means the same?  Each message of
# ../shared/corpora/bounces/messages/maildir/bsd is rewritten five ways,
# as other writers and relays would write it:
#   crlf  every line ends in CR LF (Exchange, a Windows relay);
#   fold  every Diagnostic-Code longer than 50 characters folded at its
#         spaces (RFC 5322 section 2.2.3: a field may be folded anywhere
#         white space is);
#   b64   a message with no MIME header (a plain RFC 822 notice: qmail,
#         old Sendmail) sent as MIME, its body in base64 (RFC 2045);
#   noenv the mbox From_ line left out of a message that has one;
#   orig  the To and Cc of the returned message (after a message/rfc822
#         or text/rfc822-headers part opens) made another address: the
#         precision policy says no failed recipient comes from there
#         (feedback reports, whose complainant may be named only there,
#         are left out of this comparison).
# and, when python3 is there, twenty more that need a MIME parser
# (bench/bounce-mime-ways.py: each against the message as Python's
# email package writes it again unchanged, "rt"):
#   qp      the text/plain parts quoted-printable (RFC 2045 6.7);
#   b64text the same parts in base64;
#   dsncase the delivery-status fields' names in lower case, no space
#           after their colons (RFC 3464 2.1);
#   rewrap  the text/plain parts' lines wrapped at spaces to 76 bytes;
#   latin1  the same parts re-encoded ISO-8859-1, or windows-1252 when
#           only it holds their text, charset changed (RFC 2046 4.1.2);
#   subj2047 the Subject as RFC 2047 B encoded-words, From's display
#           name as Q ones (RFC 2047 4, 5);
#   wrapmixed the body (a report, a text, any multipart) put inside a
#           multipart/mixed after a gateway's banner part (RFC 2046
#           5.1.3);
#   rfc822hdrs a report's returned message/rfc822 as text/rfc822-headers
#           (its header only), and the reverse (RFC 6522 3);
#   ctcase  Content-Type and Content-Transfer-Encoding in upper case,
#           parameters quoted or bare again (RFC 2045 5.1, 6.1);
#   boundary every multipart's boundary another string (RFC 2046 5.1.1);
#   dsnorder the fields of each delivery-status group in reverse order
#           (RFC 3464 2.2, 2.3: no fixed order);
#   dsnfold every delivery-status field over 40 bytes folded with a tab,
#           Diagnostic-Code's "smtp; " as "smtp;" (RFC 5322 2.2.3,
#           RFC 3464 2.3.6);
#   hdrcase the notice's and its returned message's field names in lower
#           case, the MIME parts' in upper case (RFC 5322 1.2.2);
#   trailing spaces and a tab at the end of the text parts' lines, an
#           indent of spaces as a tab (gateways' padding; not flowed);
#   dsnglobal message/delivery-status as message/global-delivery-status,
#           ASCII addresses typed utf-8 (RFC 6533 3);
# and what relays, gateways and lists do to a notice on its way:
#   banner  an "external sender" caution at the top of the first text
#           and HTML parts (Exchange's disclaimer, Location Prepend);
#   footer  a list's footer: appended to a plain text, a new part of a
#           multipart/mixed, else the body wrapped (Mailman's Decorate);
#   subjtag "[External] " or "[News] " in front of the Subject
#           (Exchange's PrependSubject, a list's subject_prefix);
#   relayhdrs Received, ARC, Authentication-Results and Exchange
#           Online's X-MS-Exchange-Organization-* fields on top;
#   urldefense http(s) links in the notice's text rewritten by
#           Proofpoint URL Defense (v3) or Microsoft Safe Links;
# and what stores and relays do to its encoding (bench/bounce_store_ways.py):
#   htmlonly the notice's text/plain parts as text/html (Exchange's and
#           Outlook's content conversion);
#   trunc   the returned message cut at a byte limit, mid-line (Postfix's
#           bounce_size_limit, Exim's return_size_limit);
#   8bit    quoted-printable or base64 text parts sent 8bit, an 8bit
#           one quoted-printable (RFC 6152);
#   flowed  the text parts as format=flowed, soft breaks (RFC 3676);
# and the records (recipient, kind, reason, status; sorted, without the
# source) are compared with those of the message as it is.  Prints one
# line per way: messages rewritten, records that differ.  Exit 1 if any
# differ.  A rule that depends on the bytes a message happens to have,
# not on what it says, shows here.  -v prints the differences.
# "fixtures" as a third argument rewrites the messages of the fixture
# mailboxes (tests/fixtures/bounce-writers and bounce-classify, each
# message a file) instead of the corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(cd "${1:-build}" && pwd)
verbose=${2:-}
root=$(pwd)
corpus=../shared/corpora/bounces/messages/maildir/bsd
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[[ -x $build/deliv-bounce-classify ]] || { echo "bounce-metamorphic: build first (make)" >&2; exit 2; }
if [[ ${3-} == fixtures ]]; then
	corpus=$work/fixtures
	mkdir -p "$corpus"
	# each message of a mailbox to its own file, its From_ line kept
	awk -v d="$corpus" '
	    FNR == 1 { b = FILENAME; sub(/.*\//, "", b); sub(/\.mbox$/, "", b); n = 0; prev = "" }
	    /^From / && (FNR == 1 || prev == "") { if (f != "") close(f); f = sprintf("%s/%s-%03d.eml", d, b, ++n) }
	    { print > f; prev = $0; sub(/\r$/, "", prev) }' \
	    tests/fixtures/bounce-writers/*.mbox tests/fixtures/bounce-classify/*.mbox
fi

mkdir -p "$work/as-is" "$work/crlf" "$work/fold" "$work/b64" "$work/noenv" \
    "$work/orig" "$work/part"
# One awk over every file writes the ways a line at a time; it lists
# the files a way does not apply to (or that it leaves the same), and the
# shell removes those and base64-encodes the bodies of the plain ones.
find "$corpus" -maxdepth 1 -type f -print0 | sort -z | xargs -0 awk -v w="$work" '
    function finish() {
	if (b == "")
		return
	close(w "/as-is/" b); close(w "/crlf/" b); close(w "/fold/" b)
	close(w "/orig/" b); close(w "/noenv/" b)
	close(w "/part/" b ".head"); close(w "/part/" b ".body")
	if (mime) print "mime", b > (w "/list")
	if (!changed) print "same", b > (w "/list")
	if (!(envelope && froms == 1)) print "noenv", b > (w "/list")
    }
    FNR == 1 {
	finish()
	b = FILENAME; sub(/.*\//, "", b)
	head = 1; mime = 0; orig = 0; skip = 0; changed = 0
	envelope = /^From /; froms = 0
    }
    { gsub(/\r/, "") }
    /^From / { froms++ }
    {
	print > (w "/as-is/" b)
	print $0 "\r" > (w "/crlf/" b)
	if (FNR > 1) print > (w "/noenv/" b)
    }
    # fold: every Diagnostic-Code over 50 characters at its spaces
    tolower($0) ~ /^diagnostic-code:/ && length($0) > 50 {
	n = split($0, x, " "); line = x[1]
	for (i = 2; i <= n; i++) {
		if (length(line) + 1 + length(x[i]) > 40 && line !~ /^ *$/) {
			print line > (w "/fold/" b); line = "      " x[i]
		} else
			line = line " " x[i]
	}
	print line > (w "/fold/" b)
    }
    !(tolower($0) ~ /^diagnostic-code:/ && length($0) > 50) { print > (w "/fold/" b) }
    # b64: the header block (up to the first empty line) and the body apart
    head && NF == 0 { head = 0; next_is_body = 1 }
    head && tolower($0) ~ /^(mime-version|content-type|content-transfer-encoding):/ { mime = 1 }
    head { print > (w "/part/" b ".head") }
    !head && !next_is_body { print > (w "/part/" b ".body") }
    { next_is_body = 0 }
    # orig: the returned message'"'"'s To and Cc made another address
    tolower($0) ~ /^content-type: *(message\/rfc822|text\/rfc822-headers)/ { orig = 1 }
    orig && tolower($0) ~ /^(to|cc):/ {
	o = $0; sub(/:.*/, ": Someone Else <someone.else@elsewhere.example>", o)
	print o > (w "/orig/" b); skip = 1; changed = 1; next
    }
    skip && /^[ \t]/ { changed = 1; next }
    { skip = 0; print > (w "/orig/" b) }
    END { finish() }'
while read -r what b; do
	case $what in
	mime) rm -f "$work/part/$b.head" "$work/part/$b.body" ;;
	same) rm -f "$work/orig/$b" ;;
	noenv) rm -f "$work/noenv/$b" ;;
	esac
done <"$work/list"
# (a file of one message: without its first From_ line, a mailbox of
# two is one message)
for h in "$work"/part/*.head; do
	[[ -e $h ]] || continue
	b=${h##*/}
	b=${b%.head}
	{
		cat "$h"
		printf 'MIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: base64\n\n'
		# (a message of headers alone, a receipt, has no body file)
		base64 2>/dev/null <"$work/part/$b.body" || true
	} >"$work/b64/$b"
done

records() {	# records DIR FILES...: the records of those files, sorted
	local dir=$1
	shift
	(cd "$dir" && "$build/deliv-bounce-classify" --no-progress --no-header \
	    --phrases "$root/phrases" -o source,recipient,kind,reason,status "$@" || true) |
	    awk -F '\t' '$4 != "feedback"' | sort
}

compare() {	# compare WAY FROM TO: the records of TO's files against FROM's
	local way=$1 from=$2 to=$3 n
	local -a files
	mapfile -t files < <(cd "$to" && ls)
	if ((${#files[@]} == 0)); then
		printf '%-10s %4d messages\n' "$way" 0
		return
	fi
	records "$from" "${files[@]}" >"$work/a.tsv"
	records "$to" "${files[@]}" >"$work/b.tsv"
	n=$(diff "$work/a.tsv" "$work/b.tsv" | grep -c '^[<>]' || true)
	printf '%-10s %4d messages, %d records differ\n' "$way" "${#files[@]}" "$n"
	if ((n > 0)); then
		bad=1
		[[ $verbose == -v ]] && diff "$work/a.tsv" "$work/b.tsv" | sed 's/^/  /' || true
	fi
	return 0
}

bad=0
for way in crlf fold b64 noenv orig; do
	compare "$way" "$work/as-is" "$work/$way"
done

# The MIME-aware ways (bench/bounce-mime-ways.py): each compared with
# the message as Python's email package writes it again unchanged
# ("rt"), itself compared with the message as it is.
if command -v python3 >/dev/null; then
	PYTHONDONTWRITEBYTECODE=1 python3 bench/bounce-mime-ways.py "$work/as-is" "$work/mw"
	compare rt "$work/as-is" "$work/mw/rt"
	for way in qp b64text dsncase rewrap latin1 subj2047 wrapmixed \
	    rfc822hdrs ctcase boundary dsnorder dsnfold hdrcase trailing \
	    dsnglobal banner footer subjtag relayhdrs urldefense htmlonly \
	    trunc 8bit flowed; do
		compare "$way" "$work/mw/rt" "$work/mw/$way"
	done
else
	echo "bounce-metamorphic: no python3; the MIME-aware ways skipped" >&2
fi
exit $bad
