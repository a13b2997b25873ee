#!/usr/bin/env bats
# deliv-warmup-plan: the default plans (golden), properties over random
# targets, and adaptation to results built from real bounce-classify
# records of the bounce corpus.

setup() {
	load lib/helpers
	F=$FIXTURES/warmup-plan
	E=$EXPECTED/warmup-plan
	export DELIV_DATA=$TOP/data
}

# field NAME DAY PROVIDER: column NAME of the plan row of DAY and PROVIDER
# in $output (the plan with its header). Prints "no row DAY PROVIDER"
# rather than nothing (also when cols fails), so that an expected empty
# field cannot pass by error.
field() {
	cols "$1,day,provider" | awk -F'\t' -v d="$2" -v p="$3" \
	    '$2 == d && $3 == p { print $1; found = 1 }
	    END { if (!found) print "no row " d " " p }'
}

# scenario OUT DAY DOMAIN REASON N: append N records to OUT, copies of the
# first real bounce-classify record with REASON in corpus-records.tsv,
# dated day DAY of December 2026 and addressed to a recipient at DOMAIN.
scenario() {
	local out=$1 day=$2 dom=$3 reason=$4 n=$5
	[[ -s $out ]] || head -n 1 "$F/corpus-records.tsv" >"$out"
	awk -F'\t' -v OFS='\t' -v d="$day" -v dom="$dom" -v r="$reason" \
	    -v n="$n" 'NR == 1 { for (i = 1; i <= NF; i++) at[$i] = i; next }
	    $at["reason"] == r && !done {
		for (i = 1; i <= n; i++) {
			$at["date"] = sprintf("2026-12-%02dT10:%02d:00Z", d, i % 60)
			$at["recipient"] = "rcpt" i "@" dom
			print
		}
		done = 1
	} END { if (!done) exit 1 }' "$F/corpus-records.tsv" >>"$out"
}

@test "warmup-plan: 100,000 a month, default mix (golden)" {
	run -0 deliv-warmup-plan --monthly 100000 --start 2026-12-01
	golden "$E/monthly-100000.tsv"
}

@test "warmup-plan: 1,000,000 a day, default mix (golden)" {
	run -0 deliv-warmup-plan --daily 1000000 --start 2026-12-01
	golden "$E/daily-1000000.tsv"
}

@test "warmup-plan: the documented numbers of the default plans" {
	run -0 deliv-warmup-plan --monthly 100000 --start 2026-12-01
	# T = ceil(100000 / 30) split 40/25/15/10/10 by largest remainder.
	assert_equal "$(field volume 8 gmail) $(field volume 8 microsoft) $(field volume 8 yahoo) $(field volume 8 apple) $(field volume 8 other)" \
	    "1334 834 500 333 333"
	# Day 1: 50 a day per IP weighted 1, 0.75, 0.5, 0.5, 1.
	assert_equal "$(field volume 1 gmail) $(field volume 1 microsoft) $(field volume 1 yahoo) $(field volume 1 apple) $(field volume 1 other)" \
	    "20 9 4 3 5"
	assert_equal "$(field volume 7 all) $(field state 7 all) $(field volume 8 all) $(field state 8 all)" \
	    "2624 ramp 3334 warm"
	assert_equal "$(cols day | tail -n 1)" 30
	run -0 deliv-warmup-plan --daily 1000000 --start 2026-12-01
	assert_equal "$(field volume 20 all) $(field volume 21 all)" "964967 1000000"
	assert_equal "$(field cumulative 21 all)" 5073242
	[[ $(field note 1 all) == *"SendGrid's table suggests 3 IPs"* ]]
	[[ $(field note 9 gmail) == *"Gmail bulk sender"* ]]
	[[ $(field note 11 microsoft) == *"5.7.515"* ]]
	[ -z "$(field note 10 gmail)" ]
}

@test "warmup-plan: paces, --ips, --weekdays-only reach the target when documented" {
	first() {	# first VOLUME: the first day "all" sends VOLUME
		cols day,provider,volume | awk -F'\t' -v t="$1" \
		    '$2 == "all" && $3 == t && !f { print $1; f = 1 }'
	}
	run -0 deliv-warmup-plan --daily 1000000 --pace conservative --start 2026-12-01
	assert_equal "$(first 1000000)" 34
	run -0 deliv-warmup-plan --daily 1000000 --pace aggressive --start 2026-12-01
	assert_equal "$(first 1000000)" 17
	run -0 deliv-warmup-plan --daily 1000000 --ips 3 --start 2026-12-01
	assert_equal "$(field volume 1 all) $(first 1000000)" "123 17"
	run -0 deliv-warmup-plan --monthly 100000 --pace conservative --start 2026-12-01
	assert_equal "$(cols day,provider,volume | awk -F'\t' '$2 == "all" && $1 <= 13 { printf "%s ", $3 }')" \
	    "41 63 95 144 216 325 489 734 1102 1654 2482 3169 3334 "
	# 2026-12-05 is a Saturday: sending day 5 is Monday the 7th.
	run -0 deliv-warmup-plan --monthly 100000 --weekdays-only --start 2026-12-01
	assert_equal "$(field date 5 all) $(field volume 5 all) $(first 4667)" "2026-12-07 656 9"
	output=$(cols date)
	refute_output --partial 2026-12-05
	refute_output --partial 2026-12-06
}

