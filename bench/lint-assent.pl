#!/usr/bin/env perl
# lint-assent.pl SRCDIR DSTDIR <FILES: copy each message (path relative to
# SRCDIR, one a line on stdin) to DSTDIR "as sent": without the mbox From
# line and the trace headers a message picks up on its way (Received,
# Return-Path, Delivered-To, Delivery-Date, Envelope-To, X-Original-To),
# as the lint corpus's tools/sa-score.sh --as-sent does.
use strict;
use warnings;
my ($src, $dst) = @ARGV;
while (my $f = <STDIN>) {
  chomp $f;
  open(my $in, '<:raw', "$src/$f") or die "$f: $!";
  local $/; my $t = <$in>; close $in;
  $t =~ s/\AFrom [^\n]*\n//;
  my ($h, $sep, $b) = $t =~ /\A(.*?\n)(\r?\n)(.*)\z/s ? ($1, $2, $3) : ($t, "", "");
  my (@keep, $drop);
  for my $l (split /(?<=\n)/, $h) {
    if ($l =~ /\A[ \t]/) { push @keep, $l unless $drop; next }
    $drop = $l =~ /\A(?:Received|Return-Path|Delivered-To|Delivery-Date|Envelope-To|X-Original-To)[ \t]*:/i;
    push @keep, $l unless $drop;
  }
  (my $d = "$dst/$f") =~ s{/[^/]*\z}{};
  system("mkdir", "-p", $d) unless -d $d;
  open(my $out, '>:raw', "$dst/$f") or die; print $out join("", @keep) . $sep . $b; close $out;
}
