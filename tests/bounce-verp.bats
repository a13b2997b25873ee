#!/usr/bin/env bats
# deliv-bounce-classify: a failure whose notice names no address, sent
# back to a list's VERP return path, is the member's whose copy it was
# (lib/bounce/verp.c): Mailman's LIST-bounces+MBOX=DOMAIN@HOST,
# Postfix's VERP prefix+MBOX=DOMAIN@HOST (verp_sender(3), its default
# "+=" delimiters) with a list's owner-LIST prefix, and ezmlm's
# LIST-return-NUM-MBOX=DOMAIN@HOST (ezmlm-return(1)).
# tests/fixtures/bounce-classify/verp.mbox:
#   1-3  the three forms in To (Mailman's inside <>)
#   4    an ESP's return path "bounces+1234-abcd-user=..." (no list's
#        bounce address: not read as VERP)
#   5    X-Original-To and To name different members: none
#   6    the notice names the failed address: that one, not the member
#   7    an auto-reply to the return path (not a failure)
#   8    a delay warning naming no address: the member, soft

setup() {
	load lib/helpers
	F=$BATS_TEST_DIRNAME/fixtures/bounce-classify/verp.mbox
}

@test "bounce-verp: a failure naming no address gives the member its list's VERP return path holds, and says so" {
	run -1 deliv-bounce-classify --no-header -o msgno,recipient,kind,reason,matched "$F"
	assert_output "$(printf '%s\n' \
	    $'1\tjane@example.com\tsoft\tmailboxfull\tsoft.txt:10; no failed address named; verp:To' \
	    $'2\tcarol@example.com\tsoft\tmailboxfull\tsoft.txt:10; no failed address named; verp:To' \
	    $'3\tbob@example.net\tsoft\tmailboxfull\tsoft.txt:10; no failed address named; verp:To' \
	    $'4\t\tsoft\tmailboxfull\tsoft.txt:10; no failed address named' \
	    $'5\t\tsoft\tmailboxfull\tsoft.txt:10; no failed address named' \
	    $'6\tdave@example.com\thard\tuserunknown\thard.txt:115' \
	    $'7\tjane@example.com\tundetermined\tvacation\t' \
	    $'8\tjane@example.com\tsoft\texpired\tsoft.txt:408; no failed address named; verp:To')"
}

@test "bounce-verp: Postfix's X-Original-To is read where To is the list's plain bounce address; ezmlm's warning and probe paths; no return path, no member" {
	local m=$BATS_TEST_TMPDIR/m.mbox k
	msg "$F" 1 | sed 's/^To: .*/X-Original-To: mylist-bounces+jane=example.com@lists.example.org\nTo: mylist-bounces@lists.example.org/' >"$m"
	run -1 deliv-bounce-classify --no-header -o recipient,matched "$m"
	assert_output $'jane@example.com\tsoft.txt:10; no failed address named; verp:X-Original-To'
	# the same notice to a plain address names no one
	msg "$F" 1 | sed 's/^To: .*/To: mylist-bounces@lists.example.org/' >"$m"
	run -1 deliv-bounce-classify --no-header -o recipient,matched "$m"
	assert_output $'\tsoft.txt:10; no failed address named'
	# ezmlm's warning and probe bounces (ezmlm-return(1)) name theirs
	for k in warn probe; do
		msg "$F" 3 | sed "s/^To: .*/To: list-return-$k-f00d42-bob=example.net@lists.example.org/" >"$m"
		run -1 deliv-bounce-classify --no-header -o recipient "$m"
		assert_output 'bob@example.net'
	done
	# nor does a member part that is no address
	msg "$F" 1 | sed 's/^To: .*/To: mylist-bounces+jane=localhost@lists.example.org/' >"$m"
	run -1 deliv-bounce-classify --no-header -o recipient "$m"
	assert_output ''
}

@test "bounce-verp: the member goes to the suppression list as any failed address does" {
	local db=$BATS_TEST_TMPDIR/s.db
	run -1 deliv-bounce-classify --db "$db" -o recipient "$F"
	run sqlite3 "$db" "SELECT msgno, recipient, kind FROM events WHERE kind IN ('hard', 'soft') ORDER BY msgno"
	assert_output "$(printf '%s\n' '1|jane@example.com|soft' '2|carol@example.com|soft' \
	    '3|bob@example.net|soft' '6|dave@example.com|hard' '8|jane@example.com|soft')"
}