@test "warmup-plan: --days N reaches the target on day N, or refuses a ramp over x2" {
	local c
	run -0 deliv-warmup-plan --monthly 100000 --days 30 --migrate --start 2026-12-01
	assert_equal "$(field volume 30 all)" 3334
	(( $(field volume 29 all) < 3334 ))
	# new + old = T every day
	c=$(cols day,provider,volume)
	run -0 awk -F'\t' '$2 == "old" { o[$1] = $3 } $2 == "all" { if ($3 + o[$1] != 3334) bad = 1 } END { exit bad }' <<<"$c"
	run --separate-stderr -2 deliv-warmup-plan --daily 1000000 --days 10 --start 2026-12-01
	assert_equal "$output" ""
	[[ $stderr == *"--days: 10 days ramp yahoo from 4 to 150,000 a day per IP by more than x2.0 a day; at least 17 days are needed"* ]]
	run -0 deliv-warmup-plan --daily 1000000 --days 17 --start 2026-12-01
	assert_equal "$(field volume 17 all)" 1000000
	(( $(field volume 16 all) < 1000000 ))
}

@test "warmup-plan: --migrate gives the old path the rest of the target" {
	run -0 deliv-warmup-plan --monthly 100000 --migrate --start 2026-12-01
	assert_equal "$(field volume 1 all) $(field volume 1 old)" "41 3293"
	assert_equal "$(field volume 5 all) $(field volume 5 old)" "656 2678"
	assert_equal "$(field volume 8 old) $(field state 8 old)" "0 warm"
	run -0 deliv-warmup-plan --monthly 100000 --migrate --start 2026-12-01 --no-header
	golden "$E/migrate-100000.tsv"
}

@test "warmup-plan: --cap holds a provider under a ceiling; --migrate's old path carries the rest" {
	local c
	run -0 deliv-warmup-plan --daily 1000000 --cap microsoft=20000 --migrate --start 2026-12-01
	assert_equal "$(field volume 13 microsoft) $(field state 13 microsoft) $(field volume 30 microsoft)" "20000 warm 20000"
	[[ $(field note 1 microsoft) == "capped at 20,000 a day (--cap)"*"the old path carries it" ]]
	assert_equal "$(field volume 30 all) $(field volume 30 old)" "770000 230000"
	c=$(cols provider,volume)
	run -0 awk -F'\t' '$1 == "microsoft" && $2 > 20000 { exit 1 }' <<<"$c"
	run --separate-stderr -2 deliv-warmup-plan --daily 1000 --cap hotmail=5
	[[ $stderr == "deliv-warmup-plan: --cap: hotmail: not a provider of the mix"* ]]
}

@test "warmup-plan: properties over random targets" {
	local iter t T args
	RANDOM=7
	for ((iter = 0; iter < 60; iter++)); do
		t=$(( (RANDOM * 32768 + RANDOM) % 3000000 + 1 ))
		case $((iter % 6)) in
		0) args="--daily $t" ;;
		1) args="--monthly $((t * 7))" ;;
		2) args="--daily $t --ips $((RANDOM % 5 + 1))" ;;
		3) args="--daily $t --pace conservative --weekdays-only" ;;
		4) args="--monthly $t --mix gmail=70,yahoo=3 --pace aggressive" ;;
		5) args="--daily $t --migrate --days $((RANDOM % 20 + 22))" ;;
		esac
		case $args in
		--monthly*) T=$(( (t * 7 + 29) / 30 )) ;;
		*) T=$t ;;
		esac
		[[ $args == --monthly\ $t\ * ]] && T=$(( (t + 29) / 30 ))
		run -0 deliv-warmup-plan $args --start 2026-12-01 --json
		# monotone per provider, never above the target, providers sum
		# to "all", the target reached on the last day, cumulative adds up
		jq -rs --arg args "$args" --argjson T "$T" '
		    (group_by(.provider) | map(select(.[0].provider != "old")
		        | . as $r | range(1; length) | select($r[.].volume < $r[. - 1].volume)
		        | "decreasing: \($r[.].provider) day \($r[.].day)")) +
		      (map(select(.provider == "all" and .volume > $T)) | map("above target day \(.day)")) +
		      (group_by(.day) | map(select((map(select(.provider != "all" and .provider != "old") | .volume) | add)
		        != (map(select(.provider == "all"))[0].volume)) | "sum day \(.[0].day)")) +
		      (if (map(select(.provider == "all")) | last | .volume) != $T then ["target not reached"] else [] end) +
		      (group_by(.provider) | map(select((map(.volume) | add) != last.cumulative) | "cumulative \(.[0].provider)")) +
		      # growth never above x2.0 a day per provider after day 1
		      [group_by(.provider)[] | select(.[0].provider != "old" and .[0].provider != "all")
		        | . as $r | range(1; length) | select($r[. - 1].volume > 0 and $r[.].volume > 2 * $r[. - 1].volume)
		        | "growth above x2: \($r[.].provider) day \($r[.].day)"]
		    | .[] | "\($args): \(.)"' <<<"$output" >"$BATS_TEST_TMPDIR/bad"
		[ ! -s "$BATS_TEST_TMPDIR/bad" ] || fail "$(head -5 "$BATS_TEST_TMPDIR/bad")"
	done
}

