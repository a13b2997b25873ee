# Shared set-up for the Bats suites: libraries, PATH, fixtures, goldens.
bats_require_minimum_version 1.5.0
bats_load_library bats-support
bats_load_library bats-assert
bats_load_library bats-file

TOP=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
BUILD=${DELIV_BUILDDIR:-$TOP/build}
PATH=$BUILD:$BUILD/drivers:$PATH
FIXTURES=$BATS_TEST_DIRNAME/fixtures
EXPECTED=$BATS_TEST_DIRNAME/expected
CORPORA=$TOP/../shared/corpora
export DELIV_PHRASES=$TOP/phrases
unset DELIV_FORMAT NO_COLOR

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
