#!/usr/bin/env bash
# bench/bounce-phrase-audit.sh [BUILDDIR]: do the reason phrases carry
# over to replies written after them?  Every line of the blind reply
# batches (bench/bounce-blind.sh's files, DUMP=1) is classified; the
# phrase that decided its reason (the "matched" column: soft.txt:N,
# hard.txt:N, bounce-cues.txt:N, or a status or SMTP code) is dated by
# `git blame` (the commit that last wrote that line), the batch file by
# the commit that added it.  A line of a batch added after the phrase
# was written is a blind test of that phrase; a line of a batch added
# before (or with) it is the phrase's own evidence.  Printed: the
# accuracy of each kind of decision on blind and on own lines, then
# each phrase wrong on blind lines at least once (right/wrong on blind
# lines, on own lines, the file and line, and the phrase).
# Needs a git checkout whose phrase files are committed.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
DUMP=1 bash bench/bounce-blind.sh "$build" >"$work/dump"
for f in phrases/soft.txt phrases/hard.txt phrases/bounce-cues.txt; do
	git blame --line-porcelain "$f" | perl -ne '
	    if (/^[0-9a-f]{40} \d+ (\d+)/) { $n = $1 }
	    elsif (/^committer-time (\d+)/) { $t = $1 }
	    elsif (/^\t(.*)/) { print "'"${f#phrases/}"':$n\t$t\t$1\n" }'
done >"$work/blame"
for f in $(cut -f2 "$work/dump" | sort -u); do
	printf '%s\t%s\n' "$f" \
	    "$(git log --diff-filter=A --format=%ct -- "tests/fixtures/bounce-writers/$f" | tail -1)"
done >"$work/files"
perl -F'\t' -lane '
    BEGIN {
	open my $b, "<", "'"$work/blame"'" or die;
	while (<$b>) { chomp; my ($k, $t, $p) = split /\t/, $_, 3; $pt{$k} = $t; $pp{$k} = $p }
	open my $f, "<", "'"$work/files"'" or die;
	while (<$f>) { chomp; my ($k, $t) = split /\t/; $ft{$k} = $t }
    }
    my (undef, $file, $want, $got, $m) = @F;
    my $ok = $want eq $got ? 1 : 0;
    my $how = $m eq "" ? "none" : $m =~ /^(status|smtp):/ ? "code ($1)" : "phrase";
    if ($how eq "phrase" && !defined $pt{$m}) { $how = "phrase (uncommitted)" }
    my $blind = $how ne "phrase" || !$ft{$file} ? "?" : $ft{$file} > $pt{$m} ? "blind" : "own";
    $blind = "-" if $how ne "phrase";
    $sum{"$how\t$blind"}[$ok]++;
    if ($how eq "phrase") { $per{$m}{$blind}[$ok]++ }
    END {
	printf "%-22s %-6s %6s %6s %7s\n", "decided by", "lines", "n", "right", "%";
	for my $k (sort keys %sum) {
	    my ($w, $r) = (($sum{$k}[0] // 0), ($sum{$k}[1] // 0));
	    my ($how, $b) = split /\t/, $k;
	    printf "%-22s %-6s %6d %6d %6.1f%%\n", $how, $b, $w + $r, $r, 100 * $r / ($w + $r);
	}
	print "";
	print "phrases wrong on blind lines (blind right/wrong, own right/wrong):";
	for my $m (sort { ($per{$b}{blind}[0] // 0) <=> ($per{$a}{blind}[0] // 0) || $a cmp $b } keys %per) {
	    my $bw = $per{$m}{blind}[0] // 0;
	    next unless $bw;
	    printf "  %d/%d  %d/%d  %s  %s\n", $per{$m}{blind}[1] // 0, $bw,
		$per{$m}{own}[1] // 0, $per{$m}{own}[0] // 0, $m, $pp{$m};
	}
    }' "$work/dump"