@test "warmup-plan: with random results, volumes fall only in backoff and never pass the target" {
	local iter k r reasons doms stopped
	reasons=(userunknown feedback authfailure badreputation toomanyconn mailboxfull blocked)
	doms=(gmail.com hotmail.com yahoo.com icloud.com example.org)
	RANDOM=11
	for ((iter = 0; iter < 12; iter++)); do
		r=$BATS_TEST_TMPDIR/r$iter.tsv
		for ((k = 0; k < 8; k++)); do
			scenario "$r" $((RANDOM % 20 + 1)) "${doms[RANDOM % 5]}" \
			    "${reasons[RANDOM % 7]}" $((RANDOM % 6 + 1))
		done
		run deliv-warmup-plan --monthly 200000 --start 2026-12-01 --results "$r" --json
		[ "$status" -le 1 ] || fail "exit $status"
		# one jq: the faults, then whether some provider was stopped
		jq -rs '(group_by(.provider)[] | select(.[0].provider != "all")
		    | . as $r | range(1; length)
		    | select($r[.].volume < $r[. - 1].volume and $r[.].state != "backoff")
		    | "\($r[.].provider) day \($r[.].day): \($r[.].volume) < \($r[. - 1].volume)"),
		    (.[] | select(.provider == "all" and .volume > 6667) | "day \(.day): \(.volume) > 6667"),
		    (if any(.[]; .note | test(": stop")) then "stopped" else "running" end)' \
		    <<<"$output" >"$BATS_TEST_TMPDIR/bad"
		stopped=$(tail -n 1 "$BATS_TEST_TMPDIR/bad")
		sed -i '$d' "$BATS_TEST_TMPDIR/bad"
		[ ! -s "$BATS_TEST_TMPDIR/bad" ] || fail "$(cat "$BATS_TEST_TMPDIR/bad")"
		# exit 1 exactly when some provider was stopped
		case $stopped in
		stopped) [ "$status" -eq 1 ] ;;
		running) [ "$status" -eq 0 ] ;;
		*) fail "jq: $stopped" ;;
		esac
	done
}

@test "warmup-plan: a Yahoo complaint (ARF from the corpus) halves Yahoo and holds, others unchanged" {
	local r=$BATS_TEST_TMPDIR/r.tsv
	scenario "$r" 3 yahoo.com feedback 1
	run -0 deliv-warmup-plan --monthly 100000 --start 2026-12-01 --results "$r"
	assert_equal "$(field volume 3 yahoo) $(field volume 4 yahoo) $(field state 4 yahoo)" "16 8 backoff"
	[[ $(field note 4 yahoo) == "complaints 1/28 pooled = 3.57% >= 0.3%"* ]]
	assert_equal "$(field volume 5 yahoo) $(field state 5 yahoo) $(field volume 6 yahoo) $(field state 6 yahoo)" \
	    "8 hold 16 ramp"
	[[ $(field note 3 yahoo) == "results: sent 16 (assumed = planned), hard 0, complaints 1, deferred 0" ]]
	assert_equal "$(field state 4 all)" backoff
	# Gmail and the others follow the plain plan.
	local c=day,date,provider,volume,cumulative,share,state got want
	got=$(cols "$c")
	want=$(deliv-warmup-plan --monthly 100000 --start 2026-12-01 | cols - "$c")
	diff <(awk -F'\t' '$3 != "yahoo" && $3 != "all"' <<<"$got") \
	    <(awk -F'\t' '$3 != "yahoo" && $3 != "all"' <<<"$want")
}

@test "warmup-plan: the same results as JSON Lines give the same plan" {
	local r=$BATS_TEST_TMPDIR/r.tsv
	scenario "$r" 3 yahoo.com feedback 1
	scenario "$r" 5 hotmail.com userunknown 8
	deliv-warmup-plan --monthly 100000 --start 2026-12-01 --results "$r" >"$BATS_TEST_TMPDIR/tsv"
	jq -Rrn '(input | split("\t")) as $h | inputs | split("\t") as $v
	    | [$h, $v] | transpose | map({(.[0]): .[1]}) | add | tojson' <"$r" >"$BATS_TEST_TMPDIR/r.jsonl"
	run -0 deliv-warmup-plan --monthly 100000 --start 2026-12-01 --results - <"$BATS_TEST_TMPDIR/r.jsonl"
	assert_output - <"$BATS_TEST_TMPDIR/tsv"
}

@test "warmup-plan: JSON Lines with null and escaped strings read as their TSV does; a bad JSON line is exit 2 naming file and line" {
	local r=$BATS_TEST_TMPDIR/r.tsv j=$BATS_TEST_TMPDIR/r.jsonl i
	scenario "$r" 5 hotmail.com userunknown 8
	run -0 deliv-warmup-plan --monthly 100000 --start 2026-12-01 --results "$r" --no-header
	local want=$output
	# The same 8 hard bounces: "\u0040" and "\u002d" must decode for the
	# recipient and the date to count; null is an empty field.
	for ((i = 1; i <= 8; i++)); do
		printf '{"date": "2026\\u002d12-05T10:%02d:00Z", "recipient": "rcpt%d\\u0040hotmail.com", "action": "failed", "kind": "hard", "reason": "userunknown", "status": "5.1.1", "smtp_code": null, "remote_mta": null, "diagnostic": "550 \\"User\\" unknown\\t\\u00e9"}\n' "$i" "$i"
	done >"$j"
	# A null date: skipped, and said so.
	printf '{"date": null, "recipient": "x@hotmail.com", "kind": "hard", "reason": "userunknown"}\n\n' >>"$j"
	run --separate-stderr -0 deliv-warmup-plan --monthly 100000 --start 2026-12-01 --results "$j" --no-header
	assert_output "$want"
	assert_equal "$stderr" "deliv-warmup-plan: $j: 1 records without a usable date or provider skipped"
	# Line 11: not JSON.
	printf '{"date": "2026-12-05", "recipient": }\n' >>"$j"
	run --separate-stderr -2 deliv-warmup-plan --monthly 100000 --start 2026-12-01 --results "$j"
	assert_output ""
	assert_equal "$stderr" "deliv-warmup-plan: $j:11: offset 36: unexpected character"
	# A lone surrogate is no text either.
	sed -i '11s/.*/{"recipient": "a\\ud800@gmail.com"}/' "$j"
	run --separate-stderr -2 deliv-warmup-plan --monthly 100000 --start 2026-12-01 --results "$j"
	[[ $stderr == "deliv-warmup-plan: $j:11: offset "*surrogate* ]] || fail "$stderr"
	sed -i '11s/.*/["a@gmail.com"]/' "$j"
	run --separate-stderr -2 deliv-warmup-plan --monthly 100000 --start 2026-12-01 --results "$j"
	assert_equal "$stderr" "deliv-warmup-plan: $j:11: not a JSON object"
	# The same line in a --mix-from list.
	run --separate-stderr -2 deliv-warmup-plan --daily 1000 --mix-from "$j"
	assert_equal "$stderr" "deliv-warmup-plan: $j:11: not a JSON object"
}

