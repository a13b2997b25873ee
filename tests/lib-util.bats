#!/usr/bin/env bats
# lib/core/util through tests/drivers/str-casestr: str_casestr(), the
# caseless search the bounce code uses for needles with a byte that is
# not a letter.

setup() {
	load lib/helpers
}

@test "util: str_casestr finds the first caseless match, the byte memchr finds first or not" {
	# "x@y.org": memchr finds '@' (the second byte), the first is checked
	# before the whole; "@host": memchr finds the first, the second is
	run -0 str-casestr 'x@y.org' <<-'EOF'
	X@Y.ORG
	ax@y.org
	x@z.org x@Y.org
	@y.org
	xx@y.or
	EOF
	assert_output "$(printf '%s\n' 0 1 8 -1 -1)"
	run -0 str-casestr '@Host' <<-'EOF'
	a@host
	@@HOST
	@h
	@hosT and @host
	EOF
	assert_output "$(printf '%s\n' 1 1 -1 0)"
}
