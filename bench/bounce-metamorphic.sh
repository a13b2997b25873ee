#!/usr/bin/env bash
# bench/bounce-metamorphic.sh [BUILDDIR] [-v]: does bounce-classify (built
# in BUILDDIR, default build) give the same records when a bounce is
# written another way that means the same?  Each message of
# ../shared/corpora/bounces/messages/maildir/bsd is rewritten four ways,
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
# and the records (recipient, kind, reason, status; sorted, without the
# source) are compared with those of the message as it is.  Prints one
# line per way: messages rewritten, records that differ.  Exit 1 if any
# differ.  A rule that depends on the bytes a message happens to have,
# not on what it says, shows here.  -v prints the differences.
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(cd "${1:-build}" && pwd)
verbose=${2:-}
root=$(pwd)
corpus=../shared/corpora/bounces/messages/maildir/bsd
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[[ -x $build/deliv-bounce-classify ]] || { echo "bounce-metamorphic: build first (make)" >&2; exit 2; }

mkdir -p "$work/as-is" "$work/crlf" "$work/fold" "$work/b64" "$work/noenv" \
    "$work/orig"
for f in "$corpus"/*; do
	b=${f##*/}
	tr -d '\r' <"$f" >"$work/as-is/$b"
	sed 's/$/\r/' "$work/as-is/$b" >"$work/crlf/$b"
	awk '
	    tolower($0) ~ /^diagnostic-code:/ && length($0) > 50 {
		n = split($0, w, " "); line = w[1]
		for (i = 2; i <= n; i++) {
			if (length(line) + 1 + length(w[i]) > 40 && line !~ /^ *$/) {
				print line; line = "      " w[i]
			} else
				line = line " " w[i]
		}
		print line; next
	    }
	    { print }' "$work/as-is/$b" >"$work/fold/$b"
	# the header block: up to the first empty line
	if ! awk 'NF == 0 { exit } tolower($0) ~ /^(mime-version|content-type|content-transfer-encoding):/ { found = 1 } END { exit !found }' "$work/as-is/$b"; then
		{
			awk 'NF == 0 { exit } { print }' "$work/as-is/$b"
			printf 'MIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: base64\n\n'
			awk 'body { print } NF == 0 { body = 1 }' "$work/as-is/$b" | base64
		} >"$work/b64/$b"
	fi
	# (a file of one message: without its first From_ line, a mailbox of
	# two is one message)
	awk '
	    tolower($0) ~ /^content-type: *(message\/rfc822|text\/rfc822-headers)/ { orig = 1 }
	    orig && tolower($0) ~ /^(to|cc):/ {
		sub(/:.*/, ": Someone Else <someone.else@elsewhere.example>")
		print; skip = 1; next
	    }
	    skip && /^[ \t]/ { next }
	    { skip = 0; print }' "$work/as-is/$b" >"$work/orig/$b"
	cmp -s "$work/as-is/$b" "$work/orig/$b" && rm "$work/orig/$b"
	if head -1 "$work/as-is/$b" | grep -q '^From ' &&
	    (($(grep -c '^From ' "$work/as-is/$b") == 1)); then
		tail -n +2 "$work/as-is/$b" >"$work/noenv/$b"
	fi
done

records() {	# records DIR FILES...: the records of those files, sorted
	local dir=$1
	shift
	(cd "$dir" && "$build/deliv-bounce-classify" --no-progress --no-header \
	    --phrases "$root/phrases" -o source,recipient,kind,reason,status "$@" || true) |
	    awk -F '\t' '$4 != "feedback"' | sort
}

bad=0
for way in crlf fold b64 noenv orig; do
	mapfile -t files < <(cd "$work/$way" && ls)
	if ((${#files[@]} == 0)); then
		printf '%-6s %4d messages\n' "$way" 0
		continue
	fi
	records "$work/as-is" "${files[@]}" >"$work/a.tsv"
	records "$work/$way" "${files[@]}" >"$work/b.tsv"
	n=$(diff "$work/a.tsv" "$work/b.tsv" | grep -c '^[<>]' || true)
	printf '%-6s %4d messages, %d records differ\n' "$way" "${#files[@]}" "$n"
	if ((n > 0)); then
		bad=1
		[[ $verbose == -v ]] && diff "$work/a.tsv" "$work/b.tsv" | sed 's/^/  /'
	fi
done
exit $bad
