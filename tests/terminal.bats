#!/usr/bin/env bats
# Human output on a real terminal: tmux runs the programs, capture-pane
# reads the screen.  Tables are aligned and coloured on a tty (not under
# NO_COLOR); the progress line shows on a tty and is cleared at the end.

setup() {
	load lib/helpers
	command -v tmux >/dev/null || skip "tmux is not installed"
	SOCK=$BATS_TEST_TMPDIR/tmux.0
	NSCREEN=0
}

teardown() {
	[[ -n ${SOCK-} ]] && tmux -S "$SOCK" kill-server 2>/dev/null || true
}

# screen CMD: run CMD in a fresh 160x40 terminal, wait for it to end,
# leave the screen (with colour escapes) in $output.
screen() {
	local i
	tmux -S "$SOCK" kill-server 2>/dev/null || true
	SOCK=$BATS_TEST_TMPDIR/tmux.$((++NSCREEN))
	tmux -S "$SOCK" new-session -d -x 160 -y 40 \
	    "PATH='$PATH'; export DELIV_PHRASES='$DELIV_PHRASES'; unset CI; $1; echo __END__; sleep 30"
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
		screen "DELIV_FORMAT=table NO_COLOR=1 deliv-$t '$FIXTURES/contract/three.mbox'"
		assert_line -n 0 --regexp '^source  +msgno  +'
	done
}

@test "terminal: the progress line is cleared when the run ends" {
	screen "DELIV_PROGRESS_DELAY=0 input-dump '$FIXTURES/input/two.mbox' >/dev/null"
	assert_line -n 0 '__END__'
}

@test "terminal: dnscheck's table reads as an audit report, status coloured" {
	screen "deliv-dnscheck --table --zone '$FIXTURES/contract/example.test.zone' example.test"
	assert_line -n 0 --regexp $'^\e\\[1mdomain +check +subject +status +detail +value'
	assert_line --regexp $'^example.test +spf +example.test +\e\\[32m(\e\\[49m)?pass'
	assert_line --regexp $'^example.test +dkim +- +\e\\[33m(\e\\[49m)?warn'
}

@test "terminal: warmup-plan --chart draws one bar a day" {
	screen "deliv-warmup-plan --daily 1000 --start 2026-12-01 --chart"
	run grep -c '█' <<<"$output"
	((output >= 5)) || fail "$output bars"
}