@test "warmup-plan: hard bounces over 2% hold the provider and ask for list hygiene" {
	local r=$BATS_TEST_TMPDIR/r.tsv
	# Microsoft sent 9+18+36+72+144 = 279 by day 5; 8 user unknown = 2.87%.
	scenario "$r" 5 hotmail.com userunknown 8
	run -0 deliv-warmup-plan --monthly 100000 --start 2026-12-01 --results "$r"
	assert_equal "$(field volume 5 microsoft) $(field volume 6 microsoft) $(field state 6 microsoft)" "144 144 hold"
	[[ $(field note 6 microsoft) == "hard bounces 8/279 pooled = 2.87% > 2% (Amazon SES): hold; clean the list (deliv bounce-classify) (day 5 results)" ]]
	assert_equal "$(field volume 7 microsoft) $(field state 7 microsoft)" "288 ramp"
	# Over 5%: half, then hold.
	: >"$r"
	scenario "$r" 5 outlook.com userunknown 20
	run -0 deliv-warmup-plan --monthly 100000 --start 2026-12-01 --results "$r"
	assert_equal "$(field volume 6 microsoft) $(field state 6 microsoft) $(field volume 7 microsoft) $(field state 7 microsoft)" \
	    "72 backoff 72 hold"
}

@test "warmup-plan: deferrals (Yahoo TSS04, real record) hold, and over 25% pause a day" {
	local r=$BATS_TEST_TMPDIR/r.tsv
	# Yahoo sends 32 on day 4; 2 deferred = 6.25% > 5%: hold.
	scenario "$r" 4 yahoo.com badreputation 2
	run -0 deliv-warmup-plan --monthly 100000 --start 2026-12-01 --results "$r"
	assert_equal "$(field volume 4 yahoo) $(field volume 5 yahoo) $(field state 5 yahoo)" "32 32 hold"
	[[ $(field note 5 yahoo) == "deferred 2/32 = 6.25% > 5% (owlat): hold a day (day 4 results)" ]]
	assert_equal "$(field volume 6 yahoo) $(field state 6 yahoo)" "64 ramp"
	# 4 deferred = 12.5% > 10%: 0.7 of the volume.
	: >"$r"
	scenario "$r" 4 yahoo.com badreputation 4
	run -0 deliv-warmup-plan --monthly 100000 --start 2026-12-01 --results "$r"
	assert_equal "$(field volume 5 yahoo) $(field state 5 yahoo)" "22 backoff"
	[[ $(field note 5 yahoo) == "deferred or refused 4/32 = 12.50% > 10%"* ]]
	: >"$r"
	scenario "$r" 4 yahoo.com badreputation 20
	run -0 deliv-warmup-plan --monthly 100000 --start 2026-12-01 --results "$r"
	assert_equal "$(field volume 5 yahoo) $(field state 5 yahoo) $(field volume 6 yahoo) $(field state 6 yahoo)" \
	    "0 backoff 16 backoff"
	assert_equal "$(field volume 7 yahoo) $(field state 7 yahoo)" "32 ramp"
}

@test "warmup-plan: an authentication refusal points at dnscheck" {
	local r=$BATS_TEST_TMPDIR/r.tsv
	scenario "$r" 2 gmail.com authfailure 1
	run -0 deliv-warmup-plan --monthly 100000 --start 2026-12-01 --results "$r"
	assert_equal "$(field volume 3 gmail) $(field state 3 gmail)" "40 hold"
	[[ $(field note 3 gmail) == *"authentication refusals: check SPF, DKIM and DMARC with deliv dnscheck"* ]]
}

@test "warmup-plan: complaints over 0.3% twice within 7 days stop the provider, exit 1" {
	local r=$BATS_TEST_TMPDIR/r.tsv
	scenario "$r" 3 yahoo.com feedback 2
	scenario "$r" 5 yahoo.com feedback 2
	run -1 deliv-warmup-plan --monthly 100000 --start 2026-12-01 --results "$r"
	assert_equal "$(field volume 6 yahoo) $(field state 6 yahoo)" "0 backoff"
	[[ $(field note 6 yahoo) == *"second day at >= 0.3% within 7 days (4 complaints"*"stop (day 5 results)"* ]]
	assert_equal "$(field volume 30 yahoo) $(field note 30 yahoo)" "0 stopped"
	assert_equal "$(field volume 30 gmail)" 1334
	# One complaint a day is not enough to stop.
	: >"$r"
	scenario "$r" 3 yahoo.com feedback 1
	scenario "$r" 5 yahoo.com feedback 1
	run -0 deliv-warmup-plan --monthly 100000 --start 2026-12-01 --results "$r"
}

