#!/usr/bin/env bats
# lib/core/phrase_cache: compiled Vectorscan phrase databases cached in
# $XDG_CACHE_HOME/deliv, read back only when every check passes.

setup() {
	load lib/helpers
	unset DELIV_NO_CACHE
	export XDG_CACHE_HOME=$BATS_TEST_TMPDIR/cache
	export DELIV_PHRASES_ENGINE=vectorscan
	C=$XDG_CACHE_HOME/deliv
	M=$BATS_TEST_TMPDIR/m.eml
	# P: the phrase lists lint reads.  Under AddressSanitizer a cut of
	# spam.txt (its first 40 phrases): Vectorscan compiles the whole list
	# in some 20 s there (its allocations through ASan's), and the cache's
	# code is the same for any list.
	P=$TOP/phrases
	if [[ $BUILD == *asan* ]]; then
		P=$BATS_TEST_TMPDIR/ph-cut
		mkdir -p "$P"
		awk '!/^#/ && NF { if (++n > 40) exit } { print }' "$TOP/phrases/spam.txt" >"$P/spam.txt"
		cp "$TOP/phrases/shorteners.txt" "$P/"
	fi
	printf 'From: a@example.com\nTo: b@example.org\nSubject: Free money now\nDate: Thu, 1 Jan 2004 00:00:00 +0000\nMessage-ID: <1@example.com>\n\nClick here to claim your free money, act now!\n' >"$M"
}

# The cache's answer for spam.txt's database: hit, stored, miss, off.
cache_says() {
	run -0 phrase-index --cache "$P/spam.txt"
	assert_output "vectorscan $1"
}

# need_vs: skip unless built with Vectorscan
need_vs() {
	[[ $(DELIV_NO_CACHE=1 DELIV_PHRASES_ENGINE=vectorscan phrase-index --engine "$P/spam.txt" </dev/null) == vectorscan ]] ||
	    skip "built without Vectorscan"
}

