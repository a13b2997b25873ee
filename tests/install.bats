#!/usr/bin/env bats
# make install into a DESTDIR, run the installed programs with their
# installed data, make uninstall leaves nothing behind.

setup() { load lib/helpers; }

@test "install: programs, data, manuals and completions land; uninstall removes them" {
	local stage=$BATS_TEST_TMPDIR/stage t
	run -0 make -C "$TOP" -s BUILDDIR="$BUILD" DESTDIR="$stage" PREFIX=/usr/local install
	assert_file_executable "$stage/usr/local/bin/deliv"
	assert_file_exists "$stage/usr/local/share/man/man7/deliv.7"
	assert_file_exists "$stage/usr/local/share/bash-completion/completions/deliv"
	assert_file_exists "$stage/usr/local/share/zsh/vendor-completions/_deliv"
	assert_file_exists "$stage/usr/local/share/fish/vendor_completions.d/deliv.fish"
	for t in $(tools); do
		assert_file_executable "$stage/usr/local/bin/deliv-$t"
		assert_file_exists "$stage/usr/local/share/man/man1/deliv-$t.1"
		assert_link_exists "$stage/usr/local/share/bash-completion/completions/deliv-$t"
		assert_file_exists "$stage/usr/local/share/fish/vendor_completions.d/deliv-$t.fish"
		run -0 "$stage/usr/local/bin/deliv" "$t" --version
	done
	for f in "$TOP"/phrases/*.txt; do
		[ -e "$f" ] || continue
		assert_file_exists "$stage/usr/local/share/deliv/phrases/${f##*/}"
	done
	run -0 make -C "$TOP" -s BUILDDIR="$BUILD" DESTDIR="$stage" PREFIX=/usr/local uninstall
	run -0 find "$stage" -type f -o -type l
	assert_output ''
}

@test "install: the installed tools find their data at the installed path" {
	local stage=$BATS_TEST_TMPDIR/stage t
	[ -n "$(ls "$TOP"/phrases/*.txt 2>/dev/null)" ] || skip "no phrase lists yet"
	# its build below is its own and not sanitized (CFLAGS=-O0): under
	# AddressSanitizer it would only repeat the plain suite's run, at
	# some 45 s of CI's time
	[[ $BUILD != *asan* ]] || skip "its own build is not sanitized: the plain suite runs it"
	# A build of its own (the data path is compiled in); -O0 since
	# only the paths are under test here.
	run -0 make -C "$TOP" -s -j"$(nproc)" CFLAGS=-O0 \
	    BUILDDIR="$BATS_TEST_TMPDIR/b" PREFIX="$stage/usr" install
	# Away from the source tree, with no DELIV_PHRASES: the compiled-in path.
	cd "$BATS_TEST_TMPDIR"
	for t in $(tools); do
		[[ $t == bounce-classify || $t == lint ]] || continue
		run env -u DELIV_PHRASES "$stage/usr/bin/deliv-$t" \
		    "$FIXTURES/contract/three.mbox"
		[ "$status" -le 1 ] || fail "$t: exit $status: $output"
		[[ $output != *"phrases"* ]] || fail "$t: $output"
	done
	run -0 make -C "$TOP" -s BUILDDIR="$BATS_TEST_TMPDIR/b" \
	    PREFIX="$stage/usr" uninstall
}

@test "make check changes nothing outside the tree: the .deb test is make check-package's, which .ci/run runs" {
	# TESTS= : a TESTS list given to the make check running this test
	# would otherwise be the one shown
	run -0 make -C "$TOP" -n -s BUILDDIR="$BUILD" TESTS= check
	refute_output --partial package.bats
	# The long runs are check-slow's, which .ci/run runs too.
	refute_output --partial scale.bats
	run -0 make -C "$TOP" -n -s BUILDDIR="$BUILD" check-slow
	assert_output --partial tests/scale.bats
	grep -q '^make check-slow' "$TOP/.ci/run"
	run -0 make -C "$TOP" -n -s BUILDDIR="$BUILD" check-package
	assert_output --partial "DELIV_CHECK_PACKAGE=1"
	assert_output --partial "tests/package.bats"
	# Unasked, the suite skips itself.
	run -0 bats --tap "$TOP/tests/package.bats"
	refute_line --regexp '^not ok'
	grep -q '^make deps$' "$TOP/.ci/run"
	[[ $(grep -n '^make deps$' "$TOP/.ci/run" | cut -d: -f1) -lt $(grep -n '^make check-package' "$TOP/.ci/run" | cut -d: -f1) ]]
}
