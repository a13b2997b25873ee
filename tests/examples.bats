#!/usr/bin/env bats
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
