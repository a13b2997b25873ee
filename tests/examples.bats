#!/usr/bin/env bats
# examples/: make demo's script runs every tool, fits 80 columns and never
# fails on a reader that stops early (SIGPIPE).
# The EXAMPLES of every manual page are real pipelines: each .Bd -literal
# block of the EXAMPLES section runs, in a folder holding the files that
# tests/fixtures/man/ provides, and must exit 0 or 1 with no error from a
# deliv program.  A block right after a line '.\" not run: REASON' is
# skipped (live DNS, sending mail).

setup() {
	load lib/helpers
	command -v mandoc >/dev/null || skip "mandoc is not installed"
}

# examples PAGE: print each runnable example block, separated by NUL.
examples() {
	awk '
		/^\.Sh / { ex = ($2 == "EXAMPLES") }
		ex && /^\.\\" not run:/ { skip = 1; next }
		ex && /^\.Bd -literal/ { inb = 1; body = ""; next }
		ex && inb && /^\.Ed/ {
			inb = 0
			if (!skip) printf "%s%c", body, 0
			skip = 0
			next
		}
		ex && inb { body = body $0 "\n"; next }
		ex && /^\.(Pp|Sh)/ { skip = 0 }
	' "$1" | sed 's/\\e/\\/g'
}

@test "examples: every EXAMPLES pipeline of every page runs" {
	local page code n=0 work
	for page in "$TOP"/man/*.[17]; do
		while IFS= read -r -d '' code; do
			work=$BATS_TEST_TMPDIR/ex$((++n))
			mkdir -p "$work"
			cp -R "$FIXTURES/man/." "$work/"
			# A block written with "$ " prompts: the commands, not output.
			if grep -q '^\$ ' <<<"$code"; then
				code=$(awk '/^\$ / { sub(/^\$ /, ""); print; more = /[|\\]$/; next }
				    more { print; more = /[|\\]$/ }' <<<"$code")
			fi
			run --separate-stderr bash -c "cd '$work' && export HOME='$work' && set -o pipefail && $code"
			[ "$status" -le 1 ] || fail "${page##*/}: exit $status: $code: $stderr"
			[[ $stderr != *deliv-*:* ]] || fail "${page##*/}: $code: $stderr"
		done < <(examples "$page")
	done
	((n > 0)) || fail "no example found"
}

@test "demo: every tool's section runs, says in one line what it shows, and fits 80 columns" {
	local t l n
	COLUMNS=80 run --separate-stderr -0 "$TOP/examples/demo" "$BUILD"
	assert_line -n 0 "== deliv: the front command lists the tools"
	for t in $(tools); do
		[[ -x $TOP/examples/$t.sh ]] || continue
		assert_line --regexp "^== deliv $t: [a-z].{10,}\$"
	done
	for l in "${lines[@]}"; do
		n=$(printf '%s' "$l" | wc -m)
		((n <= 80)) || fail "$n columns: $l"
	done
	[ -z "$stderr" ] || fail "stderr: $stderr"
}

@test "demo: a reader that stops early (| head -1) ends the demo and every tool with 0, quietly" {
	local t big=$BATS_TEST_TMPDIR/big.mbox
	run --separate-stderr -0 bash -c "set -o pipefail; '$TOP/examples/demo' '$BUILD' | head -1"
	assert_output "== deliv: the front command lists the tools"
	[ -z "$stderr" ] || fail "stderr: $stderr"
	# More output than a pipe holds, so the writer meets the closed pipe.
	repeat "$FIXTURES/contract/three.mbox" 300 >"$big"
	for t in bounce-classify header-trace lint; do
		run --separate-stderr -0 bash -c "set -o pipefail; deliv-$t --json '$big' | head -1"
		[[ $output == '{"source":'* ]] || fail "$t: $output"
		[ -z "$stderr" ] || fail "$t: stderr: $stderr"
	done
	run --separate-stderr -0 bash -c "set -o pipefail; deliv-warmup-plan --daily 100000000 --days 365 --start 2026-12-01 | head -1"
	[ -z "$stderr" ] || fail "warmup-plan: stderr: $stderr"
	yes example.test | head -n 3000 >"$BATS_TEST_TMPDIR/domains"
	run --separate-stderr -0 bash -c "set -o pipefail; deliv-dnscheck --zone '$FIXTURES/contract/example.test.zone' <'$BATS_TEST_TMPDIR/domains' | head -1"
	[ -z "$stderr" ] || fail "dnscheck: stderr: $stderr"
}