@test "warmup-plan: plain per-day TSV (a Postmaster Tools export) and sent under 90%" {
	local r=$BATS_TEST_TMPDIR/r.tsv
	printf 'date\tprovider\tsent\tdelivered\thard\tsoft\tcomplaints\tdeferred\n' >"$r"
	printf '2026-12-01\tgmail\t20\t20\t0\t0\t0\t0\n' >>"$r"
	printf '2026-12-02\tgmail\t30\t30\t0\t0\t0\t0\n' >>"$r"
	printf '2026-12-02\tmicrosoft\t18\t18\t0\t0\t0\t0\n' >>"$r"
	run -0 deliv-warmup-plan --monthly 100000 --start 2026-12-01 --results "$r"
	assert_equal "$(field volume 3 gmail) $(field state 3 gmail)" "40 hold"
	[[ $(field note 3 gmail) == "sent 30 of 40 planned (< 90%, SparkPost): repeat the volume (day 2 results)" ]]
	assert_equal "$(field volume 3 microsoft) $(field state 3 microsoft)" "36 ramp"
	# A Gmail spam rate over 0.1% but under 0.3%: hold.
	printf '2026-12-03\tgmail\t2000\t1990\t0\t0\t3\t0\n' >>"$r"
	run -0 deliv-warmup-plan --monthly 100000 --start 2026-12-01 --results "$r"
	assert_equal "$(field state 4 gmail)" hold
	[[ $(field note 4 gmail) == "complaints 3/1990 pooled = 0.15% > 0.1% (Gmail, SES, Braze): hold (day 3 results)" ]]
}

@test "warmup-plan: --db reads bounce-classify's database; a database without events is an error" {
	command -v sqlite3 >/dev/null || skip "no sqlite3 command"
	local db=$BATS_TEST_TMPDIR/b.db r=$BATS_TEST_TMPDIR/r.tsv
	sqlite3 "$db" "CREATE TABLE events (id INTEGER PRIMARY KEY, recipient TEXT NOT NULL,
	    ts INTEGER NOT NULL, kind TEXT NOT NULL, reason TEXT, status TEXT, smtp_code INTEGER,
	    source TEXT, msgno INTEGER) STRICT;
	    INSERT INTO events (recipient, ts, kind, reason, status, smtp_code, source, msgno) VALUES
	    ('a@yahoo.com', strftime('%s', '2026-12-03 15:00:00'), 'undetermined', 'feedback', NULL, NULL, 'arf', 1);"
	scenario "$r" 3 yahoo.com feedback 1
	run -0 deliv-warmup-plan --monthly 100000 --start 2026-12-01 --db "$db"
	assert_output - < <(deliv-warmup-plan --monthly 100000 --start 2026-12-01 --results "$r")
	# Without --start the plan starts on the first day recorded.
	run -0 deliv-warmup-plan --monthly 100000 --db "$db"
	assert_equal "$(field date 1 gmail) $(field volume 2 yahoo) $(field state 2 yahoo)" "2026-12-03 2 backoff"
	sqlite3 "$BATS_TEST_TMPDIR/other.db" "CREATE TABLE t (x);"
	run --separate-stderr -2 deliv-warmup-plan --monthly 100000 --db "$BATS_TEST_TMPDIR/other.db"
	assert_equal "$output" ""
	assert_equal "$stderr" "deliv-warmup-plan: $BATS_TEST_TMPDIR/other.db: no table \"events\": not a database written by deliv bounce-classify --db"
}

@test "warmup-plan: result dates are UTC days; results before --start are reported, not used" {
	local r=$BATS_TEST_TMPDIR/r.tsv
	scenario "$r" 3 yahoo.com feedback 1
	# 23:30 at UTC-2 on 2 December is 01:30 UTC on the 3rd.
	sed -i '2s/2026-12-03T10:01:00Z/2026-12-02T23:30:00-02:00/' "$r"
	run -0 deliv-warmup-plan --monthly 100000 --start 2026-12-01 --results "$r"
	assert_equal "$(field volume 4 yahoo) $(field state 4 yahoo)" "8 backoff"
	run --separate-stderr -0 deliv-warmup-plan --monthly 100000 --start 2026-12-05 --results "$r"
	assert_equal "$stderr" "deliv-warmup-plan: 1 provider days of results fall before --start or on days without sending: not used"
	assert_equal "$(field state 2 yahoo)" ramp
	run --separate-stderr -2 deliv-warmup-plan --daily 10 --results - --mix-from - </dev/null
	[[ $stderr == *"only one can be stdin"* ]]
}

@test "warmup-plan: --mix and --mix-from set the providers' shares" {
	run -0 deliv-warmup-plan --daily 1000 --mix gmail=60,yahoo=30 --start 2026-12-01
	assert_equal "$(cols day,provider | awk -F'\t' '$1 == 1 { printf "%s ", $2 }')" "gmail yahoo other all "
	assert_equal "$(field volume 30 gmail) $(field volume 30 yahoo) $(field volume 30 other)" "600 300 100"
	printf '%s\n' a@gmail.com b@GMAIL.com c@googlemail.com 'd@hotmail.co.uk' e@yahoo.fr \
	    'f@corp.example	alt1.aspmx.l.google.com' g@example.org '# comment' '' >"$BATS_TEST_TMPDIR/rcpts"
	run -0 deliv-warmup-plan --daily 700 --mix-from "$BATS_TEST_TMPDIR/rcpts" --start 2026-12-01
	assert_equal "$(field volume 30 gmail) $(field volume 30 microsoft) $(field volume 30 yahoo) $(field volume 30 other)" \
	    "400 100 100 100"
	run -0 deliv-warmup-plan --daily 1000 --mix-from "$F/corpus-records.tsv" --start 2026-12-01
	assert_equal "$(cols day,provider | awk -F'\t' '$1 == 1 { printf "%s ", $2 }')" "gmail yahoo other all "
	run --separate-stderr -2 deliv-warmup-plan --daily 1000 --mix gmail=60,yahoo=50
	[[ $stderr == *"--mix: gmail=60,yahoo=50: percentages sum to 110, not 100"* ]]
}

