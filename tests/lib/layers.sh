#!/usr/bin/env bash
# layers.sh [LIBDIR]: check lib/'s layout and the one-way rule of its
# dependencies, from the #include lines alone.  Layers, lowest first:
#
#   core                                  depends on nothing else of lib/
#   mail, net                             on core
#   auth                                  on core, mail, net
#   bounce, trace, lint, dnscheck, warmup on core, mail, net, auth;
#                                         never on one another
#
# Also: no source file at lib/'s root, every folder a known one, every
# include spelled with its folder, every file opening with a comment, no
# .c file over 1,000 lines, and (when lib/ has a tools/ beside it) no
# program's main file over 300 lines.  Prints one line per breach; exit 1
# if any.
set -euo pipefail
lib=${1:-$(dirname "$0")/../../lib}
cd "$lib"
bad=0
breach() { echo "layers: $*"; bad=1; }

allowed() {	# folder -> the folders it may include
	case $1 in
	core) echo "core" ;;
	mail | net) echo "core $1" ;;
	auth) echo "core mail net auth" ;;
	bounce | trace | lint | dnscheck | warmup) echo "core mail net auth $1" ;;
	*) return 1 ;;
	esac
}

for f in *.[ch]; do
	[[ -e $f ]] && breach "$f: a source file at lib/'s root"
done
# Each file read once, by builtins: a fork or four a file made this a
# minute of the suite on a busy host.
for f in */*.[ch]; do
	dir=${f%%/*}
	if ! ok=$(allowed "$dir"); then
		breach "$f: unknown folder $dir (add it to tests/lib/layers.sh)"
		continue
	fi
	mapfile -t body <"$f"
	[[ ${body[0]-} == '/*'* ]] || breach "$f: does not open with a comment saying what it owns"
	if [[ $f == *.c ]] && ((${#body[@]} > 1000)); then
		breach "$f: ${#body[@]} lines (at most 1,000)"
	fi
	for line in "${body[@]}"; do
		[[ $line == *include* ]] || continue
		[[ $line =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*\"([^\"]*)\" ]] || continue
		inc=${BASH_REMATCH[1]}
		to=${inc%%/*}
		if [[ $inc != */* ]]; then
			breach "$f: #include \"$inc\" lacks its folder"
		elif [[ " $ok " != *" $to "* ]]; then
			breach "$f: #include \"$inc\": $dir may not depend on $to"
		fi
	done
done
for f in ../tools/*.c; do
	[[ -e $f ]] || continue
	mapfile -t body <"$f"
	n=${#body[@]}
	((n <= 300)) || breach "tools/${f##*/}: $n lines (at most 300: move the work into lib/)"
done
exit $bad
