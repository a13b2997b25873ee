#!/usr/bin/env bats
# lib/'s layout: one folder per domain over a shared core, dependencies
# one way (tests/lib/layers.sh, which lib/README.md explains).

setup() {
	load lib/helpers
	# a check of the source tree, no program of the build runs: under
	# AddressSanitizer it would only repeat the plain suite's run
	[[ $BUILD != *asan* ]] || skip "a check of the source tree: the plain suite runs it"
}

@test "layout: lib/ keeps the one-way dependency rule" {
	run "$TOP/tests/lib/layers.sh" "$TOP/lib"
	assert_success
	assert_output ''
}

@test "layout: a core module that includes a domain's header is refused" {
	cp -r "$TOP/lib" "$BATS_TEST_TMPDIR/lib"
	printf '/* a breach */\n#include "bounce/bounce.h"\n' >"$BATS_TEST_TMPDIR/lib/core/bad.c"
	run "$TOP/tests/lib/layers.sh" "$BATS_TEST_TMPDIR/lib"
	assert_failure 1
	assert_output 'layers: core/bad.c: #include "bounce/bounce.h": core may not depend on bounce'
}

@test "layout: one domain may not include another, nor lib/ hold a root file" {
	cp -r "$TOP/lib" "$BATS_TEST_TMPDIR/lib"
	printf '/* a breach */\n#include "bounce/bounce.h"\n' >"$BATS_TEST_TMPDIR/lib/lint/bad.c"
	printf '/* loose */\n' >"$BATS_TEST_TMPDIR/lib/loose.c"
	printf 'int x;\n#include "out.h"\n' >"$BATS_TEST_TMPDIR/lib/core/nocomment.h"
	run "$TOP/tests/lib/layers.sh" "$BATS_TEST_TMPDIR/lib"
	assert_failure 1
	assert_line "layers: loose.c: a source file at lib/'s root"
	assert_line 'layers: lint/bad.c: #include "bounce/bounce.h": lint may not depend on bounce'
	assert_line 'layers: core/nocomment.h: does not open with a comment saying what it owns'
	assert_line 'layers: core/nocomment.h: #include "out.h" lacks its folder'
}

@test "layout: a lib/ file over 1,000 lines or a main over 300 is refused" {
	mkdir -p "$BATS_TEST_TMPDIR/t"
	cp -r "$TOP/lib" "$BATS_TEST_TMPDIR/t/lib"
	mkdir "$BATS_TEST_TMPDIR/t/tools"
	{ echo '/* long */'; for i in $(seq 1000); do echo "int v$i;"; done; } >"$BATS_TEST_TMPDIR/t/lib/core/long.c"
	{ echo '/* main */'; for i in $(seq 300); do echo "int w$i;"; done; } >"$BATS_TEST_TMPDIR/t/tools/fat.c"
	run "$TOP/tests/lib/layers.sh" "$BATS_TEST_TMPDIR/t/lib"
	assert_failure 1
	assert_output - <<-'OUT'
	layers: core/long.c: 1001 lines (at most 1,000)
	layers: tools/fat.c: 301 lines (at most 300: move the work into lib/)
	OUT
}