@test "warmup-plan: usage errors exit 2 with usage on stderr" {
	run --separate-stderr -2 deliv-warmup-plan </dev/null
	assert_equal "$output" ""
	[[ $stderr == *"give one target: --monthly N or --daily N"*"usage: deliv-warmup-plan"* ]]
	run --separate-stderr -2 deliv-warmup-plan --daily 10 --monthly 10
	run --separate-stderr -2 deliv-warmup-plan --daily 0
	[[ $stderr == "deliv-warmup-plan: --daily: not a number between 1 and 1000000000000: 0"$'\n'"usage: deliv-warmup-plan"* ]]
	run --separate-stderr -2 deliv-warmup-plan --daily 10 --pace fast
	[[ $stderr == *"--pace: fast: not conservative, standard or aggressive"* ]]
	run --separate-stderr -2 deliv-warmup-plan --daily 10 --start 2026-13-01
	run --separate-stderr -2 deliv-warmup-plan --daily 10 extra
	run --separate-stderr -2 deliv-warmup-plan --daily 10 --results "$BATS_TEST_TMPDIR/none"
	assert_equal "$stderr" "deliv-warmup-plan: $BATS_TEST_TMPDIR/none: No such file or directory"
	printf 'a\tb\n1\t2\n' >"$BATS_TEST_TMPDIR/bad.tsv"
	run --separate-stderr -2 deliv-warmup-plan --daily 10 --results "$BATS_TEST_TMPDIR/bad.tsv"
	[[ $stderr == "deliv-warmup-plan: $BATS_TEST_TMPDIR/bad.tsv:1: neither bounce-classify records"* ]]
}

@test "warmup-plan: a tiny target still gives whole messages that add up" {
	local c
	run -0 deliv-warmup-plan --daily 3 --start 2026-12-01
	assert_equal "$(field volume 1 all) $(field volume 30 all)" "3 3"
	c=$(cols volume)
	run -0 awk '$1 !~ /^[0-9]+$/ { exit 1 }' <<<"$c"
}

@test "warmup-plan: --chart, --svg and --ics (golden)" {
	run -0 deliv-warmup-plan --monthly 100000 --start 2026-12-01 --chart
	golden "$E/chart-100000.txt"
	run -0 deliv-warmup-plan --monthly 100000 --start 2026-12-01 \
	    --svg "$BATS_TEST_TMPDIR/p.svg" --ics "$BATS_TEST_TMPDIR/p.ics" --no-header
	assert_equal "${#lines[@]}" 180
	if command -v xmllint >/dev/null; then
		run -0 xmllint --noout "$BATS_TEST_TMPDIR/p.svg"
	fi
	run -0 grep -c '<rect' "$BATS_TEST_TMPDIR/p.svg"
	assert_output 157	# background + 30 days x 5 + legend 6
	run -0 cat "$BATS_TEST_TMPDIR/p.ics"
	golden "$E/plan-100000.ics"
	run -0 grep -c $'^BEGIN:VEVENT\r$' "$BATS_TEST_TMPDIR/p.ics"
	assert_output 30
	# RFC 5545: no line over 75 octets, every line ends in CRLF.
	run -0 awk '{ if (length($0) > 76 || $0 !~ /\r$/) bad = 1 } END { exit bad }' "$BATS_TEST_TMPDIR/p.ics"
}

@test "warmup-plan: the rules are data; --rules with another threshold changes the plan" {
	local r=$BATS_TEST_TMPDIR/r.tsv rules=$BATS_TEST_TMPDIR/rules.tsv
	scenario "$r" 5 hotmail.com userunknown 8	# 8/279 = 2.87%
	# The shipped file, given explicitly, is the default.
	run -0 deliv-warmup-plan --monthly 100000 --start 2026-12-01 --results "$r"
	local shipped=$output
	run -0 deliv-warmup-plan --monthly 100000 --start 2026-12-01 --results "$r" \
	    --rules "$TOP/data/warmup-rules.tsv"
	assert_output "$shipped"
	assert_equal "$(field state 6 microsoft)" hold
	# The hold line moved to 3%: day 6 ramps.
	sed 's/^\(hard-hold\thard\t>\t\)2\t/\13\t/' "$TOP/data/warmup-rules.tsv" >"$rules"
	run -0 deliv-warmup-plan --monthly 100000 --start 2026-12-01 --results "$r" \
	    --rules "$rules"
	assert_equal "$(field state 6 microsoft) $(field volume 6 microsoft)" "ramp 288"
}

