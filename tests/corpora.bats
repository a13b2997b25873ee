#!/usr/bin/env bats
# Nothing lost: every program that reads mail gives at least one record
# for every message of every corpus in ../shared/corpora and exits 0 or 1,
# never 2 or a signal.  The reference list of messages comes from
# lib/core/input itself (tests/drivers/input-dump).

setup() {
	load lib/helpers
	need_corpora
}

# mail_tools: the programs that read messages.
mail_tools() {
	local t
	for t in $(tools); do
		case $t in
		dnscheck | warmup-plan) ;;
		*) echo "$t" ;;
		esac
	done
}

# check_dir DIR: every tool covers every message of DIR.
check_dir() {
	local dir=$1 t want got
	want=$BATS_TEST_TMPDIR/want
	input-dump "$dir" | cols - source,msgno | sort -u >"$want"
	[ -s "$want" ] || fail "no messages in $dir"
	for t in $(mail_tools); do
		run bash -c "deliv-$t --json '$dir' 2>/dev/null | jq -r '[.source, .msgno] | @tsv' | sort -u"
		got=$output
		run deliv-$t --no-header "$dir"
		[ "$status" -le 1 ] || fail "$t on $dir: exit $status"
		diff "$want" <(printf '%s\n' "$got") || fail "$t lost messages of $dir"
	done
}

@test "corpora: nothing lost on the bounce corpus" {
	check_dir "$CORPORA/bounces/messages/maildir/bsd"
	check_dir "$CORPORA/bounces/messages/maildir/dos"
	check_dir "$CORPORA/bounces/messages/maildir/mac"
	check_dir "$CORPORA/bounces/messages/maildir/not"
	check_dir "$CORPORA/bounces/messages/mailbox"
}

@test "corpora: nothing lost on the ham and spam corpus" {
	local d
	for d in "$CORPORA"/lint/messages/*/; do
		check_dir "${d%/}"
	done
}

@test "corpora: nothing lost on the DKIM messages" {
	check_dir "$CORPORA/dkim/messages"
}
