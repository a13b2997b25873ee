#!/usr/bin/env perl
# lint-phrases.pl - build deliv-lint's phrases/spam.txt from the candidate
# list (corpora/lint/phrases-candidates.txt) and measured hit counts.
#
#   lint-phrases.pl --candidates CAND.txt >all.txt
#       every usable candidate in the lib/core/phrases format, tag 1, with its
#       origin in a comment line above it
#   lint-phrases.pl --weigh CAND-LIST HITS.tsv NHAM NSPAM >spam.txt
#       HITS.tsv: "label<TAB>line" per message and phrase (line of
#       CAND-LIST); keeps the phrases that separate and weighs them by a
#       smoothed log-likelihood ratio, capped
use strict;
use warnings;

my $mode = shift // '';
if ($mode eq '--candidates') {
	my $f = shift or die "usage\n";
	open(my $in, '<', $f) or die "$f: $!\n";
	my %seen;
	while (<$in>) {
		chomp;
		next if /^#/ || /^kind\t/;
		my ($kind, $w, $text, $origin) = split /\t/;
		next unless defined $origin;
		my $ph;
		if ($kind eq 'regex') {
			my ($re, $flags);
			if ($text =~ m{\A/(.*)/([a-z]*)\z}s) {
				($re, $flags) = ($1, $2);
			} elsif ($text =~ m{\Am\{(.*)\}([a-z]*)\z}s ||
			    $text =~ m{\Am(.)(.*)\1([a-z]*)\z}s) {
				($re, $flags) = defined $3 ? ($2, $3) : ($1, $2);
			} else {
				next;
			}
			my $ci = $flags =~ /i/;
			# A leading alternation, \b(?:a|b|c)rest or a|b, becomes
			# one entry per alternative, so that each can go to the
			# list of its first letter (see group()).
			for my $alt (split_alts($re)) {
				my $r = $ci ? $alt : "(?-i)$alt";
				next if $seen{lc $r}++;
				print "# $origin\n1\t/$r/\n";
			}
			next;
		} else {
			$ph = $text;
			$ph =~ s/^\s+|\s+$//g;
			next if length($ph) < 2;
		}
		next if $seen{lc $ph}++;
		print "# $origin\n1\t$ph\n";
	}
	exit 0;
}
if ($mode eq '--weigh') {
	my ($list, $hits, $nham, $nspam) = @_ = @ARGV;
	my (%h, %s);
	open(my $in, '<', $hits) or die "$hits: $!\n";
	while (<$in>) {
		chomp;
		my ($label, $line) = split /\t/;
		($label eq 'spam' ? $s{$line} : $h{$line})++;
	}
	open(my $l, '<', $list) or die "$list: $!\n";
	my ($n, $comment) = (0, '');
	print "# spam.txt - weighted spam phrases for deliv-lint: TAG<TAB>phrase,\n";
	print "# TAG the points a hit adds (once per message).  Weighed on the\n";
	print "# development part of the lint corpus by bench/lint-phrases.pl;\n";
	print "# origins and licences in NOTICE.\n";
	while (<$l>) {
		$n++;
		chomp;
		if (/^#/) { $comment = $_; next; }
		my (undef, $ph) = split /\t/, $_, 2;
		my $hs = $h{$n} // 0;
		my $ss = $s{$n} // 0;
		my $fs = ($ss + 0.5) / ($nspam + 1);
		my $fh = ($hs + 0.5) / ($nham + 1);
		# keep phrases seen in enough spam and rare in ham
		next if $ss < 4;
		next if $hs / $nham > 0.02;
		my $llr = log($fs / $fh);
		next if $llr < 1.0;
		my $w = $llr / 2;
		$w = 2.5 if $w > 2.5;
		$w = sprintf("%.1f", $w);
		next if $w < 0.3;
		# A phrase that can start anywhere (no first letter or digit to
		# jump to) costs a try at every byte: keep only the strong ones.
		if (group($ph) eq 'other') {
			next if $ss < 20 || $hs > 6;
			next if $ph =~ /\[_\\W\]|\^|\$\/\z|\A\/\(\?:\\b\|/;
		}
		# A repeated group of short words that can be split two ways
		# (SpamAssassin's __LOTTO_WINNINGS) is bounded: linear matching.
		my $note = '';
		$note = '; {1,6} for +: linear'
		    if $ph =~ s/(\|tu\)\\s\))\+/$1\{1,6\}/;
		print "$comment (spam $ss, ham $hs)$note\n$w\t$ph\n";
	}
	exit 0;
}
# Split a regex at the top-level "|" of a leading (?:...) group (keeping a
# \b before it and the rest after it on every alternative) or at its own
# top level; each piece must start with a letter, else the regex is kept
# whole.
sub top_split {
	my $r = shift;
	my ($d, $cls, $last, @p) = (0, 0, 0);
	for (my $k = 0; $k < length $r; $k++) {
		my $ch = substr($r, $k, 1);
		if ($ch eq '\\') { $k++; next; }
		if ($cls) { $cls = 0 if $ch eq ']'; next; }
		if ($ch eq '[') { $cls = 1; }
		elsif ($ch eq '(') { $d++; }
		elsif ($ch eq ')') { $d--; return undef if $d < 0; }
		elsif ($ch eq '|' && $d == 0) {
			push @p, substr($r, $last, $k - $last);
			$last = $k + 1;
		}
	}
	push @p, substr($r, $last);
	return @p;
}