@test "warmup-plan: a bad rules line is refused, naming the file and the line" {
	local rules=$BATS_TEST_TMPDIR/rules.tsv n
	n=$(grep -n '^hard-hold' "$TOP/data/warmup-rules.tsv" | cut -d: -f1)
	bad() {		# bad SED-SCRIPT EXPECTED-MESSAGE
		sed "$1" "$TOP/data/warmup-rules.tsv" >"$rules"
		run --separate-stderr -2 deliv-warmup-plan --daily 1000 --rules "$rules"
		assert_equal "$stderr" "deliv-warmup-plan: $rules:$n: $2"
		assert_equal "$output" ""
	}
	bad "${n}s/\\thard\\t/\\tbounces\\t/" "unknown measure: bounces"
	bad "${n}s/\\t>\\t2\\t/\\t>\\t2.345\\t/" "percent: not a number between 0.01 and 100 with up to 2 decimals: 2.345"
	bad "${n}s/\\t>\\t2\\t/\\t=>\\t2\\t/" "unknown op: => (>, >= or <)"
	bad "${n}s/\\thold\\t-\\t/\\thold\\t1\\/2\\t/" "factor: only for backoff: 1/2"
	bad "${n}s/!hard-half/!hard-halve/" "when: hard-halve: no such rule on an earlier line"
	bad "${n}s/\\thold\\t/\\twait\\t/" "unknown action: wait (hold, backoff, pause or stop)"
	bad "${n}s/({source})/({sauce})/" "note: unknown {sauce}"
	bad "${n}s/\\tAmazon SES\\t/\\t/" "11 fields, not 12 (tab-separated)"
	bad "${n}s/^hard-hold/hard-stop/" "rule hard-stop given twice"
	# Found by the default path too: a broken shipped file stops the plan.
	mkdir "$BATS_TEST_TMPDIR/data"
	cp "$TOP/data/providers.tsv" "$BATS_TEST_TMPDIR/data/"
	sed "${n}s/\\thard\\t/\\tbounces\\t/" "$TOP/data/warmup-rules.tsv" \
	    >"$BATS_TEST_TMPDIR/data/warmup-rules.tsv"
	printf 'date\tprovider\tsent\n' >"$BATS_TEST_TMPDIR/r.tsv"
	DELIV_DATA=$BATS_TEST_TMPDIR/data run --separate-stderr -2 \
	    deliv-warmup-plan --daily 1000 --results "$BATS_TEST_TMPDIR/r.tsv"
	assert_equal "$stderr" "deliv-warmup-plan: $BATS_TEST_TMPDIR/data/warmup-rules.tsv:$n: unknown measure: bounces"
}

@test "warmup-plan: a rules file of comments alone is refused: no rules" {
	local rules=$BATS_TEST_TMPDIR/rules.tsv
	printf '# nothing yet\n\n' >"$rules"
	run --separate-stderr -2 deliv-warmup-plan --daily 1000 --rules "$rules"
	assert_equal "$stderr" "deliv-warmup-plan: $rules: no rules"
	assert_equal "$output" ""
}

