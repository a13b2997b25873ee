#!/usr/bin/env bats
# valgrind memcheck of every program over a real mailbox: no invalid
# access, no definite leak.

setup() {
	load lib/helpers
	command -v valgrind >/dev/null || skip "valgrind is not installed"
	[[ $BUILD != *asan* ]] || skip "not under AddressSanitizer"
	# make check-slow: a MALLOC=system build of the same tree
	if [[ -n ${DELIV_VG_BUILDDIR-} ]]; then
		PATH=$DELIV_VG_BUILDDIR:$DELIV_VG_BUILDDIR/drivers:$PATH
	fi
	if ldd "$(command -v deliv-lint)" | grep -q mimalloc; then
		skip "linked with mimalloc, which memcheck cannot follow (make check-slow builds a MALLOC=system copy)"
	fi
}

vg() {
	G_SLICE=always-malloc G_DEBUG=gc-friendly valgrind -q --error-exitcode=99 \
	    --suppressions="$TOP/tests/lib/valgrind.supp" \
	    --leak-check=full --errors-for-leak-kinds=definite \
	    --show-leak-kinds=definite "$@"
}

@test "valgrind: every program over a real mailbox" {
	local t
	for t in $(tools); do
		case $t in
		dnscheck) run vg "deliv-$t" --zone "$FIXTURES/contract/example.test.zone" example.test ;;
		warmup-plan) run vg "deliv-$t" --daily 5000 --start 2026-12-01 ;;
		*) run vg "deliv-$t" "$FIXTURES/contract/three.mbox" "$FIXTURES/hostile/truncated-b64-qp.eml" ;;
		esac
		[ "$status" -le 1 ] || fail "$t: exit $status: $output"
	done
	run -0 vg input-dump "$FIXTURES/contract/three.mbox" "$FIXTURES/hostile/bad-utf8.eml"
}
