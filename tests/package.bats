#!/usr/bin/env bats
# The Debian package: dpkg-buildpackage builds a .deb from a copy of the
# tree; apt-get installs it into this machine; the installed deliv runs a
# real pipeline with its installed data; removing it leaves no file.
# It changes the system, so only "make check-package" runs it (it sets
# DELIV_CHECK_PACKAGE=1; .ci/run does), never "make check".

setup_file() {
	[[ ${DELIV_CHECK_PACKAGE-} == 1 ]] || return 0
	[[ $(id -u) == 0 ]] || return 0
	command -v dpkg-buildpackage >/dev/null || return 0
	[[ ${DELIV_BUILDDIR-} != *asan* ]] || return 0
	PKGDIR=$BATS_FILE_TMPDIR/pkg
	export PKGDIR
	mkdir -p "$PKGDIR/deliv"
	top=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
	(cd "$top" && git ls-files -z | xargs -0 cp --parents -t "$PKGDIR/deliv")
	(cd "$PKGDIR/deliv" && dpkg-buildpackage -us -uc -b >"$PKGDIR/build.log" 2>&1) ||
	    echo failed >"$PKGDIR/failed"
}

setup() {
	load lib/helpers
	[[ ${DELIV_CHECK_PACKAGE-} == 1 ]] || skip "installs a package: make check-package"
	[[ $(id -u) == 0 ]] || skip "needs root to install a package"
	command -v dpkg-buildpackage >/dev/null || skip "no dpkg-buildpackage"
	[[ $BUILD != *asan* ]] || skip "not under AddressSanitizer"
}

@test "package: dpkg-buildpackage builds a .deb with the tools, data, manuals and completions" {
	[ ! -e "$PKGDIR/failed" ] || fail "$(tail -n 30 "$PKGDIR/build.log")"
	run -0 bash -c "dpkg-deb -c '$PKGDIR'/deliv_*_*.deb | awk '{ print \$6 }'"
	assert_line ./usr/bin/deliv
	assert_line ./usr/share/man/man7/deliv.7.gz
	assert_line ./usr/share/bash-completion/completions/deliv
	for t in $(tools); do
		assert_line "./usr/bin/deliv-$t"
		assert_line "./usr/share/man/man1/deliv-$t.1.gz"
	done
	run -0 bash -c "dpkg-deb -f '$PKGDIR'/deliv_*_*.deb Depends"
	assert_output --partial 'libc6'
	if [[ -n $(tools) ]]; then
		assert_output --partial 'libgmime-3.0'
	fi
}

@test "package: apt-get installs it, the installed deliv runs a pipeline, removal is clean" {
	[ ! -e "$PKGDIR/failed" ] || fail "build failed"
	run -0 bash -c "cd '$PKGDIR' && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 install -y -q ./deliv_*_*.deb"
	run -0 /usr/bin/deliv --version
	assert_output "deliv $(cat "$TOP/VERSION")"
	if [[ -x /usr/bin/deliv-bounce-classify ]]; then
		run -0 bash -c "cd / && env -u DELIV_PHRASES /usr/bin/deliv bounce-classify --json <'$FIXTURES/contract/three.mbox' | jq -r 'select(.msgno == 1) | .kind'"
		assert_output hard
	fi
	run -0 bash -c "DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 remove -y -q --purge deliv"
	assert_file_not_exists /usr/bin/deliv
	run -0 bash -c "dpkg -L deliv 2>/dev/null | wc -l"
	assert_output 0
}
