#!/usr/bin/env bats
# Manual pages and completions: lint-clean, parseable, and really working.

setup() { load lib/helpers; }

@test "man: every page is clean under mandoc -T lint -W warning" {
	run -0 mandoc -T lint -W warning "$TOP"/man/*.[17]
	assert_output ''
}

@test "man: mandoc -T lint, and every SYNOPSIS's brackets nest (addr[#port] closes)" {
	local p syn
	# What lint cannot see: an .Op left open runs on to the line's end.
	syn='/^SYNOPSIS/ { on = 1; next } /^[A-Z]/ { on = 0 } on { s = s " " $0 }
	END { gsub(/[ \t]+/, " ", s); d = 0; g = 0
		for (i = 1; i <= length(s); i++) {
			c = substr(s, i, 1); b = substr(s, i - 1, 1)
			if (c == "[") { d++; if (i > 1 && b != " " && b != "[") g = d }
			else if (c == "]") { if (g == d) g = 0; if (--d < 0) break }
			else if (c == " " && g) break
		}
		if (d != 0 || g) { print "unbalanced: " s; exit 1 } }'
	for p in "$TOP"/man/*.[17]; do
		run -0 mandoc -T lint -W warning "$p"
		assert_output ''
		run -0 awk "$syn" <(mandoc -T ascii "$p" | col -b)
		assert_output ''
	done
}

@test "man: every page is clean under groff -mandoc -ww -z" {
	local p
	for p in "$TOP"/man/*.[17]; do
		run -0 groff -mandoc -ww -z "$p"
		assert_output ''
	done
}

@test "man: every tool has a page and deliv(7) names it" {
	local t
	for t in $(tools); do
		assert_file_exists "$TOP/man/deliv-$t.1"
		grep -q "Xr deliv-$t 1" "$TOP/man/deliv.7" || fail "deliv.7 lacks $t"
	done
}

@test "completions: bash, zsh and fish files parse" {
	run -0 bash -n "$TOP/completions/deliv.bash"
	if command -v zsh >/dev/null; then
		run -0 zsh -n "$TOP/completions/_deliv"
	fi
	if command -v fish >/dev/null; then
		run -0 fish -n "$TOP/completions/deliv.fish"
	fi
}

# complete WORDS...: run the bash completion for a command line whose
# last word is being completed; the candidates end up in $output.
complete_words() {
	run -0 bash -c '
		source "$1/completions/deliv.bash"
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMP_LINE="$*"
		_deliv
		printf "%s\n" "${COMPREPLY[@]}" | sort' _ "$TOP" "$@"
}

@test "completions: bash completes deliv subcommands and common options" {
	complete_words deliv ''
	assert_line bounce-classify
	assert_line warmup-plan
	complete_words deliv-lint --js
	assert_output -- --json
	complete_words deliv-lint --color ''
	assert_output "always
auto
never"
}

@test "completions: bash completes every option of every tool" {
	local t opts
	for t in $(tools); do
		opts=$(deliv-$t --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u)
		[[ $opts == *--help* ]] || fail "$t: no options in --help"
		# one shell a tool: a shell an option took most of a minute
		run -0 bash -c '
			source "$1/completions/deliv.bash"
			t=$2
			shift 2
			for opt; do
				for cmd in "deliv-$t" "deliv $t"; do
					read -ra COMP_WORDS <<<"$cmd"
					COMP_WORDS+=("$opt")
					COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
					COMP_LINE="${COMP_WORDS[*]}"
					COMPREPLY=()
					_deliv
					found=0
					for w in "${COMPREPLY[@]}"; do
						[[ $w != "$opt" ]] || found=1
					done
					((found)) || echo "$cmd $opt: not completed"
				done
			done' _ "$TOP" "$t" $opts
		assert_output ''
	done
}
