#!/usr/bin/env bats
# Scale-out: -j N worker processes (core/workers) give exactly the bytes
# of one process, on files, a Maildir, stdin and gzip input; the size cap
# (--max-size) in every mail program; and GNU parallel --pipe, split at
# mbox From_ lines, gives the records of a single run (sorted; the
# per-chunk msgno left out) on a mailbox of at least 50 MB.

setup_file() {
	local top corpora f
	top=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
	corpora=$top/../shared/corpora
	SMALL=$BATS_FILE_TMPDIR/small.mbox
	MDIR=$BATS_FILE_TMPDIR/maildir
	BIG=$BATS_FILE_TMPDIR/big.mbox
	export SMALL MDIR BIG
	[[ -d $corpora ]] || return 0
	# 300 messages of every kind: a few batches of -j (the long mailbox
	# below has more)
	mkdir -p "$MDIR/cur" "$MDIR/new"
	find "$corpora/lint/messages" "$corpora/bounces/messages/maildir/bsd" -type f | sort |
	    awk 'NR % 14 == 1' | head -n 300 |
	while read -r f; do
		[[ $(head -c 5 "$f") == "From " ]] || echo "From scale@example.org Mon Nov 16 10:00:00 2026"
		tr -d '\r' <"$f" | sed '1!s/^From />From /'
		echo
		cp "$f" "$MDIR/cur/${f##*/}:2,S"
	done >"$SMALL"
}

# The big mailbox of the parallel test, built when first needed: the
# corpora once (one awk over every file, as setup_file writes SMALL),
# then that pass again until it is 50 MB.
big() {
	local corpora=$BATS_TEST_DIRNAME/../../shared/corpora
	local one=$BATS_FILE_TMPDIR/one-pass.mbox
	[[ -s $BIG ]] && return 0
	find "$corpora/lint/messages" "$corpora/bounces/messages/maildir/bsd" -type f -print0 |
	    sort -z | xargs -0 awk '
		FNR == 1 && NR > 1 { print "" }
		FNR == 1 && !/^From / { print "From scale@example.org Mon Nov 16 10:00:00 2026" }
		{ gsub(/\r/, "") }
		FNR > 1 && /^From / { $0 = ">" $0 }
		{ print }
		END { print "" }' >"$one"
	while (($(stat -c %s "$BIG" 2>/dev/null || echo 0) < 52428800)); do
		cat "$one" >>"$BIG"
	done
}

setup() {
	load lib/helpers
	need_corpora
}

@test "scale: -j 2 and -j 3 write the bytes of one process, header once, same exit status" {
	local t st1 st2
	for t in bounce-classify header-trace lint; do
		run deliv-$t "$SMALL"
		st1=$status
		printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/one"
		run deliv-$t -j 2 "$SMALL"
		st2=$status
		printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/two"
		cmp "$BATS_TEST_TMPDIR/one" "$BATS_TEST_TMPDIR/two" || fail "$t: -j 2 differs"
		assert_equal "$st2" "$st1"
		assert_equal "$(grep -c '^source' "$BATS_TEST_TMPDIR/two")" 1
		cmp <(deliv-$t --json "$SMALL" "$MDIR") <(deliv-$t --json -j 3 "$SMALL" "$MDIR") ||
		    fail "$t: -j 3 --json differs"
	done
}

@test "scale: -j 2 on stdin, on gzip input and with an unreadable operand, as one process" {
	local t
	gzip -c "$SMALL" >"$BATS_TEST_TMPDIR/small.mbox.gz"
	for t in bounce-classify header-trace lint; do
		cmp <(deliv-$t <"$SMALL") <(deliv-$t -j 2 <"$SMALL") || fail "$t: stdin differs"
		cmp <(deliv-$t <"$SMALL") <(deliv-$t -j 2 <"$BATS_TEST_TMPDIR/small.mbox.gz") ||
		    fail "$t: gzip on stdin differs"
		# stderr apart: its line may fall in the middle of a record
		run --separate-stderr deliv-$t -j 2 "$BATS_TEST_TMPDIR/small.mbox.gz" /nonexistent "$MDIR"
		assert_equal "$status" 2
		[[ $stderr == *"deliv-$t: /nonexistent: No such file or directory"* ]] ||
		    fail "$t: stderr: $stderr"
		cmp <(deliv-$t "$BATS_TEST_TMPDIR/small.mbox.gz" "$MDIR" 2>/dev/null) \
		    <(deliv-$t -j 2 "$BATS_TEST_TMPDIR/small.mbox.gz" /nonexistent "$MDIR" 2>/dev/null) ||
		    fail "$t: records differ around an unreadable operand"
	done
	# nothing to read: the header alone, once
	run -0 deliv-lint -j 2 </dev/null
	assert_output "$(deliv-lint </dev/null)"
}

@test "scale: -j 2 workers read a file's messages in place, and a pipe's, CRLF, CR-only and over-size ones from the parent, as one process" {
	local t
	sed 's/$/\r/' "$SMALL" >"$BATS_TEST_TMPDIR/crlf.mbox"
	tr '\n' '\r' <"$SMALL" >"$BATS_TEST_TMPDIR/cr.mbox"
	for t in bounce-classify header-trace lint; do
		cmp <(deliv-$t "$BATS_TEST_TMPDIR/crlf.mbox") <(deliv-$t -j 2 "$BATS_TEST_TMPDIR/crlf.mbox") ||
		    fail "$t: CRLF differs"
		cmp <(deliv-$t "$BATS_TEST_TMPDIR/cr.mbox") <(deliv-$t -j 2 "$BATS_TEST_TMPDIR/cr.mbox") ||
		    fail "$t: CR-only differs"
		# a pipe named as an operand cannot be read in place
		cmp <(deliv-$t "$SMALL" | cut -f 2-) <(deliv-$t -j 2 <(cat "$SMALL") | cut -f 2-) ||
		    fail "$t: a named pipe differs"
		# messages over the cap are the parent's error records
		cmp <(deliv-$t --max-size 8k "$SMALL" "$SMALL") <(deliv-$t -j 3 --max-size 8k "$SMALL" "$SMALL") ||
		    fail "$t: --max-size differs"
	done
	# the cap did skip some, and the pipe's records name it
	[[ $(deliv-lint --max-size 8k "$SMALL" | grep -c 'larger than 8192 bytes') -gt 0 ]] || fail "nothing over 8k"
}

