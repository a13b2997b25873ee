#!/usr/bin/env bash
# bench/bounce-batches.sh [BUILDDIR] [NAME...]: the whole-notice blind
# batches (tests/fixtures/bounce-writers/NAME.mbox with its
# NAME-expected.tsv; default: every such pair), read by bounce-classify
# and by the peer, Sisimai (Debian's libsisimai-perl, through the bounce
# corpus's tools/sisimai-classify.pl), side by side, with issue #15's
# independent-set measures: notices whose failed-recipient set is exact
# (of those expecting a failure), failed-address precision and recall,
# and kind and reason of the expected failed addresses found.  A failed
# address is a hard or soft record's recipient (lower case); an expected
# record with no recipient asks for none.  bounce-classify's figures here
# are after each batch's fixes (its first runs are in
# bench/RESULTS-bounce-classify.md); Sisimai never saw any batch.
# Prints Markdown.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p "${1:-build}"
build=$(cd "${1:-build}" && pwd)
shift $(($# ? 1 : 0))
peer=../shared/corpora/bounces/tools/sisimai-classify.pl
[[ -f $peer ]] || { echo "bench/bounce-batches: no corpus beside the checkout; skipped" >&2; exit 0; }
perl -MSisimai -e 1 2>/dev/null || { echo "bench/bounce-batches: Sisimai (libsisimai-perl) is not installed; skipped" >&2; exit 0; }
make -s BUILDDIR="$build" all >/dev/null
export DELIV_DATA=$PWD/data DELIV_PHRASES=$PWD/phrases
dir=tests/fixtures/bounce-writers
if (($# == 0)); then
	for e in "$dir"/*-expected.tsv; do
		n=$(basename "$e" -expected.tsv)
		[[ -f $dir/$n.mbox ]] && set -- "$@" "$n"
	done
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in "$@"; do
	"$build/deliv-bounce-classify" --no-progress --no-header \
	    -o msgno,recipient,kind,reason "$dir/$n.mbox" 2>/dev/null |
	    awk -F'\t' -v n="$n" '{ print n "\t" $0 }' >>"$work/deliv" || true
	perl "$peer" --no-header --no-delivered "$dir/$n.mbox" 2>/dev/null |
	    awk -F'\t' -v n="$n" '{ print n "\t" $7 "\t" $2 "\t" $4 "\t" $3 }' >>"$work/peer"
	awk -F'\t' -v n="$n" '!/^#/ && NF >= 5 { print n "\t" $1 "\t" $3 "\t" $4 "\t" $5 }' \
	    "$dir/$n-expected.tsv" >>"$work/expected"
done
echo "$# batches"
echo
echo "| program | notices exact | failed-address precision | recall | kind | reason |"
echo "|---|---|---|---|---|---|"
for who in deliv peer; do
	perl -F'\t' -lane '
	BEGIN { $who = shift @ARGV }
	$F[2] = lc $F[2];
	if ($ARGV =~ /expected$/) {
		$m = "$F[0]\t$F[1]";
		next unless $F[3] eq "hard" || $F[3] eq "soft";
		$failing{$m} = 1;
		$exp{$m}{$F[2]} = "$F[3]\t$F[4]" if $F[2] ne "";
		next;
	}
	next unless $F[3] eq "hard" || $F[3] eq "soft";
	$got{"$F[0]\t$F[1]"}{$F[2]} = "$F[3]\t$F[4]" if $F[2] ne "";
	END {
		my %all = (%failing, map { $_ => 1 } keys %got);
		for my $m (keys %all) {
			my %e = %{ $exp{$m} || {} }; my %g = %{ $got{$m} || {} };
			my $same = join(",", sort keys %e) eq join(",", sort keys %g);
			if ($failing{$m}) { $n++; $exact++ if $same }
			for (keys %g) { if (exists $e{$_}) { $tp++ } else { $fp++ } }
			for (keys %e) {
				$rec++;
				next unless exists $g{$_};
				my ($ek, $er) = split /\t/, $e{$_}; my ($gk, $gr) = split /\t/, $g{$_};
				$kind++ if $ek eq $gk; $reason++ if $er eq $gr;
			}
		}
		my $p = sub { sprintf "%d/%d (%.1f %%)", $_[0], $_[1], $_[1] ? 100 * $_[0] / $_[1] : 0 };
		printf "| %s | %s | %s | %s | %s | %s |\n", $who eq "deliv" ? "bounce-classify" : "Sisimai",
		    $p->($exact, $n), $p->($tp, $tp + $fp), $p->($tp, $rec), $p->($kind, $rec), $p->($reason, $rec);
	}' "$who" "$work/expected" "$work/$who"
done