# the end of the group that opens at offset 0 of $r, or -1
sub group_end {
	my $r = shift;
	my ($d, $cls) = (0, 0);
	for (my $k = 0; $k < length $r; $k++) {
		my $ch = substr($r, $k, 1);
		if ($ch eq '\\') { $k++; next; }
		if ($cls) { $cls = 0 if $ch eq ']'; next; }
		if ($ch eq '[') { $cls = 1; }
		elsif ($ch eq '(') { $d++; }
		elsif ($ch eq ')') { $d--; return $k if $d == 0; }
	}
	return -1;
}

sub split_alts {
	my ($re, $depth) = @_;
	$depth //= 0;
	return ($re) if $depth > 3;
	my @top = top_split($re);
	if (@top > 1) {
		my @out = map { split_alts($_, $depth + 1) } @top;
		return ($re) if grep { !starts_plain($_) } @out;
		return @out;
	}
	my $b = $re =~ /\A\\b/ ? '\b' : '';
	my $r = $b ? substr($re, 2) : $re;
	return ($re) unless $r =~ /\A\(\?:/;
	my $e = group_end($r);
	return ($re) if $e < 0;
	my $rest = substr($r, $e + 1);
	return ($re) if $rest =~ /\A[?*{+]/;
	my @alts = top_split(substr($r, 3, $e - 3));
	# (?:(?:a|b)x)y is (?:a|b)xy: unwrap, then split that
	if (@alts == 1 && $alts[0] =~ /\A\(\?:/) {
		my $in = $alts[0];
		my $ie = group_end($in);
		return ($re) if $ie < 0 || substr($in, $ie + 1) =~ /\A[?*{+]/;
		my @out = split_alts("$b$in$rest", $depth + 1);
		return @out > 1 ? @out : ($re);
	}
	return ($re) if @alts < 2;
	my @out = map { split_alts("$b(?:$_)$rest", $depth + 1) } @alts;
	return ($re) if grep { !starts_plain($_) } @out;
	return @out;
}

# A regex whose matches all start with one letter or digit (group()).
sub starts_plain {
	return group("/$_[0]/") ne 'other';
}

# The list a phrase goes to in lib/lint/spam.c (phrase_group): its first
# letter or digit, or "other".
sub group {
	my $p = shift;
	if ($p =~ m{\A/(.*)/\z}s) {
		my $r = $1;
		my ($d, $cls) = (0, 0);
		for (my $k = 0; $k < length $r; $k++) {
			my $ch = substr($r, $k, 1);
			if ($ch eq '\\') { $k++; next; }
			if ($cls) { $cls = 0 if $ch eq ']'; }
			elsif ($ch eq '[') { $cls = 1; }
			elsif ($ch eq '(') { $d++; }
			elsif ($ch eq ')') { $d--; }
			elsif ($ch eq '|' && $d == 0) { return 'other'; }
		}
		$r =~ s/\A\(\?-i\)//;
		$r =~ s/\A(?:\\b)+//;
		if ($r =~ /\A\(\?:/) {
			my $e = group_end($r);
			return 'other' if $e < 0 || substr($r, $e + 1) =~ /\A[?*{]/;
			my @a = top_split(substr($r, 3, $e - 3));
			return 'other' if @a != 1;
			$r = substr($r, 3);
		}
		return $r =~ /\A([A-Za-z0-9])(?![?*{])/ ? lc $1 : 'other';
	}
	return $p =~ /\A([A-Za-z0-9])/ ? lc $1 : 'other';
}

if ($mode eq '--groups') {
	while (<>) {
		next if /^#/;
		chomp;
		my (undef, $ph) = split /\t/, $_, 2;
		print group($ph), "\t$ph\n";
	}
	exit 0;
}
die "usage: lint-phrases.pl --candidates CAND | --weigh LIST HITS NHAM NSPAM\n";
