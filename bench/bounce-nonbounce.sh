#!/usr/bin/env bash
# bench/bounce-nonbounce.sh [BUILDDIR]: what deliv-bounce-classify says of
# real mail that is, for the most part, no bounce: the ham and spam
# folders of ../shared/corpora/lint/messages (mail nobody here wrote;
# the few bounces and auto-replies that real mailboxes hold are among
# them).  A failure record there would put an address on a suppression
# list, so each record of kind hard or soft is printed whole (file,
# kind, reason, recipient, matched, mta and the message's Subject) for a
# person to judge: is that message a bounce, and did that address fail?
# Printed per folder: messages, then records by kind.
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(cd "${1:-build}" && pwd)
corpus=../shared/corpora/lint/messages
[[ -d $corpus ]] || { echo "bounce-nonbounce: no $corpus" >&2; exit 2; }
make -s BUILDDIR="$build" all >/dev/null
export DELIV_DATA=$PWD/data DELIV_PHRASES=$PWD/phrases
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%-12s %8s  %s\n' folder messages 'records by kind'
for d in "$corpus"/*/; do
	d=${d%/}
	name=$(basename "$d")
	"$build/deliv-bounce-classify" --no-header \
	    -o source,kind,reason,recipient,matched,mta "$d" \
	    >"$work/$name.tsv" 2>/dev/null || true
	printf '%-12s %8s  %s\n' "$name" "$(find "$d" -type f | wc -l)" \
	    "$(cut -f2 "$work/$name.tsv" | sort | uniq -c |
	    awk '{ printf "%s %s  ", $2, $1 }')"
done
echo
echo "failure records (kind hard or soft), each with its message's Subject:"
# (an empty field made "-": read collapses a run of tabs)
cat "$work"/*.tsv | awk -F'\t' -v OFS='\t' '$2 == "hard" || $2 == "soft" {
	for (i = 1; i <= NF; i++) if ($i == "") $i = "-"; print }' |
while IFS=$'\t' read -r src kind reason rcpt matched mta; do
	subj=$(grep -m1 -i '^Subject:' "$src" | cut -c10-70 || true)
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "${src#"$corpus"/}" "$kind" \
	    "$reason" "$rcpt" "$matched" "$mta" "$subj"
done