@test "warmup-plan: the manual states every rule's threshold and source as the table has them" {
	local rule meas op pct min days today when act fac src note thr line
	while IFS=$'\t' read -r rule meas op pct min days today when act fac src note; do
		[[ $rule == \#* || -z $rule ]] && continue
		d() { [[ $1 == - ]] && printf '\\-' || printf '%s' "$1"; }
		thr=$([[ $pct == - ]] && printf '\\-' || printf '%s %s%%' "$op" "$pct")
		[[ $fac == - ]] || act="$act $fac"
		line=".It $rule Ta $meas Ta $thr Ta $(d "$min") Ta $(d "$days") Ta $act Ta $(d "$src")"
		grep -qxF -- "$line" "$TOP/man/deliv-warmup-plan.1" ||
		    fail "deliv-warmup-plan.1 lacks: $line"
	done <"$TOP/data/warmup-rules.tsv"
	# And no row the table lacks.
	assert_equal "$(grep -c '^\.It [a-z-]* Ta ' "$TOP/man/deliv-warmup-plan.1")" \
	    "$(grep -vc '^#' "$TOP/data/warmup-rules.tsv")"
}

@test "warmup-plan: --now and SOURCE_DATE_EPOCH are today for the default --start" {
	run -0 deliv-warmup-plan --daily 1000 --now 2027-02-03T15:00:00Z
	assert_equal "$(field date 1 all)" 2027-02-03
	SOURCE_DATE_EPOCH=1795337000 run -0 deliv-warmup-plan --daily 1000
	assert_equal "$(field date 1 all)" 2026-11-22
	run --separate-stderr -2 deliv-warmup-plan --daily 1000 --now 3pm
	[[ $stderr == "deliv-warmup-plan: --now: not a time: 3pm"$'\n'"usage: deliv-warmup-plan"* ]]
}

@test "warmup-plan: --start takes real days from 1970 to 9999 only, and no plan runs past 9999" {
	run --separate-stderr -2 deliv-warmup-plan --daily 100000 --start 2026-02-30
	assert_output ""
	assert_equal "${stderr%%$'\n'*}" "deliv-warmup-plan: --start: 2026-02-30: no such day"
	run --separate-stderr -2 deliv-warmup-plan --daily 100000 --start 2026-04-31
	assert_equal "${stderr%%$'\n'*}" "deliv-warmup-plan: --start: 2026-04-31: no such day"
	run --separate-stderr -2 deliv-warmup-plan --daily 100000 --start 2025-02-29
	run --separate-stderr -2 deliv-warmup-plan --daily 100000 --start 0000-01-01
	assert_equal "${stderr%%$'\n'*}" "deliv-warmup-plan: --start: 0000-01-01: year 0: give a year from 1970 to 9999"
	run --separate-stderr -2 deliv-warmup-plan --daily 100000 --start 1969-12-31
	run --separate-stderr -2 deliv-warmup-plan --daily 100000 --start 9999-12-31
	assert_output ""
	assert_equal "${stderr%%$'\n'*}" "deliv-warmup-plan: --start: the plan would end after 9999-12-31"
	run -0 deliv-warmup-plan --daily 100000 --start 2028-02-29
	assert_equal "$(cols date | sed -n 2p)" 2028-02-29
	run -0 deliv-warmup-plan --daily 100000 --start 9999-01-01
	assert_equal "$(cols date | tail -n 1)" 9999-01-30
	# a result dated outside 1970-9999 is skipped, never a plan in year 0
	printf 'date\tprovider\tsent\tdelivered\thard\tsoft\tcomplaints\tdeferred\n0000-01-01\tgmail\t100\t100\t0\t0\t0\t0\n2026-12-01\tgmail\t100\t100\t0\t0\t0\t0\n' >"$BATS_TEST_TMPDIR/r.tsv"
	run --separate-stderr -0 deliv-warmup-plan --daily 1000 --results "$BATS_TEST_TMPDIR/r.tsv"
	assert_equal "$(cols date | sed -n 2p)" 2026-12-01
}

@test "warmup-plan: --results counts that are no counts or do not add up are an error naming FILE:LINE" {
	local r=$BATS_TEST_TMPDIR/r.tsv v
	for v in 1e308 -1 NaN 1e23 1.5 ''x; do
		printf 'date\tprovider\tsent\tdelivered\thard\tsoft\tcomplaints\tdeferred\n2026-12-01\tgmail\t1000\t990\t1\t1\t0\t0\n2026-12-02\tgmail\t1000\t990\t%s\t1\t0\t0\n' "$v" >"$r"
		run --separate-stderr -2 deliv-warmup-plan --daily 1000 --results "$r"
		assert_output ""
		assert_equal "$stderr" "deliv-warmup-plan: $r:3: hard: not a count (a whole number from 0 to 1000000000000): $v"
	done
	printf 'date\tprovider\tsent\tdelivered\thard\tsoft\tcomplaints\tdeferred\n2026-12-01\tgmail\t1000\t10\t1\t1\t20\t0\n' >"$r"
	run --separate-stderr -2 deliv-warmup-plan --daily 1000 --results "$r"
	assert_equal "$stderr" "deliv-warmup-plan: $r:2: complaints 20 are more than delivered 10"
	printf 'date\tprovider\tsent\tdelivered\thard\tsoft\tcomplaints\tdeferred\n2026-12-01\tgmail\t100\t200\t0\t0\t0\t0\n' >"$r"
	run --separate-stderr -2 deliv-warmup-plan --daily 1000 --results "$r"
	assert_equal "$stderr" "deliv-warmup-plan: $r:2: delivered 200 is more than sent 100"
	printf 'date\tprovider\tsent\tdelivered\thard\tsoft\tcomplaints\tdeferred\n2026-12-01\tgmail\t100\t\t90\t20\t0\t0\n' >"$r"
	run --separate-stderr -2 deliv-warmup-plan --daily 1000 --results "$r"
	assert_equal "$stderr" "deliv-warmup-plan: $r:2: hard + soft + deferred 110 is more than sent 100"
	# JSON Lines the same
	printf '{"date":"2026-12-01","provider":"gmail","sent":1e23}\n' >"$BATS_TEST_TMPDIR/r.json"
	run --separate-stderr -2 deliv-warmup-plan --daily 1000 --results "$BATS_TEST_TMPDIR/r.json"
	assert_equal "$stderr" "deliv-warmup-plan: $BATS_TEST_TMPDIR/r.json:1: sent: not a count (a whole number from 0 to 1000000000000): 1e23"
}

@test "warmup-plan: many distinct providers in --results are read (a hash table), and each day's rows add up" {
	awk 'BEGIN { print "date\tprovider\tsent\tdelivered\thard\tsoft\tcomplaints\tdeferred"
	    for (i = 0; i < 50000; i++) printf "2026-12-01\tp%d\t10\t10\t0\t0\t0\t0\n", i
	    for (i = 0; i < 3; i++) printf "2026-12-02\tgmail\t10\t10\t1\t0\t0\t0\n" }' >"$BATS_TEST_TMPDIR/r.tsv"
	run --separate-stderr -0 deliv-warmup-plan --daily 1000 --start 2026-12-01 --results "$BATS_TEST_TMPDIR/r.tsv"
	# gmail on day 2: 3 hard of 30 sent
	assert_equal "$(cols day,provider,state | awk -F'\t' '$1 == 3 && $2 == "gmail" { print $3 }')" backoff
}

@test "warmup-plan: a write error on stdout, --svg or --ics is said and exit 2; --results /dev/zero is capped" {
	[[ -w /dev/full ]] || skip "no /dev/full"
	run --separate-stderr -2 bash -c 'deliv-warmup-plan --daily 1000 --start 2026-12-01 >/dev/full'
	assert_equal "$stderr" "deliv-warmup-plan: stdout: No space left on device"
	run --separate-stderr -2 bash -c 'deliv-warmup-plan --daily 1000 --start 2026-12-01 --chart >/dev/full'
	assert_equal "$stderr" "deliv-warmup-plan: stdout: No space left on device"
	run --separate-stderr -2 deliv-warmup-plan --daily 1000 --start 2026-12-01 --svg /dev/full
	assert_equal "$stderr" "deliv-warmup-plan: /dev/full: No space left on device"
	run --separate-stderr -2 deliv-warmup-plan --daily 1000 --start 2026-12-01 --ics /dev/full
	assert_equal "$stderr" "deliv-warmup-plan: /dev/full: No space left on device"
	run --separate-stderr -2 deliv-warmup-plan --daily 1000 --results /dev/zero
	assert_output ""
	assert_equal "$stderr" "deliv-warmup-plan: /dev/zero:1: line longer than 1048576 bytes"
}

@test "warmup-plan: --chart draws every day that sends and folds runs of identical days" {
	run -0 deliv-warmup-plan --daily 1000000 --start 2026-12-01 --chart
	# days 1 and 2 (41 and 82 of a million) still get a cell
	assert_line --index 1 "  1 2026-12-01         41 █"
	assert_line --index 2 "  2 2026-12-02         82 █"
	# days 21 to 30 are the same: the first drawn, then one line
	assert_line --index 21 --regexp '^ 21 2026-12-21  1,000,000 █+'
	assert_line --index 22 "    days 21-30: 1,000,000 a day, warm"
	assert_equal "${#lines[@]}" 23
	# with --migrate the new path's first cell shows before the old one's
	run -0 deliv-warmup-plan --daily 1000000 --start 2026-12-01 --chart --migrate
	assert_line --index 1 --regexp '^  1 2026-12-01         41 █\.+$'
}
