# Shared set-up for the Bats suites: libraries, PATH, fixtures, goldens.
bats_require_minimum_version 1.5.0
# The Bats libraries.  Each one's load.bash sources its files as
# `source "$(dirname "${BASH_SOURCE[0]}")/src/F.bash"`, a fork a file:
# seventeen a test, most of a test's fixed cost.  Here the same files
# are sourced in the same order, the directory found without a fork; a
# load.bash of another shape is loaded as Bats loads it.
deliv_load_library() {
	local dir line f=() i
	IFS=: read -ra dir <<<"$BATS_LIB_PATH"
	for i in "${dir[@]}"; do
		[[ -f $i/$1/load.bash ]] || continue
		while IFS= read -r line; do
			if [[ $line == source\ * ]]; then
				[[ $line =~ /src/([A-Za-z0-9_.-]+\.bash)\"$ ]] ||
				    { bats_load_library "$1"; return; }
				f+=("$i/$1/src/${BASH_REMATCH[1]}")
			fi
		done <"$i/$1/load.bash"
		((${#f[@]} > 0)) || break
		for i in "${f[@]}"; do
			# shellcheck disable=SC1090
			source "$i" || return
		done
		return 0
	done
	bats_load_library "$1"
}
deliv_load_library bats-support
deliv_load_library bats-assert
deliv_load_library bats-file

TOP=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
BUILD=${DELIV_BUILDDIR:-$TOP/build}
PATH=$BUILD:$BUILD/drivers:$PATH
FIXTURES=$BATS_TEST_DIRNAME/fixtures
EXPECTED=$BATS_TEST_DIRNAME/expected
CORPORA=$TOP/../shared/corpora
export DELIV_PHRASES=$TOP/phrases
unset DELIV_FORMAT NO_COLOR
# header-trace: the built-in private ranges, without the warning that no
# trusted networks are configured (tests/header-trace.bats tests it).
export DELIV_TRUSTED=

# golden FILE: compare $output with FILE; UPDATE=1 rewrites FILE instead.
golden() {
	if [[ -n ${UPDATE-} ]]; then
		mkdir -p "$(dirname "$1")"
		printf '%s\n' "$output" >"$1"
	else
		assert_output - <"$1"
	fi
}

# tools: the programs that exist (short names).
tools() {
	local f
	for f in "$TOP"/tools/*.c; do
		f=${f##*/}
		f=${f%.c}
		[[ $f == deliv ]] || echo "$f"
	done
}

# same_fields: every line of $output has as many tab-separated fields as
# the first (no forged column or record).
same_fields() {
	awk -F'\t' 'NR == 1 { n = NF } NF != n { print "line " NR ": " NF " fields, not " n; bad = 1 } END { exit bad }' <<<"$output"
}

# need_corpora: skip when the shared corpora are not beside the checkout.
need_corpora() {
	[[ -d $CORPORA ]] || skip "no shared/corpora beside the checkout"
}

# cols [-] [-t TOOL] NAME[,NAME...]...: the named columns of a TSV record
# stream, tab-separated in the order asked, one line per data row (the
# header line itself is not printed). Columns are found by the header's
# names, never by position, so a new column breaks no test.
#   Input: "$output" (after `run`); with `-`, stdin instead (in a pipe:
#   `... | cols - status`). Stdin is never guessed: under bats it is a pipe.
#   -t TOOL: the input has no header (--no-header); take it from the first
#   line that deliv-TOOL (or TOOL, e.g. input-dump) prints on empty input.
# An unknown name prints "cols: no column 'X' in: a b c" on stderr and cols
# returns 1; so does input with no header line.
# Named cols, not col: col(1) (util-linux) is in use (contract.bats).
# run_once [-N] CMD...: as Bats' run, but once a file: the first call
# runs CMD (with run's status check), the later ones in the same file
# (in the same directory, the same words) set status, output and lines
# from it.  For the fixture mailbox every test of a file reads in its
# setup().
run_once() {
	local key
	key=$BATS_FILE_TMPDIR/run-$(printf '%s\0' "$PWD" "$@" | md5sum |
	    cut -c1-16)
	if [[ -f $key.status ]]; then
		status=$(<"$key.status")
		output=$(<"$key.output")
		IFS=$'\n' read -d '' -r -a lines <<<"$output" || true
		return 0
	fi
	run "$@" || return
	printf '%s' "$output" >"$key.output"
	printf '%s\n' "$status" >"$key.status"
}

cols() {
	local in=output tool= hdr=
	while (($#)); do
		case $1 in
		-) in=stdin ;;
		-t) tool=$2; shift ;;
		*) break ;;
		esac
		shift
	done
	(($#)) || { echo "cols: no column named" >&2; return 1; }
	if [[ -n $tool ]]; then
		command -v "deliv-$tool" >/dev/null && tool=deliv-$tool
		# the header a tool prints on no input, once a file for the
		# same DELIV_ settings (a start-up is most of a short test's
		# time under ASan)
		local memo=
		if [[ -n ${BATS_FILE_TMPDIR-} ]]; then
			memo=$BATS_FILE_TMPDIR/cols-$(printf '%s\n' "$tool" \
			    "$(env | grep '^DELIV_' | sort)" | md5sum | cut -c1-16)
		fi
		if [[ -n $memo && -s $memo ]]; then
			hdr=$(<"$memo")
		else
			hdr=$("$tool" </dev/null | head -n 1)
			[[ -z $memo || -z $hdr ]] || printf '%s\n' "$hdr" >"$memo"
		fi
		[[ -n $hdr ]] || { echo "cols: $tool prints no header" >&2; return 1; }
	fi
	{
		[[ -z $hdr ]] || printf '%s\n' "$hdr"
		if [[ $in == stdin ]]; then
			cat
		elif [[ -n ${output-} ]]; then
			printf '%s\n' "$output"
		fi
	} | awk -F'\t' -v want="$(IFS=,; echo "$*")" '
	NR == 1 {
		for (i = 1; i <= NF; i++)
			at[$i] = i
		n = split(want, w, ",")
		for (j = 1; j <= n; j++)
			if (!(w[j] in at)) {
				gsub(/\t/, " ")
				printf "cols: no column '\''%s'\'' in: %s\n", w[j], $0 >"/dev/stderr"
				bad = 1
				exit 1
			}
		next
	}
	{
		for (j = 1; j <= n; j++)
			printf "%s%s", $(at[w[j]]), (j < n ? "\t" : "\n")
	}
	END {
		if (NR == 0 && !bad) {
			print "cols: no header line in the input" >"/dev/stderr"
			exit 1
		}
	}'
}

# replies_agree FILE MIN: each "reason<TAB>reply" line of FILE (in the
# current folder; # comments) as the Diagnostic-Code of a DSN (its status
# the reply's enhanced code, else 5.0.0), all in one mbox through
# bounce-classify; fails unless there are MIN lines or more, one record
# each, and every record has its line's reason (the lines that disagree
# are printed: expected -> got (matched): reply).
replies_agree() {
	local file=$1 min=$2 n
	awk -F'\t' -f "$TOP/tests/lib/replies-dsn.awk" "$file" >"$BATS_TEST_TMPDIR/replies.mbox"
	run -1 deliv-bounce-classify --no-header "$BATS_TEST_TMPDIR/replies.mbox"
	n=$(grep -v '^#' "$file" | grep -c .)
	((n >= min)) || fail "$file: only $n lines"
	assert_equal "${#lines[@]}" "$n"
	assert_equal "$(paste <(grep -v '^#' "$file" | cut -f1,2) <(cols -t bounce-classify recipient,reason,matched) |
	    awk -F'\t' '$3 != "rcpt" NR "@example.net" || $1 != $4 { print $1 " -> " $4 " (" $5 "): " $2 }')" ""
}

# records_agree MBOX EXPECTED [writer]: bounce-classify's records of MBOX
# (msgno, recipient, kind, reason, mta; exit 1, failures found) are the
# lines of EXPECTED (msgno, mta, recipient, kind, reason; "#" lines are
# not), in order.  With "writer", EXPECTED's second column names the
# message's writer for people and the mta column is not compared.
records_agree() {
	if [[ ${3-} == writer ]]; then
		run -1 deliv-bounce-classify --no-header -o msgno,recipient,kind,reason "$1"
		assert_equal "$output" "$(awk -F'\t' '!/^#/ && NF >= 4 { print $1 "\t" $3 "\t" $4 "\t" $5 }' "$2")"
		return
	fi
	run -1 deliv-bounce-classify --no-header -o msgno,recipient,kind,reason,mta "$1"
	assert_equal "$output" "$(awk -F'\t' '!/^#/ && NF >= 5 { print $1 "\t" $3 "\t" $4 "\t" $5 "\t" $2 }' "$2")"
}

# kinds_agree FILE: after replies_agree FILE, every record's kind is its
# line's reason's kind as data/reasons.tsv gives it (bycode: soft for a
# 4xx reply or a 4.x.x status, else hard); the lines that disagree are
# printed: reason want -> got: reply.
kinds_agree() {
	local file=$1
	assert_equal "$(paste <(grep -v '^#' "$file" | cut -f1,2) <(cols -t bounce-classify kind) |
	    awk -F'\t' -v reasons="$BATS_TEST_DIRNAME/../data/reasons.tsv" \
	    "$(cat "$BATS_TEST_DIRNAME/lib/reply-kind.awk")"'
	    {
		want = reply_kind($1, $2)
		if (want == "" || want != $3)
			print $1 " " want " -> " $3 ": " $2
	    }')" ""
}

# batch_expect TSV FIRST LAST N: TSV's lines ("msgno<TAB>...<TAB>
# recipient<TAB>kind<TAB>reason", "#" lines skipped) for messages
# FIRST..LAST, as rk prints them: "msgno<TAB>recipient/kind ..." with N
# fields from the third (2: recipient/kind, 3: recipient/kind/reason).
batch_expect() {
	awk -F'\t' -v a="$2" -v b="$3" -v n="$4" '!/^#/ && $1 >= a && $1 <= b {
		if (!c[$1]++) o[++m] = $1
		r = $3
		for (i = 4; i < 3 + n; i++)
			r = r "/" $i
		e[$1] = e[$1] (c[$1] > 1 ? " " : "") r
	}
	END { for (i = 1; i <= m; i++) printf "%s\t%s\n", o[i], e[o[i]] }' "$1"
}

# batch_msgs TSV FIRST LAST: the message numbers TSV expects in that range.
batch_msgs() {
	awk -F'\t' -v a="$2" -v b="$3" '!/^#/ && $1 >= a && $1 <= b { print $1 }' "$1" | uniq
}

# rk N...: for each message N of $OUT (msgno, recipient[, kind]
# records, TAB-separated, as `cols -t bounce-classify
# msgno,recipient,kind` gives them), "N<TAB>recipient/kind ...", or
# "N<TAB>recipient ..." when $OUT has no kind column, space-joined in
# the order reported.
rk() {
	local n
	for n in "$@"; do
		printf '%s\t%s\n' "$n" "$(awk -F'\t' -v n="$n" \
		    '$1 == n { printf "%s%s%s", s, $2, (NF > 2 ? "/" $3 : ""); s = " " }' <<<"$OUT")"
	done
}

# repeat FILE N: FILE's bytes N times over on stdout, in one process (a
# cat a copy costs a fork each: a minute for thousands on a busy host).
repeat() {
	perl -e 'my $n = shift; local $/; my $s = <>;
	    defined $s or die "$ARGV: empty or unreadable\n"; print $s x $n' \
	    "$2" "$1"
}

# msg MBOX N: message N (from 1) of MBOX, its From_ line first.
msg() {
	awk -v n="$2" '/^From /{k++} k == n' "$1"
}

# mbox_notice FILE FROM TO SUBJECT BODY: a one-message mbox, a text/plain
# notice FROM to TO with SUBJECT and BODY (the addr batches' edits).
mbox_notice() {
	local file=$1 from=$2 to=$3 subj=$4 body=$5
	printf '%s\n' 'From MAILER-DAEMON Sun Dec  6 10:00:00 2026' \
	    "From: $from" "To: $to" "Subject: $subj" \
	    'MIME-Version: 1.0' 'Content-Type: text/plain; charset=utf-8' \
	    '' "$body" >"$file"
}