# the one cache file of the list named $1
cachefile() {
	local f=("$C/$1"-*.hsdb)
	[[ ${#f[@]} -eq 1 && -f ${f[0]} ]] || fail "not one cache file for $1: ${f[*]}"
	printf '%s\n' "${f[0]}"
}

@test "phrase cache: the first run compiles and stores, the second reads it" {
	need_vs
	cache_says stored
	f=$(cachefile spam.txt)
	[[ $(basename "$f") =~ ^spam\.txt-[0-9a-f]{64}\.hsdb$ ]] || fail "name $f"
	[[ $(stat -c %a "$f") == 600 ]] || fail "mode $(stat -c %a "$f")"
	cache_says hit
}

@test "phrase cache: lint reads the database a run before wrote, with the same records" {
	need_vs
	run -0 deliv-lint --phrases "$P" --json "$M"
	first=$output
	f=$(cachefile spam.txt)
	inode=$(stat -c %i "$f")
	# the default engine: a cached database is used from the start
	DELIV_PHRASES_ENGINE= run -0 deliv-lint --phrases "$P" --json "$M"
	assert_output "$first"
	[[ $(stat -c %i "$f") == "$inode" ]] || fail "the cache file was written again"
	DELIV_NO_CACHE=1 run -0 deliv-lint --phrases "$P" --json "$M"
	assert_output "$first"
	DELIV_PHRASES_ENGINE=pcre2 run -0 deliv-lint --phrases "$P" --json "$M"
	assert_output "$first"
}

@test "phrase cache: a corrupt, truncated or foreign file is not used and is replaced" {
	need_vs
	run -0 phrase-index --cache "$P/spam.txt"
	f=$(cachefile spam.txt)
	size=$(stat -c %s "$f")
	# a flipped byte in the serialized database: the checksum says no
	printf '\x55' | dd of="$f" bs=1 seek=$((size / 2)) conv=notrunc status=none
	cache_says stored
	cache_says hit
	truncate -s $((size - 100)) "$f"
	cache_says stored
	[[ $(stat -c %s "$f") == "$size" ]] || fail "not rewritten whole"
	printf 'garbage\n' >"$f"
	cache_says stored
	# a file others may write is not trusted
	chmod 620 "$f"
	cache_says stored
	cache_says hit
	# a symbolic link is not followed
	mv "$f" "$f.real"
	ln -s "$f.real" "$f"
	cache_says stored
	[[ ! -L $f ]] || fail "the link is still there"
	run -0 deliv-lint --phrases "$P" --json "$M"
	DELIV_NO_CACHE=1 run -0 deliv-lint --phrases "$P" --json "$M"
	expect=$output
	printf '\x00' | dd of="$f" bs=1 seek=100 conv=notrunc status=none
	run -0 deliv-lint --phrases "$P" --json "$M"
	assert_output "$expect"
}

@test "phrase cache: a changed phrase file is compiled again, under a new key" {
	need_vs
	cp "$P/spam.txt" "$BATS_TEST_TMPDIR/spam.txt"
	run -0 phrase-index --cache "$BATS_TEST_TMPDIR/spam.txt"
	assert_output "vectorscan stored"
	old=$(cachefile spam.txt)
	printf '3\tfreshly minted phrase\n' >>"$BATS_TEST_TMPDIR/spam.txt"
	run -0 phrase-index --cache "$BATS_TEST_TMPDIR/spam.txt"
	assert_output "vectorscan stored"
	run -0 phrase-index --cache "$BATS_TEST_TMPDIR/spam.txt"
	assert_output "vectorscan hit"
	[[ $(ls "$C" | wc -l) == 2 ]] || fail "$(ls "$C")"
	[[ -f $old ]] || fail "the old file went"
	# only the weight changed: the database is the same, so is the key
	sed -i '$ s/^3/4/' "$BATS_TEST_TMPDIR/spam.txt"
	run -0 phrase-index --cache "$BATS_TEST_TMPDIR/spam.txt"
	assert_output "vectorscan hit"
	# lint finds the new phrase with the cache and without
	mkdir "$BATS_TEST_TMPDIR/ph"
	cp "$BATS_TEST_TMPDIR/spam.txt" "$P/shorteners.txt" "$BATS_TEST_TMPDIR/ph/"
	printf 'Subject: hi\nFrom: a@example.com\n\nA freshly  minted PHRASE.\n' >"$BATS_TEST_TMPDIR/n.eml"
	run deliv-lint --json --phrases "$BATS_TEST_TMPDIR/ph" "$BATS_TEST_TMPDIR/n.eml"
	assert_output --partial '"freshly  minted PHRASE\" matches \"freshly minted phrase\"'
	cached=$output
	DELIV_NO_CACHE=1 run deliv-lint --json --phrases "$BATS_TEST_TMPDIR/ph" "$BATS_TEST_TMPDIR/n.eml"
	assert_output "$cached"
}

@test "phrase cache: a folder that cannot be written, DELIV_NO_CACHE and no home still work" {
	need_vs
	mkdir -p "$XDG_CACHE_HOME"
	touch "$C"	# a file where the folder should be
	cache_says miss
	run -0 deliv-lint --phrases "$P" --json "$M"
	expect=$output
	rm "$C"
	if [[ $(id -u) != 0 ]]; then
		mkdir "$C"
		chmod 555 "$C"
		cache_says miss
		run -0 deliv-lint --phrases "$P" --json "$M"
		assert_output "$expect"
		chmod 755 "$C"
		rmdir "$C"
	fi
	DELIV_NO_CACHE=1 run -0 phrase-index --cache "$P/spam.txt"
	assert_output "vectorscan off"
	[[ ! -e $C ]] || fail "DELIV_NO_CACHE wrote $(ls "$C")"
	DELIV_NO_CACHE=0 run -0 phrase-index --cache "$P/spam.txt"
	assert_output "vectorscan stored"
	rm -r "$C"
	# a relative XDG_CACHE_HOME is ignored (XDG), then ~/.cache
	mkdir "$BATS_TEST_TMPDIR/home"
	XDG_CACHE_HOME=rel HOME=$BATS_TEST_TMPDIR/home run -0 phrase-index --cache "$P/spam.txt"
	assert_output "vectorscan stored"
	ls "$BATS_TEST_TMPDIR"/home/.cache/deliv/spam.txt-*.hsdb
	[[ ! -e rel ]] || fail "wrote a relative folder"
	XDG_CACHE_HOME= HOME= run -0 phrase-index --cache "$P/spam.txt"
	assert_output "vectorscan off"
	XDG_CACHE_HOME= HOME= run -0 deliv-lint --phrases "$P" --json "$M"
	assert_output "$expect"
}

@test "phrase cache: bounce-classify caches its lists too" {
	# each compiles Vectorscan databases anew, slow under
	# AddressSanitizer: CI's time
	[[ $BUILD != *asan* ]] || skip "the first-run and corrupt-file tests take the cache's code under AddressSanitizer"
	need_vs
	printf 'From: MAILER-DAEMON@example.com\nSubject: Undelivered Mail Returned to Sender\n\n<x@example.org>: host mx.example.org said: 550 5.1.1 user unknown\n' >"$BATS_TEST_TMPDIR/b.eml"
	run deliv-bounce-classify --json "$BATS_TEST_TMPDIR/b.eml"
	first=$output
	cachefile soft.txt
	cachefile hard.txt
	run deliv-bounce-classify --json "$BATS_TEST_TMPDIR/b.eml"
	assert_output "$first"
}

# The search paths made faster with the cache (lib/lint/content.c): the
# money count searches only where a sum can begin.
@test "lint speed: sums of money before Unicode digits, spaces and words are all counted" {
	printf 'From: a@example.com\nTo: b@example.org\nSubject: offer\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\nWe have 12.5 million dollars and 3,000 thousand euros, though I thought\nabout \xd9\xa1\xd9\xa2 million usd and 7\xc2\xa0billion pounds, $$$ and \xe2\x82\xac5 million and \xc2\xa33,000,000.00.\nA thouthousand 5 thousand dollars,5 thousand dollars trillion 4 trillion dollars.\nMILLION 9 MILLION DOLLARS 8\tbillion usd x1 thousand dollars 2  thousand dollars\n' >"$BATS_TEST_TMPDIR/money.eml"
	run -1 deliv-lint --json "$BATS_TEST_TMPDIR/money.eml"
	assert_output --partial '"id":"money","severity":"warn","points":1,"where":"body","detail":"sums of money or $$$ (11)"'
}