@test "scale: -j 2 workers read a file a window at a time: a message longer than the window, and messages across its edges, as one process" {
	local t f=$BATS_TEST_TMPDIR/long.mbox
	# a worker reads 1 MB of the file at once (READ_AHEAD of core/workers):
	# the small mailbox three times is past a window's edge more than once,
	# and a 1.5 MB bounce stands between them
	cat "$SMALL" >"$f"
	{
		printf 'From MAILER-DAEMON Mon Nov 16 10:00:00 2026\n'
		printf 'From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\n'
		printf 'To: sender@example.org\nSubject: Undelivered Mail Returned to Sender\n\n'
		printf '<long.window@example.com>: host mx.example.com[192.0.2.1] said: 550 5.1.1\n'
		printf '    <long.window@example.com>: Recipient address rejected: User unknown\n\n'
		yes 'filler line of the returned message, long enough to be counted' | head -c 1572864
		printf '\n'
	} >>"$f"
	cat "$SMALL" "$SMALL" >>"$f"
	(($(stat -c %s "$f") > 3 * 1048576)) || fail "the mailbox is too small to cross windows"
	for t in bounce-classify header-trace lint; do
		cmp <(deliv-$t "$f") <(deliv-$t -j 2 "$f") || fail "$t: -j 2 differs"
	done
	run -1 deliv-bounce-classify -j 2 -o recipient,kind,reason "$f"
	[[ $output == *$'long.window@example.com\thard\tuserunknown'* ]] || fail "the long message's record is missing"
}

@test "scale: -j 2 and -j 3 over many batches (each to the least busy worker, the parent keeping which has which) write the bytes of one process" {
	local f=$BATS_TEST_TMPDIR/many.mbox t
	# 128 messages a batch (BATCH_MSGS of core/workers), and the parent
	# keeps 8 batches a worker made and not written (WINDOW: 16 for -j 2):
	# 8 times the small mailbox is 18 batches or more, past its wrap
	repeat "$SMALL" 8 >"$f"
	(($(grep -c '^From ' "$f") > 16 * 128)) || fail "too few messages: $(grep -c '^From ' "$f")"
	deliv-bounce-classify "$f" >"$BATS_TEST_TMPDIR/one" || (($? == 1)) || fail "bounce-classify failed"
	for t in 2 3; do
		cmp "$BATS_TEST_TMPDIR/one" <(deliv-bounce-classify -j $t "$f") || fail "-j $t differs"
	done
}

@test "scale: -j refuses what one process must do, and bad values" {
	run -2 deliv-bounce-classify -j 2 --db "$BATS_TEST_TMPDIR/x.db" "$SMALL"
	assert_output "deliv-bounce-classify: --db: not with -j 2: one process writes it (use -j 1)"
	run -2 deliv-header-trace -j 0 --complaint arf "$SMALL"
	assert_output --partial "deliv-header-trace: --complaint: not with -j 0"
	run -2 deliv-lint -j x "$SMALL"
	assert_output "deliv-lint: --jobs: not a number between 0 and 256: x"
	run -2 deliv-lint --max-size 10X "$SMALL"
	assert_output "deliv-lint: --max-size: not a size from 1 to 1024G (a number with k, M or G): 10X"
	# -j 1 with --db is one process, as always
	run -0 deliv-bounce-classify -j 1 --db "$BATS_TEST_TMPDIR/x.db" /dev/null
}

@test "scale: --max-size: a message over it gets its record with the error, the next ones are read" {
	local t note
	for t in bounce-classify header-trace lint; do
		# header-trace's record has no error text: its flag says it
		note="message larger than 1024 bytes (--max-size): skipped"
		[[ $t != header-trace ]] || note=unparseable-message
		run deliv-$t --max-size 1k "$SMALL"
		assert_output --partial "$note"
		assert_equal "$(cols source | sort -u | wc -l)" 1
		run deliv-$t --max-size 64M "$SMALL"
		refute_output --partial "(--max-size): skipped"
		run deliv-$t --max-size 1M /dev/zero
		assert_output --partial $'/dev/zero\t1\t'
		assert_output --partial "${note/1024/1048576}"
	done
}

@test "scale: parallel --pipe -j4 gives the records of one run" {
	local t n=0
	command -v parallel >/dev/null || skip "GNU parallel is not installed"
	[[ $BUILD != *asan* ]] || skip "too slow under AddressSanitizer"
	big
	for t in $(tools); do
		case $t in dnscheck | warmup-plan) continue ;; esac
		n=$((n + 1))
		# msgno counts within a chunk: left out (the second key of a line)
		diff <(deliv-$t --json <"$BIG" | sed -E 's/,"msgno":[0-9]+//' | sort) \
		    <(parallel --pipe --recstart 'From ' --block 8M -j4 "deliv-$t --json" <"$BIG" |
		    sed -E 's/,"msgno":[0-9]+//' | sort) >/dev/null || fail "$t: records differ"
	done
	((n > 0)) || skip "no mail tool yet"
}
