#!/usr/bin/env bats
# Human output on a real terminal: tmux runs the programs, capture-pane
# reads the screen.  Tables are aligned and coloured on a tty (not under
# NO_COLOR) and fit its width; the progress line shows on a tty and is
# cleared at the end; the tally line closes a run; a program waiting on
# the terminal says so.

setup() {
	load lib/helpers
	command -v tmux >/dev/null || skip "tmux is not installed"
	SOCK=$BATS_TEST_TMPDIR/tmux.0
	NSCREEN=0
	WIDTH=160
}

teardown() {
	[[ -n ${SOCK-} ]] && tmux -S "$SOCK" kill-server 2>/dev/null || true
}

# screen CMD: run CMD in a fresh $WIDTH x 40 terminal, wait for it to end,
# leave the screen (with colour escapes) in $output.
screen() {
	start "$1"
	wait_end
}

# start CMD: run CMD in a fresh terminal, without waiting.
start() {
	tmux -S "$SOCK" kill-server 2>/dev/null || true
	SOCK=$BATS_TEST_TMPDIR/tmux.$((++NSCREEN))
	tmux -S "$SOCK" new-session -d -x "$WIDTH" -y 40 \
	    "PATH='$PATH'; export DELIV_PHRASES='$DELIV_PHRASES'; unset CI COLUMNS; $1; echo __END__; sleep 30"
}

# wait_end: wait for the command of start to end; the screen in $output.
wait_end() {
	local i
	for ((i = 0; i < 100; i++)); do
		run tmux -S "$SOCK" capture-pane -p -e -J
		[[ $output == *__END__* ]] && break
		sleep 0.1
	done
	[[ $output == *__END__* ]] || fail "did not finish: $output"
}

@test "terminal: a table is aligned and coloured on a tty" {
	screen "out-record --table pass 'a b' fail"
	assert_line -n 0 $'\e[1mf1    f2   f3'
	# Colours as tmux renders them: green pass, bold red fail.
	assert_line -n 1 --regexp $'\e\\[32m(\e\\[49m)?pass\e\\[(0|39)m  a b  \e\\[(1;31|31;1|1m\e\\[31)mfail'
	# Without the escapes the columns line up.
	assert_equal "$(sed -n 2p <<<"$output" | sed 's/\x1b\[[0-9;]*m//g')" 'pass  a b  fail'
}

@test "terminal: NO_COLOR turns the colour off; --color=never too" {
	screen "NO_COLOR=1 out-record --table pass x"
	assert_line -n 0 'f1    f2'
	assert_line -n 1 'pass  x'
	screen "out-record --table --color=never fail x"
	assert_line -n 1 'fail  x'
}

@test "terminal: DELIV_FORMAT=table makes every tool write a table" {
	local t
	for t in $(tools); do
		case $t in dnscheck | warmup-plan) continue ;; esac
		screen "DELIV_FORMAT=table NO_COLOR=1 deliv-$t '$FIXTURES/contract/three.mbox' 2>/dev/null"
		assert_line -n 0 --regexp '^[a-z_]+  +[a-z_]+  +'
		refute_line --partial $'\t'
	done
}

@test "terminal: the progress line is cleared when the run ends" {
	screen "DELIV_PROGRESS_DELAY=0 input-dump '$FIXTURES/input/two.mbox' >/dev/null"
	assert_line -n 0 '__END__'
}

@test "terminal: dnscheck's table reads as an audit report, status coloured" {
	screen "deliv-dnscheck --table --zone '$FIXTURES/contract/example.test.zone' example.test"
	assert_line -n 0 --regexp $'^\e\\[1mcheck +subject +status +detail'
	assert_line --regexp $'^spf +example.test +\e\\[32m(\e\\[49m)?pass'
	assert_line --regexp $'^dkim +- +\e\\[33m(\e\\[49m)?warn'
}

@test "terminal: warmup-plan --chart draws one bar a day" {
	screen "deliv-warmup-plan --daily 1000 --start 2026-12-01 --chart"
	run grep -c '█' <<<"$output"
	((output >= 5)) || fail "$output bars"
}

@test "terminal: a table fits the terminal's width, long values cut with …" {
	local l
	WIDTH=60
	screen "NO_COLOR=1 deliv-lint --table '$TOP/examples/lint/promo.eml' 2>/dev/null"
	assert_line -n 0 --regexp '^msgno +id +severity +points +detail'
	assert_line --regexp '…$'
	while IFS= read -r l; do
		(($(printf '%s' "$l" | wc -m) <= 60)) || fail "wider than 60: $l"
	done <<<"$output"
}

@test "terminal: a run ends with one tally line on stderr; none off a terminal" {
	screen "deliv-bounce-classify '$FIXTURES/contract/three.mbox' >/dev/null"
	assert_line -n 0 'deliv-bounce-classify: 3 records; kind: none 2, hard 1; reason: userunknown 1'
	screen "deliv-lint '$FIXTURES/contract/three.mbox' >/dev/null"
	assert_line -n 0 --regexp '^deliv-lint: [0-9]+ records; verdict: pass 2, fail 1$'
	screen "deliv-dnscheck --zone '$FIXTURES/contract/example.test.zone' example.test >/dev/null"
	assert_line -n 0 --regexp '^example.test: (pass|warn|fail) \([0-9]+ pass, [0-9]+ warn, [0-9]+ fail, [0-9]+ temperror, [0-9]+ info\)$'
	screen "deliv-header-trace '$FIXTURES/contract/three.mbox' >/dev/null"
	assert_line -n 0 --regexp '^deliv-header-trace: 6 records; record: hop 3, origin 3$'
	screen "deliv-warmup-plan --daily 1000 --start 2026-12-01 >/dev/null"
	assert_line -n 0 '__END__'
	# Not on a terminal; not with CI set.
	run --separate-stderr deliv-lint "$FIXTURES/contract/three.mbox"
	assert_equal "$stderr" ''
	screen "CI=1 deliv-lint '$FIXTURES/contract/three.mbox' >/dev/null"
	assert_line -n 0 '__END__'
}

@test "terminal: with no file and stdin a terminal, a program says it reads standard input" {
	local t i
	for t in bounce-classify header-trace lint dnscheck; do
		start "deliv-$t >/dev/null"
		for ((i = 0; i < 50; i++)); do
			run tmux -S "$SOCK" capture-pane -p -J
			[[ $output == *"reading from standard input"* ]] && break
			sleep 0.1
		done
		assert_line -n 0 "deliv-$t: reading from standard input (Ctrl-D to end)"
		tmux -S "$SOCK" send-keys C-d
		wait_end
	done
	# Not when a file is named, nor when stdin is not a terminal.
	screen "deliv-lint '$FIXTURES/contract/three.mbox' >/dev/null 2>&1; deliv-lint </dev/null >/dev/null"
	refute_output --partial "reading from"
}
